import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sharedWorkflowModules, workerRoles } from './worker';

describe('the worker process', () => {
  it('takes the roles WORKER_ROLES names, both when unset, and stops on a role it does not know', () => {
    expect(workerRoles(undefined)).toEqual(['procedures', 'documents']);
    expect(workerRoles('documents')).toEqual(['documents']);
    expect(workerRoles(' procedures , procedures')).toEqual(['procedures']);
    expect(() => workerRoles('procedures,renderer')).toThrow('WORKER_ROLES: unknown role renderer (roles: procedures, documents)');
  });

  it('shares, once per worker, every domain module a workflow imports (else each workflow evaluates its own copy)', () => {
    const dir = fileURLToPath(new URL('../workflows/', import.meta.url));
    const imported = new Set<string>();
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))) {
      // Value imports only: `import type` is erased and never reaches the bundle.
      for (const [, what, from] of readFileSync(dir + file, 'utf8').matchAll(/^import (type )?[^;]*?from '\.\.\/domain\/([^']+)';/gms))
        if (!what && from)
          imported.add(fileURLToPath(new URL(`../domain/${from.endsWith('i18n') ? 'i18n/index' : from}.ts`, import.meta.url)));
    }
    expect(imported.size).toBeGreaterThan(3);
    expect([...imported].filter((m) => !sharedWorkflowModules.includes(m))).toEqual([]);
    // Nothing shared may carry a workflow's own state: no domain module (the shared ones and all they
    // import) uses Temporal's workflow API.
    const domain = fileURLToPath(new URL('../domain/', import.meta.url));
    const sources = readdirSync(domain, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
    expect(sources.length).toBeGreaterThan(10);
    for (const f of sources) expect(readFileSync(domain + f, 'utf8'), f).not.toContain('@temporalio/workflow');
  });
});
