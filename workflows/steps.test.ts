// Each human step is taken once. A second request for the same step — a second supervisor who
// reloaded the page while the first decision was being recorded, a party pressing submit twice —
// is refused with a clear code, and exactly one decision is recorded. The workflow also says which
// steps are open, and to whom. Started on Tuesday 2026-09-29 (notice period ends 24:00 12 October).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Db } from '../activities/db';
import { actorsOf, designationForm, type Actors } from '../tests/support/fixtures';
import { act, serve, skipTo, until, untilOpen, workflowHarness, type WorkflowHarness } from '../tests/support/temporal';
import { shanghaiDate } from '../domain/workdays';
import { serviceMatter } from '../domain/procedure';
import {
  applyForRepair,
  decideListing,
  decideNotice,
  decideObjection,
  decideObjectionAcceptance,
  decideRepair,
  decideRepairAcceptance,
  decideReview,
  extendRepair,
  fileObjection,
  fileStatement,
  progress,
  recordService,
  removeEarly,
} from './messages';

let h: WorkflowHarness;
let env: TestWorkflowEnvironment;
let db: Db;
let a: Actors;

beforeAll(async () => {
  h = await workflowHarness('steps', '2026-09-29T02:00:00Z');
  ({ env, db } = h);
  a = await actorsOf(db);
});

afterAll(async () => {
  await h?.stop();
});

/**
 * Sends `first`; a second user who reloads while it is being recorded sends `second` on the
 * revision they then see. Exactly one is taken; the other is refused, and the refusal is returned.
 */
async function twice<Ret, Arg extends { revision: number }>(
  handle: WorkflowHandle,
  update: UpdateDefinition<Ret, [Arg]>,
  first: Omit<Arg, 'revision'>,
  second: Omit<Arg, 'revision'>,
): Promise<string> {
  const send = async (request: Omit<Arg, 'revision'>) => {
    const { revision } = await handle.query(progress);
    return handle.executeUpdate(update, { args: [{ ...request, revision } as Arg] });
  };
  const taking = send(first);
  const results = await Promise.allSettled([taking, send(second)]);
  const taken = results.filter((r) => r.status === 'fulfilled');
  const refused = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
  expect(taken, `one of two ${update.name} requests is taken`).toHaveLength(1);
  expect(refused).toHaveLength(1);
  expect(refused[0]).toBeInstanceOf(WorkflowUpdateFailedError);
  const code = ((refused[0] as WorkflowUpdateFailedError).cause as { type?: string }).type!;
  // Taken while the other was checked (in progress), or before (the step, or its matter, no longer open; the page stale).
  expect(['IN_PROGRESS', 'WRONG_STATE', 'UNKNOWN_MATTER', 'STALE', 'ALREADY_OPEN']).toContain(code);
  return code;
}

const events = (caseId: string, actions: string[]) => db.caseEvent.count({ where: { caseId, action: { in: actions } } });
const openTo = async (handle: WorkflowHandle, who: keyof Actors) => (await handle.query(progress, a[who])).steps.map((s) => s.step);

