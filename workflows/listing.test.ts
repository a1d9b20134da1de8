// An active listing on the time-skipping test server: objections under both suspension policies,
// credit repair on its first eligible day (and a day early), an overdue step, an extension, a
// history that continues as new. Cases are notified on Wednesday 2025-12-10 and listed on
// Thursday 2025-12-18, so the office's deadlines cross New Year 2026 (1–3 January off, Sunday
// 4 January a make-up working day).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Db } from '../activities/db';
import { LISTING_HISTORY_BOUND, serviceMatter } from '../domain/procedure';
import { actorOf, actorsOf, designationForm, type Actors } from '../tests/support/fixtures';
import { pdfText } from '../tests/support/pdf';
import { act, recordHistory, refusal, serve, skipTo, until, workflowHarness, type WorkflowHarness } from '../tests/support/temporal';
import {
  applyForRepair,
  calendarCorrected,
  decideListing,
  decideObjection,
  decideObjectionAcceptance,
  decideRepair,
  decideRepairAcceptance,
  extendRepair,
  fileObjection,
  progress,
  recordInterview,
  recordService,
  scheduleInterview,
} from './messages';

let h: WorkflowHarness;
let env: TestWorkflowEnvironment;
let db: Db;
let a: Actors;

beforeAll(async () => {
  h = await workflowHarness('listing', '2025-12-10T02:00:00Z');
  ({ env, db } = h);
  a = await actorsOf(db);
});

afterAll(async () => {
  await h?.stop();
});

const pushes = (caseId: string, kind: string) => db.push.count({ where: { caseId, kind: kind as never } });

let national: { caseId: string; handle: WorkflowHandle };
let jinan: { caseId: string; handle: WorkflowHandle };
let repairing: { caseId: string; handle: WorkflowHandle };
let fujian: { caseId: string; handle: WorkflowHandle };
let market: { caseId: string; handle: WorkflowHandle };
/** The company's legal representative (王某某), signed in as a party in their own right. */
const LEGAL_REPRESENTATIVE = '11010519491231002X';

