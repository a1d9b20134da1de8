import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { addCalendarMonths, addWorkingDays, shanghaiDate, workingDaysBetween, type WorkingDayCalendar } from './workdays';

const require = createRequire(import.meta.url);
const data = require('chinese-days/dist/chinese-days.json') as { holidays: Record<string, string>; workdays: Record<string, string> };
const calendar: WorkingDayCalendar = {
  years: new Set(Array.from({ length: 23 }, (_, i) => 2004 + i)),
  holidays: new Set(Object.keys(data.holidays)),
  makeUpWorkdays: new Set(Object.keys(data.workdays)),
};

describe('working days on the PRC calendar', () => {
  it('skips National Day 2026 and counts the make-up Saturday of 10 October', () => {
    const d = addWorkingDays(calendar, '2026-09-29', 5);
    expect(d).toEqual({ date: '2026-10-12', endsAt: new Date('2026-10-12T16:00:00Z'), provisional: false });
  });
  it('counts the make-up Sunday of 28 September 2025 and skips National Day 2025', () => {
    // 2025: Sep 28 (Sun) and Oct 11 (Sat) are working days; Oct 1–8 are off.
    expect(addWorkingDays(calendar, '2025-09-26', 2).date).toBe('2025-09-29');
    expect(addWorkingDays(calendar, '2025-09-27', 1).date).toBe('2025-09-28');
    expect(addWorkingDays(calendar, '2025-09-30', 1).date).toBe('2025-10-09');
    expect(addWorkingDays(calendar, '2025-10-09', 2).date).toBe('2025-10-11');
  });
  it('crosses the Spring Festival of 2024 with its make-up Sundays', () => {
    // 2024: Feb 10–17 off; Feb 4 (Sun) and Feb 18 (Sun) worked.
    expect(addWorkingDays(calendar, '2024-02-08', 1).date).toBe('2024-02-09');
    expect(addWorkingDays(calendar, '2024-02-09', 1).date).toBe('2024-02-18');
  });
  it('20 working days from a notice served on 2026-12-20 run into 2027, which has no data: provisional', () => {
    const d = addWorkingDays(calendar, '2026-12-20', 20);
    expect(d.provisional).toBe(true);
    expect(addWorkingDays(calendar, '2026-12-01', 5).provisional).toBe(false);
  });
  it('does not count the triggering day itself', () => {
    expect(addWorkingDays(calendar, '2026-11-23', 1).date).toBe('2026-11-24');
    expect(workingDaysBetween(calendar, '2026-09-29', '2026-10-12')).toBe(5);
  });
  it('reads instants in Asia/Shanghai', () => {
    expect(shanghaiDate(new Date('2026-10-12T15:59:59Z'))).toBe('2026-10-12');
    expect(shanghaiDate(new Date('2026-10-12T16:00:00Z'))).toBe('2026-10-13');
  });
  it('adds calendar months, clamping to the end of a shorter month', () => {
    expect(addCalendarMonths('2026-10-13', 36)).toBe('2029-10-13');
    expect(addCalendarMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addCalendarMonths('2026-11-30', 3)).toBe('2027-02-28');
  });

  // The State Council's yearly notices (国务院办公厅关于部分节假日安排的通知) for 2024, 2025 and 2026.
  it.each([
    ['2024', ['2024-02-04', '2024-02-18', '2024-04-07', '2024-04-28', '2024-05-11', '2024-09-14', '2024-09-29', '2024-10-12']],
    ['2025', ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11']],
    ['2026', ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']],
  ])('has exactly the official make-up working days of %s', (year, official) => {
    expect([...calendar.makeUpWorkdays].filter((d) => d.startsWith(year)).sort()).toEqual(official);
  });

  it.each([
    ['2024-04-26', '2024-04-28', 'Friday → make-up Sunday before Labour Day 2024'],
    ['2024-04-30', '2024-05-06', 'across Labour Day 2024 (1–5 May off)'],
    ['2024-05-10', '2024-05-11', 'Friday → make-up Saturday 11 May 2024'],
    ['2024-12-31', '2025-01-02', 'year boundary: New Year 2025 is off'],
    ['2025-01-25', '2025-01-26', 'Saturday → make-up Sunday before Spring Festival 2025'],
    ['2025-01-27', '2025-02-05', 'across Spring Festival 2025 (28 Jan – 4 Feb off)'],
    ['2025-12-31', '2026-01-04', 'year boundary: 1–3 Jan 2026 off, Sunday 4 Jan worked'],
    ['2026-02-13', '2026-02-14', 'Friday → make-up Saturday before Spring Festival 2026'],
  ])('one working day after %s is %s (%s)', (from, expected) => {
    expect(addWorkingDays(calendar, from, 1).date).toBe(expected);
  });
});
