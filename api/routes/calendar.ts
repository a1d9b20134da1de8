// The working-day calendar: an administrator enters or corrects a year's holidays and make-up
// working days; every case whose running deadline that year touches is told, by a workflow of the
// change's own, and its workflow recomputes the deadline and moves its timer.
import { recomputeUnitDeadlines, startPendingWorkflows } from '../../activities/units';
import { deadlinesAffectedBy, saveCalendarYear } from '../../activities/calendar-correction';
import { referenceCacheOf } from '../../activities/reference-data';
import { Router, type Request } from 'express';
import type { Client } from '@temporalio/client';
import type { Db } from '../../activities/db';
import { calendarYearSchema, type CalendarYearInput } from '../../domain/schemas';
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
    unitDeadlines: (await recomputeUnitDeadlines(db, input.year, input)).length,
  };
}
const PREVIEW_CASE_NUMBERS = 20;
/** How long a save's answer waits for its change to reach the running cases. */
const ANSWER_WAIT_MS = 10_000;
const ANSWER_POLL_MS = 100;

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
    // The years a calendar may hold (the schema's bounds): 1e21 or -1 is no year at all.
    const asked = calendarYearSchema.shape.year.safeParse(Number(req.params.year));
    if (!asked.success) throw new Problem(400, say(req, 'notAYear'));
    const year = asked.data;
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
    const { changeId } = await saveCalendarYear(db, parsed.data, user.name);
    referenceCacheOf(db)?.changed(); // this process's pages count on it at once, not only once the notice arrives
    // The change reaches the running cases through its own workflow, started from the saved row (the
    // worker's sweep starts it if this process stops first). The answer waits a little for it to
    // finish, to say how many cases were told; a long one goes on after the answer.
    await startPendingWorkflows(db, temporal).catch((err: unknown) =>
      console.warn(`calendar change ${changeId} not started yet: ${String(err)}`),
    );
    // (Read from the change's row, which the workflow completes: no call to the engine is left
    // waiting once the answer has gone.)
    let done: { casesTold: number | null } | null = null;
    for (const until = Date.now() + ANSWER_WAIT_MS; Date.now() < until; await new Promise((r) => setTimeout(r, ANSWER_POLL_MS))) {
      done = await db.calendarChange.findFirst({ where: { id: changeId, finishedAt: { not: null } }, select: { casesTold: true } });
      if (done) break;
    }
    res.json({ year: parsed.data.year, days: parsed.data.days.length, casesNotified: done?.casesTold ?? null });
  });

  return r;
}
