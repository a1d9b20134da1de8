// A year's calendar saved, and its delivery to the running cases: the save records the days before
// and after (CalendarChange) in the same transaction; the correction workflow
// (workflows/calendar-correction.ts) then tells, page by page, every case whose running deadline
// the year touches, and moves the units' deadlines — durably, so a crash part-way loses no case.
import type { CalendarYearInput } from '../domain/schemas';
import type { Prisma } from '../generated/prisma/client';
import type { Db } from './db';
import { recomputeUnitDeadlines, sweepOutbox } from './units';

const yearRange = (year: number) => ({ gte: new Date(Date.UTC(year, 0, 1)), lt: new Date(Date.UTC(year + 1, 0, 1)) });

/**
 * The running deadlines a save of `year` recomputes: every provisional one (it may count days of
 * the year), and every one whose period spans the year. The same whether or not the save happens.
 */
export function affectedDeadlines(year: number): Prisma.CaseDeadlineWhereInput {
  const { gte: start, lt: end } = yearRange(year);
  return { closedAt: null, OR: [{ provisional: true }, { dueDate: { gte: start }, startedAt: { lt: end } }] };
}

export async function deadlinesAffectedBy(db: Db, year: number) {
  return db.caseDeadline.findMany({
    where: affectedDeadlines(year),
    select: { case: { select: { workflowId: true, caseNumber: true } } },
    orderBy: { dueAt: 'asc' },
  });
}

/**
 * Replaces one year's entries and records the change — the days before and after, who, when — in
 * one transaction; answers the change, whose workflow then tells the running cases.
 */
export async function saveCalendarYear(db: Db, input: CalendarYearInput, by: string): Promise<{ changeId: string }> {
  return db.$transaction(async (tx) => {
    const range = { date: yearRange(input.year) };
    const before = await tx.calendarDay.findMany({ where: range, orderBy: { date: 'asc' } });
    await tx.calendarDay.deleteMany({ where: range });
    await tx.calendarDay.createMany({
      data: input.days.map((d) => ({ date: new Date(`${d.date}T00:00:00Z`), kind: d.kind, name: d.name })),
    });
    await tx.calendarYear.upsert({
      where: { year: input.year },
      create: { year: input.year, source: 'administrator', updatedBy: by },
      update: { source: 'administrator', updatedBy: by },
    });
    const change = await tx.calendarChange.create({
      data: {
        year: input.year,
        before: before.map((d) => ({ date: d.date.toISOString().slice(0, 10), kind: d.kind, name: d.name })),
        after: [...input.days].sort((a, b) => a.date.localeCompare(b.date)),
        changedBy: by,
      },
    });
    return { changeId: change.id };
  });
}

/** How long a move tells the follow-ups itself (well inside its activity's 2 minutes); the sweep tells the rest. */
const HANDOVER_MS = 60_000;

export function createCalendarCorrectionActivities(db: Db) {
  return {
    /** A page of the workflows to tell, in a fixed order (by workflow id) after `after`. */
    async calendarCorrectionTargets(args: { year: number; after: string; limit: number }): Promise<string[]> {
      const rows = await db.case.findMany({
        where: { workflowId: { gt: args.after }, deadlines: { some: affectedDeadlines(args.year) } },
        select: { workflowId: true },
        orderBy: { workflowId: 'asc' },
        take: args.limit,
      });
      return rows.map((r) => r.workflowId);
    },

    /**
     * The units' open deadlines counted again on the year as saved, and the follow-up of each push
     * moved told to look at them again; answers how many moved. The moves are written (each push
     * back in the outbox) before any follow-up is told, so one this leaves untold — Temporal
     * unreachable, or the telling past its time — is told by the worker's sweep; it never fails
     * the move.
     */
    async moveUnitDeadlines(args: { year: number }): Promise<number> {
      const moved = await recomputeUnitDeadlines(db, args.year);
      await sweepOutbox(db, undefined, { pushes: moved }, HANDOVER_MS).catch((err: unknown) =>
        console.warn(`units' moved deadlines left to the worker's sweep: ${String(err)}`),
      );
      return moved.length;
    },

    /** The change delivered: how many cases were told and units' deadlines moved, and when it ended. */
    async finishCalendarChange(args: { changeId: string; casesTold: number; unitDeadlinesMoved: number; at: string }): Promise<void> {
      await db.calendarChange.update({
        where: { id: args.changeId },
        data: { casesTold: args.casesTold, unitDeadlinesMoved: args.unitDeadlinesMoved, finishedAt: new Date(args.at) },
      });
    },
  };
}
