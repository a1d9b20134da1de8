// The API against a real Temporal dev server and a real PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session, fileApproved, fileListed, startStack, type Stack } from '../tests/support/stack';
import { designationForm, personDesignationForm } from '../tests/support/fixtures';
import { pdfText } from '../tests/support/pdf';
import { MockActivityEnvironment } from '@temporalio/testing';
import { reportStuck } from '../activities/failures';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack('api');
});
afterAll(async () => {
  await stack?.stop();
});

async function countDesignationWorkflows(): Promise<number> {
  let n = 0;
  for await (const _ of stack.temporal.workflow.list({ query: "WorkflowType = 'designationWorkflow'" })) n++;
  return n;
}

describe('accounts', () => {
  it('signs in with an HttpOnly session cookie and signs out', async () => {
    const s = new Session(stack.baseUrl);
    const res = await s.login('caseworker');
    expect(res.headers.get('set-cookie')).toMatch(/credit_sid=.+; .*HttpOnly/i);
    expect(res.body).toMatchObject({ username: 'caseworker', role: 'CASEWORKER', departmentName: '市发展和改革委员会（市信用办）' });
    expect((await s.request('GET', '/api/session')).status).toBe(200);
    expect((await s.request('DELETE', '/api/session')).status).toBe(204);
    expect((await s.request('GET', '/api/cases')).status).toBe(401);
  });

  it('refuses a wrong password without saying which part was wrong', async () => {
    const res = await new Session(stack.baseUrl).request('POST', '/api/session', { username: 'caseworker', password: 'wrong' });
    expect(res.status).toBe(401);
    expect(res.type).toContain('application/problem+json');
    expect(res.body.title).toBe('用户名或密码错误');
  });

  it('stores passwords only as scrypt hashes', async () => {
    const u = await stack.db.user.findUniqueOrThrow({ where: { username: 'caseworker' } });
    expect(u.passwordHash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(u.passwordHash).not.toContain('Xinyong');
  });
});

describe('filing a designation case', () => {
  it('answers a bad credit code with 400 problem+json naming the field, and starts no workflow', async () => {
    const s = new Session(stack.baseUrl);
    await s.login('caseworker');
    const before = await countDesignationWorkflows();
    const cases = await stack.db.case.count();
    const res = await s.request('POST', '/api/cases', designationForm({ subjectCode: '914403001922038217' }));
    expect(res.status).toBe(400);
    expect(res.type).toContain('application/problem+json');
    expect(res.body.errors).toEqual([{ field: 'subjectCode', code: 'uscc.check', message: '统一社会信用代码校验位错误，请核对' }]);
    expect(await countDesignationWorkflows()).toBe(before);
    expect(await stack.db.case.count()).toBe(cases);
  });

  it('speaks English to an English client', async () => {
    const s = new Session(stack.baseUrl, 'en');
    await s.login('caseworker');
    const res = await s.request(
      'POST',
      '/api/cases',
      designationForm({ subjectType: 'PERSON', subjectCode: '110105194912310021', reasons: 'short' }),
    );
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        { field: 'subjectCode', code: 'residentId.check', message: 'The check digit of the resident ID number is wrong' },
        { field: 'reasons', code: 'text.min:10', message: 'Enter at least 10 characters' },
      ]),
    );
  });

  it('admits only caseworkers to file', async () => {
    const s = new Session(stack.baseUrl);
    await s.login('supervisor');
    const res = await s.request('POST', '/api/cases', designationForm());
    expect(res.status).toBe(403);
    expect(res.type).toContain('application/problem+json');
  });

  it('takes a case over HTTP: draft, approved notice, objection, review, approved decision, listed', async () => {
    const caseworker = new Session(stack.baseUrl);
    await caseworker.login('caseworker');
    const supervisor = new Session(stack.baseUrl);
    await supervisor.login('supervisor');
    const filed = await caseworker.request('POST', '/api/cases', designationForm());
    expect(filed.status).toBe(201);
    expect(filed.body.caseNumber).toMatch(/^市信用办认〔\d{4}〕\d+号$/);
    const id = filed.body.id as string;

    // The draft waits for the supervisor: no notice yet, and a caseworker cannot approve it.
    await expect
      .poll(async () => (await caseworker.request('GET', `/api/cases/${id}`)).body.procedure?.state, { timeout: 20_000 })
      .toBe('AWAITING_NOTICE_APPROVAL');
    const draft = (await caseworker.request('GET', `/api/cases/${id}`)).body;
    expect(draft).toMatchObject({ state: 'AWAITING_NOTICE_APPROVAL', noticeNumber: null, documents: [] });
    expect((await caseworker.step(id, 'notice-approval', { approved: true, reasons: '' })).status).toBe(403);
    // The party does not see the draft before its notice is served.
    const partyEarly = new Session(stack.baseUrl);
    await partyEarly.login('party');
    expect((await partyEarly.request('GET', `/api/cases/${id}`)).status).toBe(404);
    const noReasons = await supervisor.step(id, 'notice-approval', { approved: false, reasons: '' });
    expect(noReasons.status).toBe(400);
    expect(noReasons.body.errors).toEqual([{ field: 'reasons', code: 'reasons.required', message: '请写明理由（至少 5 个字）' }]);
    // A form opened before the case changed is refused as stale, and nothing happens.
    const stale = await supervisor.request('POST', `/api/cases/${id}/notice-approval`, {
      approved: true,
      reasons: '',
      revision: draft.procedure.revision - 1,
    });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'STALE', title: '案件在您填写期间已有变化，请刷新页面核对后重新提交' });
    expect((await supervisor.step(id, 'notice-approval', { approved: true, reasons: '同意送达。' })).status).toBe(200);
    // Approved, the notice is made and waits for its service: no period runs yet.
    await expect
      .poll(async () => (await caseworker.request('GET', `/api/cases/${id}`)).body.state, { timeout: 20_000 })
      .toBe('AWAITING_NOTICE_SERVICE');
    expect((await caseworker.request('GET', `/api/cases/${id}`)).body).toMatchObject({ deadlineKind: null, workingDaysLeft: null });
    const future = await caseworker.serve(id, { method: 'POST', receivedOn: '2099-01-01' }).catch((e: Error) => e.message);
    expect(future).toContain('送达日期不能晚于今天');
    await caseworker.serve(id, { method: 'IN_PERSON', note: '法定代表人王某某签收送达回证' });
    await expect
      .poll(async () => (await caseworker.request('GET', `/api/cases/${id}`)).body.state, { timeout: 20_000 })
      .toBe('NOTICE_PERIOD');

    const page = await caseworker.request('GET', `/api/cases/${id}`);
    expect(page.body).toMatchObject({
      state: 'NOTICE_PERIOD',
      deadlineKind: 'NOTICE_PERIOD',
      policy: { code: 'NATIONAL-2025', version: 1 },
    });
    expect(page.body.workingDaysLeft).toBe(5);
    const row = ((await caseworker.request('GET', '/api/cases')).body.rows as { id: string; workingDaysLeft: number | null }[]).find(
      (c) => c.id === id,
    );
    expect(row).toMatchObject({ workingDaysLeft: 5 });

    // The prior notice is served as a PDF the party can download.
    await expect.poll(async () => (await caseworker.request('GET', `/api/cases/${id}`)).body.documents.length, { timeout: 20_000 }).toBe(1);
    const doc = (await caseworker.request('GET', `/api/cases/${id}`)).body.documents[0];
    expect(doc).toMatchObject({
      kind: 'PRIOR_NOTICE',
      number: page.body.noticeNumber,
      fileName: `失信行为认定告知书-${page.body.noticeNumber}.pdf`,
    });
    const served = (await caseworker.request('GET', `/api/cases/${id}`)).body;
    expect(served.events.map((e: { action: string }) => e.action)).toEqual([
      'CASE_FILED',
      'NOTICE_APPROVED',
      'NOTICE_ISSUED',
      'DOCUMENT_ISSUED',
      'SERVICE_RECORDED', // on the company
      'SERVICE_RECORDED', // on its legal representative
    ]);
    expect(served.events[1]).toMatchObject({ actorName: '李审核', actorRole: 'SUPERVISOR', reason: '同意送达。' });

    // Another department's caseworker cannot see it; the party can.
    const other = new Session(stack.baseUrl);
    await other.login('tax-caseworker');
    expect((await other.request('GET', `/api/cases/${id}`)).status).toBe(404);

    const party = new Session(stack.baseUrl);
    await party.login('party');
    // The party reads its case, not the office's draft form (persons' ID numbers among it).
    expect((await caseworker.request('GET', `/api/cases/${id}`)).body.form).toMatchObject({ subjectCode: '91350100M000100Y43' });
    expect((await party.request('GET', `/api/cases/${id}`)).body).toMatchObject({ form: null, stuck: [] });
    // Its processing stuck (the document store down, say): the party is told so, not what fails.
    const notice = failingNotice(id);
    await notice.attempt(3);
    expect((await party.request('GET', `/api/cases/${id}`)).body).toMatchObject({ followUpStuck: true, stuck: [] });
    notice.recover();
    await notice.attempt(4);
    expect((await party.request('GET', `/api/cases/${id}`)).body.followUpStuck).toBe(false);
    const pdf = await party.download(`/api/cases/${id}/documents/${doc.id}`);
    expect(pdf.status).toBe(200);
    expect(pdf.type).toBe('application/pdf');
    expect(pdf.disposition).toContain(`filename*=UTF-8''${encodeURIComponent(doc.fileName)}`);
    const text = (await pdfText(pdf.bytes)).replace(/\s+/g, '');
    expect(text).toContain(page.body.noticeNumber);
    expect(text).toContain('陈述、申辩和提出异议的权利');
    expect((await other.request('GET', `/api/cases/${id}/documents/${doc.id}`)).status).toBe(404);
    const objection = await party.step(id, 'statements', { kind: 'OBJECTION', content: '处罚决定已被复议机关撤销，请求不予列入。' });
    expect(objection.status).toBe(200);
    // The notice period runs in full: the party may add to what it said, and end it by a written waiver.
    const more = await party.step(id, 'statements', { kind: 'STATEMENT', content: '补充陈述：已足额缴纳税款。' });
    expect(more.status).toBe(200);
    expect((await caseworker.step(id, 'review', { accepted: false, reasons: '尚在告知期内。' })).body.code).toBe('WRONG_STATE');
    expect((await party.step(id, 'statements', { kind: 'WAIVER', content: '本单位不再补充陈述申辩意见。' })).status).toBe(200);
    await expect
      .poll(async () => (await caseworker.request('GET', `/api/cases/${id}`)).body.procedure?.state, { timeout: 20_000 })
      .toBe('IN_REVIEW');
    const inReview = (await caseworker.request('GET', `/api/cases/${id}`)).body;
    expect(inReview).toMatchObject({ deadlineKind: 'STATEMENT_REVIEW', workingDaysLeft: 10 });
    const twice = await party.step(id, 'statements', { kind: 'STATEMENT', content: '放弃之后又提交的陈述。' });
    expect(twice.status).toBe(409);
    expect(twice.body).toMatchObject({ code: 'WRONG_STATE', title: '案件当前不能提交陈述申辩或异议' });

    const badReview = await caseworker.step(id, 'review', { accepted: false, reasons: '' });
    expect(badReview.status).toBe(400);
    expect(badReview.body.errors[0].field).toBe('reasons');

    const review = await caseworker.step(id, 'review', { accepted: false, reasons: '经核查，复议决定维持原处罚，异议不成立。' });
    expect(review.status).toBe(200);
    // The written reply quotes both statements and is served on the party before the decision.
    await caseworker.serve(id, { method: 'ELECTRONIC' });
    const reply = ((await caseworker.request('GET', `/api/cases/${id}`)).body.documents as { id: string; kind: string }[]).find(
      (d) => d.kind === 'REVIEW_REPLY',
    )!;
    const replyText = (await pdfText((await party.download(`/api/cases/${id}/documents/${reply.id}`)).bytes)).replace(/\s+/g, '');
    expect(replyText).toContain('处罚决定已被复议机关撤销，请求不予列入。');
    expect(replyText).toContain('补充陈述：已足额缴纳税款。');
    await expect
      .poll(async () => (await caseworker.request('GET', `/api/cases/${id}`)).body.state, { timeout: 20_000 })
      .toBe('AWAITING_DECISION_APPROVAL');
    expect((await caseworker.step(id, 'decision-approval', { approved: true, reasons: '' })).status).toBe(403);
    expect((await supervisor.step(id, 'decision-approval', { approved: true, reasons: '同意列入。' })).status).toBe(200);
    // Nothing takes effect until the decision and the credit-repair notice are served together.
    await expect
      .poll(async () => (await caseworker.request('GET', `/api/cases/${id}`)).body.state, { timeout: 20_000 })
      .toBe('AWAITING_DECISION_SERVICE');
    expect((await caseworker.request('GET', `/api/cases/${id}`)).body.pushes).toEqual([]);
    await caseworker.serve(id, { method: 'ELECTRONIC' });
    await expect.poll(async () => (await caseworker.request('GET', `/api/cases/${id}`)).body.state, { timeout: 20_000 }).toBe('LISTED');

    await expect.poll(async () => (await caseworker.request('GET', `/api/cases/${id}`)).body.documents.length, { timeout: 20_000 }).toBe(4);
    const listed = (await caseworker.request('GET', `/api/cases/${id}`)).body;
    expect(listed.events.map((e: { action: string }) => e.action)).toEqual([
      'CASE_FILED',
      'NOTICE_APPROVED',
      'NOTICE_ISSUED',
      'DOCUMENT_ISSUED',
      'SERVICE_RECORDED',
      'SERVICE_RECORDED',
      'OBJECTION_FILED',
      'STATEMENT_FILED',
      'STATEMENT_WAIVED',
      'STATEMENTS_IN_REVIEW',
      'STATEMENT_REJECTED',
      'DOCUMENT_ISSUED',
      'SERVICE_RECORDED',
      'SERVICE_RECORDED',
      'DECISION_SUBMITTED',
      'DECISION_APPROVED',
      'DOCUMENT_ISSUED',
      'DOCUMENT_ISSUED',
      'SERVICE_RECORDED',
      'SERVICE_RECORDED',
      'LISTED',
      'PUSHED',
      'PUSHED',
      'PUSHED',
      'PUSHED',
    ]);
    expect(listed.events[10]).toMatchObject({
      actorName: '张经办',
      actorRole: 'CASEWORKER',
      reason: '经核查，复议决定维持原处罚，异议不成立。',
    });
    expect(listed.events[15]).toMatchObject({ actorRole: 'SUPERVISOR', reason: '同意列入。' });
    const years = Number(listed.publicationEndsOn.slice(0, 4)) - Number(listed.listedAt.slice(0, 4));
    expect(years).toBe(3);
    // A step the case is not at is refused with a reason, not an error.
    const notNow = await party.step(id, 'statements', { kind: 'STATEMENT', content: '告知期已过后再提交的陈述。' });
    expect(notNow.status).toBe(409);
    expect(notNow.body.code).toBe('WRONG_STATE');
  });

  it('answers the page asked to settle after a step once the follow-up has run: the notice made and its service open', async () => {
    const caseworker = new Session(stack.baseUrl);
    await caseworker.login('caseworker');
    const supervisor = new Session(stack.baseUrl);
    await supervisor.login('supervisor');
    const form = designationForm({ basis: { ...designationForm().basis, number: '市税稽罚〔2026〕311号' } });
    const id = (await caseworker.request('POST', '/api/cases', form)).body.id as string;
    const bad = await caseworker.request('GET', `/api/cases/${id}?settle=yes`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('settle');
    await expect
      .poll(async () => (await supervisor.request('GET', `/api/cases/${id}`)).body.procedure?.steps.map((s: { step: string }) => s.step), {
        timeout: 20_000,
      })
      .toEqual(['decideNotice']);
    // The approval answers once recorded; the notice is numbered and made after it. The page
    // asked to settle right away answers with the notice made and its service open, in one read.
    expect((await supervisor.step(id, 'notice-approval', { approved: true, reasons: '' })).status).toBe(200);
    const page = (await caseworker.request('GET', `/api/cases/${id}?settle=true`)).body;
    expect(page).toMatchObject({ state: 'AWAITING_NOTICE_SERVICE', procedure: { state: 'AWAITING_NOTICE_SERVICE', settling: false } });
    expect(page.documents.map((d: { kind: string }) => d.kind)).toEqual(['PRIOR_NOTICE']);
    expect(page.procedure.steps.map((s: { step: string }) => s.step)).toContain('recordService');
  });

  it('returns a draft for revision; the revised draft is approved and served', async () => {
    const caseworker = new Session(stack.baseUrl);
    await caseworker.login('caseworker');
    const supervisor = new Session(stack.baseUrl);
    await supervisor.login('supervisor');
    const form = designationForm({ subjectCode: '9144030071526726XG', subjectName: '某某贸易有限公司', listType: 'SAFETY' });
    const filed = await caseworker.request('POST', '/api/cases', form);
    const id = filed.body.id as string;
    await expect
      .poll(async () => (await caseworker.request('GET', `/api/cases/${id}`)).body.procedure?.state, { timeout: 20_000 })
      .toBe('AWAITING_NOTICE_APPROVAL');
    expect(
      (await supervisor.step(id, 'notice-approval', { approved: false, reasons: '失信事实表述不完整，请补充违法金额。' })).status,
    ).toBe(200);
    await expect
      .poll(async () => (await caseworker.request('GET', `/api/cases/${id}`)).body.state, { timeout: 20_000 })
      .toBe('DRAFT_RETURNED');
    const returned = (await caseworker.request('GET', `/api/cases/${id}`)).body;
    expect(returned.form).toMatchObject({ subjectCode: '9144030071526726XG' });
    const revised = { ...form, reasons: '该公司发生较大生产安全责任事故，造成直接经济损失 320 万元，经行政处罚决定书认定。' };
    const other = await caseworker.request('POST', `/api/cases/${id}/draft`, {
      revision: returned.procedure.revision,
      form: { ...revised, subjectCode: '914403001922038216' },
    });
    expect(other.status).toBe(409);
    const res = await caseworker.request('POST', `/api/cases/${id}/draft`, { revision: returned.procedure.revision, form: revised });
    expect(res.status).toBe(200);
    await expect
      .poll(async () => (await caseworker.request('GET', `/api/cases/${id}`)).body.procedure?.state, { timeout: 20_000 })
      .toBe('AWAITING_NOTICE_APPROVAL');
    expect((await supervisor.step(id, 'notice-approval', { approved: true, reasons: '' })).status).toBe(200);
    await caseworker.serve(id);
    await expect
      .poll(async () => (await caseworker.request('GET', `/api/cases/${id}`)).body.state, { timeout: 20_000 })
      .toBe('NOTICE_PERIOD');
    const page = (await caseworker.request('GET', `/api/cases/${id}`)).body;
    expect(page.reasons).toBe(revised.reasons);
    expect(page.events.map((e: { action: string }) => e.action).slice(0, 5)).toEqual([
      'CASE_FILED',
      'NOTICE_RETURNED',
      'DRAFT_REVISED',
      'NOTICE_APPROVED',
      'NOTICE_ISSUED',
    ]);
    expect(page.events[1]).toMatchObject({ actorRole: 'SUPERVISOR', reason: '失信事实表述不完整，请补充违法金额。' });
  });

  it('refuses a second active listing of the same subject, list type and basis, linking the first', async () => {
    const s = new Session(stack.baseUrl);
    await s.login('caseworker');
    const first = await stack.db.case.findFirstOrThrow({ where: { subjectCode: '91350100M000100Y43', listType: 'TAX' } });
    const workflows = await countDesignationWorkflows();
    const res = await s.request('POST', '/api/cases', designationForm());
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({
      code: 'DUPLICATE_LISTING',
      existingCaseId: first.id,
      existingCaseNumber: first.caseNumber,
      existingCaseUrl: `/cases/${first.id}`,
      title: `该主体已因同一依据列入同类名单，见案件 ${first.caseNumber}`,
    });
    expect(await countDesignationWorkflows()).toBe(workflows);
    // A different basis is a different listing.
    const other = await s.request(
      'POST',
      '/api/cases',
      designationForm({ basis: { ...designationForm().basis, number: '市税稽罚〔2026〕16号' } }),
    );
    expect(other.status).toBe(201);
  });

  it('records the responsible persons in the subject registry and the leniency grounds on the case', async () => {
    const s = new Session(stack.baseUrl);
    await s.login('caseworker');
    const missing = await s.request('POST', '/api/cases', designationForm({ subjectCode: '914403001922038216', responsiblePersons: [] }));
    expect(missing.body.errors).toEqual([
      { field: 'responsiblePersons', code: 'responsible.legalRepresentative', message: '法人和非法人组织应登记法定代表人' },
    ]);
    const noReasons = await s.request(
      'POST',
      '/api/cases',
      designationForm({ subjectCode: '914403001922038216', leniency: { grounds: ['FORCE_MAJEURE'], reasons: '' } }),
    );
    expect(noReasons.body.errors).toEqual([
      { field: 'leniency.reasons', code: 'leniency.reasons', message: '主张从轻处理的，请写明理由（至少 10 个字）' },
    ]);

    const res = await s.request(
      'POST',
      '/api/cases',
      designationForm({
        subjectName: '华为技术有限公司',
        subjectCode: '914403001922038216',
        listType: 'SAFETY',
        responsiblePersons: [
          { role: 'LEGAL_REPRESENTATIVE', name: '王某某', idNumber: '11010519491231002X' },
          { role: 'DIRECTLY_RESPONSIBLE', name: '王某某', idNumber: '11010519491231002X' },
        ],
        leniency: { grounds: ['FORCE_MAJEURE'], reasons: '台风灾害导致停工，未能按期履行整改义务。' },
      }),
    );
    expect(res.status).toBe(201);
    const page = (await s.request('GET', `/api/cases/${res.body.id}`)).body;
    expect(page).toMatchObject({ leniencyGrounds: ['FORCE_MAJEURE'], leniencyReasons: '台风灾害导致停工，未能按期履行整改义务。' });
    expect(page.responsiblePersons).toHaveLength(2);
    const person = await stack.db.subject.findUniqueOrThrow({ where: { code: '11010519491231002X' }, include: { responsibleFor: true } });
    expect(person).toMatchObject({ type: 'PERSON', name: '王某某' });
    const inThisCase = person.responsibleFor.filter((r) => r.caseId === res.body.id);
    expect(inThisCase.map((r) => r.role).sort()).toEqual(['DIRECTLY_RESPONSIBLE', 'LEGAL_REPRESENTATIVE']);
    // The same person's record also carries the earlier cases where they were legal representative.
    expect(person.responsibleFor.length).toBeGreaterThan(2);
    expect(page.events[0]).toMatchObject({ action: 'CASE_FILED', reason: '台风灾害导致停工，未能按期履行整改义务。' });
  });

  it('attaches the mandatory measures and the chosen ones, pushes to each implementing unit, and takes acknowledgements', async () => {
    const caseworker = new Session(stack.baseUrl);
    await caseworker.login('caseworker');
    const listed = await stack.db.case.findFirstOrThrow({
      where: { state: 'LISTED', listType: 'TAX' },
      include: { measures: true, pushes: { include: { department: true } } },
    });
    expect(listed.measures.map((m) => `${m.measureId}${m.chosen ? '*' : ''}`).sort()).toEqual([
      'M-ADM-03*',
      'M-ADM-04',
      'M-MKT-01',
      'M-SOC-01',
    ]);
    expect(listed.pushes.map((p) => p.department.code).sort()).toEqual(['CREDIT', 'FINANCE', 'SAMR', 'TAXBUREAU']);
    expect(listed.pushes.every((p) => p.status === 'PENDING')).toBe(true);

    // Only recommended measures of the list type can be chosen; nothing outside the catalogue.
    for (const measureId of ['M-MKT-01', 'M-IND-02', 'M-NOT-IN-CATALOGUE']) {
      const res = await caseworker.request(
        'POST',
        '/api/cases',
        designationForm({ subjectCode: '9144030071526726XG', recommendedMeasures: [{ measureId, reasons: '理由充分，予以选择。' }] }),
      );
      expect(res.status).toBe(400);
      expect(res.body.errors[0]).toMatchObject({ field: 'recommendedMeasures.0.measureId', code: 'measures.notInCatalogue' });
    }

    const unit = new Session(stack.baseUrl);
    await unit.login('unit'); // 市市场监督管理局
    const inbox = (await unit.request('GET', '/api/pushes?pageSize=100')).body.rows as {
      id: string;
      case: { id: string };
      measures: { id: string }[];
    }[];
    const mine = inbox.find((p) => p.case.id === listed.id)!;
    expect(mine.measures.map((m) => m.id)).toEqual(['M-ADM-03']);
    const financePush = listed.pushes.find((p) => p.department.code === 'FINANCE')!;
    expect((await unit.request('POST', `/api/pushes/${financePush.id}/acknowledge`)).status).toBe(404);

    const ack = await unit.request('POST', `/api/pushes/${mine.id}/acknowledge`);
    expect(ack.status).toBe(200);
    expect(ack.body).toMatchObject({ status: 'ACKNOWLEDGED', acknowledgedBy: '王配合（市场监管局）' });
    expect((await unit.request('POST', `/api/pushes/${mine.id}/acknowledge`)).status).toBe(409);
    const page = (await caseworker.request('GET', `/api/cases/${listed.id}`)).body;
    expect(page.events.at(-1)).toMatchObject({
      action: 'PUSH_ACKNOWLEDGED',
      actorName: '王配合（市场监管局）',
      actorRole: 'COOPERATING_UNIT',
    });
    // The unit sees the case it was pushed, and no other.
    const visible = (await unit.request('GET', '/api/cases')).body.rows as { id: string }[];
    expect(visible.map((c) => c.id)).toContain(listed.id);
    expect(visible.length).toBe(inbox.length);
  });

  it('lets a supervisor remove a listed subject early, with a reason, and tells the units', async () => {
    const listed = await stack.db.case.findFirstOrThrow({ where: { state: 'LISTED', listType: 'TAX' } });
    const caseworker = new Session(stack.baseUrl);
    await caseworker.login('caseworker');
    expect((await caseworker.step(listed.id, 'removal', { reason: '当事人已履行全部义务，决定提前移出。' })).status).toBe(403);

    const supervisor = new Session(stack.baseUrl);
    await supervisor.login('supervisor');
    const short = await supervisor.step(listed.id, 'removal', { reason: '已履行' });
    expect(short.status).toBe(400);
    expect(short.body.errors).toEqual([{ field: 'reason', code: 'text.min:10', message: '至少填写 10 个字' }]);
    expect((await stack.db.case.findUniqueOrThrow({ where: { id: listed.id } })).state).toBe('LISTED');

    const res = await supervisor.step(listed.id, 'removal', { reason: '当事人已履行全部义务，经集体研究决定提前移出。' });
    expect(res.status).toBe(200);
    expect(res.body.state).toBe('REMOVED');
    const page = (await supervisor.request('GET', `/api/cases/${listed.id}`)).body;
    expect(page).toMatchObject({ state: 'REMOVED', removalReason: '当事人已履行全部义务，经集体研究决定提前移出。' });
    expect(page.pushes.filter((p: { kind: string }) => p.kind === 'REMOVAL')).toHaveLength(4);

    const unit = new Session(stack.baseUrl);
    await unit.login('unit');
    // Removal stops sharing: the unit no longer reads the case or its documents, only its inbox record.
    expect((await unit.request('GET', `/api/cases/${listed.id}`)).status).toBe(404);
    expect(((await unit.request('GET', '/api/cases')).body.rows as { id: string }[]).some((c) => c.id === listed.id)).toBe(false);
    const inbox = (await unit.request('GET', '/api/pushes?pageSize=100')).body.rows as {
      case: { id: string };
      kind: string;
      status: string;
    }[];
    expect(
      inbox
        .filter((p) => p.case.id === listed.id)
        .map((p) => `${p.kind}:${p.status}`)
        .sort(),
    ).toEqual(['LISTING:ACKNOWLEDGED', 'REMOVAL:PENDING']);
  });
});

