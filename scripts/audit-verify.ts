// Checks the hash chains of the audit trail, of the access log (查询使用登记) and of the
// administrators' changes (管理变更记录) (`npm run audit:verify`, DATABASE_URL set): every entry's hash recomputed by the database's own function,
// every link to the entry before it, every place in its case's trail or in the log. Prints the first
// entry of each that does not match — its case or place, what it records and what is wrong — and
// exits 1; exits 0 when all three are intact.
import { fileURLToPath } from 'node:url';
import { createDb, type Db } from '../activities/db';

export interface Broken {
  caseNumber: string;
  position: number;
  eventId: string;
  action: string;
  at: Date;
  problem: 'ALTERED' | 'LINK_BROKEN' | 'MISSING_BEFORE';
}

/** The entries whose hash, link or place does not hold, the first written first; [] when intact. */
export async function verifyAuditTrail(db: Db): Promise<Broken[]> {
  return db.$queryRaw<Broken[]>`
    SELECT c."caseNumber", e."position", e."eventId", e."action", e."at", e."problem"
    FROM (
      SELECT e."caseId", e."position", e."id" AS "eventId", e."action", e."at", e."seq",
        CASE
          WHEN e."hash" IS DISTINCT FROM case_event_digest(e."prevHash", e) THEN 'ALTERED'
          WHEN e."position" <> coalesce(lag(e."position") OVER w, 0) + 1 THEN 'MISSING_BEFORE'
          WHEN e."prevHash" IS DISTINCT FROM lag(e."hash") OVER w THEN 'LINK_BROKEN'
        END AS "problem"
      FROM "CaseEvent" e
      WINDOW w AS (PARTITION BY e."caseId" ORDER BY e."position")
    ) e
    JOIN "Case" c ON c."id" = e."caseId"
    WHERE e."problem" IS NOT NULL
    ORDER BY e."at", e."seq"`;
}

/** An entry of a log chained as one line for the whole table, whose hash, link or place does not hold. */
interface BrokenEntry {
  position: number;
  entryId: string;
  at: Date;
  problem: Broken['problem'];
}
export type BrokenRead = BrokenEntry & { kind: string };
export type BrokenChange = BrokenEntry & { action: string };

/**
 * The entries of a log chained in one line (the access log, the administrators' changes) that do not
 * hold, the first first; [] when intact. `table`, `digest` and `what` are this file's constants,
 * never input.
 */
function verifyLog<T extends BrokenEntry>(db: Db, table: 'AccessLog' | 'AdminChange', digest: string, what: 'kind' | 'action') {
  return db.$queryRawUnsafe<T[]>(`
    SELECT e."position", e."entryId", e."${what}", e."at", e."problem"
    FROM (
      SELECT e."position", e."id" AS "entryId", e."${what}", e."at",
        CASE
          WHEN e."hash" IS DISTINCT FROM ${digest}(e."prevHash", e) THEN 'ALTERED'
          WHEN e."position" <> coalesce(lag(e."position") OVER w, 0) + 1 THEN 'MISSING_BEFORE'
          WHEN e."prevHash" IS DISTINCT FROM lag(e."hash") OVER w THEN 'LINK_BROKEN'
        END AS "problem"
      FROM "${table}" e
      WINDOW w AS (ORDER BY e."position")
    ) e
    WHERE e."problem" IS NOT NULL
    ORDER BY e."position"`);
}

/** The access log's entries whose hash, link or place does not hold, the first first; [] when intact. */
export const verifyAccessLog = (db: Db) => verifyLog<BrokenRead>(db, 'AccessLog', 'access_log_digest', 'kind');

/** The administrators' changes whose hash, link or place does not hold, the first first; [] when intact. */
export const verifyAdminChanges = (db: Db) => verifyLog<BrokenChange>(db, 'AdminChange', 'admin_change_digest', 'action');

const WHAT: Record<Broken['problem'], string> = {
  ALTERED: 'altered (its hash does not match its content)',
  LINK_BROKEN: 'its link to the entry before it is broken',
  MISSING_BEFORE: 'an entry before it is missing',
};

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const db = createDb();
  const [entries, broken, reads, brokenReads, changes, brokenChanges] = await Promise.all([
    db.caseEvent.count(),
    verifyAuditTrail(db),
    db.accessLog.count(),
    verifyAccessLog(db),
    db.adminChange.count(),
    verifyAdminChanges(db),
  ]);
  await db.$disconnect();
  if (broken.length === 0) {
    console.log(`audit: ${entries} entries, the chain intact`);
  } else {
    const first = broken[0]!;
    console.error(
      `audit: ${broken.length} of ${entries} entries do not hold; the first: case ${first.caseNumber}, entry ${first.position} (${first.action}, ${first.at.toISOString()}, id ${first.eventId}): ${WHAT[first.problem]}`,
    );
  }
  if (brokenReads.length === 0) {
    console.log(`access log: ${reads} entries, the chain intact`);
  } else {
    const first = brokenReads[0]!;
    console.error(
      `access log: ${brokenReads.length} of ${reads} entries do not hold; the first: entry ${first.position} (${first.kind}, ${first.at.toISOString()}, id ${first.entryId}): ${WHAT[first.problem]}`,
    );
  }
  if (brokenChanges.length === 0) {
    console.log(`admin changes: ${changes} entries, the chain intact`);
  } else {
    const first = brokenChanges[0]!;
    console.error(
      `admin changes: ${brokenChanges.length} of ${changes} entries do not hold; the first: entry ${first.position} (${first.action}, ${first.at.toISOString()}, id ${first.entryId}): ${WHAT[first.problem]}`,
    );
  }
  if (broken.length > 0 || brokenReads.length > 0 || brokenChanges.length > 0) process.exit(1);
}
