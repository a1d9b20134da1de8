// Bulk import of court and penalty lists, and the supervisor's batch approval, over HTTP against the
// real stack (Temporal dev server, worker, PostgreSQL).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session, startStack, type Stack } from '../tests/support/stack';
import { designationForm } from '../tests/support/fixtures';
import { sheetRows } from '../tests/support/xlsx';
import { enterpriseRow, importCsv, importXlsx, residentId, uscc, type ImportLine } from '../tests/support/import';
import { IMPORT_COLUMNS } from '../domain/import';
import { importBatchId, importCaseId } from '../activities/filing';
import { createActivities } from '../activities';
import { TASK_QUEUE, importWorkflowId } from '../domain/procedure';

let stack: Stack;
let caseworker: Session;
let supervisor: Session;
beforeAll(async () => {
  stack = await startStack('imports');
  caseworker = new Session(stack.baseUrl);
  await caseworker.login('caseworker');
  supervisor = new Session(stack.baseUrl);
  await supervisor.login('supervisor');
});
afterAll(async () => {
  await stack?.stop();
});

const preview = (s: Session, bytes: Uint8Array, name = 'list.xlsx') => s.upload(bytes, name, 'file', '/api/imports/preview');
const confirm = (s: Session, bytes: Uint8Array, sha256?: string, name = 'list.xlsx') =>
  s.upload(bytes, name, 'file', `/api/imports${sha256 ? `?sha256=${sha256}` : ''}`);

async function finished(id: string) {
  await expect
    .poll(async () => (await caseworker.request('GET', `/api/imports/${id}`)).body.status, { timeout: 60_000, interval: 250 })
    .toBe('FINISHED');
  return (await caseworker.request('GET', `/api/imports/${id}?pageSize=200`)).body;
}

