import type { Db } from './db';
import { createDesignationActivities, recordSystemEvent } from './designation';
import { createDocumentActivities } from './documents';

export function createActivities(db: Db) {
  return { ...createDesignationActivities(db), ...createDocumentActivities(db, recordSystemEvent) };
}
