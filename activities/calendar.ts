// Loads the working-day calendar (seeded from chinese-days, corrected by administrators) from the database.
import type { WorkingDayCalendar } from '../domain/workdays';
import type { Db } from './db';

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
