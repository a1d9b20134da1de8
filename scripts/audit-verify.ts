// Checks the audit trail's hash chain (`npm run audit:verify`, DATABASE_URL set): every entry's hash
// recomputed by the database's own function, every link to the entry before it, every place in its
// case's trail. Prints the first entry that does not match — its case, place, action and what is
// wrong — and exits 1; exits 0 when the whole trail is intact.
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

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const db = createDb();
  const [entries, broken] = await Promise.all([db.caseEvent.count(), verifyAuditTrail(db)]);
  await db.$disconnect();
  if (broken.length === 0) {
    console.log(`audit: ${entries} entries, the chain intact`);
  } else {
    const first = broken[0]!;
    const what = {
      ALTERED: 'altered (its hash does not match its content)',
      LINK_BROKEN: 'its link to the entry before it is broken',
      MISSING_BEFORE: 'an entry before it is missing',
    }[first.problem];
    console.error(
      `audit: ${broken.length} of ${entries} entries do not hold; the first: case ${first.caseNumber}, entry ${first.position} (${first.action}, ${first.at.toISOString()}, id ${first.eventId}): ${what}`,
    );
    process.exit(1);
  }
}
