import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { parseHolidaySchedule } from './holiday-import';

const require = createRequire(import.meta.url);
const data = require('chinese-days/dist/chinese-days.json') as { holidays: Record<string, string>; workdays: Record<string, string> };
const of2026 = (days: Record<string, string>) => Object.keys(days).filter((d) => d.startsWith('2026-'));

describe('a year’s holiday schedule pasted as lines', () => {
  it('reads holiday ranges and make-up working days, the 班 line taking the holiday before it', () => {
    const r = parseHolidaySchedule('2027-01-01~2027-01-03 元旦\n2027-01-09 班\n2027-02-20 班 春节\n\n# 注释\n2027-10-01 国庆节', 2027);
    expect(r.hasErrors).toBe(false);
    expect(r.days).toEqual([
      { date: '2027-01-01', kind: 'HOLIDAY', name: '元旦' },
      { date: '2027-01-02', kind: 'HOLIDAY', name: '元旦' },
      { date: '2027-01-03', kind: 'HOLIDAY', name: '元旦' },
      { date: '2027-01-09', kind: 'MAKEUP_WORKDAY', name: '元旦' },
      { date: '2027-02-20', kind: 'MAKEUP_WORKDAY', name: '春节' },
      { date: '2027-10-01', kind: 'HOLIDAY', name: '国庆节' },
    ]);
    expect(r.lines.map((l) => [l.line, l.days.length, l.skipped ?? false])).toEqual([
      [1, 3, false],
      [2, 1, false],
      [3, 1, false],
      [5, 0, true],
      [6, 1, false],
    ]);
  });

  it('takes the other ways a date and a range are written', () => {
    const r = parseHolidaySchedule(
      [
        '1月1日至3日 元旦',
        '2027/2/6 - 2027/2/13 休 春节',
        '2027年4月5日 清明节',
        '２０２７－０５－０１～０５ 劳动节',
        '5月8日 上班 劳动节',
        '2027-05-15 work 劳动节',
      ].join('\n'),
      2027,
    );
    expect(r.hasErrors).toBe(false);
    expect(r.lines.map((l) => l.days.length)).toEqual([3, 8, 1, 5, 1, 1]);
    expect(r.days.filter((d) => d.kind === 'MAKEUP_WORKDAY')).toEqual([
      { date: '2027-05-08', kind: 'MAKEUP_WORKDAY', name: '劳动节' },
      { date: '2027-05-15', kind: 'MAKEUP_WORKDAY', name: '劳动节' },
    ]);
  });

  it('reads the State Council’s notice as printed, giving the 2026 schedule chinese-days has', () => {
    const notice = [
      '国务院办公厅关于2026年部分节假日安排的通知',
      '经国务院批准，现将2026年元旦、春节、清明节、劳动节、端午节、中秋节和国庆节放假调休日期的具体安排通知如下。',
      '一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。',
      '二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。',
      '三、清明节：4月4日（周六）至6日（周一）放假，共3天。',
      '四、劳动节：5月1日（周五）至5日（周二）放假调休，共5天。5月9日（周六）上班。',
      '五、端午节：6月19日（周五）至21日（周日）放假，共3天。',
      '六、中秋节：9月25日（周五）至27日（周日）放假，共3天。',
      '七、国庆节：10月1日（周四）至7日（周三）放假调休，共7天。9月20日（周日）、10月10日（周六）上班。',
      '节假日期间，各地区、各部门要妥善安排好值班和安全、保卫、疫情防控等工作。',
    ].join('\n');
    const r = parseHolidaySchedule(notice, 2026);
    expect(r.hasErrors).toBe(false);
    expect(r.lines.filter((l) => l.skipped).map((l) => l.line)).toEqual([1, 2, 10]);
    expect(r.days.filter((d) => d.kind === 'HOLIDAY').map((d) => d.date)).toEqual(of2026(data.holidays).sort());
    expect(r.days.filter((d) => d.kind === 'MAKEUP_WORKDAY').map((d) => d.date)).toEqual(of2026(data.workdays).sort());
    expect(r.days.find((d) => d.date === '2026-02-28')).toEqual({ date: '2026-02-28', kind: 'MAKEUP_WORKDAY', name: '春节' });
  });

  it('gives each bad line its own error and takes nothing from it', () => {
    const r = parseHolidaySchedule(
      [
        '2027-02-30 春节', // no such day
        '2026-12-31 元旦', // another year
        '2027-01-06 班 元旦', // a Wednesday
        '2027-01-03~2027-01-01 元旦', // backwards
        '2027-01-01~2027-12-31 元旦', // a typo for a year-long holiday
        '2027-01-04 班', // no holiday named before it
        '2027-10-01', // no name
        '2027-10-01~2027-10-03 国庆节',
        '2027-10-03 国庆节', // given twice
        '元旦 2027-01-01 到', // not understood
      ].join('\n'),
      2027,
    );
    expect(r.hasErrors).toBe(true);
    expect(r.lines.map((l) => l.error)).toEqual([
      'date.nonexistent',
      'calendar.wrongYear',
      'calendar.makeUpNotWeekend',
      'holidayImport.rangeOrder',
      'holidayImport.rangeTooLong',
      'holidayImport.makeUpName',
      'holidayImport.name',
      undefined,
      'calendar.duplicate',
      'holidayImport.format',
    ]);
    expect(r.days.map((d) => d.date)).toEqual(['2027-10-01', '2027-10-02', '2027-10-03']);
  });
});
