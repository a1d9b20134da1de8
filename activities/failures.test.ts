// A value PostgreSQL refuses fails its activity once, non-retryably; a database that cannot be
// reached is retried.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApplicationFailure } from '@temporalio/activity';
import { createTestDatabase, dropTestDatabase } from '../tests/support/database';
import { createDb, type Db } from './db';
import { DATA_REFUSED, failDataErrorsOnce, isDataError } from './failures';

let url: string;
let db: Db;
beforeAll(async () => {
  url = await createTestDatabase('failures');
  db = createDb(url);
});
afterAll(async () => {
  await db?.$disconnect();
  if (url) await dropTestDatabase(url);
});

const failureOf = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e,
  );

describe('activity failures on bad data', () => {
  it('fails a NUL byte and an impossible date once, non-retryably, naming the activity', async () => {
    const { storeText, storeDate } = failDataErrorsOnce({
      storeText: (text: string) => db.$executeRaw`select ${text}::text`,
      storeDate: (date: string) => db.$executeRaw`select ${date}::date`,
    });
    for (const err of [await failureOf(storeText('陈述\u0000申辩')), await failureOf(storeDate('2026-02-30'))]) {
      expect(err).toBeInstanceOf(ApplicationFailure);
      expect(err).toMatchObject({ type: DATA_REFUSED, nonRetryable: true });
      expect((err as Error).message).toMatch(/^store(Text|Date): the database refused the data/);
    }
  });

  it('leaves a database that cannot be reached to the retry policy', async () => {
    const away = createDb('postgresql://postgres@127.0.0.1:1/none');
    const err = await failureOf(away.$executeRaw`select 1`);
    expect(err).toBeTruthy();
    expect(isDataError(err)).toBe(false);
    await away.$disconnect();
  });
});
