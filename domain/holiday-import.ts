// A year's holiday schedule pasted as text (the administrator's import on the calendar page): one
// entry a line, read into the days it marks, each line with its own error. Nothing here saves; the
// page shows what each line makes and the administrator takes it into the year or not.
//
// The format (shown on the page, in the catalogue's `holidayImportHelp`):
//
//   2027-01-01~2027-01-03 元旦      a holiday, a range of days inclusive (~ 至 到 - — ; also "1月1日至3日")
//   2027-10-01 国庆节               a holiday of one day
//   2027-01-04 班                   a make-up working day (班, 上班), of the holiday on the line before
//   2027-02-20 班 春节              a make-up working day naming its holiday (班 or "work"; 休 or "off" may mark a holiday)
//   元旦：1月1日（周五）至3日（周日）放假调休，共3天。1月4日（周一）上班。
//                                   a line of the State Council's notice, as it is printed
//
// A date is 2027-01-04, 2027/1/4, 2027年1月4日 or 1月4日 (the chosen year). Blank lines, lines
// starting with # and lines without any date (the notice's title and closing words) are skipped.
import { calendarDayIssue, calendarDaySchema, isRealDate, type CalendarDay } from './schemas';

export interface ImportLine {
  /** 1-based, as the administrator counts the lines pasted. */
  line: number;
  text: string;
  /** The days this line marks (none when it has an error or is skipped). */
  days: CalendarDay[];
  /** A validation message key (domain/i18n `validation`), when the line cannot be taken. */
  error?: string;
  /** A comment, or words without a date. */
  skipped?: boolean;
}

export interface ImportResult {
  lines: ImportLine[];
  /** Every day of every line without an error, in date order. */
  days: CalendarDay[];
  /** True when at least one line has an error: nothing should be taken then. */
  hasErrors: boolean;
}

/** The statutory holidays by the names the State Council's notice gives them (offered when a day is marked). */
export const STATUTORY_HOLIDAYS = ['元旦', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节'] as const;

/** The longest holiday range a line may give (a typo like 2027-01-01~2027-12-31 is refused). */
export const MAX_RANGE_DAYS = 31;

const DATE = String.raw`(?:(\d{4})\s*[-/.年]\s*)?(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?`;
const DATES_RE = new RegExp(DATE, 'g');
const HAS_DATE_RE = new RegExp(DATE);
const RANGE_SEPARATOR = String.raw`\s*(?:~|～|至|到|—|–|-|－)\s*`;
/** A plain line: a date or a range at its start, then 休/班 and the holiday's name in any order. */
const PLAIN_RE = new RegExp(String.raw`^(${DATE})(?:${RANGE_SEPARATOR}(?:(${DATE})|(\d{1,2})\s*日?))?(?=\s|$|[^\d\s])\s*(.*)$`);
/** A line of the notice: "二、春节：…放假…。…上班。" */
const NOTICE_RE = /^\s*(?:[一二三四五六七八九十]+\s*[、.．]\s*)?([^：:\d]{1,20}?)\s*[：:]\s*(.*(?:放假|上班).*)$/;
const MAKEUP_WORDS = new Set(['班', '上班', '调休上班', '补班', 'work', 'workday']);
const HOLIDAY_WORDS = new Set(['休', '放假', '假', '休息', 'off', 'holiday']);

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
const nextDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

class LineError extends Error {}

/** A date token's day: its own year, else the chosen one; an impossible date is refused. */
function dateOf(year: number, y: string | undefined, m: string, d: string): string {
  const date = iso(y ? Number(y) : year, Number(m), Number(d));
  if (!isRealDate(date)) throw new LineError('date.nonexistent');
  return date;
}

function range(from: string, to: string): string[] {
  if (to < from) throw new LineError('holidayImport.rangeOrder');
  const days: string[] = [];
  for (let d = from; d <= to; d = nextDay(d)) {
    days.push(d);
    if (days.length > MAX_RANGE_DAYS) throw new LineError('holidayImport.rangeTooLong');
  }
  return days;
}

/** The days a plain line marks; `lastHoliday` names a 班 line that names none. */
function plainLine(year: number, m: RegExpExecArray, lastHoliday: string | null): CalendarDay[] {
  const [, , y1, m1, d1, , y2, m2, d2, endDay, rest] = m;
  const from = dateOf(year, y1, m1!, d1!);
  const to = m2 ? dateOf(year, y2 ?? y1, m2, d2!) : endDay ? dateOf(Number(from.slice(0, 4)), undefined, from.slice(5, 7), endDay) : from;
  const words = (rest ?? '').split(/[\s,，、;；]+/).filter(Boolean);
  const makeUp = words.some((w) => MAKEUP_WORDS.has(w));
  const name = words.filter((w) => !MAKEUP_WORDS.has(w) && !HOLIDAY_WORDS.has(w)).join(' ') || (makeUp ? lastHoliday : null);
  if (!name) throw new LineError(makeUp ? 'holidayImport.makeUpName' : 'holidayImport.name');
  return range(from, to).map((date) => ({ date, kind: makeUp ? 'MAKEUP_WORKDAY' : 'HOLIDAY', name }));
}

/** The days a line of the State Council's notice marks: its 放假 sentence's range and its 上班 days. */
function noticeLine(year: number, name: string, body: string): CalendarDay[] {
  const days: CalendarDay[] = [];
  // Parenthesised words (星期日, 农历除夕) carry no date of their own.
  for (const sentence of body.replace(/[（(][^）)]*[）)]/g, '').split(/[。；;]/)) {
    const dates = [...sentence.matchAll(DATES_RE)];
    if (/放假/.test(sentence)) {
      const before = sentence.slice(0, sentence.indexOf('放假'));
      const m = new RegExp(`(${DATE})(?:${RANGE_SEPARATOR}(?:(${DATE})|(\\d{1,2})\\s*日))?`).exec(before);
      if (!m) throw new LineError('holidayImport.format');
      const [, , y1, m1, d1, , y2, m2, d2, endDay] = m;
      const from = dateOf(year, y1, m1!, d1!);
      const to = m2
        ? dateOf(year, y2 ?? y1, m2, d2!)
        : endDay
          ? dateOf(Number(from.slice(0, 4)), undefined, from.slice(5, 7), endDay)
          : from;
      for (const date of range(from, to)) days.push({ date, kind: 'HOLIDAY', name });
    } else if (/上班/.test(sentence)) {
      if (!dates.length) throw new LineError('holidayImport.format');
      for (const [, y, mo, d] of dates) days.push({ date: dateOf(year, y, mo!, d!), kind: 'MAKEUP_WORKDAY', name });
    }
  }
  if (!days.length) throw new LineError('holidayImport.format');
  return days;
}

