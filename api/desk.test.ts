// The desk on the real stack: the case list searched (name or code, state, kind of list, days filed
// in Beijing time), paged with its total and sorted on the server, exported whole to .xlsx; bad
// search fields refused by name; and the workbench's counts for a caseworker, a supervisor and a unit.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session, fileAwaitingDecision, fileListed, startStack, type Stack } from '../tests/support/stack';
import { designationForm, redListingForm } from '../tests/support/fixtures';
import { pdfText } from '../tests/support/pdf';

let stack: Stack;
let caseworker: Session;
beforeAll(async () => {
  stack = await startStack('desk');
  caseworker = new Session(stack.baseUrl);
  await caseworker.login('caseworker');
});
afterAll(async () => {
  await stack?.stop();
});

type Page = {
  total: number;
  page: number;
  pageSize: number;
  rows: { caseNumber: string; subjectName: string; listKind: string; state: string }[];
};
const list = async (query: string) => (await caseworker.request('GET', `/api/cases?${query}`)).body as Page;

describe('the case list and the workbench', () => {
  let listed: { id: string; caseNumber: string };
  let red: string;
  let draft: string;

  it('searches, pages and sorts the cases on the server, with the total', async () => {
    listed = await fileListed(stack.baseUrl, designationForm());
    draft = (
      await caseworker.request(
        'POST',
        '/api/cases',
        designationForm({ subjectName: '某某贸易有限公司', subjectCode: '9144030071526726XG', listType: 'SAFETY' }),
      )
    ).body.caseNumber;
    red = (
      await caseworker.request(
        'POST',
        '/api/red-listings',
        redListingForm({ subjectCode: '914403001922038216', subjectName: '某某诚信商贸有限公司' }),
      )
    ).body.caseNumber;

    const all = await list('pageSize=2');
    expect(all).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(all.rows).toHaveLength(2);
    expect((await list('pageSize=2&page=2')).rows).toHaveLength(1);
    // Newest first by default; oldest first when asked.
    expect((await list('sort=createdAt&order=asc')).rows.map((r) => r.caseNumber)[0]).toBe(listed.caseNumber);

    expect((await list('q=贸易')).rows.map((r) => r.caseNumber)).toEqual([draft]);
    expect((await list('q=91350100m000100y43')).rows.map((r) => r.caseNumber)).toEqual([listed.caseNumber]);
    expect((await list(`q=${encodeURIComponent(red)}`)).rows.map((r) => r.caseNumber)).toEqual([red]);
    expect((await list('state=LISTED')).rows.map((r) => r.caseNumber)).toEqual([listed.caseNumber]);
    expect((await list('state=AWAITING_NOTICE_APPROVAL,AWAITING_DECISION_APPROVAL')).total).toBe(2);
    expect((await list('listKind=RED')).rows.map((r) => r.caseNumber)).toEqual([red]);
    expect((await list('listType=SAFETY')).rows.map((r) => r.caseNumber)).toEqual([draft]);
  });

  it('counts a day filed as a Beijing day: a case filed at 00:30 on 1 December is on that day, not 30 November', async () => {
    await stack.db.case.update({ where: { id: listed.id }, data: { createdAt: new Date('2026-11-30T16:30:00Z') } });
    expect((await list('from=2026-12-01&to=2026-12-01')).rows.map((r) => r.caseNumber)).toContain(listed.caseNumber);
    expect((await list('from=2026-11-30&to=2026-11-30')).rows.map((r) => r.caseNumber)).toEqual([]);
  });

  it('refuses a bad search field by name, changing nothing', async () => {
    const tooMany = await caseworker.request('GET', '/api/cases?pageSize=1000');
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors[0].field).toBe('pageSize');
    const state = await caseworker.request('GET', '/api/cases?state=LISTED,SOMETHING');
    expect(state.status).toBe(400);
    expect(state.body.errors[0].field).toMatch(/^state/);
  });

  it('exports every case the search finds to .xlsx, in Chinese, with Beijing times', async () => {
    const file = await caseworker.download('/api/cases/export.xlsx?listKind=BLACK&sort=createdAt&order=asc');
    expect(file.status).toBe(200);
    expect(file.type).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(decodeURIComponent(file.disposition)).toMatch(/案件查询结果-\d{4}-\d{2}-\d{2}\.xlsx/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.bytes.buffer as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      '案件编号',
      '主体名称',
      '统一社会信用代码/身份证号码',
      '名单类型',
      '名单性质',
      '失信等级',
      '办理状态',
      '当前期限',
      '立案时间（北京时间）',
    ]);
    expect(sheet.rowCount).toBe(3); // the two black cases, no red one
    const first = sheet.getRow(2).values as unknown[];
    expect(first.slice(1, 5)).toEqual([listed.caseNumber, '某某建设工程有限公司', '91350100M000100Y43', '重大税收违法失信主体']);
    expect(first[7]).toBe('已列入名单');
    expect(first[9]).toBe('2026-12-01 00:30');
  });

  it("names every open step, for whom, and says the system's own steps are the system's", async () => {
    const draftCase = await stack.db.case.findFirstOrThrow({ where: { caseNumber: draft } });
    const page = (await caseworker.request('GET', `/api/cases/${draftCase.id}`)).body;
    // The caseworker may take nothing now, but sees what the case waits for.
    expect(page.procedure.steps).toEqual([]);
    expect(page.openSteps).toEqual([{ step: 'decideNotice' }]);
    const listedPage = (await caseworker.request('GET', `/api/cases/${listed.id}`)).body as {
      events: { actorName: string; actorRole: string; action: string }[];
    };
    const pushed = listedPage.events.find((e) => e.action === 'PUSHED')!;
    expect(pushed).toMatchObject({ actorName: '系统自动', actorRole: 'SYSTEM' });
    expect(listedPage.events.find((e) => e.action === 'CASE_FILED')).toMatchObject({ actorName: '张经办', actorRole: 'CASEWORKER' });
  });

  it('shows the party what was done to it and by which office, without internal opinions, staff names or the units', async () => {
    const party = new Session(stack.baseUrl);
    await party.login('party');
    const page = (await party.request('GET', `/api/cases/${listed.id}`)).body as {
      pushes: unknown[];
      events: { actorName: string; actorRole: string; action: string; reason: string | null }[];
    };
    expect(page.pushes).toEqual([]);
    expect(page.events.map((e) => e.action)).not.toContain('NOTICE_APPROVED');
    expect(page.events.map((e) => e.action)).not.toContain('DECISION_APPROVED');
    expect(page.events.find((e) => e.action === 'CASE_FILED')).toMatchObject({
      actorName: '市发展和改革委员会（市信用办）',
      actorRole: 'OFFICE',
    });
    expect(JSON.stringify(page.events)).not.toMatch(/张经办|李审核/);
  });

  it('lets the approver read the document as it will be served before approving it, numbered only on approval', async () => {
    const supervisor = new Session(stack.baseUrl);
    await supervisor.login('supervisor');
    const draftCase = await stack.db.case.findFirstOrThrow({ where: { caseNumber: draft } });
    const notice = await supervisor.download(`/api/cases/${draftCase.id}/preview/PRIOR_NOTICE`);
    expect(notice.status).toBe(200);
    expect(notice.type).toBe('application/pdf');
    const text = await pdfText(notice.bytes);
    expect(text).toContain('失信行为认定告知书');
    expect(text).toContain('（审批后编号）');
    expect(text).toContain('某某贸易有限公司');
    expect(await stack.db.document.count({ where: { caseId: draftCase.id } })).toBe(0); // nothing made, nothing numbered

    const redCase = await stack.db.case.findFirstOrThrow({ where: { caseNumber: red } });
    const decision = await supervisor.download(`/api/cases/${redCase.id}/preview/RED_LISTING_DECISION`);
    expect(await pdfText(decision.bytes)).toContain('列入守信激励对象名单决定书');

    // The listing decision, heard and awaiting approval: the measures that will apply, the hearing,
    // the publication period as if approved today — and no decision made or numbered.
    const heard = await fileAwaitingDecision(
      stack.baseUrl,
      designationForm({ subjectName: '某某建材有限公司', subjectCode: '91110108MA01KGQW8H' }),
    );
    const listing = await supervisor.download(`/api/cases/${heard.id}/preview/LISTING_DECISION`);
    expect(listing.status).toBe(200);
    const listingText = (await pdfText(listing.bytes)).replace(/\s+/g, '');
    expect(listingText).toContain('失信主体认定决定书');
    expect(listingText).toContain('（审批后编号）');
    expect(listingText).toContain('某某建材有限公司');
    expect(listingText).toContain('停止增值税专用发票供应'); // a mandatory measure of the tax list
    expect(listingText).toContain('整改尚未完成，陈述不予采纳'); // how the statement was handled
    expect(await stack.db.document.count({ where: { caseId: heard.id, kind: 'LISTING_DECISION' } })).toBe(0);
    // Its statement has a receipt: numbered, with the day the review had to be done by.
    const heardCase = (await supervisor.request('GET', `/api/cases/${heard.id}`)).body as {
      statements: { kind: string; receipt: { number: string; answerBy: string | null; answerKind: string | null } }[];
      deadlines: { kind: string; dueDate: string }[];
    };
    const review = heardCase.deadlines.find((d) => d.kind === 'STATEMENT_REVIEW')!;
    expect(heardCase.statements.map((x) => x.receipt)).toEqual([
      { number: `${heard.caseNumber}-陈述01`, answerBy: review.dueDate, answerKind: 'STATEMENT_REVIEW' },
      { number: `${heard.caseNumber}-陈述02`, answerBy: null, answerKind: null }, // the waiver asks no answer
    ]);
    // Only what awaits approval, and not for the party.
    expect((await supervisor.download(`/api/cases/${listed.id}/preview/PRIOR_NOTICE`)).status).toBe(409);
    const party = new Session(stack.baseUrl);
    await party.login('party');
    expect((await party.download(`/api/cases/${listed.id}/preview/PRIOR_NOTICE`)).status).toBe(403);
  });

  it("shows each role's workbench: what waits for it, the nearest deadlines, the recent activity", async () => {
    const mine = (await caseworker.request('GET', '/api/workbench')).body as {
      counts: { item: string; count: number }[];
      recent: unknown[];
      deadlines: unknown[];
    };
    expect(mine.counts.map((c) => c.item)).toEqual([
      'DRAFT_RETURNED',
      'AWAITING_SERVICE',
      'IN_REVIEW',
      'OBJECTIONS_OPEN',
      'REPAIRS_OPEN',
      'OVERDUE',
      'UNIT_OVERDUE',
    ]);
    expect(mine.recent.length).toBeGreaterThan(0);

    const supervisor = new Session(stack.baseUrl);
    await supervisor.login('supervisor');
    const theirs = (await supervisor.request('GET', '/api/workbench')).body as { counts: { item: string; count: number }[] };
    expect(theirs.counts.find((c) => c.item === 'AWAITING_APPROVAL')?.count).toBe(3); // the draft notice, the red listing and the heard case's decision
    expect(theirs.counts.find((c) => c.item === 'LISTED')?.count).toBe(1);

    const unit = new Session(stack.baseUrl);
    await unit.login('unit');
    const inbox = (await unit.request('GET', '/api/workbench')).body as { counts: { item: string; count: number }[]; deadlines: unknown[] };
    const pending = await stack.db.push.count({ where: { department: { code: 'SAMR' }, status: 'PENDING' } });
    expect(pending).toBeGreaterThan(0);
    expect(inbox.counts.find((c) => c.item === 'TO_ACKNOWLEDGE')?.count).toBe(pending);
    expect(inbox.deadlines).toEqual([]); // a unit sees its own figures, not the office's deadlines
  });
});