describe('objection and credit repair over HTTP', () => {
  async function listedCase(form: ReturnType<typeof designationForm>) {
    const { id } = await fileListed(stack.baseUrl, form);
    const caseworker = new Session(stack.baseUrl);
    await caseworker.login('caseworker');
    return { id, caseworker };
  }

  it('takes an objection: accepted, measures suspended and pushed, rejected with remedies, measures resumed', async () => {
    const { id, caseworker } = await listedCase(designationForm({ basis: { ...designationForm().basis, number: '市税稽罚〔2026〕21号' } }));
    const party = new Session(stack.baseUrl);
    await party.login('party');
    const empty = await party.step(id, 'objections', { grounds: '' });
    expect(empty.status).toBe(400);
    expect(empty.body.errors[0]).toMatchObject({ field: 'grounds', code: 'text.min:10' });
    expect((await party.step(id, 'objections', { grounds: '认定所依据的处罚决定已被复议撤销，请予核实。' })).status).toBe(200);
    const filed = (await party.request('GET', `/api/cases/${id}`)).body;
    expect(filed.procedure.objection).toMatchObject({ stage: 'AWAITING_ACCEPTANCE', source: 'PARTY', deadline: { workingDays: 3 } });
    expect(filed.deadlineKind).toBe('OBJECTION_ACCEPTANCE');
    // Supervisors watch it among the department's deadlines; another department does not see it.
    const supervisor = new Session(stack.baseUrl);
    await supervisor.login('supervisor');
    const watched = (await supervisor.request('GET', '/api/deadlines?pageSize=100')).body.rows as {
      kind: string;
      workingDaysLeft: number;
      overdue: boolean;
      case: { id: string };
    }[];
    expect(watched.find((d) => d.case.id === id)).toMatchObject({ kind: 'OBJECTION_ACCEPTANCE', workingDaysLeft: 3, overdue: false });
    const tax = new Session(stack.baseUrl);
    await tax.login('tax-caseworker');
    expect(
      ((await tax.request('GET', '/api/deadlines?pageSize=100')).body.rows as { case: { id: string } }[]).some((d) => d.case.id === id),
    ).toBe(false);
    const objectionId = filed.procedure.objection.id as string;
    expect(filed.objections[0]).toMatchObject({ id: objectionId, overdue: false });
    // Had the office let the acceptance deadline pass, the objection would say so (the workflow
    // marks the deadline: workflows/listing.test.ts); here the mark is made by hand, and undone.
    const acceptance = { caseId: id, key: `objection-${objectionId}-acceptance` };
    await stack.db.caseDeadline.update({ where: { caseId_key: acceptance }, data: { status: 'OVERDUE' } });
    expect((await party.request('GET', `/api/cases/${id}`)).body.objections[0].overdue).toBe(true);
    await stack.db.caseDeadline.update({ where: { caseId_key: acceptance }, data: { status: 'OPEN' } });
    expect((await caseworker.step(id, 'objections/no-such-objection/acceptance', { accepted: true, reasons: '' })).status).toBe(404);
    expect((await party.step(id, `objections/${objectionId}/acceptance`, { accepted: true, reasons: '' })).status).toBe(403);
    expect((await caseworker.step(id, `objections/${objectionId}/acceptance`, { accepted: true, reasons: '' })).status).toBe(200);

    const verifying = (await caseworker.request('GET', `/api/cases/${id}`)).body;
    expect(verifying).toMatchObject({ measuresSuspended: true, deadlineKind: 'OBJECTION_VERIFICATION' });
    expect(verifying.procedure.objection.deadline.workingDays).toBe(20);
    const unit = new Session(stack.baseUrl);
    await unit.login('unit');
    const inbox = (await unit.request('GET', '/api/pushes?pageSize=100')).body.rows as { case: { id: string }; kind: string }[];
    expect(
      inbox
        .filter((p) => p.case.id === id)
        .map((p) => p.kind)
        .sort(),
    ).toEqual(['LISTING', 'SUSPENSION']);
    // The public listing shows the suspension too.
    const lookup = await new Session(stack.baseUrl).request('GET', `/api/public/listings?q=${encodeURIComponent('91350100M000100Y43')}`);
    const published = lookup.body.rows as { caseNumber: string; measuresSuspended: boolean }[];
    expect(published.find((l) => l.caseNumber === verifying.caseNumber)?.measuresSuspended).toBe(true);

    const noRemedy = await caseworker.step(id, `objections/${objectionId}/outcome`, { upheld: true, reasons: '经核实异议成立。' });
    expect(noRemedy.status).toBe(400);
    expect(noRemedy.body.errors[0]).toMatchObject({ field: 'remedy' });
    const rejected = await caseworker.step(id, `objections/${objectionId}/outcome`, {
      upheld: false,
      reasons: '复议决定维持原处罚，异议不成立。',
    });
    expect(rejected.status).toBe(200);
    await expect
      .poll(async () => (await party.request('GET', `/api/cases/${id}`)).body.procedure?.objection, { timeout: 20_000 })
      .toBeNull();
    const result = (await party.request('GET', `/api/cases/${id}`)).body;
    expect(result.measuresSuspended).toBe(false);
    expect(result.objections[0]).toMatchObject({ state: 'REJECTED', outcomeReasons: '复议决定维持原处罚，异议不成立。' });
    const after = (await unit.request('GET', '/api/pushes?pageSize=100')).body.rows as { case: { id: string }; kind: string }[];
    expect(
      after
        .filter((p) => p.case.id === id)
        .map((p) => p.kind)
        .sort(),
    ).toEqual(['LISTING', 'OBJECTION_RESULT', 'RESUMPTION', 'SUSPENSION']);
    // A serious listing cannot be repaired before its minimum of one year.
    const early = await party.step(id, 'repairs', {
      correctionProof: '已全额缴纳税款、滞纳金和罚款。',
      commitment: '本单位承诺今后依法纳税、诚信经营。',
      commitmentSigned: true,
    });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('NOT_ELIGIBLE');
  });

  it('refuses repair of a record the law declares unrepairable', async () => {
    const { id } = await listedCase(
      designationForm({
        tier: 'MINOR',
        listType: 'WAGES',
        unrepairable: true,
        basis: { ...designationForm().basis, number: '市人社罚〔2026〕5号' },
      }),
    );
    const party = new Session(stack.baseUrl);
    await party.login('party');
    const res = await party.step(id, 'repairs', {
      correctionProof: '已结清全部拖欠工资。',
      commitment: '承诺今后按时足额支付工资。',
      commitmentSigned: true,
    });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'NOT_ELIGIBLE', title: '该失信信息属于法律法规规定不可修复的情形' });
  });

  it('repairs a minor listing: application, acceptance, decision granted, removed and pushed', async () => {
    const { id, caseworker } = await listedCase(
      designationForm({ tier: 'MINOR', listType: 'WAGES', basis: { ...designationForm().basis, number: '市人社罚〔2026〕3号' } }),
    );
    const party = new Session(stack.baseUrl);
    await party.login('party');
    const unsigned = await party.step(id, 'repairs', { correctionProof: '已结清全部拖欠工资。', commitment: '承诺今后按时足额支付工资。' });
    expect(unsigned.status).toBe(400);
    expect(unsigned.body.errors).toEqual([{ field: 'commitmentSigned', code: 'repair.commitment', message: '请签署信用承诺' }]);
    const applied = await party.step(id, 'repairs', {
      correctionProof: '已结清全部拖欠工资，附银行转账凭证。',
      commitment: '承诺今后按时足额支付劳动者工资。',
      commitmentSigned: true,
      otherMethods: ['CREDIT_REPORT'],
    });
    expect(applied.status).toBe(200);
    const page = (await caseworker.request('GET', `/api/cases/${id}`)).body;
    const applicationId = page.procedure.repair.id as string;
    expect(page.procedure.repair).toMatchObject({ stage: 'AWAITING_ACCEPTANCE', deadline: { kind: 'REPAIR_ACCEPTANCE', workingDays: 3 } });
    expect((await caseworker.step(id, `repairs/${applicationId}/acceptance`, { accepted: true, reasons: '' })).status).toBe(200);
    expect(
      (await caseworker.step(id, `repairs/${applicationId}/decision`, { granted: true, reasons: '已纠正失信行为，准予修复。' })).status,
    ).toBe(200);
    await expect.poll(async () => (await party.request('GET', `/api/cases/${id}`)).body.state, { timeout: 20_000 }).toBe('REMOVED');
    const removed = (await party.request('GET', `/api/cases/${id}`)).body;
    expect(removed).toMatchObject({ removalKind: 'REPAIRED', repairApplications: [{ state: 'GRANTED' }] });
    expect(removed.pushes.filter((p: { kind: string }) => p.kind === 'REMOVAL').length).toBe(
      removed.pushes.filter((p: { kind: string }) => p.kind === 'LISTING').length,
    );
    expect(removed.events.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['REPAIR_APPLIED', 'REPAIR_ACCEPTED', 'REPAIR_GRANTED', 'REMOVED_REPAIRED']),
    );
  });
});