describe('the import template', () => {
  it('is an .xlsx with the Chinese headers, an example row that previews as valid, and instructions', async () => {
    const xlsx = await caseworker.download('/api/imports/template.xlsx');
    expect(xlsx.status).toBe(200);
    expect(decodeURIComponent(xlsx.disposition)).toContain('失信主体批量导入模板.xlsx');
    const [sheet, help] = await sheetRows(xlsx.bytes);
    expect(sheet![0]).toEqual(IMPORT_COLUMNS.map((c) => c.header));
    expect(sheet![0]).toEqual(expect.arrayContaining(['主体名称', '统一社会信用代码/身份证号', '名单类型', '失信等级', '列入事由']));
    expect(help!.map((r) => String(r[0]))).toContain('名单类型 (必填)');
    // The template as downloaded previews as one valid row.
    const checked = await preview(caseworker, xlsx.bytes, 'template.xlsx');
    expect(checked.status).toBe(200);
    expect(checked.body).toMatchObject({ rows: 1, valid: 1, invalid: 0 });

    const csv = await caseworker.download('/api/imports/template.csv');
    expect(csv.type).toContain('text/csv');
    expect([...csv.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(csv.bytes)).toContain('主体名称,主体类型,统一社会信用代码/身份证号');
  });
});

describe('the preview', () => {
  it('checks every row as the form is checked, naming the row, the column and the reason, and creates nothing', async () => {
    // One subject already has an active case on the same list and basis.
    const existing = await caseworker.request(
      'POST',
      '/api/cases',
      designationForm({
        subjectCode: uscc(105),
        subjectName: '已立案商贸有限公司',
        basis: { ...designationForm().basis, number: '市税稽罚〔2026〕105号' },
      }),
    );
    expect(existing.status).toBe(201);
    const cases = await stack.db.case.count();
    const rows: ImportLine[] = [
      enterpriseRow(101),
      enterpriseRow(102, { subjectCode: '914403001922038217', tier: '很严重' }),
      enterpriseRow(103, { basisNumber: '市税稽罚〔2026〕101号', subjectCode: uscc(101) }),
      enterpriseRow(104, {
        subjectType: '自然人',
        subjectName: '张某某',
        subjectCode: residentId(104),
        legalRepName: '',
        legalRepId: '',
        basisKind: '人民法院生效判决、裁定',
        basisDate: '2026/8/3',
        measures: '',
      }),
      enterpriseRow(105),
      enterpriseRow(106, { reasons: '太短', listType: '不存在的名单', legalRepName: '', legalRepId: '' }),
    ];
    const res = await preview(caseworker, await importXlsx(rows));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ rows: 6, valid: 2, invalid: 4, imported: 0, batchId: null });
    const byRow = Object.fromEntries(
      (res.body.results as { rowNumber: number; status: string; errors: unknown[] }[]).map((r) => [r.rowNumber, r]),
    );
    expect(byRow[2]).toMatchObject({ status: 'VALID', errors: [] });
    expect(byRow[3]).toMatchObject({ status: 'INVALID' });
    expect(byRow[3]!.errors).toEqual(
      expect.arrayContaining([
        { column: '统一社会信用代码/身份证号', field: 'subjectCode', code: 'uscc.check', message: '统一社会信用代码校验位错误，请核对' },
        { column: '失信等级', field: 'tier', code: 'import.tier', message: '应为“严重”“一般”或“轻微”' },
      ]),
    );
    expect(byRow[4]).toMatchObject({
      status: 'INVALID',
      errors: [
        {
          column: '认定依据文书文号',
          field: 'basis.number',
          code: 'import.duplicateInFile:2',
          message: '与第 2 行是同一主体、同一名单类型和同一认定依据',
        },
      ],
    });
    expect(byRow[5]).toMatchObject({ status: 'VALID' });
    expect(byRow[6]).toMatchObject({
      status: 'INVALID',
      errors: [
        {
          column: '认定依据文书文号',
          field: 'basis.number',
          message: `该主体已因同一依据列入同类名单，见案件 ${existing.body.caseNumber}`,
        },
      ],
    });
    expect(byRow[7]!.errors).toEqual(
      expect.arrayContaining([{ column: '名单类型', field: 'listType', code: 'listType.unknown', message: '名单类型不存在' }]),
    );
    expect(await stack.db.case.count()).toBe(cases);
    expect(await stack.db.importBatch.count()).toBe(0);
  });

  it('reads CSV (UTF-8 with a BOM) alike, and speaks English to an English client', async () => {
    const en = new Session(stack.baseUrl, 'en');
    await en.login('caseworker');
    const res = await preview(en, importCsv([enterpriseRow(111), enterpriseRow(112, { tier: '' })]), 'list.csv');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ rows: 2, valid: 1, invalid: 1 });
    expect(res.body.results[1]).toMatchObject({
      rowNumber: 3,
      errors: [{ column: 'Tier', field: 'tier', code: 'required', message: expect.any(String) }],
    });
  });

  it('refuses a file without the template columns, one that is not a spreadsheet, and every role but the caseworker', async () => {
    const noColumns = await preview(caseworker, new TextEncoder().encode('名称,代码\n某公司,123\n'), 'x.csv');
    expect(noColumns.status).toBe(400);
    expect(noColumns.body.title).toContain('文件缺少必需的列：主体名称、主体类型、统一社会信用代码/身份证号');
    const pdf = await preview(caseworker, new Uint8Array([0x50, 0x4b, 3, 4, 0, 0, 0]), 'x.xlsx');
    expect(pdf.status).toBe(415);
    const file = await importXlsx([enterpriseRow(120)]);
    for (const who of ['supervisor', 'party', 'unit', 'admin', 'auditor']) {
      const s = new Session(stack.baseUrl);
      await s.login(who);
      expect((await preview(s, file)).status, who).toBe(403);
      expect((await confirm(s, file)).status, who).toBe(403);
    }
    expect(await stack.db.importBatch.count()).toBe(0);
  });
});

