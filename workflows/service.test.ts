// Service of documents (送达) on the time-skipping server, from Tuesday 1 September 2026: the notice
// period runs from service, dated by the receipt, whatever day it is recorded; an announcement
// counts as service 30 days on (Civil Procedure Law Art. 95), across National Day; and the listing
// takes no effect until the decision and the credit-repair notice are served together (两书同达).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Db } from '../activities/db';
import { actorsOf, designationForm, type Actors } from '../tests/support/fixtures';
import {
  act,
  recordHistory,
  refusal,
  serve,
  skipTo,
  until,
  untilOpen,
  workflowHarness,
  type WorkflowHarness,
} from '../tests/support/temporal';
import { parseServiceMatter } from '../domain/procedure';
import { decideListing, decideNotice, fileStatement, progress, recordService } from './messages';

let h: WorkflowHarness;
let env: TestWorkflowEnvironment;
let db: Db;
let a: Actors;

beforeAll(async () => {
  h = await workflowHarness('service', '2026-09-01T02:00:00Z');
  ({ env, db } = h);
  a = await actorsOf(db);
});

afterAll(async () => {
  await h?.stop();
});

const day = (d: Date | null) => d?.toISOString().slice(0, 10);

describe('service of the prior notice and of the decision', () => {
  let announced: Awaited<ReturnType<WorkflowHarness['startCase']>>;
  let posted: Awaited<ReturnType<WorkflowHarness['startCase']>>;
  let listed: Awaited<ReturnType<WorkflowHarness['startCase']>>;

  beforeAll(async () => {
    announced = await h.startCase(designationForm(), false);
    posted = await h.startCase(designationForm({ listType: 'WAGES' }), false);
    for (const c of [announced, posted]) {
      await act(c.handle, decideNotice, { approved: true, reasons: '', actor: a.supervisor });
      await untilOpen(c.handle, 'recordService');
    }
    listed = await h.startCase(designationForm({ listType: 'SAFETY' })); // served electronically today
  });

  it('opens no period before service, and refuses service dated before the notice or in the future', async () => {
    expect(await announced.handle.query(progress)).toMatchObject({ state: 'AWAITING_NOTICE_SERVICE', deadline: null });
    expect((await db.case.findUniqueOrThrow({ where: { id: announced.caseId } })).deadlineDate).toBeNull();
    const documentId = (await announced.handle.query(progress)).steps.find((s) => s.step === 'recordService')!.matterId!;
    const serveOn = (receivedOn: string) =>
      act(announced.handle, recordService, { method: 'POST', receivedOn, note: '', documentId, actor: a.caseworker });
    const early = await refusal(serveOn('2026-08-31'));
    expect(early).toMatchObject({ type: 'INVALID_DATE', message: '送达日期不能早于文书作出日期（2026-09-01）' });
    expect(await refusal(serveOn('2026-09-02'))).toMatchObject({ type: 'INVALID_DATE', message: '送达日期不能晚于今天' });
    expect(
      await refusal(
        act(announced.handle, recordService, { method: 'POST', receivedOn: '2026-09-01', note: '', documentId, actor: a.party }),
      ),
    ).toMatchObject({
      type: 'WRONG_ROLE',
    });
  });

  it('counts an announcement as service 30 days on: the period runs from 1 October, across National Day, to 24:00 on 13 October', async () => {
    const p = await serve(announced.handle, db, { method: 'ANNOUNCEMENT', receivedOn: '2026-09-01', note: '在市信用网站公告' });
    expect(p).toMatchObject({ state: 'NOTICE_PERIOD', deadline: { kind: 'NOTICE_PERIOD', date: '2026-10-13', workingDays: 5 } });
    const row = await db.case.findUniqueOrThrow({ where: { id: announced.caseId }, include: { documents: true } });
    expect(row.noticeServedAt!.toISOString()).toBe('2026-09-30T16:00:00.000Z'); // 1 October, Asia/Shanghai
    expect(row.documents.map((d) => [d.kind, d.serviceMethod, day(d.servedOn)])).toEqual([['PRIOR_NOTICE', 'ANNOUNCEMENT', '2026-10-01']]);
  });

  it('dates service by the postal receipt, and runs the period from the last party served, the legal representative too', async () => {
    await skipTo(env, '2026-09-04T02:00:00Z'); // Friday: the company's receipt came back dated Wednesday
    const open = (await posted.handle.query(progress)).steps.filter((s) => s.step === 'recordService').map((s) => s.matterId!);
    expect(open.map((m) => parseServiceMatter(m).recipient)).toEqual(['91350100M000100Y43', '11010519491231002X']);
    const on = (documentId: string, method: 'POST' | 'IN_PERSON', receivedOn: string, note: string) =>
      act(posted.handle, recordService, { documentId, method, receivedOn, note, actor: a.caseworker });
    const first = await on(open[0]!, 'POST', '2026-09-02', 'EMS 回执');
    // The company alone served: no period runs yet, and the legal representative's service is still open.
    expect(first).toMatchObject({ state: 'AWAITING_NOTICE_SERVICE', deadline: null });
    expect(first.steps.map((s) => s.matterId)).toEqual([open[1]]);
    const p = await on(open[1]!, 'IN_PERSON', '2026-09-03', '王某某本人签收送达回证');
    // Friday 4 to Thursday 10 September: five working days from the day after the last service.
    expect(p).toMatchObject({ state: 'NOTICE_PERIOD', deadline: { date: '2026-09-10' } });
    const services = await db.documentService.findMany({ orderBy: { servedOn: 'asc' }, where: { document: { caseId: posted.caseId } } });
    expect(services.map((x) => [x.recipientName, x.method, day(x.servedOn)])).toEqual([
      ['某某建设工程有限公司', 'POST', '2026-09-02'],
      ['王某某', 'IN_PERSON', '2026-09-03'],
    ]);
  });

  it('ends the notice period early when the party waives its statement in writing, without a review', async () => {
    await act(posted.handle, fileStatement, { kind: 'WAIVER', content: '本单位对拟认定事项无异议，放弃陈述申辩。', actor: a.party });
    await until(posted.handle, 'AWAITING_DECISION_APPROVAL'); // on Friday 4 September, before the 10th
    const row = await db.case.findUniqueOrThrow({ where: { id: posted.caseId }, include: { statements: true, deadlines: true } });
    expect(row.statements.map((s) => s.kind)).toEqual(['WAIVER']);
    expect(row.deadlines.map((d) => [d.kind, d.status])).toEqual([['NOTICE_PERIOD', 'MET']]);
  });

  it('takes no effect on an approved decision until it is served; served by announcement, lists on the day it counts as served', async () => {
    await skipTo(env, '2026-09-08T16:00:05Z'); // the electronically served notice's period has run out
    await until(listed.handle, 'AWAITING_DECISION_APPROVAL');
    await act(listed.handle, decideListing, { approved: true, reasons: '', actor: a.supervisor });
    await untilOpen(listed.handle, 'recordService');
    await serve(listed.handle, db, { method: 'ANNOUNCEMENT', receivedOn: '2026-09-09', note: '当事人下落不明，公告送达' });
    // Announced on 9 September, it counts as served on 9 October: until then nothing is published.
    await skipTo(env, '2026-10-08T15:00:00Z');
    expect((await listed.handle.query(progress)).state).toBe('AWAITING_DECISION_SERVICE');
    const before = await db.case.findUniqueOrThrow({ where: { id: listed.caseId }, include: { pushes: true, documents: true } });
    expect(before).toMatchObject({ state: 'AWAITING_DECISION_SERVICE', listedAt: null });
    expect(before.pushes).toEqual([]);
    expect(before.documents.filter((d) => d.kind !== 'PRIOR_NOTICE').map((d) => [d.kind, day(d.servedOn)])).toEqual([
      ['LISTING_DECISION', '2026-10-09'],
      ['CREDIT_REPAIR_NOTICE', '2026-10-09'],
    ]);
    await skipTo(env, '2026-10-08T16:00:05Z');
    await until(listed.handle, 'LISTED');
    const after = await db.case.findUniqueOrThrow({ where: { id: listed.caseId }, include: { pushes: true } });
    expect(after.listedAt!.getTime()).toBeGreaterThanOrEqual(Date.parse('2026-10-08T16:00:00Z'));
    expect(after.pushes.length).toBeGreaterThan(0);
    // The publication period still counts from the decision, approved on 9 September.
    expect(day(after.publicationEndsOn)).toBe('2029-09-09');
    await recordHistory(env, listed.handle.workflowId, 'decision-served-by-announcement');
  });
});