describe('public lookup (信用公示查询)', () => {
  it('shows only published listings, without sign-in, with a natural person masked', async () => {
    const caseworker = new Session(stack.baseUrl);
    await caseworker.login('caseworker');
    const filed = await caseworker.request('POST', '/api/cases', personDesignationForm());
    expect(filed.status).toBe(201);
    const id = filed.body.id as string;
    const supervisor = new Session(stack.baseUrl);
    await supervisor.login('supervisor');
    await expect
      .poll(async () => (await supervisor.step(id, 'notice-approval', { approved: true, reasons: '' })).status, { timeout: 20_000 })
      .toBe(200);
    await caseworker.serve(id);
    await expect
      .poll(async () => (await caseworker.request('GET', `/api/cases/${id}`)).body.state, { timeout: 20_000 })
      .toBe('NOTICE_PERIOD');
    await caseworker.step(id, 'statements', { kind: 'STATEMENT', content: '当事人书面陈述：工资已于近日结清。' });
    await caseworker.step(id, 'statements', { kind: 'WAIVER', content: '当事人书面表示不再补充陈述申辩。' });
    await expect
      .poll(async () => (await caseworker.step(id, 'review', { accepted: false, reasons: '经核查，仍有拖欠工资未结清。' })).status, {
        timeout: 20_000,
      })
      .toBe(200);
    await caseworker.serve(id);
    await expect
      .poll(async () => (await caseworker.request('GET', `/api/cases/${id}`)).body.state, { timeout: 20_000 })
      .toBe('AWAITING_DECISION_APPROVAL');
    await supervisor.step(id, 'decision-approval', { approved: true, reasons: '' });
    // Approved but not yet served: not published.
    const anyone = new Session(stack.baseUrl);
    await expect
      .poll(async () => (await caseworker.request('GET', `/api/cases/${id}`)).body.state, { timeout: 20_000 })
      .toBe('AWAITING_DECISION_SERVICE');
    // A person is looked up by full name and ID number together.
    const byNameAndId = `/api/public/listings?type=PERSON&name=${encodeURIComponent('张某某')}&idNumber=11010519491231002X`;
    const unserved = await anyone.request('GET', byNameAndId);
    expect(unserved.body).toMatchObject({ total: 0, rows: [] });
    await caseworker.serve(id);
    await expect.poll(async () => (await caseworker.request('GET', `/api/cases/${id}`)).body.state, { timeout: 20_000 }).toBe('LISTED');

    const person = await anyone.request('GET', byNameAndId);
    expect(person.status).toBe(200);
    expect(person.body.rows).toEqual([
      expect.objectContaining({
        subjectName: '张**',
        subjectCode: '110105***********X',
        listType: 'WAGES',
        listTypeName: '拖欠农民工工资失信联合惩戒对象',
        listKind: 'BLACK',
        reasons: null,
      }),
    ]);
    expect(JSON.stringify(person.body)).not.toContain('19491231');

    // The removed organisation is no longer published; a still-listed one is, with its code.
    const orgs = (await anyone.request('GET', `/api/public/listings?q=${encodeURIComponent('某某建设')}&pageSize=50`)).body.rows as {
      subjectCode: string;
      caseNumber: string;
    }[];
    const removed = await stack.db.case.findMany({ where: { state: 'REMOVED' }, select: { caseNumber: true } });
    expect(removed.length).toBeGreaterThan(0);
    for (const r of removed) expect(orgs.map((o) => o.caseNumber)).not.toContain(r.caseNumber);
    expect((await anyone.request('GET', '/api/public/listings?q=a')).status).toBe(400);
    // Paged with the total: a second page holds the rest, nothing is cut off unsaid.
    const first = (await anyone.request('GET', `/api/public/listings?q=${encodeURIComponent('某某建设')}&pageSize=1`)).body;
    expect(first.rows).toHaveLength(1);
    expect(first.total).toBe(orgs.length);
    if (orgs.length > 1) {
      const second = (await anyone.request('GET', `/api/public/listings?q=${encodeURIComponent('某某建设')}&pageSize=1&page=2`)).body;
      expect(second.rows[0].caseNumber).toBe(orgs[1]!.caseNumber);
    }
    expect((await anyone.request('GET', `/api/public/listings?q=${encodeURIComponent('某某建设')}&pageSize=500`)).status).toBe(400);
  });
});

