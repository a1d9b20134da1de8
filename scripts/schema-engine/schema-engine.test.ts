// The offline schema engine, driven by the real Prisma CLI against the real PostgreSQL: it must
// migrate, diff, and above all fail loudly — a migration that cannot be applied never exits 0.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { projectRoot } from '../temporal-server';
import { ADMIN_URL, databaseUrl, dropTestDatabase, query } from '../../tests/support/database';

const work = `${projectRoot}.tools/schema-engine-test-${process.pid}`;
const created: string[] = [];

function prisma(args: string[], url: string, cwd = projectRoot) {
  const r = spawnSync(`${projectRoot}scripts/prisma.sh`, args, {
    cwd,
    env: { ...process.env, DATABASE_URL: url, PRISMA_SCHEMA_ENGINE_BINARY: `${projectRoot}scripts/schema-engine/schema-engine` },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: r.status, output: `${r.stdout}\n${r.stderr}` };
}

async function emptyDatabase(label: string): Promise<string> {
  const name = `credit_se_${label}_${process.pid}`;
  const c = new pg.Client({ connectionString: ADMIN_URL });
  await c.connect();
  await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await c.query(`CREATE DATABASE ${name}`);
  await c.end();
  const url = databaseUrl(name);
  created.push(url);
  return url;
}

beforeAll(() => {
  mkdirSync(work, { recursive: true });
});
afterAll(async () => {
  rmSync(work, { recursive: true, force: true });
  for (const url of created) await dropTestDatabase(url);
});

describe('schema engine stand-in (@prisma/schema-engine-wasm)', () => {
  it('applies the project migrations with `migrate deploy` and records them', async () => {
    const url = await emptyDatabase('deploy');
    const r = prisma(['migrate', 'deploy'], url);
    expect(r.status, r.output).toBe(0);
    const tables = (await query(url, `SELECT tablename FROM pg_tables WHERE schemaname = 'public'`)).map((t) => t.tablename);
    expect(tables).toEqual(expect.arrayContaining(['Case', 'CaseEvent', 'User', 'Policy', 'CalendarDay', '_prisma_migrations']));
    const applied = await query(url, `SELECT migration_name, finished_at FROM _prisma_migrations`);
    expect(applied.length).toBeGreaterThan(0);
    expect(applied.every((m) => m.finished_at !== null)).toBe(true);
    // Running it again is a no-op that still succeeds.
    expect(prisma(['migrate', 'status'], url).status).toBe(0);
  });

  it('fails loudly, exit code non-zero, when a migration cannot be applied', async () => {
    const url = await emptyDatabase('broken');
    cpSync(`${projectRoot}prisma`, `${work}/prisma`, { recursive: true });
    mkdirSync(`${work}/prisma/migrations/29991231000000_broken`, { recursive: true });
    writeFileSync(`${work}/prisma/migrations/29991231000000_broken/migration.sql`, 'ALTER TABLE "NoSuchTable" ADD COLUMN "x" INTEGER;\n');
    writeFileSync(
      `${work}/prisma.config.ts`,
      `import { defineConfig } from 'prisma/config';\nexport default defineConfig({ schema: 'prisma/schema.prisma', migrations: { path: 'prisma/migrations' }, datasource: { url: process.env.DATABASE_URL! } });\n`,
    );
    const r = prisma(['migrate', 'deploy'], url, work);
    expect(r.status).not.toBe(0);
    expect(r.output).toMatch(/NoSuchTable/);
    const failed = await query(
      url,
      `SELECT migration_name, finished_at FROM _prisma_migrations WHERE migration_name = '29991231000000_broken'`,
    );
    expect(failed).toEqual([{ migration_name: '29991231000000_broken', finished_at: null }]);
  });

  it('fails loudly when the database cannot be reached', () => {
    const r = prisma(['migrate', 'deploy'], 'postgresql://postgres@127.0.0.1:9/nowhere');
    expect(r.status).not.toBe(0);
    expect(r.output).toMatch(/P1001|reach/i);
  });

  it('writes SQL for the schema offline with `migrate diff`', async () => {
    const url = await emptyDatabase('diff');
    const r = prisma(['migrate', 'diff', '--from-empty', '--to-schema', 'prisma/schema.prisma', '--script'], url);
    expect(r.status, r.output).toBe(0);
    expect(r.output).toContain('CREATE TABLE "Case"');
    expect(r.output).toContain('CREATE UNIQUE INDEX "CaseEvent_caseId_stepKey_key"');
  });

  it('finds the committed migrations in step with schema.prisma (no migration forgotten)', async () => {
    const url = await emptyDatabase('drift');
    const r = prisma(
      ['migrate', 'diff', '--from-migrations', 'prisma/migrations', '--to-schema', 'prisma/schema.prisma', '--exit-code'],
      url,
    );
    expect(r.status, r.output).toBe(0);
  });
});