describe('each step taken once, and the steps open to each user', () => {
  let notice: Awaited<ReturnType<WorkflowHarness['startCase']>>;
  let statement: Awaited<ReturnType<WorkflowHarness['startCase']>>;
  let refused: Awaited<ReturnType<WorkflowHarness['startCase']>>;
  let listed: Awaited<ReturnType<WorkflowHarness['startCase']>>;
  let removed: Awaited<ReturnType<WorkflowHarness['startCase']>>;

  it('opens the notice approval to the supervisor alone, and takes one of two decisions on it', async () => {
    notice = await h.startCase(designationForm(), false);
    expect(await openTo(notice.handle, 'supervisor')).toEqual(['decideNotice']);
    expect(await openTo(notice.handle, 'caseworker')).toEqual([]);
    expect(await openTo(notice.handle, 'party')).toEqual([]);
    await twice(
      notice.handle,
      decideNotice,
      { approved: true, reasons: '', actor: a.supervisor },
      { approved: false, reasons: '事实部分表述不清，请补充。', actor: a.supervisor },
    );
    expect(await events(notice.caseId, ['NOTICE_APPROVED', 'NOTICE_RETURNED'])).toBe(1);
  });

  it('takes one of two statements filed at once, and one of two reviews of it', async () => {
    statement = await h.startCase(designationForm({ listType: 'WAGES' }));
    const [open] = (await statement.handle.query(progress, a.party)).steps;
    expect(open).toMatchObject({ step: 'fileStatement', deadline: { date: '2026-10-12' } });
    expect(await openTo(statement.handle, 'supervisor')).toEqual([]);
    await twice(
      statement.handle,
      fileStatement,
      { kind: 'STATEMENT', content: '认定事实有误，请求复核。', actor: a.party },
      { kind: 'STATEMENT', content: '补充说明：已缴清全部税款。', actor: a.party },
    );
    expect(await db.statement.count({ where: { caseId: statement.caseId } })).toBe(1);
    // The party waives the rest of the period in writing: the review begins.
    await act(statement.handle, fileStatement, { kind: 'WAIVER', content: '本单位不再补充陈述申辩意见。', actor: a.party });
    await until(statement.handle, 'IN_REVIEW');
    expect(await openTo(statement.handle, 'caseworker')).toEqual(['decideReview']);
    await twice(
      statement.handle,
      decideReview,
      { accepted: true, reasons: '陈述理由成立。', actor: a.caseworker },
      { accepted: false, reasons: '陈述理由不成立。', actor: a.caseworker },
    );
    expect(await events(statement.caseId, ['STATEMENT_ACCEPTED', 'STATEMENT_REJECTED'])).toBe(1);
  });

  it('refuses a statement that cannot be recorded once its retries are spent: nothing recorded, and the step open again', async () => {
    const c = await h.startCase(
      designationForm({ listType: 'WAGES', basis: { ...designationForm().basis, number: '人社监察〔2026〕77号' } }),
    );
    // The database refuses this case's statements (its storage failing, say) until the trigger goes.
    await db.$executeRawUnsafe(
      `CREATE FUNCTION refuse_statement() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'storage unavailable'; END $$ LANGUAGE plpgsql`,
    );
    try {
      await db.$executeRawUnsafe(
        `CREATE TRIGGER refuse_statement BEFORE INSERT ON "Statement" FOR EACH ROW WHEN (NEW."caseId" = '${c.caseId}') EXECUTE FUNCTION refuse_statement()`,
      );
      const { revision } = await c.handle.query(progress);
      const request = { kind: 'STATEMENT' as const, content: '认定事实有误，请求复核。', actor: a.party, revision };
      let outcome: unknown;
      const filing = c.handle.executeUpdate(fileStatement, { args: [request] }).then(
        () => (outcome = 'recorded'),
        (err: unknown) => (outcome = err),
      );
      // Twenty attempts, about 14 minutes of retries: the later ones wait on timers, skipped here.
      // Meanwhile the case shows as stuck on its deadline watch (from the third attempt).
      let stuck = 0;
      for (let i = 0; i < 30 && outcome === undefined; i++) {
        await skipTo(env, new Date((await env.currentTimeMs()) + 60_000).toISOString());
        const mark = await db.stuckActivity.findFirst({ where: { caseId: c.caseId, activity: 'recordStatement' } });
        stuck = Math.max(stuck, mark?.attempts ?? 0);
      }
      await filing;
      expect(outcome).toBeInstanceOf(WorkflowUpdateFailedError);
      expect(((outcome as WorkflowUpdateFailedError).cause as { type?: string }).type).toBe('NOT_RECORDED');
      expect(await db.statement.count({ where: { caseId: c.caseId } })).toBe(0);
      // The attempts were made, the later ones after timers; refused, the case waits on it no more.
      expect(stuck).toBeGreaterThanOrEqual(10);
      expect(await db.stuckActivity.count({ where: { caseId: c.caseId } })).toBe(0);
      const history = await c.handle.fetchHistory();
      expect(history.events!.filter((e) => e.timerStartedEventAttributes).length).toBeGreaterThanOrEqual(15);
    } finally {
      await db.$executeRawUnsafe('DROP TRIGGER IF EXISTS refuse_statement ON "Statement"');
      await db.$executeRawUnsafe('DROP FUNCTION refuse_statement()');
    }
    expect(await openTo(c.handle, 'party')).toEqual(['fileStatement']);
    await act(c.handle, fileStatement, { kind: 'STATEMENT', content: '认定事实有误，请求复核。', actor: a.party });
    expect(await db.statement.count({ where: { caseId: c.caseId } })).toBe(1);
  });

  it('takes one of two listing decisions; the database agrees with the workflow', async () => {
    refused = await h.startCase(designationForm({ listType: 'SAFETY' }));
    listed = await h.startCase(designationForm({ listType: 'MARKET' }));
    removed = await h.startCase(designationForm({ listType: 'PROCUREMENT' }));
    await skipTo(env, '2026-10-12T16:00:05Z');
    for (const c of [refused, listed, removed]) await until(c.handle, 'AWAITING_DECISION_APPROVAL');
    await twice(
      refused.handle,
      decideListing,
      { approved: false, reasons: '证据不足，不予列入。', actor: a.supervisor },
      { approved: true, reasons: '', actor: a.supervisor },
    );
    expect(await events(refused.caseId, ['DECISION_APPROVED', 'DECISION_REFUSED'])).toBe(1);
    const state = (await refused.handle.query(progress)).state;
    await expect
      .poll(async () => (await db.case.findUniqueOrThrow({ where: { id: refused.caseId } })).state)
      .toBe(state === 'BEING_LISTED' ? 'LISTED' : state);
    for (const c of [listed, removed]) {
      const { revision } = await c.handle.query(progress);
      await c.handle.executeUpdate(decideListing, { args: [{ approved: true, reasons: '', revision, actor: a.supervisor }] });
      await serve(c.handle, db);
      await until(c.handle, 'LISTED');
    }
  });

  it('takes one of two objections filed at once, one acceptance and one verification result', async () => {
    expect(await openTo(listed.handle, 'unit')).toEqual(['fileObjection']);
    expect(await openTo(listed.handle, 'supervisor')).toEqual(['removeEarly']);
    await twice(
      listed.handle,
      fileObjection,
      { concerns: 'LISTING' as const, grounds: '列入所依据的处罚决定已被撤销。', actor: a.party },
      { concerns: 'LISTING' as const, grounds: '处罚决定已被复议机关撤销，请核实。', actor: a.unit },
    );
    expect(await db.objection.count({ where: { caseId: listed.caseId } })).toBe(1);
    const objectionId = (await listed.handle.query(progress)).objection!.id;
    expect((await listed.handle.query(progress, a.caseworker)).steps).toEqual([
      expect.objectContaining({ step: 'decideObjectionAcceptance', matterId: objectionId, overdue: false }),
      expect.objectContaining({ step: 'applyForRepair' }),
    ]);
    await twice(
      listed.handle,
      decideObjectionAcceptance,
      { objectionId, accepted: true, reasons: '', actor: a.caseworker },
      { objectionId, accepted: true, reasons: '材料齐全，予以受理。', actor: a.caseworker },
    );
    expect(await events(listed.caseId, ['OBJECTION_ACCEPTED', 'OBJECTION_NOT_ACCEPTED'])).toBe(1);
    await twice(
      listed.handle,
      decideObjection,
      { objectionId, upheld: false, correction: '', reasons: '经核实，处罚决定仍然有效。', actor: a.caseworker },
      { objectionId, upheld: false, correction: '', reasons: '经核实，异议理由不成立。', actor: a.caseworker },
    );
    expect(await events(listed.caseId, ['OBJECTION_UPHELD', 'OBJECTION_REJECTED'])).toBe(1);
    // Whichever objection was taken: a unit's result goes to the unit's inbox, served as it is made;
    // the party's is served on it once, though the caseworker and the party record it at the same moment.
    const source = (await db.objection.findFirstOrThrow({ where: { caseId: listed.caseId } })).source;
    if (source === 'COOPERATING_UNIT') {
      await expect
        .poll(() => db.document.findFirst({ where: { caseId: listed.caseId, kind: 'OBJECTION_RESULT' } }).then((d) => d?.serviceMethod), {
          timeout: 20_000,
        })
        .toBe('ELECTRONIC');
      expect((await listed.handle.query(progress)).awaitingService).toEqual([]);
      return;
    }
    await untilOpen(listed.handle, 'recordService');
    const served = (await listed.handle.query(progress)).awaitingService[0]!;
    const documentId = serviceMatter(served.id, served.recipient);
    const receivedOn = shanghaiDate(new Date(await env.currentTimeMs()));
    const service = { documentId, method: 'ELECTRONIC' as const, receivedOn, note: '' };
    await twice(listed.handle, recordService, { ...service, actor: a.caseworker }, { ...service, actor: a.party });
    expect(await db.caseEvent.count({ where: { caseId: listed.caseId, stepKey: `service-${served.id}-${served.recipient}` } })).toBe(1);
    expect((await listed.handle.query(progress)).awaitingService).toEqual([]);
  });

  it('takes one of two repair applications, one acceptance, and either the extension or the decision', async () => {
    const { repairEligibleFrom } = await listed.handle.query(progress);
    await skipTo(env, new Date(Date.parse(repairEligibleFrom!) + 60_000).toISOString());
    const repairForm = {
      correctionProof: '已全额缴纳税款及滞纳金，见完税证明。',
      commitment: '本公司承诺依法诚信纳税。',
      commitmentSigned: true as const,
      otherMethods: [],
    };
    await twice(listed.handle, applyForRepair, { ...repairForm, actor: a.party }, { ...repairForm, actor: a.caseworker });
    expect(await db.repairApplication.count({ where: { caseId: listed.caseId } })).toBe(1);
    const applicationId = (await listed.handle.query(progress)).repair!.id;
    await twice(
      listed.handle,
      decideRepairAcceptance,
      { applicationId, accepted: true, reasons: '', actor: a.caseworker },
      { applicationId, accepted: true, reasons: '材料齐全。', actor: a.caseworker },
    );
    expect(await events(listed.caseId, ['REPAIR_ACCEPTED', 'REPAIR_NOT_ACCEPTED'])).toBe(1);
    expect(await openTo(listed.handle, 'caseworker')).toEqual(['fileObjection', 'extendRepair', 'decideRepair', 'scheduleInterview']);
    // Two steps on one matter at once: the extension and the decision exclude each other.
    const sendBoth = async () => {
      const { revision } = await listed.handle.query(progress);
      return Promise.allSettled([
        listed.handle.executeUpdate(extendRepair, {
          args: [{ applicationId, reason: '需向税务机关核实完税情况。', revision, actor: a.caseworker }],
        }),
        listed.handle.executeUpdate(decideRepair, {
          args: [{ applicationId, granted: true, reasons: '符合修复条件。', revision, actor: a.caseworker }],
        }),
      ]);
    };
    const results = await sendBoth();
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await events(listed.caseId, ['REPAIR_EXTENDED', 'REPAIR_GRANTED', 'REPAIR_REFUSED'])).toBe(1);
  });

  it('removes early once when two supervisors press it at once', async () => {
    await twice(
      removed.handle,
      removeEarly,
      { reason: '当事人已完成全部整改，经集体研究决定提前移出。', actor: a.supervisor },
      { reason: '经研究决定提前移出名单。', actor: a.supervisor },
    );
    await until(removed.handle, 'REMOVED');
    expect(await openTo(removed.handle, 'supervisor')).toEqual([]);
  });
});
