// The supervisor's figures (跟踪问效: tracking, monitoring, statistics and evaluation, 003 （三）8;
// 案例报送, 004 五（三）), computed from the case tables for an office and a period of months as
// Beijing reads them: cases by state and list type, what each month filed, listed and removed, its
// deadlines met and overdue, its objections and repairs decided, the working days each step took,
// and the cooperating units' answers to what was pushed to them.
import type { Db } from '../activities/db';
import { calendarForDisplay } from '../activities/calendar';
import { DASHBOARD_STEPS, type Dashboard, type DashboardStep } from '../domain/api';
import type { Prisma } from '../generated/prisma/client';
import { addCalendarMonths, shanghaiDate, startOfShanghaiDay, workingDaysBetween } from '../domain/workdays';

/** From its first month to its last, both YYYY-MM in Asia/Shanghai. */
export interface Period {
  from: string;
  to: string;
}

/** The month an instant falls in, in Beijing. */
export const monthOf = (instant: Date): string => shanghaiDate(instant).slice(0, 7);
export const addMonths = (month: string, n: number): string => addCalendarMonths(`${month}-01`, n).slice(0, 7);

export function monthsOf(p: Period): string[] {
  const months: string[] = [];
  for (let m = p.from; m <= p.to; m = addMonths(m, 1)) months.push(m);
  return months;
}

/** The instants of a period: from 00:00 Beijing on its first day to 00:00 Beijing after its last. */
export function instantsOf(p: Period): { gte: Date; lt: Date } {
  return { gte: startOfShanghaiDay(`${p.from}-01`), lt: startOfShanghaiDay(`${addMonths(p.to, 1)}-01`) };
}

/** The same days, as a date column stores them (midnight UTC of the day). */
const daysOf = (p: Period) => ({ gte: new Date(`${p.from}-01T00:00:00Z`), lt: new Date(`${addMonths(p.to, 1)}-01T00:00:00Z`) });

type DeadlineRow = { status: string; dueAt: Date; closedAt: Date | null };
/** Met, overdue (taken late, or passed undone) or still running; null for one the procedure ended. */
export function deadlineOutcome(d: DeadlineRow, now: Date): 'met' | 'overdue' | 'running' | null {
  if (d.status === 'ENDED') return null;
  if (d.status === 'OVERDUE') return 'overdue';
  if (d.closedAt) return d.closedAt > d.dueAt ? 'overdue' : 'met';
  return d.dueAt <= now ? 'overdue' : 'running';
}

type Figures = Omit<Dashboard, 'departmentName'>;

