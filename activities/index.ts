import { recordSystemEvent } from './audit';
import type { Db } from './db';
import { createDeadlineActivities } from './deadlines';
import { createDesignationActivities } from './designation';
import { createDocumentActivities } from './documents';
import { failDataErrorsOnce, reportStuck } from './failures';
import { createListingActivities } from './listing';
import { createServiceActivities } from './service';
import { createInterviewActivities } from './interviews';
import { createRedListingActivities } from './red-listing';
import { collectingOutbox, createUnitDeadlineActivities, createWebhookActivities, startPendingWorkflows, type Outbox } from './units';
import { createCalendarCorrectionActivities } from './calendar-correction';
import { createImportActivities } from './import';

export function createActivities(db: Db) {
  const activities = failDataErrorsOnce({
    ...createDesignationActivities(db),
    ...createDeadlineActivities(db),
    ...createListingActivities(db),
    ...createServiceActivities(db),
    ...createInterviewActivities(db),
    ...createRedListingActivities(db),
    ...createDocumentActivities(db, recordSystemEvent),
  });
  return {
    ...afterCommit(db, reportStuck(db, activities)),
    ...createWebhookActivities(db),
    ...createUnitDeadlineActivities(db),
    ...createCalendarCorrectionActivities(db),
    ...createImportActivities(db),
  };
}

/**
 * After a procedure activity commits, the webhook deliveries and deadline watches its pushes wrote
 * are started (only those: an activity that pushed nothing costs no query). A failure to start one
 * never fails the procedure: it stays pending for the worker's sweep.
 */
function afterCommit<T extends Record<string, (...args: never[]) => Promise<unknown>>>(db: Db, activities: T): T {
  const wrapped: Record<string, (...args: never[]) => Promise<unknown>> = {};
  for (const [name, fn] of Object.entries(activities)) {
    wrapped[name] = async (...args) => {
      const outbox: Outbox = { pushes: [] };
      const result = await collectingOutbox.run(outbox, () => fn(...args));
      await startPendingWorkflows(db, undefined, outbox).catch((err: unknown) =>
        console.warn(`webhook deliveries or deadline watches not started yet: ${String(err)}`),
      );
      return result;
    };
  }
  return wrapped as T;
}
