// The list types and the calendar kept in memory: read once, and a change made anywhere — here by
// a plain SQL client, as psql or a restore would — is seen by the next read.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { createTestDatabase, dropTestDatabase } from '../tests/support/database';
import { calendarForDisplay } from './calendar';
import { createDb, type Db } from './db';
import { ReferenceCache, listTypes, referenceCacheOf } from './reference-data';

let url: string;
let db: Db;
let sql: pg.Client;
let queries = 0;

const until = async (what: string, check: () => boolean | Promise<boolean>, ms = 10_000) => {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`not within ${ms} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};
/** The queries `run` sent through Prisma. */
const counted = async <T>(run: () => Promise<T>): Promise<[T, number]> => {
  const before = queries;
  const result = await run();
  return [result, queries - before];
};
const nameOf = async (code: string) => (await listTypes(db)).find((t) => t.code === code)?.name;

beforeAll(async () => {
  url = await createTestDatabase('reference_data');
  db = createDb(url, { onStatement: () => queries++ });
  sql = new pg.Client({ connectionString: url });
  await sql.connect();
  await listTypes(db); // opens the listener
  await until('the listener is connected', () => referenceCacheOf(db)!.active);
});

afterAll(async () => {
  await sql?.end();
  await db?.$disconnect();
  if (url) await dropTestDatabase(url);
});

describe('list types and the calendar kept in memory', () => {
  it('reads the list types once, and a renaming made anywhere shows on the next read', async () => {
    const [first, read] = await counted(() => listTypes(db));
    const [again, reread] = await counted(() => listTypes(db));
    expect(read).toBe(1);
    expect(reread).toBe(0);
    expect(again).toEqual(first);
    const code = first[0]!.code;

    await sql.query(`UPDATE "ListType" SET name = '更名后的名单' WHERE code = $1`, [code]);
    await until('the new name is read', async () => (await nameOf(code)) === '更名后的名单', 2_000);
    const [, afterChange] = await counted(() => listTypes(db));
    expect(afterChange).toBe(0); // kept again once read afresh
  });

  it('counts the working days left with a holiday entered a moment ago', async () => {
    const year = new Date().getFullYear() + 1;
    const before = await calendarForDisplay(db, year);
    const [, reread] = await counted(() => calendarForDisplay(db, year));
    expect(reread).toBe(0);
    const day = `${year}-06-17`;
    expect(before.holidays.has(day)).toBe(false);

    await sql.query(`INSERT INTO "CalendarDay" (date, kind, name) VALUES ($1, 'HOLIDAY', '测试假日')`, [day]);
    await until('the holiday is counted', async () => (await calendarForDisplay(db, year)).holidays.has(day), 2_000);
  });

  it('keeps nothing while its connection is lost, and keeps again once it is back', async () => {
    const cache = referenceCacheOf(db)!;
    await sql.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = 'LISTEN reference_changed' AND datname = current_database()`,
    );
    await until('the loss is noticed', () => !cache.active);

    // Changed while nobody listens: every read goes to the database, so it is seen at once.
    const code = (await listTypes(db))[0]!.code;
    await sql.query(`UPDATE "ListType" SET name = '断线期间更名' WHERE code = $1`, [code]);
    const [name, read] = await counted(() => nameOf(code));
    expect(name).toBe('断线期间更名');
    expect(read).toBe(1);

    await until('the listener is back', () => cache.active, 10_000);
    await listTypes(db);
    const [, reread] = await counted(() => listTypes(db));
    expect(reread).toBe(0);
  });

  it('keeps nothing while its own notices are not heard back (a listener behind a pooler that mislays them)', async () => {
    // Its heartbeat is sent nowhere: connected and listening, it never hears it.
    const deaf = new ReferenceCache(url, async () => undefined);
    try {
      let reads = 0;
      const load = async () => (reads++, (await sql.query('SELECT count(*) FROM "ListType"')).rows);
      await deaf.read('k', load);
      await new Promise((r) => setTimeout(r, 6_000)); // past the 5 s it waits to hear its notice
      expect(deaf.active).toBe(false);
      await deaf.read('k', load);
      await deaf.read('k', load);
      expect(reads).toBe(3);
    } finally {
      await deaf.close();
    }
  });

  it('closes its listening connection with the client', async () => {
    const other = createDb(url);
    const listening = async () =>
      Number(
        (
          await sql.query(
            `SELECT count(*) AS n FROM pg_stat_activity WHERE query = 'LISTEN reference_changed' AND datname = current_database()`,
          )
        ).rows[0].n,
      );
    const before = await listening();
    await listTypes(other);
    await until('the second listener is connected', () => referenceCacheOf(other)!.active);
    expect(await listening()).toBe(before + 1);
    await other.$disconnect();
    await until('its connection is gone', async () => (await listening()) === before, 2_000);
  });
});