/** Every figure of the dashboard for the cases `scope` selects (an office's, or all), over `period`. */
export async function dashboardFigures(db: Db, scope: Prisma.CaseWhereInput, period: Period, now = new Date()): Promise<Figures> {
  const at = instantsOf(period);
  const [listTypes, byState, filed, listed, removed, deadlines, objections, repairs, steps, pushes] = await Promise.all([
    db.listType.findMany(),
    db.case.groupBy({ by: ['state', 'listType'], where: scope, _count: { _all: true }, orderBy: [{ state: 'asc' }, { listType: 'asc' }] }),
    db.case.findMany({ where: { ...scope, createdAt: at }, select: { createdAt: true } }),
    db.case.findMany({ where: { ...scope, listedAt: at }, select: { listedAt: true } }),
    db.case.findMany({ where: { ...scope, removedAt: at }, select: { removedAt: true } }),
    db.caseDeadline.findMany({
      where: { case: scope, dueDate: daysOf(period) },
      select: { status: true, dueAt: true, dueDate: true, closedAt: true },
    }),
    db.objection.findMany({
      where: {
        case: scope,
        OR: [
          { state: { in: ['UPHELD', 'REJECTED'] }, decidedAt: at },
          { state: 'NOT_ACCEPTED', acceptedAt: at },
        ],
      },
      select: { state: true, decidedAt: true, acceptedAt: true },
    }),
    db.repairApplication.findMany({
      where: {
        case: scope,
        OR: [
          { state: { in: ['GRANTED', 'REFUSED'] }, decidedAt: at },
          { state: 'NOT_ACCEPTED', acceptedAt: at },
        ],
      },
      select: { state: true, decidedAt: true, acceptedAt: true },
    }),
    stepDurations(db, scope, period),
    db.push.findMany({
      where: { case: scope, pushedAt: at },
      select: {
        departmentId: true,
        department: { select: { name: true } },
        acknowledgedAt: true,
        acknowledgeBy: true,
        acknowledgementOverdueAt: true,
        feedbackBy: true,
        feedbackDoneAt: true,
        feedbackOverdueAt: true,
      },
    }),
  ]);
  const types = new Map(listTypes.map((t) => [t.code, t]));

  const months = new Map(
    monthsOf(period).map((month) => [
      month,
      {
        month,
        filed: 0,
        listed: 0,
        removed: 0,
        deadlinesMet: 0,
        deadlinesOverdue: 0,
        deadlinesOpen: 0,
        objectionsUpheld: 0,
        objectionsRejected: 0,
        objectionsNotAccepted: 0,
        repairsGranted: 0,
        repairsRefused: 0,
        repairsNotAccepted: 0,
      },
    ]),
  );
  type Counter = Exclude<keyof Figures['months'][number], 'month'>;
  const count = (instant: Date | null, counter: Counter) => {
    const m = instant && months.get(monthOf(instant));
    if (m) m[counter]++;
  };
  for (const c of filed) count(c.createdAt, 'filed');
  for (const c of listed) count(c.listedAt, 'listed');
  for (const c of removed) count(c.removedAt, 'removed');
  for (const d of deadlines) {
    const outcome = deadlineOutcome(d, now);
    const m = months.get(d.dueDate.toISOString().slice(0, 7)); // a date column: its own day
    if (!m || !outcome) continue;
    m[outcome === 'met' ? 'deadlinesMet' : outcome === 'overdue' ? 'deadlinesOverdue' : 'deadlinesOpen']++;
  }
  for (const o of objections) {
    if (o.state === 'NOT_ACCEPTED') count(o.acceptedAt, 'objectionsNotAccepted');
    else count(o.decidedAt, o.state === 'UPHELD' ? 'objectionsUpheld' : 'objectionsRejected');
  }
  for (const a of repairs) {
    if (a.state === 'NOT_ACCEPTED') count(a.acceptedAt, 'repairsNotAccepted');
    else count(a.decidedAt, a.state === 'GRANTED' ? 'repairsGranted' : 'repairsRefused');
  }

  const units = new Map<string, Figures['units'][number]>();
  for (const p of pushes) {
    const u =
      units.get(p.departmentId) ??
      units
        .set(p.departmentId, {
          departmentId: p.departmentId,
          departmentName: p.department.name,
          pushes: 0,
          acknowledged: 0,
          feedbackAsked: 0,
          fedBack: 0,
          fedBackInTime: 0,
          overdue: 0,
          feedbackRate: null,
        })
        .get(p.departmentId)!;
    u.pushes++;
    if (p.acknowledgedAt) u.acknowledged++;
    if (p.feedbackBy) u.feedbackAsked++;
    if (p.feedbackBy && p.feedbackDoneAt) u.fedBack++;
    if (p.feedbackBy && p.feedbackDoneAt && p.feedbackDoneAt <= p.feedbackBy) u.fedBackInTime++;
    const late = (done: Date | null, by: Date | null) => by !== null && (done ? done > by : by <= now);
    if (
      p.acknowledgementOverdueAt ||
      p.feedbackOverdueAt ||
      late(p.acknowledgedAt, p.acknowledgeBy) ||
      late(p.feedbackDoneAt, p.feedbackBy)
    )
      u.overdue++;
  }
  for (const u of units.values()) u.feedbackRate = u.feedbackAsked ? u.fedBack / u.feedbackAsked : null;

  return {
    from: period.from,
    to: period.to,
    generatedAt: now.toISOString(),
    byState: byState.map((g) => ({
      state: g.state,
      listType: g.listType,
      listTypeName: types.get(g.listType)?.name ?? g.listType,
      listTypeNameEn: types.get(g.listType)?.nameEn ?? g.listType,
      listKind: types.get(g.listType)?.kind ?? 'BLACK',
      count: g._count._all,
    })),
    months: [...months.values()],
    steps,
    units: [...units.values()].sort((a, b) => a.departmentName.localeCompare(b.departmentName, 'zh-CN')),
  };
}

/** A step's start and end, read from the audit trail: the latest start before each end. */
const EVENT_STEPS: { step: DashboardStep; starts: string[]; ends: string[]; firstStart?: true }[] = [
  { step: 'NOTICE_APPROVAL', starts: ['CASE_FILED', 'DRAFT_REVISED'], ends: ['NOTICE_APPROVED', 'NOTICE_RETURNED'] },
  { step: 'DECISION_APPROVAL', starts: ['DECISION_SUBMITTED'], ends: ['DECISION_APPROVED', 'DECISION_REFUSED'] },
  { step: 'FILING_TO_LISTING', starts: ['CASE_FILED'], ends: ['LISTED'], firstStart: true },
];