describe('a listing under objection, repair and expiry', () => {
  it('lists four cases on 18 December 2025 (under the Jinan policy, which does not suspend, and the Fujian one)', async () => {
    national = await h.startCase();
    const dept = await db.department.findUniqueOrThrow({ where: { id: a.caseworker.departmentId! } });
    await db.department.update({ where: { id: dept.id }, data: { policyCode: 'JINAN-2017' } });
    jinan = await h.startCase(designationForm({ listType: 'WAGES' }));
    await db.department.update({ where: { id: dept.id }, data: { policyCode: 'FUJIAN-2017' } });
    fujian = await h.startCase(designationForm({ listType: 'PROCUREMENT' }));
    await db.department.update({ where: { id: dept.id }, data: { policyCode: dept.policyCode } });
    repairing = await h.startCase(designationForm({ listType: 'SAFETY' }));
    market = await h.startCase(designationForm({ listType: 'MARKET' }));
    await skipTo(env, '2025-12-17T16:00:05Z');
    for (const c of [national, jinan, fujian, repairing, market]) {
      await until(c.handle, 'AWAITING_DECISION_APPROVAL');
      await act(c.handle, decideListing, { approved: true, reasons: '', actor: a.supervisor });
      await serve(c.handle, db);
      await until(c.handle, 'LISTED');
    }
    expect(await national.handle.query(progress)).toMatchObject({
      publicationEndsOn: '2028-12-18',
      repairEligibleFrom: '2026-12-18T16:00:00.000Z', // 00:00 on 19 December 2026, Shanghai
    });
    expect((await db.case.findUniqueOrThrow({ where: { id: jinan.caseId }, include: { policy: true } })).policy.code).toBe('JINAN-2017');
  });

  it("records a unit's acknowledgement overdue at 24:00 on 23 December, by itself; a unit that acknowledged in time is not", async () => {
    const listings = (caseId: string) => db.push.findMany({ where: { caseId, kind: 'LISTING' }, include: { department: true } });
    const [first] = await listings(jinan.caseId);
    // The Jinan case's first unit acknowledges and gives its feedback in time (as its inbox would record).
    await db.push.update({
      where: { id: first!.id },
      data: { status: 'ACKNOWLEDGED', acknowledgedAt: new Date('2025-12-19T02:00:00Z'), feedbackDoneAt: new Date('2025-12-19T02:00:00Z') },
    });
    await skipTo(env, '2025-12-24T02:00:00Z');
    const due = new Date('2025-12-23T16:00:00Z'); // 3 working days from 18 December
    const national1 = await listings(national.caseId);
    expect(national1.length).toBeGreaterThan(0);
    await expect
      .poll(async () => (await listings(national.caseId)).map((p) => p.acknowledgementOverdueAt?.toISOString()), { timeout: 20_000 })
      .toEqual(national1.map(() => due.toISOString()));
    const events = await db.caseEvent.findMany({ where: { caseId: national.caseId, action: 'UNIT_DEADLINE_OVERDUE' } });
    expect(events.map((e) => e.detail).sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)))).toEqual(
      national1
        .map((p) => ({ department: p.department.name, deadline: 'ACKNOWLEDGEMENT', due: '2025-12-23', pushKind: 'LISTING' }))
        .sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y))),
    );
    expect(events.every((e) => e.at.getTime() === due.getTime() && e.actorName === '系统（定时任务）')).toBe(true);
    expect((await db.push.findUniqueOrThrow({ where: { id: first!.id } })).acknowledgementOverdueAt).toBeNull();
    expect((await listings(national.caseId)).every((p) => p.feedbackOverdueAt === null)).toBe(true); // due 4 January
  });

  it('takes an objection, due for acceptance on the make-up Sunday 4 January, and refuses a stranger and a second one', async () => {
    await skipTo(env, '2025-12-29T02:00:00Z');
    const stranger = { ...a.party, subjectCode: '914403001922038216' };
    expect(
      (
        await refusal(
          act(national.handle, fileObjection, { concerns: 'LISTING', grounds: '列入所依据的处罚决定已被撤销。', actor: stranger }),
        )
      ).type,
    ).toBe('NOT_THE_PARTY');
    await act(national.handle, fileObjection, {
      concerns: 'LISTING',
      grounds: '列入所依据的处罚决定已被复议机关撤销，请予核实。',
      actor: a.party,
    });
    const p = await national.handle.query(progress);
    expect(p.objection).toMatchObject({ source: 'PARTY', stage: 'AWAITING_ACCEPTANCE', deadline: { date: '2026-01-04', workingDays: 3 } });
    expect(p.deadline?.date).toBe('2026-01-04');
    expect(
      (await refusal(act(national.handle, fileObjection, { concerns: 'LISTING', grounds: '再次提出异议，请予核实。', actor: a.party })))
        .type,
    ).toBe('ALREADY_OPEN');
    const row = await db.case.findUniqueOrThrow({ where: { id: national.caseId } });
    expect(row.deadlineDate?.toISOString().slice(0, 10)).toBe('2026-01-04');
  });

  it('refuses a stale form, then accepts on 4 January: verification due 30 January, measures suspended and pushed', async () => {
    await skipTo(env, '2026-01-04T02:00:00Z');
    const { objection, revision } = await national.handle.query(progress);
    const stale = national.handle.executeUpdate(decideObjectionAcceptance, {
      args: [{ objectionId: objection!.id, accepted: true, reasons: '', revision: revision - 1, actor: a.caseworker }],
    });
    expect((await refusal(stale)).type).toBe('STALE');
    expect(
      (
        await refusal(
          act(national.handle, decideObjectionAcceptance, { objectionId: objection!.id, accepted: true, reasons: '', actor: a.party }),
        )
      ).type,
    ).toBe('WRONG_ROLE');
    await act(national.handle, decideObjectionAcceptance, { objectionId: objection!.id, accepted: true, reasons: '', actor: a.caseworker });
    const p = await national.handle.query(progress);
    expect(p).toMatchObject({
      measuresSuspended: true,
      objection: { stage: 'IN_VERIFICATION', deadline: { date: '2026-01-30', workingDays: 20 } },
    });
    expect(await pushes(national.caseId, 'SUSPENSION')).toBe(await pushes(national.caseId, 'LISTING'));
    expect((await db.case.findUniqueOrThrow({ where: { id: national.caseId } })).measuresSuspended).toBe(true);
  });

  it('records the verification as overdue at 24:00 on 30 January, then takes the rejection: measures resume', async () => {
    await skipTo(env, '2026-01-30T15:59:00Z');
    expect((await national.handle.query(progress)).objection?.overdue).toBe(false);
    await skipTo(env, '2026-01-30T16:00:05Z');
    await expect.poll(() => national.handle.query(progress).then((p) => p.objection?.overdue), { timeout: 20_000 }).toBe(true);
    const overdue = await db.caseEvent.findFirstOrThrow({ where: { caseId: national.caseId, action: 'STEP_OVERDUE' } });
    expect(overdue.detail).toMatchObject({ deadline: 'OBJECTION_VERIFICATION', deadlineDate: '2026-01-30' });
    expect(await db.caseDeadline.count({ where: { caseId: national.caseId, status: 'OVERDUE' } })).toBe(1);

    const { objection } = await national.handle.query(progress);
    await act(national.handle, decideObjection, {
      objectionId: objection!.id,
      upheld: false,
      correction: '',
      reasons: '复议决定维持原处罚，异议不成立。',
      actor: a.caseworker,
    });
    await expect.poll(() => national.handle.query(progress).then((p) => p.objection), { timeout: 20_000 }).toBeNull();
    expect((await national.handle.query(progress)).measuresSuspended).toBe(false);
    const listing = await pushes(national.caseId, 'LISTING');
    expect(await pushes(national.caseId, 'RESUMPTION')).toBe(listing);
    expect(await pushes(national.caseId, 'OBJECTION_RESULT')).toBe(listing);
    expect(await db.objection.findFirstOrThrow({ where: { caseId: national.caseId } })).toMatchObject({ state: 'REJECTED' });
    // The party is served the written result, numbered.
    await expect
      .poll(() => db.document.findMany({ where: { caseId: national.caseId, kind: 'OBJECTION_RESULT' }, select: { number: true } }), {
        timeout: 20_000,
      })
      .toEqual([{ number: expect.stringMatching(/^市信用办异〔2026〕\d+号$/) }]);
    // The breach stays on record after the step is taken.
    expect(await db.caseDeadline.findFirstOrThrow({ where: { caseId: national.caseId, kind: 'OBJECTION_VERIFICATION' } })).toMatchObject({
      status: 'OVERDUE',
    });
  });

  it("records the units' first feedback overdue at 24:00 on 4 January (10 working days), not where it came in time", async () => {
    const listings = await db.push.findMany({ where: { caseId: national.caseId, kind: 'LISTING' } });
    expect(listings.map((p) => p.feedbackOverdueAt?.toISOString())).toEqual(listings.map(() => '2026-01-04T16:00:00.000Z'));
    const jinanFirst = await db.push.findFirstOrThrow({ where: { caseId: jinan.caseId, kind: 'LISTING', feedbackDoneAt: { not: null } } });
    expect(jinanFirst.feedbackOverdueAt).toBeNull();
    const late = {
      caseId: national.caseId,
      action: 'UNIT_DEADLINE_OVERDUE' as const,
      detail: { path: ['deadline'], equals: 'FIRST_FEEDBACK' },
    };
    expect(await db.caseEvent.count({ where: late })).toBe(listings.length);
  });

  it('does not call anyone to an interview before the rectification period has run out', async () => {
    expect(await national.handle.query(progress)).toMatchObject({ interviewDue: false });
    expect((await national.handle.query(progress, a.caseworker)).steps.map((s) => s.step)).not.toContain('scheduleInterview');
    expect(await db.case.findUniqueOrThrow({ where: { id: national.caseId } })).toMatchObject({
      rectificationDueAt: new Date('2026-03-18T16:00:00Z'),
    });
  });

  it("under the Jinan policy a unit's objection is verified from receipt, nothing suspended; upheld, the listing is corrected", async () => {
    await act(jinan.handle, fileObjection, { concerns: 'CONTENT', grounds: '公示的违法事实与处罚决定书记载不一致。', actor: a.unit });
    let p = await jinan.handle.query(progress);
    // No acceptance step under Jinan's rules (004 四（三）): verification runs from receipt.
    expect(p.objection).toMatchObject({ source: 'COOPERATING_UNIT', concerns: 'CONTENT', stage: 'IN_VERIFICATION' });
    expect(p.steps.map((s) => s.step)).not.toContain('decideObjectionAcceptance');
    expect(p.measuresSuspended).toBe(false);
    expect(await pushes(jinan.caseId, 'SUSPENSION')).toBe(0);
    const revoke = { upheld: true, remedy: 'REVOKE' as const, correction: '', reasons: '经核实，公示的金额有误。', actor: a.caseworker };
    // A revocation does not answer an objection to the published content.
    expect((await refusal(act(jinan.handle, decideObjection, { objectionId: p.objection!.id, ...revoke }))).type).toBe('WRONG_STATE');
    await act(jinan.handle, decideObjection, {
      objectionId: p.objection!.id,
      upheld: true,
      remedy: 'CORRECT',
      correction: '失信事实更正为：拖欠 12 名劳动者工资 8.6 万元。',
      reasons: '经核实，公示的金额有误。',
      actor: a.caseworker,
    });
    await expect.poll(() => jinan.handle.query(progress).then((p) => p.objection), { timeout: 20_000 }).toBeNull();
    expect(await pushes(jinan.caseId, 'CORRECTION')).toBe(await pushes(jinan.caseId, 'LISTING'));
    // Reputation restored by what is done: the correction pushed and a notice on the public listing for 30 days.
    const notice = await db.caseEvent.findFirstOrThrow({ where: { caseId: jinan.caseId, action: 'PUBLIC_NOTICE_POSTED' } });
    expect(notice.detail).toMatchObject({ until: '2026-03-02' });
    expect(await db.case.findUniqueOrThrow({ where: { id: jinan.caseId } })).toMatchObject({
      publicNotice: expect.stringContaining('已于2026年1月31日更正'),
      publicNoticeUntil: new Date('2026-03-02T16:00:00Z'),
    });
    // The unit gets the result in its inbox (served as it is made); the party is served a notice of the correction.
    const docs = await db.document.findMany({ where: { caseId: jinan.caseId, kind: { in: ['OBJECTION_RESULT', 'CORRECTION_NOTICE'] } } });
    expect(docs.map((d) => [d.kind, d.serviceMethod]).sort()).toEqual([
      ['CORRECTION_NOTICE', null],
      ['OBJECTION_RESULT', 'ELECTRONIC'],
    ]);
    p = await jinan.handle.query(progress);
    const correctionNotice = docs.find((d) => d.kind === 'CORRECTION_NOTICE')!.id;
    expect(p.awaitingService).toEqual([
      { id: correctionNotice, kind: 'CORRECTION_NOTICE', recipient: '91350100M000100Y43', madeOn: '2026-01-31' },
    ]);
    // The party acknowledges it in its portal: electronically, today, and no other way.
    const ack = {
      documentId: serviceMatter(correctionNotice, '91350100M000100Y43'),
      method: 'ELECTRONIC' as const,
      receivedOn: '2026-01-31',
      note: '',
      actor: a.party,
    };
    expect((await refusal(act(jinan.handle, recordService, { ...ack, method: 'POST' }))).type).toBe('WRONG_ROLE');
    expect((await refusal(act(jinan.handle, recordService, { ...ack, receivedOn: '2026-01-30' }))).type).toBe('INVALID_DATE');
    await act(jinan.handle, recordService, ack);
    expect((await jinan.handle.query(progress)).awaitingService).toEqual([]);
    expect(await db.document.findUniqueOrThrow({ where: { id: correctionNotice } })).toMatchObject({
      serviceMethod: 'ELECTRONIC',
      servedOn: new Date('2026-01-31T00:00:00Z'),
    });
  });

  it('revokes the Jinan listing on a second objection: removed, the result and the removal notice served before the case ends', async () => {
    await act(jinan.handle, fileObjection, {
      concerns: 'LISTING',
      grounds: '认定依据的处罚决定已被人民法院判决撤销。',
      actor: a.caseworker,
    });
    const p = await jinan.handle.query(progress);
    expect(p.objection?.source).toBe('CASEWORKER_ON_BEHALF');
    await act(jinan.handle, decideObjection, {
      objectionId: p.objection!.id,
      upheld: true,
      remedy: 'REVOKE',
      correction: '',
      reasons: '处罚决定已被判决撤销，列入依据不复存在。',
      actor: a.caseworker,
    });
    await expect.poll(() => jinan.handle.query(progress).then((p) => p.state), { timeout: 20_000 }).toBe('REMOVED');
    expect(await jinan.handle.query(progress)).toMatchObject({ removalKind: 'REVOKED' });
    expect(await db.case.findUniqueOrThrow({ where: { id: jinan.caseId } })).toMatchObject({ state: 'REMOVED', removalKind: 'REVOKED' });
    expect(await pushes(jinan.caseId, 'REMOVAL')).toBe(await pushes(jinan.caseId, 'LISTING'));
    await expect
      .poll(() => jinan.handle.query(progress).then((p) => p.awaitingService.map((d) => d.kind).sort()), { timeout: 20_000 })
      .toEqual(['OBJECTION_RESULT', 'REMOVAL_NOTICE', 'REMOVAL_NOTICE']); // the removal notice on the company and its legal representative
    await serve(jinan.handle, db);
    await serve(jinan.handle, db, { method: 'POST', receivedOn: '2026-01-31', note: '挂号信回执' });
    // Awaited without letting the test server skip ahead: the case ends as soon as both are served.
    await expect.poll(() => jinan.handle.describe().then((d) => d.status.name), { timeout: 20_000 }).toBe('COMPLETED');
    // (Its result is not awaited: awaiting lets the test server skip to the next timer of the other cases.)
    expect(await jinan.handle.query(progress)).toMatchObject({ state: 'REMOVED', awaitingService: [] });
    expect(await db.document.count({ where: { caseId: jinan.caseId, servedOn: null } })).toBe(0);
    await recordHistory(env, jinan.handle.workflowId, 'objections-corrected-then-revoked');
  });

  it('under the Fujian policy an objection is verified within 20 working days of receipt, measures suspended from receipt', async () => {
    await skipTo(env, '2026-05-11T02:00:00Z'); // Monday
    await act(fujian.handle, fileObjection, {
      concerns: 'PERIOD',
      grounds: '公示期限应自处罚决定作出之日起计算，请予核实。',
      actor: a.party,
    });
    const p = await fujian.handle.query(progress);
    expect(p.objection).toMatchObject({
      stage: 'IN_VERIFICATION',
      deadline: { kind: 'OBJECTION_VERIFICATION', workingDays: 20, date: '2026-06-08' },
    });
    expect(p.measuresSuspended).toBe(true);
    expect(await pushes(fujian.caseId, 'SUSPENSION')).toBe(await pushes(fujian.caseId, 'LISTING'));
    const objectionId = p.objection!.id;
    const shorten = {
      objectionId,
      upheld: true,
      remedy: 'SHORTEN_PERIOD' as const,
      correction: '',
      reasons: '经核实，公示期限计算有误。',
      actor: a.caseworker,
    };
    expect((await refusal(act(fujian.handle, decideObjection, { ...shorten, publicationEndsOn: '2029-01-31' }))).type).toBe('INVALID_DATE');
    await act(fujian.handle, decideObjection, { ...shorten, publicationEndsOn: '2027-06-30' });
    await expect.poll(() => fujian.handle.query(progress).then((p) => p.objection), { timeout: 20_000 }).toBeNull();
    expect(await fujian.handle.query(progress)).toMatchObject({ publicationEndsOn: '2027-06-30', measuresSuspended: false });
    expect(await db.case.findUniqueOrThrow({ where: { id: fujian.caseId } })).toMatchObject({
      publicationEndsOn: new Date('2027-06-30T00:00:00Z'),
      measuresSuspended: false,
    });
    expect(await pushes(fujian.caseId, 'RESUMPTION')).toBe(await pushes(fujian.caseId, 'LISTING'));
    expect(await pushes(fujian.caseId, 'CORRECTION')).toBe(await pushes(fujian.caseId, 'LISTING'));
    await serve(fujian.handle, db);
  });

  it("takes a responsible person's own objection: upheld, the measures on that person are lifted and the company stays listed", async () => {
    const party = await db.user.findFirstOrThrow({ where: { username: 'party' } });
    const person = await db.user.create({
      data: {
        username: 'legal-rep-wang',
        displayName: '王某某',
        role: 'PARTY',
        subjectCode: LEGAL_REPRESENTATIVE,
        passwordHash: party.passwordHash,
      },
    });
    const actor = {
      userId: person.id,
      name: person.displayName,
      role: 'PARTY' as const,
      departmentId: null,
      subjectCode: LEGAL_REPRESENTATIVE,
    };
    const stranger = { ...actor, userId: 'someone-else', subjectCode: '110101199003070011' };
    const objection = { concerns: 'LISTING' as const, grounds: '本人已于处罚前辞去法定代表人职务，不应对本人实施惩戒。' };
    expect((await refusal(act(market.handle, fileObjection, { ...objection, actor: stranger }))).type).toBe('NOT_THE_PARTY');
    await act(market.handle, fileObjection, { ...objection, actor });
    let p = await market.handle.query(progress);
    const objectionId = p.objection!.id;
    expect(await db.objection.findUniqueOrThrow({ where: { id: objectionId } })).toMatchObject({ applicantCode: LEGAL_REPRESENTATIVE });
    await act(market.handle, decideObjectionAcceptance, { objectionId, accepted: true, reasons: '', actor: a.caseworker });
    await act(market.handle, decideObjection, {
      objectionId,
      upheld: true,
      remedy: 'REVOKE',
      correction: '',
      reasons: '经核实，王某某在违法行为发生前已不再担任法定代表人。',
      actor: a.caseworker,
    });
    await expect.poll(() => market.handle.query(progress).then((p) => p.objection), { timeout: 20_000 }).toBeNull();
    p = await market.handle.query(progress);
    expect(p.state).toBe('LISTED');
    const onPerson = await db.caseMeasure.findMany({ where: { caseId: market.caseId, subjectCode: LEGAL_REPRESENTATIVE } });
    expect(onPerson.map((m) => m.measureId)).toEqual(['M-IND-01']);
    expect(onPerson.every((m) => m.liftedAt !== null)).toBe(true);
    expect(
      await db.caseMeasure.count({ where: { caseId: market.caseId, subjectCode: { not: LEGAL_REPRESENTATIVE }, liftedAt: { not: null } } }),
    ).toBe(0);
    expect(await pushes(market.caseId, 'CORRECTION')).toBe(await pushes(market.caseId, 'LISTING'));
    // The result is addressed to the person and served on them; they acknowledge it themselves.
    expect(p.awaitingService).toEqual([
      { id: expect.any(String), kind: 'OBJECTION_RESULT', recipient: LEGAL_REPRESENTATIVE, madeOn: '2026-05-11' },
    ]);
    const result = await db.document.findUniqueOrThrow({ where: { id: p.awaitingService[0]!.id } });
    const text = (await pdfText(Buffer.from(result.content))).replace(/\s+/g, '');
    expect(text).toContain('王某某（统一社会信用代码/身份证号码：11010519491231002X）');
    expect(text).toContain('撤销对你的失信记录，解除对你实施的惩戒措施');
    const today = '2026-05-11';
    await act(market.handle, recordService, {
      documentId: serviceMatter(result.id, LEGAL_REPRESENTATIVE),
      method: 'ELECTRONIC',
      receivedOn: today,
      note: '',
      actor,
    });
    expect((await market.handle.query(progress)).awaitingService).toEqual([]);
  });

  it('calls a subject not rectified within three months to an interview; who attended and the minutes enter its record', async () => {
    // Listed on 18 December 2025: the three months ran out at 24:00 on 18 March 2026.
    let p = await national.handle.query(progress);
    expect(p.interviewDue).toBe(true);
    expect((await national.handle.query(progress, a.caseworker)).steps.map((s) => s.step)).toContain('scheduleInterview');
    expect((await national.handle.query(progress, a.party)).steps.map((s) => s.step)).not.toContain('scheduleInterview');
    const schedule = {
      kind: 'WARNING' as const,
      place: '市信用办第一会议室',
      notice: '督促你单位补缴税款、消除不良影响，请法定代表人按时参加。',
      actor: a.caseworker,
    };
    expect((await refusal(act(national.handle, scheduleInterview, { ...schedule, scheduledFor: '2026-05-10' }))).type).toBe('INVALID_DATE');
    const { interviewId } = await act(national.handle, scheduleInterview, { ...schedule, scheduledFor: '2026-05-15' });
    p = await national.handle.query(progress, a.caseworker);
    expect(p.steps.find((s) => s.step === 'recordInterview')).toMatchObject({ matterId: interviewId });
    expect(p.steps.map((s) => s.step)).not.toContain('scheduleInterview'); // one at a time
    await skipTo(env, '2026-05-15T08:00:00Z');
    await act(national.handle, recordInterview, {
      interviewId,
      heldOn: '2026-05-15',
      attendees: '被约谈方：法定代表人王某某；本机关：张经办、李审核',
      minutes: '王某某表示将于一个月内补缴全部税款，并提交整改报告。',
      actor: a.caseworker,
    });
    expect(await db.interview.findUniqueOrThrow({ where: { id: interviewId } })).toMatchObject({
      subjectCode: '91350100M000100Y43',
      kind: 'WARNING',
      heldOn: new Date('2026-05-15T00:00:00Z'),
      recordedBy: a.caseworker.name,
    });
    const events = await db.caseEvent.findMany({
      where: { caseId: national.caseId, action: { in: ['INTERVIEW_SCHEDULED', 'INTERVIEW_HELD'] } },
      orderBy: { at: 'asc' },
    });
    expect(events.map((e) => [e.action, e.reason])).toEqual([
      ['INTERVIEW_SCHEDULED', '督促你单位补缴税款、消除不良影响，请法定代表人按时参加。'],
      ['INTERVIEW_HELD', '王某某表示将于一个月内补缴全部税款，并提交整改报告。'],
    ]);
    // Held, another may be scheduled (a reminder first, a warning later).
    expect((await national.handle.query(progress, a.caseworker)).steps.map((s) => s.step)).toContain('scheduleInterview');
  });

  it('continues a long history as new, keeping the case as it was', async () => {
    const before = await national.handle.describe();
    const { revision } = await national.handle.query(progress);
    // Calendar corrections are the one message an idle listing takes without limit; each adds events.
    // The run continues as new at its first quiet moment past the bound.
    let length = before.historyLength;
    for (let i = 0; i < 3 * LISTING_HISTORY_BOUND && length <= LISTING_HISTORY_BOUND; i++) {
      await national.handle.signal(calendarCorrected);
      if (i % 50 === 49) length = (await national.handle.describe()).historyLength;
    }
    await expect.poll(() => national.handle.describe().then((d) => d.runId), { timeout: 30_000 }).not.toBe(before.runId);
    const after = await national.handle.describe();
    expect(after.historyLength).toBeLessThan(50);
    expect(await national.handle.query(progress)).toMatchObject({ state: 'LISTED', publicationEndsOn: '2028-12-18' });
    expect((await national.handle.query(progress)).revision).toBeGreaterThan(revision);
  });

  it('refuses a repair application a day before the minimum has run out, takes it on the first eligible day', async () => {
    await skipTo(env, '2026-12-18T02:00:00Z');
    const early = await refusal(
      act(repairing.handle, applyForRepair, {
        correctionProof: '已全额缴纳罚款并完成整改，附缴款凭证。',
        commitment: '本单位承诺今后依法诚信经营，如有违反愿承担相应责任。',
        commitmentSigned: true,
        otherMethods: [],
        actor: a.party,
      }),
    );
    expect(early).toMatchObject({ type: 'NOT_ELIGIBLE', message: '最短公示期尚未届满，自 2026-12-19 起可申请信用修复' });
    await skipTo(env, '2026-12-18T16:00:05Z');
    await act(repairing.handle, applyForRepair, {
      correctionProof: '已全额缴纳罚款并完成整改，附缴款凭证。',
      commitment: '本单位承诺今后依法诚信经营，如有违反愿承担相应责任。',
      commitmentSigned: true,
      otherMethods: ['RECTIFICATION', 'CREDIT_REPORT'],
      actor: a.party,
    });
    const p = await repairing.handle.query(progress);
    // Saturday 19 December: three working days are 21, 22 and 23 December.
    expect(p.repair).toMatchObject({ stage: 'AWAITING_ACCEPTANCE', deadline: { date: '2026-12-23', provisional: false } });
  });

  it('accepts, extends once with a reason (provisional into 2027), refuses a second extension, grants: removed and pushed', async () => {
    await skipTo(env, '2026-12-21T02:00:00Z');
    let p = await repairing.handle.query(progress);
    const applicationId = p.repair!.id;
    await act(repairing.handle, decideRepairAcceptance, { applicationId, accepted: true, reasons: '', actor: a.caseworker });
    p = await repairing.handle.query(progress);
    // Ten working days from 21 December run into 2027, whose schedule is not yet entered.
    expect(p.repair).toMatchObject({ stage: 'AWAITING_DECISION', deadline: { workingDays: 10, provisional: true } });
    const first = p.repair!.deadline.date;
    await act(repairing.handle, extendRepair, { applicationId, reason: '需向税务机关函询整改核查结果，情况复杂。', actor: a.caseworker });
    p = await repairing.handle.query(progress);
    expect(p.repair).toMatchObject({ extended: true, deadline: { workingDays: 20 } });
    expect(p.repair!.deadline.date > first).toBe(true);
    expect(
      (await refusal(act(repairing.handle, extendRepair, { applicationId, reason: '再次延长办理期限的理由。', actor: a.caseworker }))).type,
    ).toBe('WRONG_STATE');
    expect(await db.repairApplication.findUniqueOrThrow({ where: { id: applicationId } })).toMatchObject({
      extensionReason: '需向税务机关函询整改核查结果，情况复杂。',
    });
    // An earlier correction's notice on the public lookup (恢复名誉) does not outlast the repair.
    await db.case.update({
      where: { id: repairing.caseId },
      data: { publicNotice: '经核实，本条信息已于2026年12月1日更正。', publicNoticeUntil: new Date('2026-12-31T16:00:00Z') },
    });
    await act(repairing.handle, decideRepair, {
      applicationId,
      granted: true,
      reasons: '已纠正失信行为并作出信用承诺，准予修复。',
      actor: a.caseworker,
    });
    await expect.poll(() => repairing.handle.query(progress).then((p) => p.state), { timeout: 20_000 }).toBe('REMOVED');
    expect(await db.case.findUniqueOrThrow({ where: { id: repairing.caseId } })).toMatchObject({
      removalKind: 'REPAIRED',
      publicNotice: null,
      publicNoticeUntil: null,
    });
    // The result follows the removal it reports.
    await expect.poll(() => db.document.count({ where: { caseId: repairing.caseId, kind: 'REPAIR_RESULT' } }), { timeout: 20_000 }).toBe(1);
    expect(await db.document.findMany({ where: { caseId: repairing.caseId, kind: 'REPAIR_RESULT' }, select: { number: true } })).toEqual([
      { number: expect.stringMatching(/^市信用办修决〔2026〕\d+号$/) },
    ]);
    expect(await pushes(repairing.caseId, 'REMOVAL')).toBe(await pushes(repairing.caseId, 'LISTING'));
    await recordHistory(env, repairing.handle.workflowId, 'repair-extended-granted');
  });

  it('refuses an objection with reasons and, later, a repair: the subject stays listed and is told its remedies', async () => {
    // An objection to a repair result waits for one.
    const early = act(national.handle, fileObjection, {
      concerns: 'REPAIR_RESULT',
      grounds: '信用修复结果有误，请予核实。',
      actor: a.party,
    });
    expect((await refusal(early)).type).toBe('WRONG_STATE');
    await act(national.handle, fileObjection, { concerns: 'PERIOD', grounds: '公示期限计算有误，请予核实。', actor: a.party });
    const { objection } = await national.handle.query(progress);
    const otherDepartment = await actorOf(db, 'tax-caseworker');
    expect(
      (
        await refusal(
          act(national.handle, decideObjectionAcceptance, {
            objectionId: objection!.id,
            accepted: false,
            reasons: '不属于异议受理范围。',
            actor: otherDepartment,
          }),
        )
      ).type,
    ).toBe('WRONG_DEPARTMENT');
    await act(national.handle, decideObjectionAcceptance, {
      objectionId: objection!.id,
      accepted: false,
      reasons: '公示期限系依法计算，异议事项不属于受理范围。',
      actor: a.caseworker,
    });
    await expect.poll(() => national.handle.query(progress).then((p) => p.objection), { timeout: 20_000 }).toBeNull();
    expect(await db.objection.findUniqueOrThrow({ where: { id: objection!.id } })).toMatchObject({
      state: 'NOT_ACCEPTED',
      refusalReasons: '公示期限系依法计算，异议事项不属于受理范围。',
    });

    const application = {
      correctionProof: '已全额缴纳税款、滞纳金和罚款，附完税证明。',
      commitment: '本单位承诺今后依法纳税、诚信经营。',
      commitmentSigned: true as const,
      otherMethods: [],
      actor: a.party,
    };
    await act(national.handle, applyForRepair, application);
    let p = await national.handle.query(progress);
    await act(national.handle, decideRepairAcceptance, {
      applicationId: p.repair!.id,
      accepted: false,
      reasons: '未提交完税证明原件。',
      actor: a.caseworker,
    });
    await expect.poll(() => national.handle.query(progress).then((p) => p.repair), { timeout: 20_000 }).toBeNull();
    await act(national.handle, applyForRepair, application);
    p = await national.handle.query(progress);
    const applicationId = p.repair!.id;
    await act(national.handle, decideRepairAcceptance, { applicationId, accepted: true, reasons: '', actor: a.caseworker });
    await act(national.handle, decideRepair, {
      applicationId,
      granted: false,
      reasons: '仍有欠缴税款未清缴，不予修复。',
      actor: a.caseworker,
    });
    await expect.poll(() => national.handle.query(progress).then((p) => p.repair), { timeout: 20_000 }).toBeNull();
    expect((await national.handle.query(progress)).state).toBe('LISTED');
    // Its result decided, the repair may now be objected to.
    await act(national.handle, fileObjection, {
      concerns: 'REPAIR_RESULT',
      grounds: '已提交完税证明，不予修复的理由不成立。',
      actor: a.party,
    });
    p = await national.handle.query(progress);
    await act(national.handle, decideObjectionAcceptance, {
      objectionId: p.objection!.id,
      accepted: true,
      reasons: '',
      actor: a.caseworker,
    });
    await act(national.handle, decideObjection, {
      objectionId: p.objection!.id,
      upheld: false,
      correction: '',
      reasons: '经核实，欠缴税款尚未清缴，原修复结果正确。',
      actor: a.caseworker,
    });
    await expect.poll(() => national.handle.query(progress).then((p) => p.objection), { timeout: 20_000 }).toBeNull();
    expect(
      await db.repairApplication.findMany({ where: { caseId: national.caseId }, orderBy: { filedAt: 'asc' }, select: { state: true } }),
    ).toEqual([{ state: 'NOT_ACCEPTED' }, { state: 'REFUSED' }]);
    const refused = await db.caseEvent.findFirstOrThrow({ where: { caseId: national.caseId, action: 'REPAIR_REFUSED' } });
    expect(refused).toMatchObject({ reason: '仍有欠缴税款未清缴，不予修复。', detail: { remedies: 'RECONSIDERATION_OR_LITIGATION' } });
    // Every decided matter has its written result: two objections, two repair applications.
    await expect
      .poll(() => db.document.count({ where: { caseId: national.caseId, kind: { in: ['OBJECTION_RESULT', 'REPAIR_RESULT'] } } }), {
        timeout: 20_000,
      })
      .toBe(5);
  });

  it('removes the remaining listing by itself at 24:00 on 18 December 2028, three years on', async () => {
    await skipTo(env, '2028-12-18T15:59:00Z');
    expect((await national.handle.query(progress)).state).toBe('LISTED');
    await skipTo(env, '2028-12-18T16:00:05Z');
    await expect.poll(() => national.handle.query(progress).then((p) => p.state), { timeout: 20_000 }).toBe('REMOVED');
    const row = await db.case.findUniqueOrThrow({ where: { id: national.caseId } });
    expect(row).toMatchObject({ removalKind: 'EXPIRY' });
    expect(row.removedAt!.getTime()).toBeGreaterThanOrEqual(Date.parse('2028-12-18T16:00:00Z'));
    // The Fujian listing, its period shortened on objection, left at 24:00 on 30 June 2027.
    const shortened = await db.case.findUniqueOrThrow({ where: { id: fujian.caseId } });
    expect(shortened).toMatchObject({ state: 'REMOVED', removalKind: 'EXPIRY' });
    expect(shortened.removedAt!.toISOString() < '2027-07-01').toBe(true);
    expect(shortened.removedAt!.getTime()).toBeGreaterThanOrEqual(Date.parse('2027-06-30T16:00:00Z'));
    await recordHistory(env, national.handle.workflowId, 'objection-overdue-rejected-continued-expired');
  });
});
