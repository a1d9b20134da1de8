// The embedded database server: several pooled connections, as the API and the worker open them,
// using the extended protocol (parameters) and transactions at the same time, all answered right.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { startPgliteServer, type PgliteServer } from './pglite-server';

let server: PgliteServer;
let pool: pg.Pool;
beforeAll(async () => {
  server = await startPgliteServer({ dataDir: 'memory://', port: 0 });
  pool = new pg.Pool({ connectionString: `postgresql://postgres:postgres@127.0.0.1:${server.port}/postgres?sslmode=disable`, max: 8 });
  await pool.query('CREATE TABLE counter (id int PRIMARY KEY, n int NOT NULL)');
  await pool.query('INSERT INTO counter VALUES (1, 0)');
});
afterAll(async () => {
  await pool?.end();
  await server?.stop();
});

describe('the embedded PGlite server', () => {
  it('answers 400 concurrent parameterised queries on 8 connections, each with its own parameters', async () => {
    const results = await Promise.all(
      Array.from({ length: 400 }, (_, i) => pool.query<{ a: number; b: string }>('SELECT $1::int AS a, $2::text AS b', [i, `v${i}`])),
    );
    results.forEach((r, i) => expect(r.rows[0]).toEqual({ a: i, b: `v${i}` }));
  });

  it('keeps transactions whole while other connections query', async () => {
    const increments = Array.from({ length: 20 }, async () => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const { rows } = await client.query<{ n: number }>('SELECT n FROM counter WHERE id = $1', [1]);
        await client.query('UPDATE counter SET n = $1 WHERE id = $2', [rows[0]!.n + 1, 1]);
        await client.query('COMMIT');
      } finally {
        client.release();
      }
    });
    const readers = Array.from({ length: 50 }, (_, i) => pool.query('SELECT $1::int AS i', [i]));
    await Promise.all([...increments, ...readers]);
    expect((await pool.query<{ n: number }>('SELECT n FROM counter WHERE id = 1')).rows[0]!.n).toBe(20);
  });

  it('rolls back a transaction whose connection goes away, and serves the others', async () => {
    const client = new pg.Client({ connectionString: `postgresql://postgres:postgres@127.0.0.1:${server.port}/postgres?sslmode=disable` });
    await client.connect();
    await client.query('BEGIN');
    await client.query('UPDATE counter SET n = 999 WHERE id = 1');
    await client.end();
    expect((await pool.query<{ n: number }>('SELECT n FROM counter WHERE id = $1', [1])).rows[0]!.n).toBe(20);
  });
});
