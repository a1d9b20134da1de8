// A notice served on Monday 28 December 2026 runs into 2027, for which chinese-days has no
// holiday schedule: the deadline is provisional (Mon–Fri counting gives Monday 4 January). When the
// administrator enters 2027 (New Year's Day holiday 1–3 January), the running workflow recomputes
// and its timer moves to 24:00 on Tuesday 5 January. Without the entry it acts on the provisional date.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveCalendarYear } from '../activities/calendar-correction';
import { calendarCorrectionWorkflowId } from '../activities/units';
import { TASK_QUEUE } from '../domain/procedure';
import { calendarCorrectionWorkflow } from './calendar-correction';
import { recordHistory, skipTo, workflowHarness, type WorkflowHarness } from '../tests/support/temporal';
import { progress } from './messages';

const NEW_YEAR_2027 = {
  year: 2027,
  days: [
    { date: '2027-01-01', kind: 'HOLIDAY' as const, name: '元旦' },
    { date: '2027-01-02', kind: 'HOLIDAY' as const, name: '元旦' },
    { date: '2027-01-03', kind: 'HOLIDAY' as const, name: '元旦' },
  ],
};

describe('a provisional deadline corrected in a running workflow', () => {
  let h: WorkflowHarness;
  beforeAll(async () => {
    h = await workflowHarness('calendar', '2026-12-28T02:00:00Z');
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('moves the notice timer when the administrator enters the 2027 schedule', async () => {
    const { caseId, handle } = await h.startCase();
    expect((await handle.query(progress)).deadline).toMatchObject({ date: '2027-01-04', provisional: true });
    expect((await h.db.case.findUniqueOrThrow({ where: { id: caseId } })).deadlineProvisional).toBe(true);

    await skipTo(h.env, '2026-12-30T02:00:00Z');
    // The save records the days before and after; the change's own workflow tells the running case.
    const { changeId } = await saveCalendarYear(h.db, NEW_YEAR_2027, '系统管理员');
    expect(await h.db.calendarChange.findUniqueOrThrow({ where: { id: changeId } })).toMatchObject({
      year: 2027,
      before: [],
      after: NEW_YEAR_2027.days,
      changedBy: '系统管理员',
    });
    // Started, not awaited: awaiting a result on the time-skipping server would skip the clock ahead.
    await h.env.client.workflow.start(calendarCorrectionWorkflow, {
      taskQueue: TASK_QUEUE,
      workflowId: calendarCorrectionWorkflowId(changeId),
      args: [{ changeId, year: 2027 }],
    });
    await expect
      .poll(() => h.db.calendarChange.findUniqueOrThrow({ where: { id: changeId } }), { timeout: 20_000 })
      .toMatchObject({ casesTold: 1, unitDeadlinesMoved: 0, finishedAt: expect.any(Date) });
    await expect
      .poll(() => handle.query(progress).then((p) => p.deadline), { timeout: 20_000 })
      .toMatchObject({ date: '2027-01-05', endsAt: '2027-01-05T16:00:00.000Z', provisional: false });
    const row = await h.db.case.findUniqueOrThrow({ where: { id: caseId }, include: { events: true } });
    expect(row).toMatchObject({ deadlineProvisional: false, deadlineAt: new Date('2027-01-05T16:00:00Z') });
    expect(row.events.find((e) => e.action === 'DEADLINE_RECOMPUTED')?.detail).toMatchObject({
      from: '2027-01-04',
      deadlineDate: '2027-01-05',
    });

    // The old provisional instant passes without effect; the notice period ends at the corrected one.
    await skipTo(h.env, '2027-01-04T16:00:05Z');
    expect((await handle.query(progress)).state).toBe('NOTICE_PERIOD');
    await skipTo(h.env, '2027-01-05T16:00:05Z');
    await expect.poll(() => handle.query(progress).then((p) => p.state), { timeout: 20_000 }).toBe('AWAITING_DECISION_APPROVAL');
    const ended = await h.db.caseEvent.findFirstOrThrow({ where: { caseId, action: 'DECISION_SUBMITTED' } });
    expect(ended.at.getTime()).toBeGreaterThanOrEqual(Date.parse('2027-01-05T16:00:00Z'));
    await recordHistory(h.env, handle.workflowId, 'provisional-deadline-corrected');
  });
});

describe('a provisional deadline with no schedule entered in time', () => {
  let h: WorkflowHarness;
  beforeAll(async () => {
    h = await workflowHarness('calendar_none', '2026-12-28T02:00:00Z');
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('ends the notice period on the provisional date the case has shown, and records that it was provisional', async () => {
    const { caseId, handle } = await h.startCase();
    await skipTo(h.env, '2027-01-04T15:59:00Z');
    expect((await handle.query(progress)).state).toBe('NOTICE_PERIOD');
    await skipTo(h.env, '2027-01-04T16:00:05Z');
    await expect.poll(() => handle.query(progress).then((p) => p.state), { timeout: 20_000 }).toBe('AWAITING_DECISION_APPROVAL');
    const row = await h.db.case.findUniqueOrThrow({ where: { id: caseId }, include: { events: { orderBy: { at: 'asc' } } } });
    expect(row.events.find((e) => e.action === 'DECISION_SUBMITTED')!.at.getTime()).toBeLessThan(Date.parse('2027-01-04T16:01:00Z'));
    expect(row.events.findLast((e) => e.action === 'SERVICE_RECORDED')?.detail).toMatchObject({
      provisional: true,
      deadlineDate: '2027-01-04',
    });
    await recordHistory(h.env, handle.workflowId, 'provisional-deadline-acted-on');
  });
});
