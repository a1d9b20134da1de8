// The OpenAPI document is generated from the endpoints' schemas: every route the server answers is
// in it, with the roles that may call it, what it takes and what it answers; and it is served with
// a page to read it.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@temporalio/client';
import { createApp } from './app';
import { createDb } from '../activities/db';
import { STEPS, STEP_NAMES, stepPath } from '../domain/steps';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a JSON document read by path
type OpenApi = Record<string, any>;
type Layer = { route?: { path: string; methods: Record<string, boolean> }; handle: { stack?: Layer[] }; rawPath?: string };

/** Every route the Express app answers, as "METHOD /path" with {params}. */
function routesOf(stack: Layer[], prefix = ''): string[] {
  return stack.flatMap((layer) => {
    if (layer.route) {
      const path = `${prefix}${layer.route.path}`.replace(/:(\w+)/g, '{$1}');
      return Object.keys(layer.route.methods).map((m) => `${m.toUpperCase()} ${path}`);
    }
    const mount = typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : '';
    return layer.handle.stack ? routesOf(layer.handle.stack, prefix + mount) : [];
  });
}

let server: Server;
let base: string;
let app: ReturnType<typeof createApp>;
beforeAll(async () => {
  // No request here reaches the database or Temporal.
  const temporal = { options: { namespace: 'default' } } as unknown as Client;
  app = createApp({ db: createDb('postgresql://postgres@127.0.0.1:1/none'), temporal });
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server?.close(() => resolve())));

describe('the OpenAPI document', () => {
  it('has every route the server answers, with its method', async () => {
    const doc = (await (await fetch(`${base}/api/openapi.json`)).json()) as OpenApi;
    expect(doc.openapi).toBe('3.1.0');
    const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );
    const answered = routesOf((app as unknown as { router: { stack: Layer[] } }).router.stack).filter(
      (r) => r.includes(' /api/') && !r.includes(' /api/docs'), // the reference page itself
    );
    expect(answered.length).toBeGreaterThan(25);
    expect(answered.filter((r) => !documented.includes(r))).toEqual([]);
  });

  it('describes each step of the catalogue: its roles, its request and its answer', async () => {
    const doc = (await (await fetch(`${base}/api/openapi.json`)).json()) as OpenApi;
    for (const name of STEP_NAMES) {
      const op = doc.paths[`/api/cases/{id}/${stepPath(name, '{matterId}')}`]?.post;
      expect(op, name).toBeDefined();
      expect(op.summary).toContain(STEPS[name].label[0]);
      expect(op.requestBody.content['application/json'].schema).toBeDefined();
      expect(op.responses['200'].content['application/json'].schema).toBeDefined();
      expect(op.responses['409'].content['application/problem+json']).toBeDefined();
    }
    const statement = doc.paths['/api/cases/{id}/statements'].post;
    expect(statement.description).toContain('当事人 party');
    expect(JSON.stringify(statement.requestBody.content['application/json'].schema)).toContain('content');
    expect(doc.paths['/api/public/listings'].get.security).toEqual([]);
    expect(doc.components.schemas.CaseDetail.properties.events.items).toBeDefined();
  });

  it('is readable at /api/docs without anything from the internet', async () => {
    const page = await fetch(`${base}/api/docs/`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('/api/docs/swagger-ui-bundle.js');
    expect(html).not.toMatch(/https?:\/\//);
    const bundle = await fetch(`${base}/api/docs/swagger-ui-bundle.js`);
    expect(bundle.status).toBe(200);
    expect(await fetch(`${base}/api/docs/init.js`).then((r) => r.text())).toContain("url: '/api/openapi.json'");
  });
});
