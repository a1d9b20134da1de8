// The administrator's calendar over HTTP: role checks, validation that changes nothing, a dry run
// that says what a save will move, and a save.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { designationForm } from '../tests/support/fixtures';
import { fileApproved, fileListed, Session, startStack, type Stack } from '../tests/support/stack';
import { saveCalendarYear } from '../activities/calendar-correction';
import { startPendingWorkflows } from '../activities/units';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack('api_calendar');
});
afterAll(async () => {
  await stack?.stop();
});

const NEW_YEAR_2027 = [
  { date: '2027-01-01', kind: 'HOLIDAY', name: '元旦' },
  { date: '2027-01-02', kind: 'HOLIDAY', name: '元旦' },
  { date: '2027-01-03', kind: 'HOLIDAY', name: '元旦' },
] as { date: string; kind: 'HOLIDAY' | 'MAKEUP_WORKDAY'; name: string }[];

describe('working-day calendar administration', () => {
  it('shows the seeded official years and a year without data', async () => {
    const s = new Session(stack.baseUrl);
    await s.login('caseworker');
    const y2026 = await s.request('GET', '/api/calendar/2026');
    expect(y2026.body).toMatchObject({ entered: true, source: 'chinese-days' });
    expect(y2026.body.days).toEqual(expect.arrayContaining([{ date: '2026-10-10', kind: 'MAKEUP_WORKDAY', name: '国庆节' }]));
    expect((await s.request('GET', '/api/calendar/2027')).body).toMatchObject({ entered: false, days: [] });
  });

  it('lets only an administrator save a year', async () => {
    const s = new Session(stack.baseUrl);
    await s.login('supervisor');
    expect((await s.request('PUT', '/api/calendar/2027', { days: NEW_YEAR_2027 })).status).toBe(403);
  });

  it('refuses a make-up working day on a weekday, naming the row, and saves nothing', async () => {
    const s = new Session(stack.baseUrl);
    await s.login('admin');
    const res = await s.request('PUT', '/api/calendar/2027', {
      days: [...NEW_YEAR_2027, { date: '2027-01-06', kind: 'MAKEUP_WORKDAY', name: '元旦' }],
    });
    expect(res.status).toBe(400);
    expect(res.type).toContain('application/problem+json');
    expect(res.body.errors).toEqual([{ field: 'days.3.date', code: 'calendar.makeUpNotWeekend', message: '调休上班日应为周六或周日' }]);
    expect((await s.request('GET', '/api/calendar/2027')).body.entered).toBe(false);
  });

  it('saves a year and records who entered it', async () => {
    const s = new Session(stack.baseUrl);
    await s.login('admin');
    const res = await s.request('PUT', '/api/calendar/2027', { days: NEW_YEAR_2027 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ year: 2027, days: 3, casesNotified: 0 });
    expect((await s.request('GET', '/api/calendar/2027')).body).toMatchObject({
      entered: true,
      source: 'administrator',
      updatedBy: '系统管理员',
      days: NEW_YEAR_2027,
    });
  });

  it('records each save with the days before and after, and delivers one left unstarted by a crash when the worker sweeps', async () => {
    const s = new Session(stack.baseUrl);
    await s.login('admin');
    await s.request('PUT', '/api/calendar/2027', { days: NEW_YEAR_2027.slice(0, 1) });
    const change = await stack.db.calendarChange.findFirstOrThrow({ where: { year: 2027 }, orderBy: { changedAt: 'desc' } });
    expect(change).toMatchObject({
      before: NEW_YEAR_2027,
      after: NEW_YEAR_2027.slice(0, 1),
      changedBy: '系统管理员',
      startedAt: expect.any(Date),
      finishedAt: expect.any(Date),
    });
    // The process stopped between the save's commit and its workflow's start: the sweep starts it.
    const { changeId } = await saveCalendarYear(stack.db, { year: 2027, days: NEW_YEAR_2027 }, '系统管理员');
    expect((await stack.db.calendarChange.findUniqueOrThrow({ where: { id: changeId } })).startedAt).toBeNull();
    await startPendingWorkflows(stack.db, stack.temporal);
    await expect
      .poll(async () => (await stack.db.calendarChange.findUniqueOrThrow({ where: { id: changeId } })).finishedAt, { timeout: 20_000 })
      .toBeInstanceOf(Date);
  });

  it('refuses a day that does not exist, one outside the year and one entered twice, naming each field, and saves nothing', async () => {
    const s = new Session(stack.baseUrl);
    await s.login('admin');
    const days = [
      ...NEW_YEAR_2027,
      { date: '2027-02-30', kind: 'HOLIDAY', name: '春节' },
      { date: '2026-12-31', kind: 'HOLIDAY', name: '元旦' },
      { date: '2027-01-02', kind: 'HOLIDAY', name: '元旦' },
    ];
    for (const [method, path] of [
      ['POST', '/api/calendar/2027/preview'],
      ['PUT', '/api/calendar/2027'],
    ] as const) {
      const res = await s.request(method, path, { days });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([
        { field: 'days.3.date', code: 'date.nonexistent', message: '该日期不存在，请核对' },
        { field: 'days.4.date', code: 'calendar.wrongYear', message: '日期不在所选年份内' },
        { field: 'days.5.date', code: 'calendar.duplicate', message: '同一日期录入了两次' },
      ]);
    }
    const year = (await s.request('GET', '/api/calendar/2027')).body;
    expect(year.days.map((d: { date: string }) => d.date)).not.toContain('2027-03-02');
    expect(await stack.db.calendarDay.count({ where: { date: new Date('2027-03-02T00:00:00Z') } })).toBe(0);
  });

  it('lets only an administrator ask what a save would move', async () => {
    const s = new Session(stack.baseUrl);
    await s.login('caseworker');
    expect((await s.request('POST', '/api/calendar/2027/preview', { days: NEW_YEAR_2027 })).status).toBe(403);
  });

  it('says in a dry run how many running cases and deadlines a save moves, changes nothing, and the save then tells those cases', async () => {
    const running = await fileApproved(stack.baseUrl, designationForm({ listType: 'WAGES' }));
    const listed = await fileListed(stack.baseUrl, designationForm({ listType: 'SAFETY', recommendedMeasures: [] }));
    // The notice period's last day, and the day a unit must acknowledge the listing by, become holidays.
    const notice = await stack.db.caseDeadline.findFirstOrThrow({ where: { caseId: running.id, closedAt: null } });
    const year = notice.dueDate.getUTCFullYear();
    const pushes = await stack.db.push.findMany({ where: { caseId: listed.id }, orderBy: { id: 'asc' } });
    expect(pushes.length).toBeGreaterThan(0);
    const marked = [notice.dueDate, new Date(pushes[0]!.acknowledgeBy!.getTime() - 1)]
      .map((d) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10))
      .filter((d) => d.startsWith(`${year}-`));
    const s = new Session(stack.baseUrl);
    await s.login('admin');
    const before = (await s.request('GET', `/api/calendar/${year}`)).body;
    const days = [
      ...before.days.filter((d: { date: string }) => !marked.includes(d.date)),
      ...[...new Set(marked)].map((date) => ({ date, kind: 'HOLIDAY', name: '临时调整' })),
    ];
    const snapshot = () =>
      Promise.all([
        stack.db.calendarYear.findUnique({ where: { year } }),
        stack.db.calendarDay.findMany({ orderBy: { date: 'asc' } }),
        stack.db.caseDeadline.findMany({ orderBy: { id: 'asc' } }),
        stack.db.push.findMany({ orderBy: { id: 'asc' } }),
      ]);
    const unchanged = await snapshot();

    const preview = await s.request('POST', `/api/calendar/${year}/preview`, { days });
    expect(preview.status).toBe(200);
    expect(preview.body.cases).toBeGreaterThanOrEqual(1);
    expect(preview.body.caseNumbers).toContain(running.caseNumber);
    expect(preview.body.deadlines).toBeGreaterThanOrEqual(preview.body.cases);
    expect(preview.body.days).toBe(days.length);
    expect(await snapshot()).toEqual(unchanged);

    const saved = await s.request('PUT', `/api/calendar/${year}`, { days });
    expect(saved.status).toBe(200);
    expect(saved.body.casesNotified).toBe(preview.body.cases);
    // The units' deadlines the dry run counted are the ones the save moved.
    const after = await stack.db.push.findMany({ orderBy: { id: 'asc' } });
    const moved = after.filter(
      (p, i) =>
        p.acknowledgeBy?.getTime() !== unchanged[3][i]!.acknowledgeBy?.getTime() ||
        p.feedbackBy?.getTime() !== unchanged[3][i]!.feedbackBy?.getTime(),
    );
    expect(moved.length).toBe(preview.body.unitDeadlines);
    if (marked.length === 2) expect(preview.body.unitDeadlines).toBeGreaterThanOrEqual(1);
    // The running case's workflow counts its notice period again, past the new holiday.
    await expect
      .poll(async () => (await stack.db.caseDeadline.findUniqueOrThrow({ where: { id: notice.id } })).dueDate.getTime(), {
        timeout: 20_000,
      })
      .toBeGreaterThan(notice.dueDate.getTime());
  });
});
