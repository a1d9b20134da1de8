// One Prisma client per process, over the pg driver adapter.
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient, type Prisma } from '../generated/prisma/client';

export type Db = PrismaClient;

export interface DbOptions {
  /** Told of every statement sent (Prisma's query event; a transaction's BEGIN is not among them, its COMMIT is): the bench counts round trips. */
  onQuery?: (event: Prisma.QueryEvent) => void;
}

export function createDb(url = process.env.DATABASE_URL, options: DbOptions = {}): Db {
  if (!url) throw new Error('DATABASE_URL is not set');
  const adapter = new PrismaPg({ connectionString: url, max: 10 });
  if (!options.onQuery) return new PrismaClient({ adapter });
  const db = new PrismaClient({ adapter, log: [{ emit: 'event', level: 'query' }] });
  db.$on('query', options.onQuery);
  return db as unknown as Db;
}
