// One Prisma client per process, over the pg driver adapter.
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient, type Prisma } from '../generated/prisma/client';
import { attachReferenceCache } from './reference-data';

export type Db = PrismaClient;

export interface DbOptions {
  /** Told of every statement sent (Prisma's query event; a transaction's BEGIN is not among them, its COMMIT is): the bench counts round trips. */
  onQuery?: (event: Prisma.QueryEvent) => void;
}

/** Connections one process keeps to PostgreSQL: DB_POOL_SIZE, 10 when it is not set. */
export function poolSize(env: string | undefined = process.env.DB_POOL_SIZE): number {
  if (!env?.trim()) return 10;
  const size = Number(env);
  if (!Number.isInteger(size) || size < 1) throw new Error(`DB_POOL_SIZE: ${env} is not a whole number of connections (1 or more)`);
  return size;
}

// A transaction that waits its turn for a connection in a burst (thousands of removals due at one
// instant) is queued, not failed: Prisma's default of 2 s made such waits errors to retry.
const transactionOptions = { maxWait: 15_000 };

export function createDb(url = process.env.DATABASE_URL, options: DbOptions = {}): Db {
  if (!url) throw new Error('DATABASE_URL is not set');
  const adapter = new PrismaPg({ connectionString: url, max: poolSize() });
  let db: Db;
  if (!options.onQuery) db = new PrismaClient({ adapter, transactionOptions });
  else {
    const logged = new PrismaClient({ adapter, transactionOptions, log: [{ emit: 'event', level: 'query' }] });
    logged.$on('query', options.onQuery);
    db = logged as unknown as Db;
  }
  attachReferenceCache(db, url);
  return db;
}
