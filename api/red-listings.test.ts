// The red list on the real stack: a caseworker files a red listing, the supervisor approves it, and
// it is on the public lookup and on a unit's machine interface as a red listing; a black list type
// or a black basis is refused beside its field; a subject black-listed in the same field is refused
// with the listing that keeps it off, and its red listing of that field leaves the public lookup.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session, fileListed, startStack, type Stack } from '../tests/support/stack';
import { designationForm, redListingForm } from '../tests/support/fixtures';

const COMPANY = '91350100M000100Y43';
let stack: Stack;
beforeAll(async () => {
  stack = await startStack('red-listings');
});
afterAll(async () => {
  await stack?.stop();
});

/** Polls until `read` answers something `done` accepts (the workflow's follow-up runs after the answer). */
async function eventually<T>(read: () => Promise<T>, done: (v: T) => boolean): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const v = await read();
    if (done(v)) return v;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('not reached in 20 s');
}

describe('the red list', () => {
  it('files, approves and publishes a red listing; a unit reads it by key as a red listing', async () => {
    const caseworker = new Session(stack.baseUrl);
    await caseworker.login('caseworker');
    const supervisor = new Session(stack.baseUrl);
    await supervisor.login('supervisor');

    // A black list type, or a black listing's basis, is not a red listing's: refused beside the field, nothing filed.
    const wrongList = await caseworker.request('POST', '/api/red-listings', redListingForm({ listType: 'TAX' }));
    expect(wrongList.status).toBe(400);
    expect(wrongList.body.errors[0].field).toBe('listType');
    const wrongBasis = await caseworker.request('POST', '/api/red-listings', {
      ...redListingForm(),
      basis: { ...redListingForm().basis, kind: 'ADMINISTRATIVE_PENALTY' },
    });
    expect(wrongBasis.status).toBe(400);
    expect(wrongBasis.body.errors[0].field).toBe('basis.kind');
    expect(await stack.db.case.count()).toBe(0);

    const filed = await caseworker.request('POST', '/api/red-listings', redListingForm(), { 'Idempotency-Key': 'red-listing-0001' });
    expect(filed.status).toBe(201);
    const id = filed.body.id as string;
    const before = await supervisor.request('GET', `/api/cases/${id}`);
    expect(before.body).toMatchObject({
      listKind: 'RED',
      listTypeName: '守合同重信用企业',
      tier: null,
      state: 'AWAITING_DECISION_APPROVAL',
    });
    expect(before.body.procedure.steps.map((s: { step: string }) => s.step)).toEqual(['decideRedListing']);
    // Internal to the office until approved: the company does not see its proposed listing yet.
    const party = new Session(stack.baseUrl);
    await party.login('party');
    expect((await party.request('GET', `/api/cases/${id}`)).status).toBe(404);
    const approved = await supervisor.request('POST', `/api/cases/${id}/red-approval`, {
      approved: true,
      reasons: '',
      revision: before.body.procedure.revision,
    });
    expect(approved.status).toBe(200);
    await eventually(
      () => stack.db.case.findUniqueOrThrow({ where: { id } }),
      (c) => c.state === 'LISTED',
    );

    expect((await party.request('GET', `/api/cases/${id}`)).body).toMatchObject({ state: 'LISTED', listKind: 'RED' });

    const lookup = await eventually(
      () =>
        fetch(`${stack.baseUrl}/api/public/listings?q=${COMPANY}`).then(
          async (r) => ((await r.json()) as { rows: Record<string, unknown>[] }).rows,
        ),
      (rows) => rows.length > 0,
    );
    expect(lookup[0]).toMatchObject({ listKind: 'RED', listTypeName: '守合同重信用企业', tier: null });

    const admin = new Session(stack.baseUrl);
    await admin.login('admin');
    const samr = ((await admin.request('GET', '/api/units')).body as { id: string; code: string }[]).find((u) => u.code === 'SAMR')!;
    const key = (await admin.request('POST', `/api/units/${samr.id}/api-keys`, { name: '行政许可系统' })).body.token as string;
    const seen = await admin.request('GET', `/api/unit-api/v1/subjects/${COMPANY}`, undefined, { authorization: `Bearer ${key}` });
    expect(seen.status).toBe(200);
    expect(seen.body.listings).toEqual([
      expect.objectContaining({
        listKind: 'RED',
        listTypeName: '守合同重信用企业',
        measures: [expect.objectContaining({ measureId: 'I-ADM-01', content: expect.stringContaining('容缺受理') })],
      }),
    ]);
  });

  it('black-listed in the same field, the company leaves the red list and a new red listing of that field is refused', async () => {
    const black = await fileListed(stack.baseUrl, designationForm({ listType: 'MARKET', recommendedMeasures: [] }));
    const red = await eventually(
      () => stack.db.case.findFirstOrThrow({ where: { listType: 'RED-CONTRACT' } }),
      (c) => c.state === 'REMOVED',
    );
    expect(red.removalKind).toBe('DISHONESTY');
    const lookup = ((await (await fetch(`${stack.baseUrl}/api/public/listings?q=${COMPANY}`)).json()) as { rows: { listKind: string }[] })
      .rows;
    expect(lookup.map((l) => l.listKind)).toEqual(['BLACK']);

    const caseworker = new Session(stack.baseUrl);
    await caseworker.login('caseworker');
    const refused = await caseworker.request(
      'POST',
      '/api/red-listings',
      redListingForm({ basis: { kind: 'COMMENDATION', number: '市市监字〔2026〕9号', issuer: '市市场监督管理局', date: '2026-02-10' } }),
    );
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'DISHONEST_IN_FIELD', existingCaseId: black.id, existingCaseNumber: black.caseNumber });
    expect(refused.body.title).toBe(
      `该主体因市场监督管理严重违法失信名单（${black.caseNumber}）正处于同一领域的失信名单中，不能列入守信激励名单`,
    );
    // Another field is open to it: an A-grade taxpayer.
    const taxpayer = await caseworker.request(
      'POST',
      '/api/red-listings',
      redListingForm({
        listType: 'RED-TAX-A',
        basis: { kind: 'CREDIT_EVALUATION', number: '市税信评〔2026〕1号', issuer: '国家税务总局某市税务局', date: '2026-02-20' },
        recommendedMeasures: [],
      }),
    );
    expect(taxpayer.status).toBe(201);
  });
});
