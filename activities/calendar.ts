// Loads the working-day calendar (seeded from chinese-days, corrected by administrators) from the database.
import { shanghaiDate, workingDaysBetween, type WorkingDayCalendar } from '../domain/workdays';
import type { CalendarYearInput } from '../domain/schemas';
import type { Db } from './db';
import { keptReference } from './reference-data';

export async function loadCalendar(db: Db, fromYear: number): Promise<WorkingDayCalendar> {
  const [years, days] = await Promise.all([
    db.calendarYear.findMany({ select: { year: true } }),
    db.calendarDay.findMany({ where: { date: { gte: new Date(Date.UTC(fromYear, 0, 1)) } } }),
  ]);
  const holidays = new Set<string>();
  const makeUpWorkdays = new Set<string>();
  for (const d of days) {
    const iso = d.date.toISOString().slice(0, 10);
    (d.kind === 'HOLIDAY' ? holidays : makeUpWorkdays).add(iso);
  }
  return { years: new Set(years.map((y) => y.year)), holidays, makeUpWorkdays };
}

/** The calendar as it would be with `proposed` saved: that year's days replaced, the year entered. */
export function withYearReplaced(calendar: WorkingDayCalendar, proposed: CalendarYearInput): WorkingDayCalendar {
  const prefix = `${proposed.year}-`;
  const keep = (days: ReadonlySet<string>) => [...days].filter((d) => !d.startsWith(prefix));
  const holidays = new Set(keep(calendar.holidays));
  const makeUpWorkdays = new Set(keep(calendar.makeUpWorkdays));
  for (const d of proposed.days) (d.kind === 'HOLIDAY' ? holidays : makeUpWorkdays).add(d.date);
  return { years: new Set([...calendar.years, proposed.year]), holidays, makeUpWorkdays };
}

/**
 * The calendar from `fromYear` on as pages count working days with it, kept in memory until it is
 * changed (activities/reference-data.ts). Never for a deadline: computeDeadline reads it in its own transaction.
 */
export const calendarForDisplay = (db: Db, fromYear: number): Promise<WorkingDayCalendar> =>
  keptReference(db, `calendar:${fromYear}`, () => loadCalendar(db, fromYear));

/** Working days from today (Asia/Shanghai) to a deadline day; 0 on the day itself or after it. */
export async function workingDaysLeftFn(db: Db): Promise<(deadlineDate: Date | null) => number | null> {
  const today = shanghaiDate(new Date());
  const calendar = await calendarForDisplay(db, Number(today.slice(0, 4)));
  return (deadlineDate) => (deadlineDate ? workingDaysBetween(calendar, today, deadlineDate.toISOString().slice(0, 10)) : null);
}
