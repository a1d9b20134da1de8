// The working-day calendar: an administrator enters or corrects a year's holidays and make-up
// working days; every case whose running deadline that year touches is told, and its workflow
// recomputes the deadline and moves its timer.
import { recomputeUnitDeadlines } from '../../activities/units';
import { Router, type Request } from 'express';
import type { Client } from '@temporalio/client';
import type { Db } from '../../activities/db';
import { calendarYearSchema, type CalendarYearInput } from '../../domain/schemas';
import { calendarCorrected } from '../../workflows/messages';
import type { SessionUser } from '../auth';
import { Problem, say, zodProblem } from '../problem';
import {
  calendarPreviewSchema,
  calendarSavedSchema,
  calendarYearViewSchema,
  calendarYearsSchema,
  type CalendarPreview,
} from '../../domain/api';
import { endpoint } from '../endpoints';

/**
 * The running deadlines a save of `year` recomputes: every provisional one (it may count days of
 * the year), and every one whose period spans the year. The same whether or not the save happens.
 */
export async function deadlinesAffectedBy(db: Db, year: number) {
  const start = new Date(Date.UTC(year, 0, 1));
  const end = new Date(Date.UTC(year + 1, 0, 1));
  return db.caseDeadline.findMany({
    where: { closedAt: null, OR: [{ provisional: true }, { dueDate: { gte: start }, startedAt: { lt: end } }] },
    select: { case: { select: { workflowId: true, caseNumber: true } } },
    orderBy: { dueAt: 'asc' },
  });
}

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
  const affected = await deadlinesAffectedBy(db, input.year);
  return [...new Set(affected.map((d) => d.case.workflowId))];
}

/** What saving `input` would move, computed as the save does it, changing nothing. */
export async function previewCalendarYear(db: Db, input: CalendarYearInput): Promise<CalendarPreview> {
  const affected = await deadlinesAffectedBy(db, input.year);
  const cases = [...new Map(affected.map((d) => [d.case.workflowId, d.case.caseNumber])).values()];
  return {
    year: input.year,
    days: input.days.length,
    deadlines: affected.length,
    cases: cases.length,
    caseNumbers: cases.slice(0, PREVIEW_CASE_NUMBERS),
    unitDeadlines: await recomputeUnitDeadlines(db, input.year, input),
  };
}
const PREVIEW_CASE_NUMBERS = 20;

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
  const years = {
    method: 'get',
    path: '/calendar',
    tag: 'calendar',
    roles: readers,
    access: false,
    response: calendarYearsSchema,
  } as const;
  endpoint(r, { ...years, summary: ['工作日历：已录入的年度', 'The working-day calendar: the years entered'] }, async (_req, res) => {
    const years = await db.calendarYear.findMany({ orderBy: { year: 'desc' } });
    res.json(years);
  });

  const year = {
    method: 'get',
    path: '/calendar/:year',
    tag: 'calendar',
    roles: readers,
    access: false,
    response: calendarYearViewSchema,
  } as const;
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
  const parse = (req: Request) => {
    const parsed = calendarYearSchema.safeParse({ ...req.body, year: Number(req.params.year) });
    if (!parsed.success) throw zodProblem(req, parsed.error);
    return parsed;
  };

  const preview = {
    method: 'post',
    path: '/calendar/:year/preview',
    tag: 'calendar',
    roles: ['ADMINISTRATOR'],
    body: calendarYearSchema,
    response: calendarPreviewSchema,
    summary: [
      '试算：保存该年度安排将重新计算哪些进行中的期限（不作任何更改）',
      'Dry run: the running deadlines a save of the year would recompute (nothing is changed)',
    ],
  } as const;
  endpoint(r, preview, async (req, res) => {
    res.json(await previewCalendarYear(db, parse(req).data));
  });

  endpoint(r, saved, async (req, res) => {
    const parsed = parse(req);
    const user = req.user as SessionUser;
    const workflowIds = await saveCalendarYear(db, parsed.data, user.name);
    // The units' deadlines follow the calendar too (they are kept on the pushes, not in workflows).
    await recomputeUnitDeadlines(db, parsed.data.year);
    const casesNotified = await notifyCalendarCorrected(temporal, workflowIds);
    res.json({ year: parsed.data.year, days: parsed.data.days.length, casesNotified });
  });

  return r;
}