describe('the import', () => {
  let batch: { id: string; total: number };
  let file: Uint8Array;
  const rows = [enterpriseRow(201), enterpriseRow(202), enterpriseRow(203, { subjectCode: 'BAD' }), enterpriseRow(204)];

  it('files each valid row as a draft through the case workflow, with its progress and each row’s case', async () => {
    file = await importXlsx(rows);
    const checked = await preview(caseworker, file);
    expect(checked.body).toMatchObject({ valid: 3, invalid: 1 });
    const res = await confirm(caseworker, file, checked.body.sha256);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ rowsInFile: 4, total: 3, fileName: 'list.xlsx' });
    batch = res.body;
    const done = await finished(batch.id);
    expect(done).toMatchObject({ status: 'FINISHED', total: 3, done: 3, failed: 0, awaitingApproval: 3 });
    expect(done.rows.rows.map((r: { rowNumber: number }) => r.rowNumber)).toEqual([2, 3, 5]);
    for (const r of done.rows.rows) {
      expect(r).toMatchObject({
        status: 'FILED',
        caseNumber: expect.stringMatching(/^市信用办认〔\d{4}〕\d+号$/),
        caseState: 'AWAITING_NOTICE_APPROVAL',
      });
      // Each a draft of the caseworker who imported it, through the case's own workflow.
      const c = await stack.db.case.findUniqueOrThrow({ where: { id: r.caseId }, include: { events: true } });
      expect(c.workflowId).toBe(`designation-${r.caseId}`);
      expect(c.events.map((e) => e.action)).toEqual(['CASE_FILED']);
      expect(c.events[0]!.actorName).toBe((await stack.db.user.findUniqueOrThrow({ where: { username: 'caseworker' } })).displayName);
    }
    // The department's batches list it.
    const list = await caseworker.request('GET', '/api/imports');
    expect(list.body.rows[0]).toMatchObject({ id: batch.id, done: 3 });
    // The case list finds the batch's cases.
    const found = await supervisor.request('GET', `/api/cases?importBatch=${batch.id}&state=AWAITING_NOTICE_APPROVAL`);
    expect(found.body.total).toBe(3);
  });

  it('creates nothing twice: the same file again is the same batch, and its preview says the rows are imported', async () => {
    const cases = await stack.db.case.count();
    const again = await confirm(caseworker, file);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: batch.id, done: 3 });
    const checked = await preview(caseworker, file);
    expect(checked.body).toMatchObject({ valid: 0, invalid: 1, imported: 3, batchId: batch.id });
    // The same rows saved again (another file, other bytes): each row a duplicate of its case, nothing to import.
    const resaved = await importXlsx(rows, new Date(Date.now() + 60_000));
    const duplicates = await preview(caseworker, resaved);
    expect(duplicates.body).toMatchObject({ valid: 0, invalid: 4, imported: 0, batchId: null });
    expect(duplicates.body.results[0].errors[0].message).toMatch(/^该主体已因同一依据列入同类名单，见案件 市信用办认/);
    expect((await confirm(caseworker, resaved)).status).toBe(400);
    // Its workflow started again by hand (a crash and retry) files nothing either.
    await stack.db.importRow.updateMany({ where: { batchId: batch.id }, data: { status: 'PENDING' } });
    await stack.temporal.workflow.execute('importBatchWorkflow', {
      taskQueue: TASK_QUEUE,
      workflowId: `${importWorkflowId(batch.id)}-retry`,
      args: [{ batchId: batch.id }],
    });
    expect(await stack.db.case.count()).toBe(cases);
    expect((await stack.db.importRow.findMany({ where: { batchId: batch.id } })).every((r) => r.status === 'FILED')).toBe(true);
    // A row whose retries ran out after its filing went through (the answer lost) is filed, not failed.
    const [row] = await stack.db.importRow.findMany({ where: { batchId: batch.id }, orderBy: { rowNumber: 'asc' }, take: 1 });
    await stack.db.importRow.update({
      where: { batchId_rowNumber: { batchId: batch.id, rowNumber: row!.rowNumber } },
      data: { status: 'PENDING', caseId: null, caseNumber: null },
    });
    const failedBefore = (await stack.db.importBatch.findUniqueOrThrow({ where: { id: batch.id } })).failed;
    await createActivities(stack.db).failImportRow({ batchId: batch.id, rowNumber: row!.rowNumber, error: 'deadline exceeded' });
    expect(
      await stack.db.importRow.findUniqueOrThrow({ where: { batchId_rowNumber: { batchId: batch.id, rowNumber: row!.rowNumber } } }),
    ).toMatchObject({
      status: 'FILED',
      caseNumber: row!.caseNumber,
    });
    expect((await stack.db.importBatch.findUniqueOrThrow({ where: { id: batch.id } })).failed).toBe(failedBefore);
  });

  it('goes on past a row that fails: the others are filed, the failed one says why', async () => {
    const department = await stack.db.department.findUniqueOrThrow({ where: { code: 'CREDIT' } });
    const user = await stack.db.user.findUniqueOrThrow({ where: { username: 'caseworker' } });
    // Rows that were valid when previewed: one since filed by hand, one whose measure has left the catalogue.
    const sha256 = 'f'.repeat(64);
    const id = importBatchId(department.id, sha256);
    const forms = [
      designationForm({ subjectCode: uscc(301), basis: { ...designationForm().basis, number: '市税稽罚〔2026〕301号' } }),
      designationForm({ subjectCode: uscc(302), basis: { ...designationForm().basis, number: '市税稽罚〔2026〕302号' } }),
      designationForm({
        subjectCode: uscc(303),
        basis: { ...designationForm().basis, number: '市税稽罚〔2026〕303号' },
        recommendedMeasures: [{ measureId: 'M-NO-SUCH', reasons: '该措施已从清单中删除。' }],
      }),
      designationForm({ subjectCode: uscc(304), basis: { ...designationForm().basis, number: '市税稽罚〔2026〕304号' } }),
    ];
    const byHand = await caseworker.request('POST', '/api/cases', forms[1]);
    expect(byHand.status).toBe(201);
    await stack.db.importBatch.create({
      data: {
        id,
        departmentId: department.id,
        createdById: user.id,
        createdByName: user.displayName,
        fileName: 'court-list.csv',
        sha256,
        workflowId: importWorkflowId(id),
        rowsInFile: 4,
        total: 4,
        rows: {
          create: forms.map((form, i) => ({ rowNumber: i + 2, subjectName: form.subjectName, subjectCode: form.subjectCode, form })),
        },
      },
    });
    await stack.temporal.workflow.execute('importBatchWorkflow', {
      taskQueue: TASK_QUEUE,
      workflowId: importWorkflowId(id),
      args: [{ batchId: id }],
    });
    const done = (await caseworker.request('GET', `/api/imports/${id}`)).body;
    expect(done).toMatchObject({ status: 'FINISHED', total: 4, done: 2, failed: 2 });
    expect(done.rows.rows).toMatchObject([
      { rowNumber: 2, status: 'FILED', caseId: importCaseId(department.id, sha256, 2) },
      { rowNumber: 3, status: 'FAILED', caseId: null, error: `该主体已因同一依据列入同类名单，见案件 ${byHand.body.caseNumber}` },
      { rowNumber: 4, status: 'FAILED', error: expect.stringContaining('所选措施不在该名单类型的推荐性措施清单中') },
      { rowNumber: 5, status: 'FILED' },
    ]);
  });

  it('shows a batch only to its own department', async () => {
    const other = new Session(stack.baseUrl);
    await other.login('unit');
    expect((await other.request('GET', `/api/imports/${batch.id}`)).status).toBe(403);
    await stack.accessLogWritten();
    const logged = await stack.db.accessLog.findFirst({ where: { kind: 'IMPORT_BATCH', documentId: batch.id, outcome: 'ALLOWED' } });
    expect(logged).not.toBeNull();
  });
});

