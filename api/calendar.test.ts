// The administrator's calendar over HTTP: role checks, validation that changes nothing, and a save.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session, startStack, type Stack } from '../tests/support/stack';

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
];

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
});
