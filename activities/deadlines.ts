// Deadlines the procedure keeps (CaseDeadline): computed on the PRC working-day calendar from the
// triggering instant (its day not counted) and the case's policy version; recomputed when the
// calendar is corrected; closed when the step is taken; marked overdue — never silently — when
// the office lets one pass.
import type { DeadlineView, KeptDeadline } from '../domain/procedure';
import type { DeadlineKind } from '../domain/vocabulary';
import { addWorkingDays, shanghaiDate } from '../domain/workdays';
import { recordSystemEvent } from './audit';
import { loadCalendar } from './calendar';
import type { Db } from './db';
import type { CaseDeadline, Policy, Prisma } from '../generated/prisma/client';

/** The policy value each kind of deadline runs for. */
const POLICY_PERIOD: Record<DeadlineKind, keyof Policy> = {
  NOTICE_PERIOD: 'noticeWorkingDays',
  STATEMENT_REVIEW: 'statementReviewWorkingDays',
  OBJECTION_ACCEPTANCE: 'objectionAcceptanceWorkingDays',
  OBJECTION_VERIFICATION: 'objectionVerificationWorkingDays',
  REPAIR_ACCEPTANCE: 'repairAcceptanceWorkingDays',
  REPAIR_DECISION: 'repairDecisionWorkingDays',
};

export async function policyWorkingDays(tx: Prisma.TransactionClient, caseId: string, kind: DeadlineKind): Promise<number> {
  const { policy } = await tx.case.findUniqueOrThrow({ where: { id: caseId }, select: { policy: true } });
  return policy[POLICY_PERIOD[kind]] as number;
}

/** N working days from the day after `startedAt` (Asia/Shanghai), ending at 24:00 of the N-th. */
export async function computeDeadline(db: Prisma.TransactionClient, kind: DeadlineKind, startedAt: Date, workingDays: number) {
  const from = shanghaiDate(startedAt);
  const calendar = await loadCalendar(db as Db, Number(from.slice(0, 4)));
  const due = addWorkingDays(calendar, from, workingDays);
  return { kind, date: due.date, endsAt: due.endsAt.toISOString(), workingDays, provisional: due.provisional } satisfies DeadlineView;
}

export const keptDeadline = (row: CaseDeadline): KeptDeadline => ({
  key: row.key,
  kind: row.kind as DeadlineKind,
  date: row.dueDate.toISOString().slice(0, 10),
  endsAt: row.dueAt.toISOString(),
  workingDays: row.workingDays,
  provisional: row.provisional,
});

/** Opens a deadline (idempotent by key) for the policy's period of its kind. */
export async function openDeadline(
  tx: Prisma.TransactionClient,
  caseId: string,
  key: string,
  kind: DeadlineKind,
  startedAt: Date,
): Promise<KeptDeadline> {
  const existing = await tx.caseDeadline.findUnique({ where: { caseId_key: { caseId, key } } });
  if (existing) return keptDeadline(existing);
  const d = await computeDeadline(tx, kind, startedAt, await policyWorkingDays(tx, caseId, kind));
  const row = await tx.caseDeadline.create({
    data: {
      caseId,
      key,
      kind,
      startedAt,
      workingDays: d.workingDays,
      dueDate: new Date(`${d.date}T00:00:00Z`),
      dueAt: new Date(d.endsAt),
      provisional: d.provisional,
    },
  });
  await syncCaseDeadline(tx, caseId);
  return keptDeadline(row);
}

/** Closes a deadline because its step was taken (an overdue one stays marked overdue). */
export async function closeDeadline(tx: Prisma.TransactionClient, caseId: string, key: string, at: Date, status: 'MET' | 'ENDED' = 'MET') {
  // One statement, closing it only if it is open: a retry, or a deadline never opened, changes nothing.
  const closed = await tx.$executeRaw`
    UPDATE "CaseDeadline"
    SET "closedAt" = ${at}, status = CASE WHEN status = 'OVERDUE' THEN status ELSE ${status}::"DeadlineStatus" END
    WHERE "caseId" = ${caseId} AND key = ${key} AND "closedAt" IS NULL`;
  if (closed > 0) await syncCaseDeadline(tx, caseId);
}

/**
 * The case's deadline columns show its nearest running deadline (none: cleared) — in one
 * statement, as every deadline opened or closed runs it.
 */
export async function syncCaseDeadline(tx: Prisma.TransactionClient, caseId: string): Promise<void> {
  await tx.$executeRaw`
    UPDATE "Case" SET
      ("deadlineKind", "deadlineDate", "deadlineAt", "deadlineProvisional") = (
        SELECT n.kind, n."dueDate", n."dueAt", coalesce(n.provisional, false)
        FROM (SELECT 1) AS one
        LEFT JOIN LATERAL (
          SELECT kind, "dueDate", "dueAt", provisional FROM "CaseDeadline"
          WHERE "caseId" = ${caseId} AND "closedAt" IS NULL ORDER BY "dueAt" ASC LIMIT 1
        ) AS n ON true),
      "updatedAt" = ${new Date()}
    WHERE id = ${caseId}`;
}

export function createDeadlineActivities(db: Db) {
  return {
    /**
     * Recomputes a deadline on the calendar as it is now (an administrator may have entered a year
     * that was provisional). A moved deadline is written to the case and its timeline.
     */
    async recomputeDeadline(args: { caseId: string; key: string; at: string }): Promise<KeptDeadline> {
      return db.$transaction(async (tx) => {
        const row = await tx.caseDeadline.findUniqueOrThrow({ where: { caseId_key: { caseId: args.caseId, key: args.key } } });
        const d = await computeDeadline(tx, row.kind as DeadlineKind, row.startedAt, row.workingDays);
        const before = keptDeadline(row);
        if (before.date === d.date && before.provisional === d.provisional) return before;
        const updated = await tx.caseDeadline.update({
          where: { id: row.id },
          data: { dueDate: new Date(`${d.date}T00:00:00Z`), dueAt: new Date(d.endsAt), provisional: d.provisional },
        });
        await syncCaseDeadline(tx, args.caseId);
        await recordSystemEvent(
          tx,
          args.caseId,
          `deadline-${args.key}-${d.date}-${d.provisional ? 'p' : 'f'}`,
          new Date(args.at),
          'DEADLINE_RECOMPUTED',
          {
            deadline: d.kind,
            from: before.date,
            deadlineDate: d.date,
            workingDays: d.workingDays,
            provisional: d.provisional,
          },
        );
        return keptDeadline(updated);
      });
    },

    /** The office let a deadline pass: the case shows it overdue and the breach enters the timeline. */
    async recordOverdue(args: { caseId: string; key: string; at: string }): Promise<void> {
      await db.$transaction(async (tx) => {
        const row = await tx.caseDeadline.findUniqueOrThrow({ where: { caseId_key: { caseId: args.caseId, key: args.key } } });
        if (row.closedAt) return;
        await tx.caseDeadline.update({ where: { id: row.id }, data: { status: 'OVERDUE' } });
        await recordSystemEvent(tx, args.caseId, `overdue-${args.key}`, new Date(args.at), 'STEP_OVERDUE', {
          deadline: row.kind as DeadlineKind,
          deadlineDate: row.dueDate.toISOString().slice(0, 10),
          workingDays: row.workingDays,
        });
      });
    },
  };
}
