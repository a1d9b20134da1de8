// The designation procedure on the time-skipping test server, started on Tuesday 2026-09-29 at
// 10:00 Shanghai, so that the 5-working-day notice period spans Mid-Autumn/National Day 2026
// (Oct 1–7 off, Saturday Oct 10 a make-up working day): Sep 30, Oct 8, 9, 10, 12 → ends 24:00 Oct 12.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Db } from '../activities/db';
import { actorOf, designationForm } from '../tests/support/fixtures';
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
import { decideListing, decideNotice, decideReview, fileStatement, progress, removeEarly, reviseDraft } from './messages';

let h: WorkflowHarness;
let env: TestWorkflowEnvironment;
let db: Db;

beforeAll(async () => {
  h = await workflowHarness('workflow', '2026-09-29T02:00:00Z');
  ({ env, db } = h);
});

afterAll(async () => {
  await h?.stop();
});

const startCase = (form = designationForm()) => h.startCase(form);

describe('designation with prior notice across National Day 2026', () => {
  let silent: Awaited<ReturnType<typeof startCase>>;
  let objecting: Awaited<ReturnType<typeof startCase>>;
  let accepted: Awaited<ReturnType<typeof startCase>>;

  it('serves the notice with a deadline of 24:00 on Monday 12 October, five working days on', async () => {
    silent = await startCase();
    objecting = await startCase(designationForm({ listType: 'WAGES' }));
    accepted = await startCase(designationForm({ listType: 'SAFETY' }));
    const { deadline } = await silent.handle.query(progress);
    expect(deadline).toMatchObject({ date: '2026-10-12', endsAt: '2026-10-12T16:00:00.000Z', workingDays: 5, provisional: false });
    const row = await db.case.findUniqueOrThrow({ where: { id: silent.caseId } });
    expect(row.noticeNumber).toMatch(/^市信用办告〔2026〕\d+号$/);
    expect(row.deadlineAt?.toISOString()).toBe('2026-10-12T16:00:00.000Z');
    await expect
      .poll(() => db.document.count({ where: { caseId: silent.caseId, kind: 'PRIOR_NOTICE', number: row.noticeNumber! } }), {
        timeout: 20_000,
      })
      .toBe(1);
  });

  it('takes statements until 23:00 on the last day — the period runs in full — and refuses the wrong role and a stranger', async () => {
    await skipTo(env, '2026-10-12T15:00:00Z');
    expect((await silent.handle.query(progress)).state).toBe('NOTICE_PERIOD');

    const supervisor = await actorOf(db, 'supervisor');
    const wrongRole = await refusal(
      act(objecting.handle, fileStatement, { kind: 'OBJECTION', content: '认定事实有误，请求复核。', actor: supervisor }),
    );
    expect(wrongRole.type).toBe('WRONG_ROLE');

    const party = await actorOf(db, 'party');
    const stranger = { ...party, subjectCode: '914403001922038216' };
    expect(
      (await refusal(act(objecting.handle, fileStatement, { kind: 'OBJECTION', content: '认定事实有误，请求复核。', actor: stranger })))
        .type,
    ).toBe('NOT_THE_PARTY');

    const receipt = await act(objecting.handle, fileStatement, {
      kind: 'OBJECTION',
      content: '处罚决定已被复议机关撤销，认定依据不复存在。',
      actor: party,
    });
    expect(receipt.statementId).toBeTruthy();
    // The period runs on: the party may add to what it said.
    expect((await objecting.handle.query(progress)).state).toBe('NOTICE_PERIOD');
    await act(objecting.handle, fileStatement, {
      kind: 'STATEMENT',
      content: '补充陈述：当事人已提起行政诉讼，请暂缓认定。',
      actor: party,
    });
    const caseworker = await actorOf(db, 'caseworker');
    await act(accepted.handle, fileStatement, { kind: 'STATEMENT', content: '已于告知期内足额补缴税款及滞纳金。', actor: caseworker });

    const events = await db.caseEvent.findMany({ where: { caseId: objecting.caseId }, orderBy: [{ at: 'asc' }, { seq: 'asc' }] });
    expect(events.map((e) => e.action)).toEqual([
      'CASE_FILED',
      'NOTICE_APPROVED',
      'NOTICE_ISSUED',
      'DOCUMENT_ISSUED',
      'SERVICE_RECORDED', // on the company
      'SERVICE_RECORDED', // on its legal representative, a party in their own right
      'OBJECTION_FILED',
      'STATEMENT_FILED',
    ]);
    expect(events[6]).toMatchObject({ actorName: party.name, actorRole: 'PARTY', reason: '处罚决定已被复议机关撤销，认定依据不复存在。' });
  });

  it('ends the notice period by its own timer at 24:00 on 12 October; listed for three years once the supervisor approves', async () => {
    await skipTo(env, '2026-10-12T15:59:00Z');
    expect((await silent.handle.query(progress)).state).toBe('NOTICE_PERIOD');
    await skipTo(env, '2026-10-12T16:00:05Z');
    await until(silent.handle, 'AWAITING_DECISION_APPROVAL');
    const caseworker = await actorOf(db, 'caseworker');
    expect((await refusal(act(silent.handle, decideListing, { approved: true, reasons: '', actor: caseworker }))).type).toBe('WRONG_ROLE');
    // Statements made: their review is due within 10 working days of the period's end.
    for (const c of [objecting, accepted]) {
      await until(c.handle, 'IN_REVIEW');
      expect((await c.handle.query(progress)).deadline).toMatchObject({ kind: 'STATEMENT_REVIEW', workingDays: 10, date: '2026-10-27' });
    }
  });

  it('refuses a statement filed after the notice period with the reason', async () => {
    const party = await actorOf(db, 'party');
    const late = await refusal(
      act(silent.handle, fileStatement, { kind: 'STATEMENT', content: '我方对认定事实有异议，请求复核。', actor: party }),
    );
    expect(late).toMatchObject({ type: 'LATE', message: '陈述申辩期已于 2026-10-12 24:00 届满' });
    expect(await db.statement.count({ where: { caseId: silent.caseId } })).toBe(0);
    expect((await silent.handle.query(progress)).state).toBe('AWAITING_DECISION_APPROVAL');
  });

  it('lists the subject for three years once the decision approved is served with the credit-repair notice, not before', async () => {
    await act(silent.handle, decideListing, { approved: true, reasons: '', actor: await actorOf(db, 'supervisor') });
    // Nothing takes effect before the decision and the credit-repair notice are served together (两书同达).
    await untilOpen(silent.handle, 'recordService');
    const before = await db.case.findUniqueOrThrow({
      where: { id: silent.caseId },
      include: { pushes: true, measures: true, documents: true },
    });
    expect(before).toMatchObject({ state: 'AWAITING_DECISION_SERVICE', listedAt: null });
    expect(before.pushes).toHaveLength(0);
    const decisionDocuments = before.documents.filter((d) => d.kind === 'LISTING_DECISION' || d.kind === 'CREDIT_REPAIR_NOTICE');
    expect(decisionDocuments.map((d) => d.servedOn)).toEqual([null, null]);
    await serve(silent.handle, db, { method: 'IN_PERSON', note: '法定代表人王某某签收送达回证' });
    await expect.poll(() => silent.handle.query(progress).then((p) => p.state), { timeout: 20_000 }).toBe('LISTED');
    const served = await db.document.findMany({
      where: { caseId: silent.caseId, kind: { in: ['LISTING_DECISION', 'CREDIT_REPAIR_NOTICE'] } },
    });
    expect(served.map((d) => [d.serviceMethod, d.servedOn!.toISOString().slice(0, 10)])).toEqual([
      ['IN_PERSON', '2026-10-13'],
      ['IN_PERSON', '2026-10-13'],
    ]);
    const row = await db.case.findUniqueOrThrow({ where: { id: silent.caseId } });
    expect(row.state).toBe('LISTED');
    expect(row.listedAt!.getTime() - Date.parse('2026-10-12T16:00:00Z')).toBeLessThan(60_000);
    expect(row.listedAt!.getTime()).toBeGreaterThanOrEqual(Date.parse('2026-10-12T16:00:00Z'));
    expect(row.publicationEndsOn!.toISOString().slice(0, 10)).toBe('2029-10-13');
    // The decision is served with the credit-repair notice, both numbered.
    await expect
      .poll(
        async () =>
          (await db.document.findMany({ where: { caseId: silent.caseId }, orderBy: { kind: 'asc' } })).map((d) => `${d.kind} ${d.number}`),
        { timeout: 20_000 },
      )
      .toEqual([
        expect.stringMatching(/^PRIOR_NOTICE 市信用办告〔2026〕\d+号$/),
        expect.stringMatching(/^LISTING_DECISION 市信用办决〔2026〕\d+号$/),
        expect.stringMatching(/^CREDIT_REPAIR_NOTICE 市信用办修告〔2026〕\d+号$/),
      ]);
    // The objecting and reviewing cases were not listed by the timer.
    expect((await db.case.findUniqueOrThrow({ where: { id: objecting.caseId } })).state).toBe('IN_REVIEW');
  });

  it('lists after a rejected objection and closes without listing after an accepted statement', async () => {
    const caseworker = await actorOf(db, 'caseworker');
    const party = await actorOf(db, 'party');
    // The office let the review deadline pass: recorded as overdue, the review still awaited.
    await skipTo(env, '2026-10-27T16:00:05Z');
    await expect
      .poll(async () => (await accepted.handle.query(progress, caseworker)).steps, { timeout: 20_000 })
      .toEqual([
        expect.objectContaining({ step: 'decideReview', overdue: true, deadline: expect.objectContaining({ date: '2026-10-27' }) }),
      ]);
    const overdue = await db.caseDeadline.findUniqueOrThrow({
      where: { caseId_key: { caseId: accepted.caseId, key: 'statement-review' } },
    });
    expect(overdue.status).toBe('OVERDUE');
    expect(
      (await refusal(act(objecting.handle, decideReview, { accepted: false, reasons: '复议决定维持原处罚。', actor: party }))).type,
    ).toBe('WRONG_ROLE');

    await act(objecting.handle, decideReview, {
      accepted: false,
      reasons: '经核查，复议决定维持原处罚，异议理由不成立。',
      actor: caseworker,
    });
    // The written reply is made and served before the case goes on.
    expect((await objecting.handle.query(progress)).state).toBe('IN_REVIEW');
    await serve(objecting.handle, db, { method: 'ELECTRONIC' });
    await until(objecting.handle, 'AWAITING_DECISION_APPROVAL');
    const reply = await db.document.findFirstOrThrow({ where: { caseId: objecting.caseId, kind: 'REVIEW_REPLY' } });
    expect(reply).toMatchObject({ serviceMethod: 'ELECTRONIC', number: expect.stringMatching(/^市信用办复〔2026〕\d+号$/) });
    await act(objecting.handle, decideListing, { approved: true, reasons: '', actor: await actorOf(db, 'supervisor') });
    await serve(objecting.handle, db);
    await expect.poll(() => objecting.handle.query(progress).then((p) => p.state), { timeout: 20_000 }).toBe('LISTED');

    await act(accepted.handle, decideReview, {
      accepted: true,
      reasons: '当事人已补缴税款，情节轻微，不予列入。',
      actor: caseworker,
    });
    const closed = await serve(accepted.handle, db);
    expect(closed.state).toBe('CLOSED_NOT_LISTED');
    // Not handle.result(): in a time-skipping environment, awaiting a result lets the clock run.
    await expect.poll(() => accepted.handle.describe().then((d) => d.status.name), { timeout: 20_000 }).toBe('COMPLETED');
    expect(await accepted.handle.query(progress)).toMatchObject({ state: 'CLOSED_NOT_LISTED', listedAt: null });
    expect((await db.case.findUniqueOrThrow({ where: { id: accepted.caseId } })).state).toBe('CLOSED_NOT_LISTED');
    const events = await db.caseEvent.findMany({ where: { caseId: accepted.caseId }, orderBy: [{ at: 'asc' }, { seq: 'asc' }] });
    expect(events.map((e) => e.action).slice(-4)).toEqual([
      'STATEMENT_ACCEPTED',
      'DOCUMENT_ISSUED',
      'SERVICE_RECORDED',
      'SERVICE_RECORDED',
    ]);
    expect(events.at(-4)).toMatchObject({
      action: 'STATEMENT_ACCEPTED',
      actorRole: 'CASEWORKER',
      reason: '当事人已补缴税款，情节轻微，不予列入。',
    });
  });

  it('lets a supervisor, and only a supervisor, remove a listed subject early with a recorded reason', async () => {
    const caseworker = await actorOf(db, 'caseworker');
    const supervisor = await actorOf(db, 'supervisor');
    const reason = '当事人已履行全部义务，经集体研究决定提前移出。';
    expect((await refusal(act(objecting.handle, removeEarly, { reason, actor: caseworker }))).type).toBe('WRONG_ROLE');
    const removed = await act(objecting.handle, removeEarly, { reason, actor: supervisor });
    expect(removed.state).toBe('REMOVED');
    const row = await db.case.findUniqueOrThrow({ where: { id: objecting.caseId }, include: { pushes: true, events: true } });
    expect(row).toMatchObject({ state: 'REMOVED', removalReason: reason });
    const listing = row.pushes
      .filter((p) => p.kind === 'LISTING')
      .map((p) => p.departmentId)
      .sort();
    expect(listing.length).toBeGreaterThan(0);
    expect(
      row.pushes
        .filter((p) => p.kind === 'REMOVAL')
        .map((p) => p.departmentId)
        .sort(),
    ).toEqual(listing);
    expect(row.events.find((e) => e.action === 'REMOVED_EARLY')).toMatchObject({
      actorName: supervisor.name,
      actorRole: 'SUPERVISOR',
      reason,
    });
    await recordHistory(env, objecting.handle.workflowId, 'objection-rejected-then-removed-early');
    await recordHistory(env, accepted.handle.workflowId, 'statement-accepted-closed');
  });

  it('removes the subject by itself when the three years run out, at 24:00 on 13 October 2029', async () => {
    await skipTo(env, '2029-10-13T15:59:00Z');
    expect((await silent.handle.query(progress)).state).toBe('LISTED');
    await skipTo(env, '2029-10-13T16:00:05Z');
    await until(silent.handle, 'REMOVED');
    // The removal notice is served on the party before the case ends.
    // The removal notice is served on the company and on its legal representative.
    expect((await silent.handle.query(progress)).awaitingService).toEqual([
      { id: expect.any(String), kind: 'REMOVAL_NOTICE', recipient: '91350100M000100Y43', madeOn: '2029-10-14' },
      { id: expect.any(String), kind: 'REMOVAL_NOTICE', recipient: '11010519491231002X', madeOn: '2029-10-14' },
    ]);
    await serve(silent.handle, db);
    expect(await silent.handle.result()).toMatchObject({ state: 'REMOVED', publicationEndsOn: '2029-10-13' });
    const row = await db.case.findUniqueOrThrow({ where: { id: silent.caseId }, include: { pushes: true, events: true } });
    expect(row.state).toBe('REMOVED');
    expect(row.removedAt!.getTime()).toBeGreaterThanOrEqual(Date.parse('2029-10-13T16:00:00Z'));
    expect(row.events.find((e) => e.action === 'REMOVED_EXPIRY')).toMatchObject({ actorRole: 'ADMINISTRATOR', actorId: null });
    // Every unit that applied measures is told they are lifted.
    expect(row.pushes.filter((p) => p.kind === 'REMOVAL').length).toBe(row.pushes.filter((p) => p.kind === 'LISTING').length);
    await recordHistory(env, silent.handle.workflowId, 'silent-listed-removed-on-expiry');
  });
});

