// The supervisor's dashboard on the real stack: cases taken through the procedure show in the
// figures a supervisor watches — a listing in its state and list type and its month, an objection
// rejected, a repair granted and its removal, a deadline the office let pass counted overdue in its
// month, the working days each step took, a unit's acknowledgement — for the office's own staff
// only; exported to .xlsx and reported for a month as a PDF.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dashboard } from '../domain/api';
import { addCalendarDays, shanghaiDate, startOfShanghaiDay } from '../domain/workdays';
import { designationForm } from '../tests/support/fixtures';
import { pdfText } from '../tests/support/pdf';
import { Session, fileApproved, fileListed, startStack, type Stack } from '../tests/support/stack';
import { addMonths } from './dashboard';

let stack: Stack;
let supervisor: Session;
let caseworker: Session;
beforeAll(async () => {
  stack = await startStack('dashboard');
  supervisor = new Session(stack.baseUrl);
  await supervisor.login('supervisor');
  caseworker = new Session(stack.baseUrl);
  await caseworker.login('caseworker');
});
afterAll(async () => {
  await stack?.stop();
});

const thisMonth = () => shanghaiDate(new Date()).slice(0, 7);
const dashboard = async (session: Session, query = '') => {
  const res = await session.request('GET', `/api/dashboard${query}`);
  expect(res.status).toBe(200);
  return res.body as Dashboard;
};
const monthIn = (d: Dashboard, month: string) => d.months.find((m) => m.month === month)!;
const basis = (number: string) => ({ ...designationForm().basis, number });

