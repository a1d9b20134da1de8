// An activity that fails on the data it was given fails once, not forever: the database refusing a
// value (PostgreSQL class 22 "data exception", Prisma's value errors) will refuse it on every
// retry, and an endless retry wedges the case. Such a failure becomes non-retryable, with a code
// the workflow turns into a refusal of the step; anything else (a connection lost, a deadlock) is
// retried, within the bounded retry policy of the workflows.
import { ApplicationFailure, Context } from '@temporalio/activity';
import type { Db } from './db';

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

/** After this many failed attempts of one activity, its case shows as stuck on the deadline watch. */
export const STUCK_AFTER_ATTEMPTS = 3;

/** The attempt an activity is on and the most it is given (1 and none outside a worker, as when a test calls it directly). */
function attemptNow(): { attempt: number; maximumAttempts?: number } {
  try {
    const { attempt, retryPolicy } = Context.current().info;
    return { attempt, maximumAttempts: retryPolicy?.maximumAttempts || undefined };
  } catch {
    return { attempt: 1 };
  }
}

/**
 * Wraps every activity so that one that keeps failing on a case — the workflow retrying it — marks
 * the case as stuck (StuckActivity), with the attempts and the last error, until it succeeds, or
 * a step's activity fails for good (its last attempt spent, or its error not to be retried): the
 * step is then refused and open again, and the case no longer waits on it. The mark is best
 * effort: when the database itself is down it cannot be written, and the retries go on.
 */
export function reportStuck<T extends Record<string, (...args: never[]) => Promise<unknown>>>(db: Db, activities: T): T {
  const wrapped: Record<string, (...args: never[]) => Promise<unknown>> = {};
  for (const [activity, fn] of Object.entries(activities)) {
    wrapped[activity] = async (...args) => {
      const { attempt, maximumAttempts } = attemptNow();
      const caseId = (args[0] as { caseId?: unknown } | undefined)?.caseId;
      if (typeof caseId !== 'string') return fn(...args);
      try {
        const result = await fn(...args);
        if (attempt >= STUCK_AFTER_ATTEMPTS) await db.stuckActivity.deleteMany({ where: { caseId, activity } });
        return result;
      } catch (err) {
        const final = err instanceof ApplicationFailure && err.nonRetryable;
        // A step's activity (its attempts bounded) that fails for good: the step is refused.
        const refused = maximumAttempts !== undefined && (final || attempt >= maximumAttempts);
        if (refused && attempt >= STUCK_AFTER_ATTEMPTS)
          await db.stuckActivity.deleteMany({ where: { caseId, activity } }).catch(() => undefined);
        else if (attempt >= STUCK_AFTER_ATTEMPTS && !final) {
          const lastError = String((err as Error)?.message ?? err).slice(0, 1000);
          await db.stuckActivity
            .upsert({
              where: { caseId_activity: { caseId, activity } },
              create: { caseId, activity, attempts: attempt, lastError, since: new Date() },
              update: { attempts: attempt, lastError },
            })
            .catch(() => undefined);
        }
        throw err;
      }
    };
  }
  return wrapped as T;
}