describe('the supervisor returns a draft and refuses a decision', () => {
  it('returns the notice with reasons, takes the revised draft, then refuses to list: closed without listing', async () => {
    const caseworker = await actorOf(db, 'caseworker');
    const supervisor = await actorOf(db, 'supervisor');
    const form = designationForm({ listType: 'SAFETY' });
    const { caseId, handle } = await h.startCase(form, false);
    expect((await refusal(act(handle, decideNotice, { approved: true, reasons: '', actor: caseworker }))).type).toBe('WRONG_ROLE');
    const returned = await act(handle, decideNotice, { approved: false, reasons: '认定事由未写明事故等级，请补充。', actor: supervisor });
    expect(returned.state).toBe('DRAFT_RETURNED');

    const other = { ...form, subjectCode: '914403001922038216' };
    expect((await refusal(act(handle, reviseDraft, { form: other, actor: caseworker }))).type).toBe('WRONG_STATE');
    const revised = { ...form, reasons: '该公司发生一般生产安全责任事故，造成 1 人死亡，经行政处罚决定书认定。' };
    expect((await act(handle, reviseDraft, { form: revised, actor: caseworker })).state).toBe('AWAITING_NOTICE_APPROVAL');
    const { revision } = await handle.query(progress);
    const stale = handle.executeUpdate(decideNotice, {
      args: [{ approved: true, reasons: '', revision: revision - 1, actor: supervisor }],
    });
    expect((await refusal(stale)).type).toBe('STALE');
    expect((await act(handle, decideNotice, { approved: true, reasons: '', actor: supervisor })).state).toBe('AWAITING_NOTICE_SERVICE');
    expect((await serve(handle, db)).state).toBe('NOTICE_PERIOD');
    expect((await db.case.findUniqueOrThrow({ where: { id: caseId } })).reasons).toBe(revised.reasons);

    const { deadline } = await handle.query(progress);
    await skipTo(env, new Date(Date.parse(deadline!.endsAt) + 5_000).toISOString());
    await until(handle, 'AWAITING_DECISION_APPROVAL');
    const refused = await act(handle, decideListing, { approved: false, reasons: '事故责任尚在复议中，暂不列入。', actor: supervisor });
    expect(refused.state).toBe('CLOSED_NOT_LISTED');
    await expect.poll(() => handle.describe().then((d) => d.status.name), { timeout: 20_000 }).toBe('COMPLETED');
    const row = await db.case.findUniqueOrThrow({
      where: { id: caseId },
      include: { events: { orderBy: [{ at: 'asc' }, { seq: 'asc' }] } },
    });
    expect(row.state).toBe('CLOSED_NOT_LISTED');
    expect(row.events.map((e) => e.action)).toEqual([
      'CASE_FILED',
      'NOTICE_RETURNED',
      'DRAFT_REVISED',
      'NOTICE_APPROVED',
      'NOTICE_ISSUED',
      'DOCUMENT_ISSUED',
      'SERVICE_RECORDED',
      'SERVICE_RECORDED',
      'DECISION_SUBMITTED',
      'DECISION_REFUSED',
    ]);
    expect(row.events.at(-1)).toMatchObject({ actorRole: 'SUPERVISOR', reason: '事故责任尚在复议中，暂不列入。' });
    await recordHistory(env, handle.workflowId, 'notice-returned-revised-decision-refused');
  });
});
