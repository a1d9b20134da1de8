// The working-day calendar: an administrator enters or corrects a year's holidays and make-up
// working days; every case whose running deadline that year touches is told, and its workflow
// recomputes the deadline and moves its timer.
import { recomputeUnitDeadlines } from '../../activities/units';
import { Router } from 'express';
import type { Client } from '@temporalio/client';
import type { Db } from '../../activities/db';
import { calendarYearSchema, type CalendarYearInput } from '../../domain/schemas';
import { calendarCorrected } from '../../workflows/messages';
import type { SessionUser } from '../auth';
import { Problem, say, zodProblem } from '../problem';
import { calendarSavedSchema, calendarYearViewSchema, calendarYearsSchema } from '../../domain/api';
import { endpoint } from '../endpoints';

/** Replaces one year's entries; returns the workflows whose deadline may have moved. */
export async function saveCalendarYear(db: Db, input: CalendarYearInput, by: string): Promise<string[]> {
  const start = new Date(Date.UTC(input.year, 0, 1));
  const end = new Date(Date.UTC(input.year + 1, 0, 1));
  await db.$transaction([
    db.calendarDay.deleteMany({ where: { date: { gte: start, lt: end } } }),
    db.calendarDay.createMany({ data: input.days.map((d) => ({ date: new Date(`${d.date}T00:00:00Z`), kind: d.kind, name: d.name })) }),
    db.calendarYear.upsert({
      where: { year: input.year },
      create: { year: input.year, source: 'administrator', updatedBy: by },
      update: { source: 'administrator', updatedBy: by },
    }),
  ]);
  // A running deadline is affected when it is provisional, or when its period spans the year.
  const affected = await db.caseDeadline.findMany({
    where: { closedAt: null, OR: [{ provisional: true }, { dueDate: { gte: start }, startedAt: { lt: end } }] },
    select: { case: { select: { workflowId: true } } },
  });
  return [...new Set(affected.map((d) => d.case.workflowId))];
}

/** Tells each workflow its calendar changed; the workflow recomputes and moves its own timer. */
export async function notifyCalendarCorrected(temporal: Client, workflowIds: string[]): Promise<number> {
  let told = 0;
  for (const id of workflowIds) {
    try {
      await temporal.workflow.getHandle(id).signal(calendarCorrected);
      told++;
    } catch (err) {
      // A workflow that has just closed needs no correction.
      if ((err as { name?: string }).name !== 'WorkflowNotFoundError') throw err;
    }
  }
  return told;
}

export function calendarRoutes(db: Db, temporal: Client): Router {
  const r = Router();

  const readers = ['ADMINISTRATOR', 'SUPERVISOR', 'CASEWORKER'] as const;
  const years = { method: 'get', path: '/calendar', tag: 'calendar', roles: readers, response: calendarYearsSchema } as const;
  endpoint(r, { ...years, summary: ['工作日历：已录入的年度', 'The working-day calendar: the years entered'] }, async (_req, res) => {
    const years = await db.calendarYear.findMany({ orderBy: { year: 'desc' } });
    res.json(years);
  });

  const year = { method: 'get', path: '/calendar/:year', tag: 'calendar', roles: readers, response: calendarYearViewSchema } as const;
  endpoint(r, { ...year, summary: ['某年度的节假日和调休上班日', "A year's holidays and make-up working days"] }, async (req, res) => {
    const year = Number(req.params.year);
    if (!Number.isInteger(year)) throw new Problem(400, say(req, 'notAYear'));
    const [entry, days] = await Promise.all([
      db.calendarYear.findUnique({ where: { year } }),
      db.calendarDay.findMany({
        where: { date: { gte: new Date(Date.UTC(year, 0, 1)), lt: new Date(Date.UTC(year + 1, 0, 1)) } },
        orderBy: { date: 'asc' },
      }),
    ]);
    res.json({
      year,
      entered: entry !== null,
      source: entry?.source ?? null,
      updatedBy: entry?.updatedBy ?? null,
      updatedAt: entry?.updatedAt ?? null,
      days: days.map((d) => ({ date: d.date.toISOString().slice(0, 10), kind: d.kind, name: d.name })),
    });
  });

  const save = { method: 'put', path: '/calendar/:year', tag: 'calendar', roles: ['ADMINISTRATOR'], body: calendarYearSchema } as const;
  const saved = {
    ...save,
    response: calendarSavedSchema,
    summary: ['录入或更正某年度日历（受影响案件重新计算期限）', 'Enter or correct a year (affected cases recompute their deadlines)'],
  } as const;
  endpoint(r, saved, async (req, res) => {
    const parsed = calendarYearSchema.safeParse({ ...req.body, year: Number(req.params.year) });
    if (!parsed.success) throw zodProblem(req, parsed.error);
    const user = req.user as SessionUser;
    const workflowIds = await saveCalendarYear(db, parsed.data, user.name);
    // The units' deadlines follow the calendar too (they are kept on the pushes, not in workflows).
    await recomputeUnitDeadlines(db, parsed.data.year);
    const casesNotified = await notifyCalendarCorrected(temporal, workflowIds);
    res.json({ year: parsed.data.year, days: parsed.data.days.length, casesNotified });
  });

  return r;
}
