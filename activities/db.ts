// One Prisma client per process, over the pg driver adapter.
import { createHash } from 'node:crypto';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/prisma/client';
import { attachReferenceCache } from './reference-data';

export type Db = PrismaClient;

/** A statement as the pg driver adapter sends it: its text, its arguments and their types (bytes come as base64). */
export interface SentStatement {
  sql: string;
  args: unknown[];
  argTypes?: { scalarType?: string }[];
}

export interface DbOptions {
  /**
   * Told of every statement sent, a transaction's BEGIN and COMMIT included: tests and the bench
   * count round trips, and the bench keeps a case's statements. Told by the adapter's own
   * per-statement hook (the one that names prepared statements), not by Prisma's query log, which
   * serialises every statement's arguments — a PDF's bytes too — on the way.
   */
  onStatement?: (statement: SentStatement) => void;
}

/** Connections one process keeps to PostgreSQL: DB_POOL_SIZE, 10 when it is not set. */
export function poolSize(env: string | undefined = process.env.DB_POOL_SIZE): number {
  if (!env?.trim()) return 10;
  const size = Number(env);
  if (!Number.isInteger(size) || size < 1) throw new Error(`DB_POOL_SIZE: ${env} is not a whole number of connections (1 or more)`);
  return size;
}

/** DB_STATEMENT_CACHE=off sends every statement unnamed (behind a pooler that cannot keep prepared statements). */
export function statementCache(env: string | undefined = process.env.DB_STATEMENT_CACHE): boolean {
  if (!env?.trim() || env === 'on') return true;
  if (env === 'off') return false;
  throw new Error(`DB_STATEMENT_CACHE: ${env} is neither on nor off`);
}

/**
 * The name a statement is prepared under on each connection, so that PostgreSQL parses and plans it
 * once per connection (and, after five runs, keeps a generic plan) instead of every time it is sent:
 * the case page's query spent 1.9 ms being planned for 1.6 ms running. pg keeps every statement a
 * connection has prepared for the connection's life, so only a bounded set is named: the first
 * STATEMENT_NAMES distinct texts this process sends with at most MAX_NAMED_PARAMETERS parameters (a
 * list of ids makes a text per length); the rest go unnamed, as before. The name is the text's hash.
 */
export function statementNamer(limit = STATEMENT_NAMES): (query: { sql: string; args: unknown[] }) => string | undefined {
  const names = new Map<string, string>();
  return ({ sql, args }) => {
    const known = names.get(sql);
    if (known !== undefined || names.size >= limit || args.length > MAX_NAMED_PARAMETERS) return known;
    const name = `prisma_${createHash('sha256').update(sql).digest('base64url').slice(0, 40)}`;
    names.set(sql, name);
    return name;
  };
}
const STATEMENT_NAMES = 1_000;
const MAX_NAMED_PARAMETERS = 64;

// A transaction that waits its turn for a connection in a burst (thousands of removals due at one
// instant) is queued, not failed: Prisma's default of 2 s made such waits errors to retry.
const transactionOptions = { maxWait: 15_000 };

export function createDb(url = process.env.DATABASE_URL, options: DbOptions = {}): Db {
  if (!url) throw new Error('DATABASE_URL is not set');
  const namer = statementCache() ? statementNamer() : undefined;
  const told = options.onStatement;
  const statementNameGenerator = told
    ? (query: SentStatement) => {
        told(query);
        return namer?.(query);
      }
    : namer;
  const adapter = new PrismaPg(
    { connectionString: url, max: poolSize() },
    statementNameGenerator ? { statementNameGenerator: statementNameGenerator as (query: SentStatement) => string } : {},
  );
  // Minimal errors: the default captures a stack trace on every call, to point a failed call's
  // message at its line — 16 ms of CPU per case in the bench's profile. Errors keep their codes.
  const db = new PrismaClient({ adapter, transactionOptions, errorFormat: 'minimal' });
  attachReferenceCache(db, url);
  return db;
}
