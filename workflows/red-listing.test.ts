// The red list (守信激励) on the time-skipping test server: a contract-honouring enterprise is listed
// on approval — published, its decision made, its incentives pushed to the units that grant them —
// and taken off when it is black-listed in the same field (market regulation), while its A-grade
// taxpayer listing (another field) runs on until it expires by itself a year later. A red listing
// approved while the subject is black-listed in its field is not made. From Monday 2 March 2026.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Db } from '../activities/db';
import { TASK_QUEUE, redListingWorkflowId } from '../domain/procedure';
import type { RedListingInput } from '../domain/schemas';
import { actorsOf, designationForm, redListingForm, type Actors } from '../tests/support/fixtures';
import { pdfText } from '../tests/support/pdf';
import { act, recordHistory, serve, skipTo, until, workflowHarness, type WorkflowHarness } from '../tests/support/temporal';
import { decideListing, decideRedListing, progress } from './messages';
import { redListingWorkflow } from './red-listing';

let h: WorkflowHarness;
let env: TestWorkflowEnvironment;
let db: Db;
let a: Actors;

beforeAll(async () => {
  h = await workflowHarness('red-listing', '2026-03-02T02:00:00Z');
  ({ env, db } = h);
  a = await actorsOf(db);
});
afterAll(async () => {
  await h?.stop();
});

/** Files a red listing as the caseworker; approved (by default), it is listed. */
async function fileRed(form: RedListingInput, approve = true): Promise<{ caseId: string; handle: WorkflowHandle }> {
  const caseId = randomUUID();
  const handle = await env.client.workflow.start(redListingWorkflow, {
    taskQueue: TASK_QUEUE,
    workflowId: redListingWorkflowId(caseId),
    args: [{ caseId, departmentId: a.caseworker.departmentId!, filedBy: a.caseworker, form }],
  });
  await until(handle, 'AWAITING_DECISION_APPROVAL');
  if (approve) await act(handle, decideRedListing, { approved: true, reasons: '', actor: a.supervisor });
  return { caseId, handle };
}

const documentText = async (caseId: string, kind: 'RED_LISTING_DECISION' | 'RED_REMOVAL_NOTICE') =>
  pdfText((await db.document.findFirstOrThrow({ where: { caseId, kind } })).content);

let contract: { caseId: string; handle: WorkflowHandle };
let taxpayer: { caseId: string; handle: WorkflowHandle };