/** Reads pasted lines into the days of `year`'s schedule, each line with what it makes or its error. */
export function parseHolidaySchedule(text: string, year: number): ImportResult {
  const lines: ImportLine[] = [];
  const seen = new Set<string>();
  let lastHoliday: string | null = null;
  text.split(/\r?\n/).forEach((raw, i) => {
    // Full-width digits and spaces, as a notice copied from a web page may have them.
    const t = raw.normalize('NFKC').trim();
    const entry: ImportLine = { line: i + 1, text: raw.trim(), days: [] };
    if (!t) return;
    lines.push(entry);
    if (t.startsWith('#') || !HAS_DATE_RE.test(t)) {
      entry.skipped = true;
      return;
    }
    try {
      const notice = NOTICE_RE.exec(t);
      const plain = PLAIN_RE.exec(t);
      let days: CalendarDay[];
      if (plain) days = plainLine(year, plain, lastHoliday);
      else if (notice) days = noticeLine(year, notice[1]!.trim(), notice[2]!);
      else throw new LineError('holidayImport.format');
      for (const day of days) {
        const parsed = calendarDaySchema.safeParse(day);
        if (!parsed.success) throw new LineError(parsed.error.issues[0]!.message);
        const issue = calendarDayIssue(year, parsed.data);
        if (issue) throw new LineError(issue);
      }
      if (days.some((d) => seen.has(d.date)) || new Set(days.map((d) => d.date)).size < days.length) {
        throw new LineError('calendar.duplicate');
      }
      for (const d of days) seen.add(d.date);
      const holiday = days.find((d) => d.kind === 'HOLIDAY');
      if (holiday) lastHoliday = holiday.name;
      entry.days = days;
    } catch (err) {
      if (!(err instanceof LineError)) throw err;
      entry.error = err.message;
    }
  });
  const days = lines.flatMap((l) => l.days).sort((a, b) => a.date.localeCompare(b.date));
  return { lines, days, hasErrors: lines.some((l) => l.error) };
}
