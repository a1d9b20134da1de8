import { recordSystemEvent } from './audit';
import type { Db } from './db';
import { createDeadlineActivities } from './deadlines';
import { createDesignationActivities } from './designation';
import { createDocumentActivities } from './documents';
import { failDataErrorsOnce, reportStuck } from './failures';
import { createListingActivities } from './listing';
import { createServiceActivities } from './service';
import { createInterviewActivities } from './interviews';

export function createActivities(db: Db) {
  const activities = failDataErrorsOnce({
    ...createDesignationActivities(db),
    ...createDeadlineActivities(db),
    ...createListingActivities(db),
    ...createServiceActivities(db),
    ...createInterviewActivities(db),
    ...createDocumentActivities(db, recordSystemEvent),
  });
  return reportStuck(db, activities);
}
