// Policies as versioned data over HTTP: an administrator's edit is a new version, validated; a case
// keeps the version it started under and a new case takes the newest.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POLICY_PRESETS } from '../domain/policy';
import { designationForm } from '../tests/support/fixtures';
import { Session, fileApproved, fileListed, startStack, type Stack } from '../tests/support/stack';
import { pdfText } from '../tests/support/pdf';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack('api_policies');
});
afterAll(async () => {
  await stack?.stop();
});

const { code: _code, jurisdiction: _j, ...national } = POLICY_PRESETS.find((p) => p.code === 'NATIONAL-2025')!;

describe('policy versions', () => {
  it('holds the presets from the sources, each value citing its document and article or saying it is a local choice', async () => {
    const s = new Session(stack.baseUrl);
    await s.login('admin');
    const list = (await s.request('GET', '/api/policies')).body as {
      code: string;
      version: number;
      suspendMeasuresDuringVerification: boolean;
      objectionVerificationWorkingDays: number;
      valueSources: Record<string, string>;
    }[];
    expect(list.map((p) => `${p.code} v${p.version}`).sort()).toEqual([
      'FEICHENG-2019 v1',
      'FUJIAN-2017 v1',
      'HEZHOU-2018 v1',
      'JINAN-2017 v1',
      'NATIONAL-2025 v1',
      'QINGHAI-2021 v1',
    ]);
    const terms = Object.keys(national.valueSources);
    expect(terms).toHaveLength(16);
    for (const p of list)
      expect(
        terms.filter((t) => !p.valueSources[t]?.trim()),
        p.code,
      ).toEqual([]);
    const source = (code: string, term: string) => list.find((p) => p.code === code)!.valueSources[term];
    // No seed or national rule says whether measures are suspended in Qinghai or nationally, nor the notice period.
    expect(source('NATIONAL-2025', 'suspendMeasuresDuringVerification')).toMatch(/^地方自定/);
    expect(source('QINGHAI-2021', 'suspendMeasuresDuringVerification')).toMatch(/^地方自定/);
    expect(source('NATIONAL-2025', 'noticeWorkingDays')).toMatch(/^地方自定/);
    expect(source('FUJIAN-2017', 'objectionVerificationWorkingDays')).toBe('002 第二十四条（20个工作日内核实，自告知之日起）');
    // Fujian verifies from receipt with no acceptance step; Hezhou decides acceptance first.
    expect(source('FUJIAN-2017', 'objectionAcceptanceStep')).toMatch(/^002 第二十四条/);
    expect(source('HEZHOU-2018', 'objectionAcceptanceStep')).toMatch(/^003 （三）7/);
    expect(source('NATIONAL-2025', 'correctionNoticeDays')).toMatch(/^地方自定/);
    // The seeds require units to acknowledge, feed back and lift, but fix no period for any.
    for (const term of ['unitAcknowledgementWorkingDays', 'unitFeedbackWorkingDays', 'unitLiftingWorkingDays'])
      expect(source('FUJIAN-2017', term)).toMatch(/^地方自定/);
    expect(source('HEZHOU-2018', 'suspendMeasuresDuringVerification')).toBe('003 （三）8（核实期间暂停惩戒）');
    expect(source('QINGHAI-2021', 'repairDecisionWorkingDays')).toBe('001 （七）1（受理后10个工作日内移出）');
    expect(source('NATIONAL-2025', 'announcementServiceDays')).toContain('民事诉讼法');
    expect(list.find((p) => p.code === 'HEZHOU-2018')).toMatchObject({ objectionAcceptanceStep: true });
    expect(list.find((p) => p.code === 'FUJIAN-2017')).toMatchObject({
      objectionAcceptanceStep: false,
      objectionVerificationWorkingDays: 20,
      suspendMeasuresDuringVerification: true,
    });
    expect(list.find((p) => p.code === 'JINAN-2017')).toMatchObject({ suspendMeasuresDuringVerification: false });
  });

  it('refuses a maximum shorter than the minimum, naming the field, and a non-administrator', async () => {
    const admin = new Session(stack.baseUrl);
    await admin.login('admin');
    const bad = await admin.request('POST', '/api/policies/NATIONAL-2025/versions', {
      ...national,
      publicationMonths: { ...national.publicationMonths, SERIOUS: { min: 36, max: 12 } },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([
      { field: 'publicationMonths.SERIOUS.max', code: 'policy.maxBelowMin', message: '最长公示期限不能短于最短公示期限' },
    ]);
    const supervisor = new Session(stack.baseUrl);
    await supervisor.login('supervisor');
    expect((await supervisor.request('POST', '/api/policies/NATIONAL-2025/versions', national)).status).toBe(403);
  });

  it('keeps a running case on its version while new cases take the new one', async () => {
    const caseworker = new Session(stack.baseUrl);
    await caseworker.login('caseworker');
    const before = await fileApproved(stack.baseUrl, designationForm());

    const admin = new Session(stack.baseUrl);
    await admin.login('admin');
    const v2 = await admin.request('POST', '/api/policies/NATIONAL-2025/versions', {
      ...national,
      name: '全国 2025（调整告知期）',
      noticeWorkingDays: 10,
    });
    expect(v2.status).toBe(201);
    expect(v2.body).toMatchObject({ code: 'NATIONAL-2025', version: 2, noticeWorkingDays: 10, createdBy: '系统管理员' });
    // The changed value cites this version's source; the others keep theirs.
    expect(v2.body.valueSources).toEqual({ ...national.valueSources, noticeWorkingDays: `${national.source}（系统管理员修改）` });

    const after = await fileApproved(stack.baseUrl, designationForm({ listType: 'WAGES' }));
    const old = (await caseworker.request('GET', `/api/cases/${before.id}`)).body;
    const fresh = (await caseworker.request('GET', `/api/cases/${after.id}`)).body;
    expect(old).toMatchObject({ policy: { code: 'NATIONAL-2025', version: 1, noticeWorkingDays: 5 }, workingDaysLeft: 5 });
    expect(fresh).toMatchObject({ policy: { code: 'NATIONAL-2025', version: 2, noticeWorkingDays: 10 }, workingDaysLeft: 10 });
  });

  it('counts publication from the basis document where a version says so: the decision and the listing end three years after it', async () => {
    const admin = new Session(stack.baseUrl);
    await admin.login('admin');
    const v3 = await admin.request('POST', '/api/policies/NATIONAL-2025/versions', {
      ...national,
      name: '全国 2025（自处罚决定起算）',
      publicationStartsFrom: 'BASIS',
    });
    expect(v3.status).toBe(201);
    // Penalty decision of 1 September 2026: serious-tier publication ends on 1 September 2029, whenever the decision is made.
    const form = designationForm({ listType: 'SAFETY', basis: { ...designationForm().basis, date: '2026-09-01' } });
    const { id } = await fileListed(stack.baseUrl, form);
    const c = await stack.db.case.findUniqueOrThrow({ where: { id }, include: { documents: true } });
    expect(c.publicationEndsOn!.toISOString().slice(0, 10)).toBe('2029-09-01');
    const decision = c.documents.find((d) => d.kind === 'LISTING_DECISION')!;
    expect((await pdfText(Buffer.from(decision.content))).replace(/\s+/g, '')).toContain('自2026年9月1日起公示至2029年9月1日');
    const notice = c.documents.find((d) => d.kind === 'PRIOR_NOTICE')!;
    expect((await pdfText(Buffer.from(notice.content))).replace(/\s+/g, '')).toContain('自行政处罚决定作出之日（2026年9月1日）起计算');
  });
});
