// An activity that fails on the data it was given fails once, not forever: the database refusing a
// value (PostgreSQL class 22 "data exception", Prisma's value errors) will refuse it on every
// retry, and an endless retry wedges the case. Such a failure becomes non-retryable, with a code
// the workflow turns into a refusal of the step; anything else (a connection lost, a deadlock) is
// retried, within the bounded retry policy of the workflows.
import { ApplicationFailure } from '@temporalio/activity';

/** Prisma's error codes for a value the column cannot hold. */
const PRISMA_VALUE_ERRORS = new Set(['P2000', 'P2005', 'P2006', 'P2007', 'P2011', 'P2012', 'P2019', 'P2020', 'P2023', 'P2033']);

/** Whether the database refused the data itself (as opposed to being unreachable or busy). */
export function isDataError(err: unknown): boolean {
  // Prisma nests the driver's error: error.meta.driverAdapterError.cause.originalCode.
  const seen: unknown[] = [];
  for (const queue = [err]; queue.length > 0 && seen.length < 12;) {
    const e = queue.shift() as Record<string, unknown> | undefined;
    if (!e || typeof e !== 'object' || seen.includes(e)) continue;
    seen.push(e);
    if (typeof e.code === 'string' && PRISMA_VALUE_ERRORS.has(e.code)) return true;
    // PostgreSQL's SQLSTATE, as the pg driver adapter carries it.
    for (const state of [e.originalCode, e.code]) if (typeof state === 'string' && /^22[0-9A-Z]{3}$/.test(state)) return true;
    queue.push(e.cause, e.meta, e.driverAdapterError);
  }
  return false;
}

export const DATA_REFUSED = 'DATA_REFUSED';

/** Wraps every activity so that a data error fails it once, non-retryably, saying what was refused. */
export function failDataErrorsOnce<T extends Record<string, (...args: never[]) => Promise<unknown>>>(activities: T): T {
  const wrapped: Record<string, (...args: never[]) => Promise<unknown>> = {};
  for (const [name, fn] of Object.entries(activities)) {
    wrapped[name] = async (...args) => {
      try {
        return await fn(...args);
      } catch (err) {
        if (!isDataError(err)) throw err;
        throw ApplicationFailure.create({
          type: DATA_REFUSED,
          message: `${name}: the database refused the data: ${(err as Error).message?.slice(0, 300)}`,
          nonRetryable: true,
          cause: err instanceof Error ? err : undefined,
        });
      }
    };
  }
  return wrapped as T;
}