describe('batch approval of prior notices', () => {
  it('approves each case through its own workflow step, with one opinion, each answering for itself', async () => {
    const file = await importXlsx([enterpriseRow(401), enterpriseRow(402), enterpriseRow(403)]);
    const batch = (await confirm(caseworker, file)).body;
    await finished(batch.id);
    const list = await supervisor.request('GET', `/api/cases?importBatch=${batch.id}&state=AWAITING_NOTICE_APPROVAL`);
    expect(list.body.total).toBe(3);
    const seen = list.body.rows.map((c: { id: string; updatedAt: string }) => ({ id: c.id, updatedAt: c.updatedAt }));
    // A caseworker may not approve; nothing changes.
    expect((await caseworker.request('POST', '/api/cases/notice-approvals', { cases: seen, reasons: '' })).status).toBe(403);
    // One case changed since the list was read: refused as stale, the others approved.
    const stale = { ...seen[2], updatedAt: new Date(Date.parse(seen[2].updatedAt) - 1000).toISOString() };
    const res = await supervisor.request('POST', '/api/cases/notice-approvals', {
      cases: [seen[0], seen[1], stale, { id: 'no-such-case', updatedAt: seen[0].updatedAt }],
      reasons: '经核对，同意送达告知书。',
    });
    expect(res.status).toBe(200);
    expect(res.body.results).toMatchObject([
      { id: seen[0].id, ok: true, status: 200 },
      { id: seen[1].id, ok: true, status: 200 },
      { id: seen[2].id, ok: false, status: 409, code: 'STALE', message: '案件在您填写期间已有变化，请刷新页面核对后重新提交' },
      { id: 'no-such-case', ok: false, status: 404 },
    ]);
    for (const { id } of seen.slice(0, 2)) {
      const c = await stack.db.case.findUniqueOrThrow({ where: { id }, include: { events: true } });
      expect(c.state).not.toBe('AWAITING_NOTICE_APPROVAL');
      expect(c.events.find((e) => e.action === 'NOTICE_APPROVED')).toMatchObject({ reason: '经核对，同意送达告知书。' });
    }
    expect((await stack.db.case.findUniqueOrThrow({ where: { id: seen[2].id } })).state).toBe('AWAITING_NOTICE_APPROVAL');
    // Approved again (a double click), each says it is no longer awaiting approval.
    const twice = await supervisor.request('POST', '/api/cases/notice-approvals', { cases: seen.slice(0, 1), reasons: '' });
    expect(twice.body.results[0]).toMatchObject({ ok: false });
  });
});