/**
 * Working days per step, for the steps that ended in the period: a step with a deadline from its
 * deadline's start to its close; an approval from its submission to the supervisor's decision; the
 * designation from filing to listing. Working days on the PRC calendar, the starting day not
 * counted — as every deadline of the procedure is counted.
 */
async function stepDurations(db: Db, scope: Prisma.CaseWhereInput, period: Period): Promise<Figures['steps']> {
  const at = instantsOf(period);
  const [closed, ends] = await Promise.all([
    db.caseDeadline.findMany({
      where: { case: scope, closedAt: at, status: { in: ['MET', 'OVERDUE'] } },
      select: { kind: true, startedAt: true, closedAt: true, dueAt: true, status: true, workingDays: true },
    }),
    db.caseEvent.findMany({
      where: { case: scope, at, action: { in: EVENT_STEPS.flatMap((s) => s.ends) } },
      select: { caseId: true, action: true, at: true, seq: true },
    }),
  ]);
  const starts = await db.caseEvent.findMany({
    where: { caseId: { in: [...new Set(ends.map((e) => e.caseId))] }, action: { in: EVENT_STEPS.flatMap((s) => s.starts) } },
    select: { caseId: true, action: true, at: true, seq: true },
    orderBy: [{ at: 'asc' }, { seq: 'asc' }],
  });
  type Sample = { step: DashboardStep; from: Date; to: Date; allowed: number | null; overdue: boolean };
  const samples: Sample[] = closed.map((d) => ({
    step: d.kind as DashboardStep,
    from: d.startedAt,
    to: d.closedAt!,
    allowed: d.workingDays,
    overdue: d.status === 'OVERDUE' || d.closedAt! > d.dueAt,
  }));
  for (const end of ends) {
    const step = EVENT_STEPS.find((s) => s.ends.includes(end.action))!;
    const before = starts.filter(
      (s) =>
        s.caseId === end.caseId &&
        step.starts.includes(s.action) &&
        (s.at < end.at || (s.at.getTime() === end.at.getTime() && s.seq < end.seq)),
    );
    const start = step.firstStart ? before[0] : before.at(-1);
    if (start) samples.push({ step: step.step, from: start.at, to: end.at, allowed: null, overdue: false });
  }
  if (!samples.length) return [];
  const firstYear = Math.min(...samples.map((s) => Number(shanghaiDate(s.from).slice(0, 4))));
  const calendar = await calendarForDisplay(db, firstYear);
  const byStep = new Map<DashboardStep, Sample[]>();
  for (const s of samples) byStep.set(s.step, [...(byStep.get(s.step) ?? []), s]);
  return [...byStep.entries()]
    .sort(([a], [b]) => DASHBOARD_STEPS.indexOf(a) - DASHBOARD_STEPS.indexOf(b))
    .map(([step, list]) => {
      const days = list.map((s) => workingDaysBetween(calendar, shanghaiDate(s.from), shanghaiDate(s.to)));
      const allowed = list.map((s) => s.allowed).filter((a): a is number => a !== null);
      return {
        step,
        count: list.length,
        averageWorkingDays: Math.round((days.reduce((a, b) => a + b, 0) / days.length) * 10) / 10,
        maxWorkingDays: Math.max(...days),
        allowedWorkingDays: allowed.length ? Math.round((allowed.reduce((a, b) => a + b, 0) / allowed.length) * 10) / 10 : null,
        overdue: list.filter((s) => s.overdue).length,
      };
    });
}

/** What a monthly report adds to the month's figures: the cases listed and removed in it. */
export async function casesOfMonth(db: Db, scope: Prisma.CaseWhereInput, month: string) {
  const at = instantsOf({ from: month, to: month });
  const select = { caseNumber: true, subjectName: true, listType: true, listedAt: true, removedAt: true, removalKind: true } as const;
  const [listed, removed] = await Promise.all([
    db.case.findMany({ where: { ...scope, listedAt: at }, orderBy: [{ listedAt: 'asc' }, { caseNumber: 'asc' }], select }),
    db.case.findMany({ where: { ...scope, removedAt: at }, orderBy: [{ removedAt: 'asc' }, { caseNumber: 'asc' }], select }),
  ]);
  return { listed, removed };
}