describe("the supervisor's dashboard", () => {
  let tax: { id: string; caseNumber: string };
  let wages: { id: string; caseNumber: string };
  let late: { id: string; caseNumber: string };

  it('starts empty: twelve months to the current one, nothing counted', async () => {
    const d = await dashboard(supervisor);
    expect(d.departmentName).toBe('市发展和改革委员会（市信用办）');
    expect(d.to).toBe(thisMonth());
    expect(d.from).toBe(addMonths(thisMonth(), -11));
    expect(d.months.map((m) => m.month)).toHaveLength(12);
    expect(d.byState).toEqual([]);
    expect(d.months.every((m) => m.filed === 0 && m.deadlinesOverdue === 0)).toBe(true);
  });

  it('counts a listed case in its state and list type, and in the month it was filed and listed, with the days each step took', async () => {
    tax = await fileListed(stack.baseUrl, designationForm());
    const d = await dashboard(supervisor);
    expect(d.byState).toEqual([
      {
        state: 'LISTED',
        listType: 'TAX',
        listTypeName: '重大税收违法失信主体',
        listTypeNameEn: expect.any(String),
        listKind: 'BLACK',
        count: 1,
      },
    ]);
    expect(monthIn(d, thisMonth())).toMatchObject({ filed: 1, listed: 1, removed: 0 });
    const steps = Object.fromEntries(d.steps.map((s) => [s.step, s]));
    expect(Object.keys(steps)).toEqual(['NOTICE_APPROVAL', 'NOTICE_PERIOD', 'STATEMENT_REVIEW', 'DECISION_APPROVAL', 'FILING_TO_LISTING']);
    expect(steps.NOTICE_APPROVAL).toMatchObject({ count: 1, allowedWorkingDays: null, overdue: 0 });
    // Taken the same day: no working day passed (the starting day is not counted).
    expect(steps.FILING_TO_LISTING).toMatchObject({ count: 1, averageWorkingDays: 0, maxWorkingDays: 0 });
    expect(steps.STATEMENT_REVIEW).toMatchObject({ count: 1, allowedWorkingDays: 10, overdue: 0 });
    // Pushed to the units that implement its measures; none has answered yet.
    expect(d.units.length).toBeGreaterThan(0);
    const samr = d.units.find((u) => u.departmentName.includes('市场监督管理局'))!;
    expect(samr).toMatchObject({ acknowledged: 0, fedBack: 0, feedbackRate: 0 });
    expect(samr.pushes).toBeGreaterThan(0);
  });

  it("counts a unit's acknowledgement", async () => {
    const unit = new Session(stack.baseUrl);
    await unit.login('unit');
    const inbox = ((await unit.request('GET', '/api/pushes')).body as { rows: { id: string; case: { id: string } }[] }).rows;
    const push = inbox.find((p) => p.case.id === tax.id)!;
    expect((await unit.request('POST', `/api/pushes/${push.id}/acknowledge`)).status).toBe(200);
    const samr = (await dashboard(supervisor)).units.find((u) => u.departmentName.includes('市场监督管理局'))!;
    expect(samr.acknowledged).toBe(1);
  });

  it('counts an objection rejected and a repair granted (and its removal) in the month decided', async () => {
    const party = new Session(stack.baseUrl);
    await party.login('party');
    expect((await party.step(tax.id, 'objections', { grounds: '认定所依据的处罚决定已被复议撤销，请予核实。' })).status).toBe(200);
    const objectionId = (await caseworker.request('GET', `/api/cases/${tax.id}`)).body.procedure.objection.id as string;
    expect((await caseworker.step(tax.id, `objections/${objectionId}/acceptance`, { accepted: true, reasons: '' })).status).toBe(200);
    const rejected = await caseworker.step(tax.id, `objections/${objectionId}/outcome`, {
      upheld: false,
      reasons: '复议决定维持原处罚，异议不成立。',
    });
    expect(rejected.status).toBe(200);

    wages = await fileListed(stack.baseUrl, designationForm({ tier: 'MINOR', listType: 'WAGES', basis: basis('市人社罚〔2026〕3号') }));
    const applied = await party.step(wages.id, 'repairs', {
      correctionProof: '已结清全部拖欠工资，附银行转账凭证。',
      commitment: '承诺今后按时足额支付劳动者工资。',
      commitmentSigned: true,
    });
    expect(applied.status).toBe(200);
    const applicationId = (await caseworker.request('GET', `/api/cases/${wages.id}`)).body.procedure.repair.id as string;
    expect((await caseworker.step(wages.id, `repairs/${applicationId}/acceptance`, { accepted: true, reasons: '' })).status).toBe(200);
    expect(
      (await caseworker.step(wages.id, `repairs/${applicationId}/decision`, { granted: true, reasons: '已纠正失信行为，准予修复。' }))
        .status,
    ).toBe(200);
    await expect
      .poll(async () => (await caseworker.request('GET', `/api/cases/${wages.id}`)).body.state, { timeout: 20_000 })
      .toBe('REMOVED');

    const d = await dashboard(supervisor);
    expect(monthIn(d, thisMonth())).toMatchObject({
      filed: 2,
      listed: 2,
      removed: 1,
      objectionsRejected: 1,
      objectionsUpheld: 0,
      repairsGranted: 1,
      repairsRefused: 0,
    });
    expect(d.byState.map((s) => [s.state, s.listType, s.count])).toEqual([
      ['LISTED', 'TAX', 1],
      ['REMOVED', 'WAGES', 1],
    ]);
    expect(d.steps.map((s) => s.step)).toEqual(
      expect.arrayContaining(['OBJECTION_ACCEPTANCE', 'OBJECTION_VERIFICATION', 'REPAIR_DECISION']),
    );
  });

  it('counts a deadline the office let pass as overdue in the month it fell due, and the step taken late as overdue', async () => {
    late = await fileApproved(stack.baseUrl, designationForm({ basis: basis('市税稽罚〔2026〕31号') }));
    await caseworker.step(late.id, 'statements', { kind: 'STATEMENT', content: '当事人书面陈述：已开始整改。' });
    await caseworker.step(late.id, 'statements', { kind: 'WAIVER', content: '当事人书面表示不再补充陈述申辩。' });
    await expect
      .poll(async () => (await stack.db.caseDeadline.findFirst({ where: { caseId: late.id, kind: 'STATEMENT_REVIEW' } }))?.status, {
        timeout: 20_000,
      })
      .toBe('OPEN');
    // The review was due on the 10th of last month and is still not done (the deadline is moved
    // back by hand: the workflow's own timer marks it at 24:00 of its last day).
    const lastMonth = addMonths(thisMonth(), -1);
    const due = `${lastMonth}-10`;
    await stack.db.caseDeadline.updateMany({
      where: { caseId: late.id, kind: 'STATEMENT_REVIEW' },
      data: {
        startedAt: startOfShanghaiDay(`${lastMonth}-01`),
        dueDate: new Date(`${due}T00:00:00Z`),
        dueAt: startOfShanghaiDay(addCalendarDays(due, 1)),
      },
    });
    let d = await dashboard(supervisor);
    expect(monthIn(d, lastMonth)).toMatchObject({ deadlinesOverdue: 1, deadlinesMet: 0, deadlinesOpen: 0 });
    expect(monthIn(d, thisMonth()).deadlinesOverdue).toBe(0);

    // Reviewed now, late: still overdue in its month, and the review step counted overdue, its working days since the 1st of last month.
    expect((await caseworker.step(late.id, 'review', { accepted: false, reasons: '整改尚未完成，陈述不予采纳。' })).status).toBe(200);
    await expect
      .poll(async () => (await stack.db.caseDeadline.findFirst({ where: { caseId: late.id, kind: 'STATEMENT_REVIEW' } }))?.closedAt)
      .not.toBeNull();
    d = await dashboard(supervisor);
    expect(monthIn(d, lastMonth).deadlinesOverdue).toBe(1);
    const review = d.steps.find((s) => s.step === 'STATEMENT_REVIEW')!;
    expect(review).toMatchObject({ count: 3, overdue: 1 }); // the two listed cases' reviews in time, this one late
    expect(review.maxWorkingDays).toBeGreaterThan(10);
  });

  it("shows a department's staff their department's figures only, an administrator every department's, and no one else", async () => {
    const other = new Session(stack.baseUrl);
    await other.login('tax-caseworker');
    const theirs = await dashboard(other);
    expect(theirs.departmentName).not.toBe('市发展和改革委员会（市信用办）');
    expect(theirs.byState).toEqual([]);
    expect(theirs.units).toEqual([]);
    expect(monthIn(theirs, thisMonth()).filed).toBe(0);

    expect(monthIn(await dashboard(caseworker), thisMonth()).filed).toBe(3);
    const admin = new Session(stack.baseUrl);
    await admin.login('admin');
    const all = await dashboard(admin);
    expect(all.departmentName).toBeNull();
    expect(monthIn(all, thisMonth()).filed).toBe(3);

    for (const who of ['unit', 'party']) {
      const s = new Session(stack.baseUrl);
      await s.login(who);
      expect((await s.request('GET', '/api/dashboard')).status).toBe(403);
      expect((await s.download(`/api/dashboard/report.pdf?month=${thisMonth()}`)).status).toBe(403);
    }
  });

  it('takes a period of months, and refuses one that is not', async () => {
    const d = await dashboard(supervisor, `?from=${addMonths(thisMonth(), -2)}&to=${thisMonth()}`);
    expect(d.months.map((m) => m.month)).toEqual([addMonths(thisMonth(), -2), addMonths(thisMonth(), -1), thisMonth()]);
    for (const query of ['?from=2026-13', '?from=2026-05&to=2026-04', '?from=2020-01&to=2026-01']) {
      const res = await supervisor.request('GET', `/api/dashboard${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.errors[0].field, query).toBe('from');
    }
    expect((await supervisor.download('/api/dashboard/report.pdf?month=2026-5')).status).toBe(400);
  });

  it('exports the figures to .xlsx, in Chinese, one sheet each', async () => {
    const file = await supervisor.download(`/api/dashboard/export.xlsx?from=${addMonths(thisMonth(), -1)}&to=${thisMonth()}`);
    expect(file.status).toBe(200);
    expect(file.type).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(decodeURIComponent(file.disposition)).toContain(`统计分析-${addMonths(thisMonth(), -1)}-${thisMonth()}.xlsx`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.bytes.buffer as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual([
      '各月立案、列入和移出',
      '案件状态和名单类型（当前）',
      '各环节办理用时（工作日）',
      '配合单位签收和执行反馈',
    ]);
    // Rows from the first (a blank row as []), each from its first cell.
    const rows = (sheet: ExcelJS.Worksheet) =>
      Array.from(sheet.getSheetValues())
        .slice(1)
        .map((r) => (Array.isArray(r) ? r.slice(1) : []));
    const [months, byState, steps, units] = book.worksheets.map(rows) as unknown[][][];
    expect(months![0]).toEqual(['统计范围：市发展和改革委员会（市信用办）']);
    expect(months![3]!.slice(0, 4)).toEqual(['月份', '立案', '列入', '移出']);
    const [y, m] = thisMonth().split('-');
    expect(months!.find((r) => r[0] === `${y}年${Number(m)}月`)?.slice(1, 4)).toEqual([3, 2, 1]);
    expect(byState).toContainEqual(['已列入名单', '重大税收违法失信主体', '严重失信主体名单（黑名单）', 1]);
    expect(steps!.find((r) => r[0] === '陈述申辩复核')?.slice(1, 2)).toEqual([3]);
    expect(units!.some((r) => String(r[0]).includes('市场监督管理局'))).toBe(true);
  });

  it('reports a month as a PDF: the office, the month, its figures, the cases listed and removed', async () => {
    const file = await supervisor.download(`/api/dashboard/report.pdf?month=${thisMonth()}`);
    expect(file.status).toBe(200);
    expect(file.type).toBe('application/pdf');
    const text = await pdfText(file.bytes);
    const [y, m] = thisMonth().split('-');
    expect(text).toContain('失信联合惩戒工作月度报告');
    expect(text).toContain(`${y}年${Number(m)}月`);
    expect(text).toContain('报送单位：市发展和改革委员会（市信用办）');
    const summary = text.slice(text.indexOf('一、本月概况'), text.indexOf('二、'));
    expect(summary).toMatch(/立案\s*3/);
    expect(summary).toMatch(/列入\s*2/);
    expect(summary).toMatch(/移出\s*1/);
    expect(summary).toMatch(/异议不成立\s*1/);
    expect(summary).toMatch(/准予信用修复\s*1/);
    const listedPart = text.slice(text.indexOf('五、本月列入名单的案件'), text.indexOf('六、'));
    expect(listedPart).toContain(tax.caseNumber);
    expect(listedPart).toContain(wages.caseNumber);
    expect(listedPart).not.toContain(late.caseNumber);
    const removedPart = text.slice(text.indexOf('六、本月移出名单的案件'));
    expect(removedPart).toContain(wages.caseNumber);
    expect(removedPart).toContain('修复移出');
    expect(text).toContain('跟踪问效');
  });
});