describe('the red list', () => {
  it('lists a contract-honouring enterprise on approval: published for 2 years, its decision made, the incentives pushed', async () => {
    contract = await fileRed(redListingForm());
    await until(contract.handle, 'LISTED');
    const c = await db.case.findUniqueOrThrow({ where: { id: contract.caseId }, include: { measures: true, pushes: true } });
    expect(c).toMatchObject({ state: 'LISTED', tier: null, published: true });
    expect(c.caseNumber).toMatch(/^市信用办红〔2026〕\d+号$/);
    expect(c.publicationEndsOn?.toISOString().slice(0, 10)).toBe('2028-03-02');
    // The mandatory incentive (publication of the good record) and the one chosen, each pushed to the unit granting it.
    expect(c.measures.map((m) => m.measureId).sort()).toEqual(['I-ADM-01', 'I-SOC-01']);
    const units = await db.department.findMany({ where: { id: { in: c.pushes.map((p) => p.departmentId) } } });
    expect(units.map((u) => u.code).sort()).toEqual(['CREDIT', 'SAMR']);
    expect(c.pushes.every((p) => p.kind === 'LISTING' && p.acknowledgeBy !== null)).toBe(true);
    await expect.poll(async () => db.document.count({ where: { caseId: contract.caseId, kind: 'RED_LISTING_DECISION' } })).toBe(1);
    const text = await documentText(contract.caseId, 'RED_LISTING_DECISION');
    expect(text).toContain('列入守信激励对象名单决定书');
    expect(text).toContain('本机关决定将你（单位）列入守合同重信用企业');
    expect(text).toContain('有效期：自2026年3月2日起2年，至2028年3月2日止');
    expect(text).toContain('行政审批“绿色通道”');
    expect(text).toContain('列入同一领域的严重失信主体名单，将随即移出本名单');
    expect((await contract.handle.query(progress)).steps.map((s) => s.step)).toEqual(['removeEarly']);
  });

  it('lists the same company as an A-grade taxpayer (another field), with the tax incentive every such listing carries', async () => {
    taxpayer = await fileRed(
      redListingForm({
        listType: 'RED-TAX-A',
        basis: { kind: 'CREDIT_EVALUATION', number: '市税信评〔2026〕1号', issuer: '国家税务总局某市税务局', date: '2026-02-20' },
        reasons: '该企业2025年度纳税信用评价为A级，依法纳入联合激励对象。',
        recommendedMeasures: [],
      }),
    );
    await until(taxpayer.handle, 'LISTED');
    const measures = await db.caseMeasure.findMany({ where: { caseId: taxpayer.caseId } });
    expect(measures.map((m) => m.measureId).sort()).toEqual(['I-SOC-01', 'I-TAX-01']);
  });

  it('takes the company off the contract-honouring list the day it is black-listed for market violations; the tax listing stays', async () => {
    const black = await h.startCase(designationForm({ listType: 'MARKET', recommendedMeasures: [] }));
    await skipTo(env, '2026-03-16T02:00:00Z');
    await until(black.handle, 'AWAITING_DECISION_APPROVAL');
    await act(black.handle, decideListing, { approved: true, reasons: '', actor: a.supervisor });
    await serve(black.handle, db);
    await until(black.handle, 'LISTED');
    const blackCase = await db.case.findUniqueOrThrow({ where: { id: black.caseId } });

    await until(contract.handle, 'REMOVED');
    const c = await db.case.findUniqueOrThrow({ where: { id: contract.caseId } });
    expect(c).toMatchObject({ state: 'REMOVED', removalKind: 'DISHONESTY', activeListingKey: null });
    expect(c.removalReason).toBe(`市场监督管理严重违法失信名单（${blackCase.caseNumber}）`);
    expect(await db.push.count({ where: { caseId: contract.caseId, kind: 'REMOVAL' } })).toBe(2);
    expect(await db.caseEvent.count({ where: { caseId: contract.caseId, action: 'REMOVED_DISHONESTY' } })).toBe(1);
    await expect.poll(async () => db.document.count({ where: { caseId: contract.caseId, kind: 'RED_REMOVAL_NOTICE' } })).toBe(1);
    const notice = await documentText(contract.caseId, 'RED_REMOVAL_NOTICE');
    expect(notice).toContain('移出守信激励对象名单告知书');
    expect(notice).toContain(`你（单位）已被列入同一领域的严重失信主体名单：市场监督管理严重违法失信名单（${blackCase.caseNumber}）`);
    expect(notice).toContain('并已告知2个实施单位停止相应激励措施');

    expect((await db.case.findUniqueOrThrow({ where: { id: taxpayer.caseId } })).state).toBe('LISTED');
  });

  it('does not make a red listing of all fields approved while the company is black-listed: closed, saying which listing', async () => {
    const model = await fileRed(
      redListingForm({
        listType: 'RED-MODEL',
        basis: { kind: 'COMMENDATION', number: '市文明办〔2026〕3号', issuer: '市文明办', date: '2026-03-01' },
        recommendedMeasures: [],
      }),
    );
    await until(model.handle, 'CLOSED_NOT_LISTED');
    const closed = await db.caseEvent.findFirstOrThrow({ where: { caseId: model.caseId, action: 'RED_PROPOSAL_CLOSED' } });
    expect(closed.detail).toMatchObject({ listType: '市场监督管理严重违法失信名单' });
    expect(await db.push.count({ where: { caseId: model.caseId } })).toBe(0);
  });

  it('removes the A-grade taxpayer listing by itself at 24:00 on 2 March 2027, and tells the units', async () => {
    await skipTo(env, '2027-03-02T15:59:00Z');
    expect((await db.case.findUniqueOrThrow({ where: { id: taxpayer.caseId } })).state).toBe('LISTED');
    await skipTo(env, '2027-03-02T16:00:30Z');
    await until(taxpayer.handle, 'REMOVED');
    const c = await db.case.findUniqueOrThrow({ where: { id: taxpayer.caseId } });
    expect(c).toMatchObject({ removalKind: 'EXPIRY' });
    expect(c.removedAt?.toISOString()).toBe('2027-03-02T16:00:00.000Z');
    expect(await db.push.count({ where: { caseId: taxpayer.caseId, kind: 'REMOVAL' } })).toBe(2);
    await expect
      .poll(async () => documentText(taxpayer.caseId, 'RED_REMOVAL_NOTICE').catch(() => ''))
      .toContain('有效期已于2027年3月2日届满');
    // Their histories replay (workflows/replay.test.ts): a red listing removed on dishonesty, one expired.
    await recordHistory(env, contract.handle.workflowId, 'red-removed-on-dishonesty');
    await recordHistory(env, taxpayer.handle.workflowId, 'red-listed-expired');
  });
});
