import type { Db } from './db';
import { createDesignationActivities } from './designation';

export function createActivities(db: Db) {
  return { ...createDesignationActivities(db) };
}
