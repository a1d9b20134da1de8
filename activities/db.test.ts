import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, poolSize, statementCache, statementNamer, type Db } from './db';
import { createTestDatabase, dropTestDatabase } from '../tests/support/database';

describe('DB_POOL_SIZE', () => {
  it('is 10 connections when not set, and a bad value stops the process naming the setting', () => {
    expect(poolSize('')).toBe(10);
    expect(poolSize(' ')).toBe(10);
    expect(poolSize('24')).toBe(24);
    for (const bad of ['0', '-3', '2.5', 'ten'])
      expect(() => poolSize(bad)).toThrow(/^DB_POOL_SIZE: .+ is not a whole number of connections/);
  });
});

describe('prepared statements (DB_STATEMENT_CACHE)', () => {
  let url: string;
  const opened: Db[] = [];
  /** A client of one connection, as the process would open it with the setting given. */
  const oneConnection = (cache: string) => {
    const before = { pool: process.env.DB_POOL_SIZE, cache: process.env.DB_STATEMENT_CACHE };
    Object.assign(process.env, { DB_POOL_SIZE: '1', DB_STATEMENT_CACHE: cache });
    try {
      const db = createDb(url);
      opened.push(db);
      return db;
    } finally {
      for (const [k, v] of [
        ['DB_POOL_SIZE', before.pool],
        ['DB_STATEMENT_CACHE', before.cache],
      ] as const)
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
    }
  };
  const prepared = async (db: Db) =>
    (await db.$queryRawUnsafe<{ statement: string }[]>('SELECT statement FROM pg_prepared_statements')).map((r) => r.statement);

  beforeAll(async () => {
    url = await createTestDatabase('statements');
  });
  afterAll(async () => {
    for (const db of opened) await db.$disconnect();
    await dropTestDatabase(url);
  });

  it('keeps a statement prepared on its connection, parsed and planned once; off, sends each unnamed', async () => {
    for (const [setting, kept] of [
      ['', true],
      ['off', false],
    ] as const) {
      const db = oneConnection(setting);
      for (let i = 0; i < 3; i++) await db.department.findFirst({ where: { name: '市信用办' }, select: { id: true } });
      const statements = await prepared(db);
      expect(statements.some((s) => s.includes('FROM "public"."Department"'))).toBe(kept);
    }
    expect(() => statementCache('sometimes')).toThrow(/^DB_STATEMENT_CACHE: sometimes is neither on nor off/);
  });

  it('names only a bounded set: the first texts seen, of few parameters; the same text always the same name', () => {
    const name = statementNamer(2);
    const q = (sql: string, n = 1) => ({ sql, args: Array.from({ length: n }, () => 0) });
    const a = name(q('SELECT 1'));
    expect(a).toMatch(/^prisma_[\w-]{40}$/);
    expect(name(q('SELECT 1'))).toBe(a);
    expect(name(q('SELECT $1 IN (…)', 65))).toBeUndefined(); // a long list of ids: a text per length
    expect(name(q('SELECT 2'))).toMatch(/^prisma_/);
    expect(name(q('SELECT 3'))).toBeUndefined(); // past the bound: unnamed, as before
    expect(name(q('SELECT 1'))).toBe(a);
  });
});
