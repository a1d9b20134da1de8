// Test databases on the real PostgreSQL the test script starts: a template migrated with
// `prisma migrate deploy` (through the offline schema engine) and seeded once, then one copy per
// test file, created from the template in milliseconds.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createDb, type Db } from '../../activities/db';
import { seedDemoAccounts, seedReferenceData } from '../../prisma/seed';

export const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:55433/postgres';
const root = fileURLToPath(new URL('../..', import.meta.url));
// One template per checkout: two checkouts' test runs on one PostgreSQL (a colleague's, or a
// forgotten TEST_DATABASE_URL) never drop each other's template mid-run.
export const TEMPLATE = `credit_test_template_${createHash('sha256').update(root).digest('hex').slice(0, 8)}`;

export function databaseUrl(name: string): string {
  const u = new URL(ADMIN_URL);
  u.pathname = `/${name}`;
  return u.toString();
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: ADMIN_URL });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** Runs one statement on its own connection to `url` and returns its rows. */
export async function query(url: string, sql: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(sql)).rows;
  } finally {
    await c.end();
  }
}

export async function prepareTemplate(): Promise<void> {
  await admin(async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${TEMPLATE} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${TEMPLATE}`);
  });
  const url = databaseUrl(TEMPLATE);
  execFileSync(`${root}/scripts/prisma.sh`, ['migrate', 'deploy'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url },
    stdio: 'pipe',
  });
  const db = createDb(url);
  await seedReferenceData(db);
  await seedDemoAccounts(db);
  await db.$disconnect();
}

/** A fresh database copied from the template; returns its URL. */
export async function createTestDatabase(label: string): Promise<string> {
  const name = `credit_test_${label.replace(/\W/g, '_')}_${process.pid}_${Date.now()}`.toLowerCase();
  await admin((c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE}`));
  return databaseUrl(name);
}

export async function dropTestDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

/**
 * Every table of the procedure, each as a digest of its rows: equal digests before and after, and
 * nothing changed. (Sessions and the access log grow on any request; sign-ins are recorded.)
 */
export async function tableDigests(db: Db): Promise<Record<string, string>> {
  const names = await db.$queryRaw<{ name: string }[]>`
    SELECT tablename AS name FROM pg_tables
    WHERE schemaname = 'public' AND tablename NOT IN ('_prisma_migrations', 'Session', 'AccessLog', 'LoginAttempt', 'AccountEvent')`;
  const digests: Record<string, string> = {};
  for (const { name } of names) {
    const [row] = await db.$queryRawUnsafe<{ digest: string | null }[]>(
      `SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) AS digest FROM "${name}" t`,
    );
    digests[name] = row?.digest ?? '';
  }
  return digests;
}
