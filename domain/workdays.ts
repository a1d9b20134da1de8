// Working-day arithmetic on the PRC calendar (Asia/Shanghai, UTC+8 all year, no DST).
// A day is a working day when it is a make-up working day (调休上班), or a Monday–Friday that is
// not a statutory holiday. Years without official data are counted Monday–Friday but the result is
// marked provisional, never passed off as final (domain.md, "Working days").

/** ISO calendar date, e.g. "2026-10-08", always meant in Asia/Shanghai. */
export type IsoDate = string;

export interface WorkingDayCalendar {
  /** Years for which the State Council's holiday schedule has been entered. */
  years: ReadonlySet<number>;
  holidays: ReadonlySet<IsoDate>;
  makeUpWorkdays: ReadonlySet<IsoDate>;
}

export interface Deadline {
  /** The N-th working day. */
  date: IsoDate;
  /** The instant the deadline ends: 24:00 Asia/Shanghai of `date`. */
  endsAt: Date;
  /** True when any day counted lies in a year without official holiday data. */
  provisional: boolean;
}

const SHANGHAI_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;

/** The Asia/Shanghai calendar date of an instant. */
export function shanghaiDate(instant: Date): IsoDate {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** An instant as Beijing reads it on a form or a sheet: YYYY-MM-DD HH:mm, Asia/Shanghai. */
export function shanghaiDateTime(instant: Date): string {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** 00:00 Asia/Shanghai at the start of `date`. */
export function startOfShanghaiDay(date: IsoDate): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) - SHANGHAI_OFFSET_MS);
}

export function addCalendarDays(date: IsoDate, days: number): IsoDate {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Adds calendar months, clamping to the month's last day (2024-02-29 + 12 months = 2025-02-28). */
export function addCalendarMonths(date: IsoDate, months: number): IsoDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const ty = Math.floor(total / 12);
  const tm = total % 12;
  const last = new Date(Date.UTC(ty, tm + 1, 0)).getUTCDate();
  return new Date(Date.UTC(ty, tm, Math.min(d, last))).toISOString().slice(0, 10);
}

export function isWorkingDay(cal: WorkingDayCalendar, date: IsoDate): boolean {
  if (cal.makeUpWorkdays.has(date)) return true;
  if (cal.holidays.has(date)) return false;
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/**
 * The deadline "within N working days" of an event on `from`: the event's own day is not
 * counted; the deadline ends at 24:00 Asia/Shanghai of the N-th working day after it.
 */
export function addWorkingDays(cal: WorkingDayCalendar, from: IsoDate, n: number): Deadline {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`working days must be a positive integer, got ${n}`);
  let date = from;
  let counted = 0;
  let provisional = false;
  while (counted < n) {
    date = addCalendarDays(date, 1);
    if (!cal.years.has(Number(date.slice(0, 4)))) provisional = true;
    if (isWorkingDay(cal, date)) counted++;
  }
  return { date, endsAt: startOfShanghaiDay(addCalendarDays(date, 1)), provisional };
}

/** Working days from the day after `from` up to and including `to` (0 when `to` is not later). */
export function workingDaysBetween(cal: WorkingDayCalendar, from: IsoDate, to: IsoDate): number {
  let count = 0;
  for (let d = addCalendarDays(from, 1); d <= to; d = addCalendarDays(d, 1)) {
    if (isWorkingDay(cal, d)) count++;
  }
  return count;
}