describe('input the system cannot take', () => {
  it('refuses a NUL byte in a filing beside its field, and answers unreadable bodies with 413, 415 and 400', async () => {
    const caseworker = new Session(stack.baseUrl);
    await caseworker.login('caseworker');
    const nul = await caseworker.request(
      'POST',
      '/api/cases',
      designationForm({ reasons: '该公司虚开增值税专用发票\u0000，属重大税收违法失信行为。' }),
    );
    expect(nul.status).toBe(400);
    expect(nul.body.errors).toEqual([expect.objectContaining({ field: 'reasons', code: 'text.invalidCharacters' })]);
    const impossible = await caseworker.request(
      'POST',
      '/api/cases',
      designationForm({ basis: { ...designationForm().basis, date: '2026-02-30' } }),
    );
    expect(impossible.body.errors).toEqual([expect.objectContaining({ field: 'basis.date', code: 'date.nonexistent' })]);

    const raw = (headers: Record<string, string>, body: string) =>
      fetch(`${stack.baseUrl}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    const large = await raw({}, JSON.stringify({ username: 'x'.repeat(300_000), password: 'y' }));
    expect([large.status, large.headers.get('content-type')]).toEqual([413, 'application/problem+json; charset=utf-8']);
    expect((await raw({ 'content-type': 'application/json; charset=gbk' }, '{}')).status).toBe(415);
    expect((await raw({ 'content-encoding': 'br-unknown' }, '{}')).status).toBe(415);
    expect((await raw({ 'content-encoding': 'gzip' }, 'not gzip at all')).status).toBe(400);
  });
});

describe('filing once', () => {
  it('files the same case sent twice at the same instant once: the other is refused as a duplicate, linking the first', async () => {
    const caseworker = new Session(stack.baseUrl);
    await caseworker.login('caseworker');
    const form = designationForm({
      basis: { ...designationForm().basis, number: '京税稽罚〔2026〕88号' },
    });
    const [a, b] = await Promise.all([caseworker.request('POST', '/api/cases', form), caseworker.request('POST', '/api/cases', form)]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    const [created, refused] = a.status === 201 ? [a, b] : [b, a];
    expect(created.body).toMatchObject({ caseNumber: expect.stringMatching(/〔2026〕\d+号$/) });
    expect(created.body.procedure.steps).toEqual([]); // the caseworker has nothing to do until the supervisor approves
    expect(refused.body).toMatchObject({ code: 'DUPLICATE_LISTING', existingCaseId: created.body.id });
    expect(await stack.db.case.count({ where: { basisNumber: form.basis.number } })).toBe(1);
  });

  it('answers a filing repeated with the same Idempotency-Key with the same case, filed once', async () => {
    const caseworker = new Session(stack.baseUrl);
    await caseworker.login('caseworker');
    const form = designationForm({ basis: { ...designationForm().basis, number: '京税稽罚〔2026〕89号' } });
    const key = { 'Idempotency-Key': 'form-7f1c2d9e-0001' };
    const [a, b] = await Promise.all([
      caseworker.request('POST', '/api/cases', form, key),
      caseworker.request('POST', '/api/cases', form, key),
    ]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(b.body.id).toBe(a.body.id);
    const again = await caseworker.request('POST', '/api/cases', form, key);
    expect([200, 201]).toContain(again.status);
    expect(again.body).toMatchObject({ id: a.body.id, caseNumber: a.body.caseNumber });
    expect(await stack.db.case.count({ where: { basisNumber: form.basis.number } })).toBe(1);
    expect((await caseworker.request('POST', '/api/cases', form, { 'Idempotency-Key': 'short' })).status).toBe(400);
  });
});

/**
 * A case's notice made by an activity that fails (the document store down) until `recover`, run
 * as the worker runs it (its failures reported as stuck from the third attempt); `attempt(n)` is its n-th try.
 */
function failingNotice(caseId: string) {
  let down = true;
  const { issueNotice } = reportStuck(stack.db, {
    issueNotice: async (_args: { caseId: string }) => {
      if (down) throw new Error('connect ECONNREFUSED 127.0.0.1:9000');
    },
  });
  return {
    attempt: (n: number) => new MockActivityEnvironment({ attempt: n }).run(issueNotice, { caseId }).catch(() => undefined),
    recover: () => (down = false),
  };
}

describe('stuck cases', () => {
  it("shows a case whose own processing keeps failing on its department's deadline watch, until it succeeds", async () => {
    const caseworker = new Session(stack.baseUrl);
    await caseworker.login('caseworker');
    const form = designationForm({ basis: { ...designationForm().basis, number: '市税稽罚〔2026〕77号' } });
    const id = (await caseworker.request('POST', '/api/cases', form)).body.id as string;
    // Serving the notice fails on its third attempt (say, the document store is down), then succeeds.
    const { attempt, recover } = failingNotice(id);
    const watch = async (s: Session) =>
      (await s.request('GET', '/api/deadlines/stuck')).body as { activity: string; case: { id: string } }[];
    await attempt(1);
    expect((await watch(caseworker)).some((r) => r.case.id === id)).toBe(false); // one failure is not stuck
    await attempt(3);
    expect((await watch(caseworker)).find((r) => r.case.id === id)).toMatchObject({
      activity: 'issueNotice',
      attempts: 3,
      lastError: 'connect ECONNREFUSED 127.0.0.1:9000',
      case: { caseNumber: expect.stringMatching(/认/) },
    });
    // The case page says so (and then does not wait on the case), with what fails.
    expect((await caseworker.request('GET', `/api/cases/${id}`)).body).toMatchObject({
      followUpStuck: true,
      stuck: [{ activity: 'issueNotice', attempts: 3 }],
    });
    const tax = new Session(stack.baseUrl);
    await tax.login('tax-caseworker');
    expect((await watch(tax)).some((r) => r.case.id === id)).toBe(false);
    // The administrator, who runs the system and reads no case, sees every department's by number only.
    const admin = new Session(stack.baseUrl);
    await admin.login('admin');
    expect((await watch(admin)).find((r) => r.case.id === id)).toMatchObject({
      activity: 'issueNotice',
      case: { caseNumber: expect.stringMatching(/认/), subjectName: null },
    });
    recover();
    await attempt(4);
    expect((await watch(caseworker)).some((r) => r.case.id === id)).toBe(false);
    expect((await caseworker.request('GET', `/api/cases/${id}`)).body.followUpStuck).toBe(false);
  });
});

describe('proportionality (过惩相当)', () => {
  it('refuses a recommended measure that does not suit the tier, and applies a measure on persons to the responsible persons', async () => {
    const caseworker = new Session(stack.baseUrl);
    await caseworker.login('caseworker');
    // Withholding subsidies (M-ADM-01) suits general and serious records, not a minor one.
    const minor = designationForm({
      subjectCode: '91110108MA01KGQW8H',
      tier: 'MINOR',
      recommendedMeasures: [{ measureId: 'M-ADM-01', reasons: '拟限制申请财政补助。' }],
    });
    const refused = await caseworker.request('POST', '/api/cases', minor);
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0]).toMatchObject({ field: 'recommendedMeasures.0.measureId', code: 'measures.notProportionate' });
    expect(await stack.db.case.count({ where: { subjectCode: '91110108MA01KGQW8H' } })).toBe(0);

    // A market-regulation listing: the bar on serving as a director (M-IND-01) restrains the legal
    // representative and the directly responsible person, not the company.
    const res = await caseworker.request(
      'POST',
      '/api/cases',
      designationForm({
        subjectCode: '91110108MA01KGQW8H',
        listType: 'MARKET',
        responsiblePersons: [
          { role: 'LEGAL_REPRESENTATIVE', name: '王某某', idNumber: '11010519491231002X' },
          { role: 'DIRECTLY_RESPONSIBLE', name: '李某某', idNumber: '110101199003070011' },
        ],
      }),
    );
    expect(res.status).toBe(201);
    const measures = await stack.db.caseMeasure.findMany({
      where: { caseId: res.body.id },
      orderBy: [{ measureId: 'asc' }, { subjectCode: 'asc' }],
    });
    expect(measures.filter((m) => m.measureId === 'M-IND-01').map((m) => m.subjectCode)).toEqual([
      '110101199003070011',
      '11010519491231002X',
    ]);
    expect(measures.filter((m) => m.measureId !== 'M-IND-01').every((m) => m.subjectCode === '91110108MA01KGQW8H')).toBe(true);
    expect(measures.find((m) => m.measureId === 'M-ADM-03')).toMatchObject({
      chosen: true,
      reasons: '多次违法，需提高抽查比例和检查频次。',
    });
  });

  it("lets a responsible person see the company's case and state their own case, as a party in their own right", async () => {
    const form = designationForm({
      subjectCode: '91110108MA01KGQW8H',
      listType: 'PROCUREMENT',
      responsiblePersons: [{ role: 'LEGAL_REPRESENTATIVE', name: '赵某某', idNumber: '110101199003070011' }],
    });
    const { id } = await fileApproved(stack.baseUrl, form);
    const party = await stack.db.user.findUniqueOrThrow({ where: { username: 'party' } });
    await stack.db.user.create({
      data: {
        username: 'zhao-legal-rep',
        displayName: '赵某某',
        role: 'PARTY',
        subjectCode: '110101199003070011',
        passwordHash: party.passwordHash,
      },
    });
    const person = new Session(stack.baseUrl);
    await person.login('zhao-legal-rep');
    const mine = (await person.request('GET', '/api/cases')).body.rows as { id: string }[];
    expect(mine.map((c) => c.id)).toContain(id);
    const statement = await person.step(id, 'statements', {
      kind: 'STATEMENT',
      content: '本人对公司违法行为不知情，请求不对本人实施惩戒。',
    });
    expect(statement.status).toBe(200);
    const page = (await person.request('GET', `/api/cases/${id}`)).body;
    expect(page.statements.map((x: { content: string }) => x.content)).toContain('本人对公司违法行为不知情，请求不对本人实施惩戒。');
    // Both were served the prior notice: the company and its legal representative.
    const notice = page.documents.find((d: { kind: string }) => d.kind === 'PRIOR_NOTICE');
    expect(notice.services.map((x: { recipientName: string }) => x.recipientName).sort()).toEqual(
      ['某某建设工程有限公司', '赵某某'].sort(),
    );
  });

  it('does not publish a minor record unless the decision says why, and then publishes it', async () => {
    const quiet = designationForm({ subjectCode: '91440300MA5FAB1W2W', tier: 'MINOR', listType: 'SAFETY', recommendedMeasures: [] });
    const { id } = await fileListed(stack.baseUrl, quiet);
    const row = await stack.db.case.findUniqueOrThrow({ where: { id }, include: { measures: true } });
    expect(row).toMatchObject({ state: 'LISTED', published: false, publicationReasons: null });
    expect(row.measures.map((m) => m.measureId)).not.toContain('M-SOC-01');
    const lookup = await new Session(stack.baseUrl).request('GET', `/api/public/listings?q=${quiet.subjectCode}`);
    expect(lookup.body).toMatchObject({ total: 0, rows: [] });
    const decision = await stack.db.document.findFirstOrThrow({ where: { caseId: id, kind: 'LISTING_DECISION' } });
    expect((await pdfText(Buffer.from(decision.content))).replace(/\s+/g, '')).toContain('属轻微失信信息，不予公示');

    const reasons = '该企业一年内三次发生同类安全生产违法行为，确有必要向社会公示以警示。';
    const loud = designationForm({
      subjectCode: '91440300MA5FAB1W2W',
      tier: 'MINOR',
      listType: 'WAGES',
      recommendedMeasures: [],
      minorPublicationReasons: reasons,
    });
    const published = await fileListed(stack.baseUrl, loud);
    expect(await stack.db.case.findUniqueOrThrow({ where: { id: published.id } })).toMatchObject({
      published: true,
      publicationReasons: reasons,
    });
    const found = await new Session(stack.baseUrl).request('GET', `/api/public/listings?q=${loud.subjectCode}`);
    expect(found.body.rows.map((l: { caseNumber: string }) => l.caseNumber)).toEqual([published.caseNumber]);
  });
});

describe("a subject's credit record (主体信用记录)", () => {
  it('shows its listings and the measures in force on it, a responsible person their own; a party reads only its own', async () => {
    const form = designationForm({
      subjectCode: '91440300MA5FAB1W2W',
      listType: 'MARKET',
      responsiblePersons: [{ role: 'LEGAL_REPRESENTATIVE', name: '赵某某', idNumber: '110101199003070011' }],
    });
    const { id, caseNumber } = await fileListed(stack.baseUrl, form);
    const caseworker = new Session(stack.baseUrl);
    await caseworker.login('caseworker');
    const company = (await caseworker.request('GET', '/api/subjects/91440300MA5FAB1W2W')).body;
    const listing = company.listings.find((l: { caseId: string }) => l.caseId === id);
    expect(listing).toMatchObject({
      caseNumber,
      as: 'SUBJECT',
      state: 'LISTED',
      listTypeName: '市场监督管理严重违法失信名单',
      listKind: 'BLACK',
    });
    expect(listing.measures.map((m: { measureId: string }) => m.measureId)).not.toContain('M-IND-01');
    expect(listing.measures.every((m: { inForce: boolean }) => m.inForce)).toBe(true);
    // The bar on serving as a director restrains the legal representative: it is on their record.
    const person = (await caseworker.request('GET', '/api/subjects/110101199003070011')).body;
    expect(person.listings.find((l: { caseId: string }) => l.caseId === id)).toMatchObject({
      as: 'LEGAL_REPRESENTATIVE',
      measures: [{ measureId: 'M-IND-01', inForce: true, liftedAt: null }],
    });
    const party = new Session(stack.baseUrl);
    await party.login('party');
    expect((await party.request('GET', '/api/subjects/91350100M000100Y43')).status).toBe(200);
    expect((await party.request('GET', '/api/subjects/91440300MA5FAB1W2W')).status).toBe(404);
    const unit = new Session(stack.baseUrl);
    await unit.login('unit');
    expect((await unit.request('GET', '/api/subjects/91440300MA5FAB1W2W')).status).toBe(403);
  });
});
