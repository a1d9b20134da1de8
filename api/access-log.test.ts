// 查询使用登记 on the real stack: each read of a subject's record leaves one entry in the access log —
// who (user, role, department; a unit's key; the public), what (the case, subject or document, or the
// list and its query), the purpose, the address and the outcome — refused attempts too; a staff read
// of a person's record is refused without a purpose and logged with it; the auditor searches and
// exports the log and reads nothing of the cases; the log is append-only and its chain verified.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session, fileListed, startStack, type Stack } from '../tests/support/stack';
import { designationForm } from '../tests/support/fixtures';
import { verifyAccessLog } from '../scripts/audit-verify';
import type { AccessLog } from '../generated/prisma/client';

let stack: Stack;
let caseworker: Session;
let auditor: Session;
let company: { id: string; caseNumber: string };
let person: { id: string; caseNumber: string };
let taxCase: string;
const PERSON = '11010519491231002X';
const COMPANY = '91350100M000100Y43';

beforeAll(async () => {
  stack = await startStack('access_log');
  [caseworker, auditor] = [new Session(stack.baseUrl), new Session(stack.baseUrl)];
  await Promise.all([caseworker.login('caseworker'), auditor.login('auditor')]);
  // Each read below says its purpose or not, as the test asks.
  caseworker.purpose = null;
  company = await fileListed(stack.baseUrl, designationForm());
  person = await fileListed(
    stack.baseUrl,
    designationForm({
      subjectName: '张某某',
      subjectType: 'PERSON',
      subjectCode: PERSON,
      listType: 'WAGES',
      responsiblePersons: [],
      recommendedMeasures: [],
    }),
  );
  const tax = new Session(stack.baseUrl);
  await tax.login('tax-caseworker');
  const filed = await tax.request(
    'POST',
    '/api/cases',
    designationForm({ subjectName: '某某税务代理有限公司', subjectCode: '914403001922038216' }),
  );
  expect(filed.status).toBe(201);
  taxCase = filed.body.id;
}, 240_000);
afterAll(async () => {
  await stack?.stop();
});

/** The entries written by what `read` does, in order: the log is written after each answer. */
async function entriesOf(read: () => Promise<unknown>): Promise<AccessLog[]> {
  await stack.accessLogWritten();
  const last = (await stack.db.accessLog.aggregate({ _max: { position: true } }))._max.position ?? 0;
  await read();
  await stack.accessLogWritten();
  return stack.db.accessLog.findMany({ where: { position: { gt: last } }, orderBy: { position: 'asc' } });
}
/** Exactly one entry, written by `read`. */
async function oneEntry(read: () => Promise<{ status: number }>, status = 200): Promise<AccessLog> {
  let answered = 0;
  const entries = await entriesOf(async () => (answered = (await read()).status));
  expect(answered).toBe(status);
  expect(entries).toHaveLength(1);
  return entries[0]!;
}
const caseworkerWho = {
  actorKind: 'USER',
  username: 'caseworker',
  actorName: '张经办',
  role: 'CASEWORKER',
  departmentName: expect.stringContaining('信用办'),
  address: '127.0.0.1',
  method: 'GET',
};

describe('the access log', () => {
  it("records a caseworker's read of a case page, a document download, the case list and an export", async () => {
    const page = await oneEntry(() => caseworker.request('GET', `/api/cases/${company.id}`));
    expect(page).toMatchObject({
      ...caseworkerWho,
      kind: 'CASE',
      path: `/api/cases/${company.id}`,
      caseId: company.id,
      caseNumber: company.caseNumber,
      subjectCode: COMPANY,
      subjectName: '某某建设工程有限公司',
      subjectType: 'ORGANISATION',
      purpose: null,
      status: 200,
      outcome: 'ALLOWED',
    });
    expect(Math.abs(page.at.getTime() - Date.now())).toBeLessThan(60_000);

    const doc = (await caseworker.request('GET', `/api/cases/${company.id}`)).body.documents[0] as { id: string };
    const download = await oneEntry(() => caseworker.download(`/api/cases/${company.id}/documents/${doc.id}`));
    expect(download).toMatchObject({
      ...caseworkerWho,
      kind: 'CASE_DOCUMENT',
      caseId: company.id,
      caseNumber: company.caseNumber,
      documentId: doc.id,
      outcome: 'ALLOWED',
    });

    const list = await oneEntry(() => caseworker.request('GET', `/api/cases?q=${encodeURIComponent('某某建设')}&pageSize=5`));
    expect(list).toMatchObject({ ...caseworkerWho, kind: 'CASE_LIST', caseId: null, query: { q: '某某建设', pageSize: '5' } });

    const exported = await oneEntry(() => caseworker.download('/api/cases/export.xlsx?state=LISTED'));
    expect(exported).toMatchObject({ ...caseworkerWho, kind: 'CASE_EXPORT', query: { state: 'LISTED' }, outcome: 'ALLOWED' });
  });

  it("records a unit's system's lookup by its key, and the public's lookup", async () => {
    const admin = new Session(stack.baseUrl);
    await admin.login('admin');
    const units = (await admin.request('GET', '/api/units')).body as { id: string; code: string }[];
    const samr = units.find((u) => u.code === 'SAMR')!;
    const key = await admin.request('POST', `/api/units/${samr.id}/api-keys`, { name: '行政许可系统' });
    expect(key.status).toBe(201);
    const lookup = await oneEntry(() =>
      fetch(`${stack.baseUrl}/api/unit-api/v1/subjects/${COMPANY}`, { headers: { authorization: `Bearer ${key.body.token}` } }),
    );
    expect(lookup).toMatchObject({
      actorKind: 'UNIT_KEY',
      userId: null,
      actorName: '行政许可系统',
      role: 'COOPERATING_UNIT',
      departmentId: samr.id,
      apiKeyId: key.body.id,
      kind: 'UNIT_LOOKUP',
      subjectCode: COMPANY,
      subjectName: '某某建设工程有限公司',
      address: '127.0.0.1',
      outcome: 'ALLOWED',
    });
    // A revoked or unknown key is refused before anything is read, and recorded so.
    const unknown = await oneEntry(
      () => fetch(`${stack.baseUrl}/api/unit-api/v1/subjects/${COMPANY}`, { headers: { authorization: 'Bearer nonsense' } }),
      401,
    );
    expect(unknown).toMatchObject({ actorKind: 'PUBLIC', kind: 'UNIT_LOOKUP', subjectCode: COMPANY, status: 401, outcome: 'REFUSED' });

    const anyone = await oneEntry(() => fetch(`${stack.baseUrl}/api/public/listings?q=${COMPANY}`));
    expect(anyone).toMatchObject({
      actorKind: 'PUBLIC',
      userId: null,
      actorName: null,
      role: null,
      kind: 'PUBLIC_LOOKUP',
      query: { q: COMPANY },
      address: '127.0.0.1',
      status: 200,
      outcome: 'ALLOWED',
    });
  });

  it("records a refused read: another department's case, as the case asked for", async () => {
    const refused = await oneEntry(() => caseworker.request('GET', `/api/cases/${taxCase}`), 404);
    expect(refused).toMatchObject({
      ...caseworkerWho,
      kind: 'CASE',
      caseId: taxCase,
      // The case's number and subject, looked up for the log (not for the reader).
      subjectName: '某某税务代理有限公司',
      status: 404,
      outcome: 'REFUSED',
    });
    expect(refused.caseNumber).toMatch(/\S/);
    const signedOut = await oneEntry(() => new Session(stack.baseUrl).request('GET', `/api/cases/${company.id}`), 401);
    expect(signedOut).toMatchObject({ actorKind: 'PUBLIC', kind: 'CASE', caseId: company.id, status: 401, outcome: 'REFUSED' });
  });

  it("refuses a staff read of a person's record without a purpose, and records it with its purpose", async () => {
    const refused = await caseworker.request('GET', `/api/cases/${person.id}`);
    expect(refused.status).toBe(400);
    expect(refused.type).toContain('application/problem+json');
    expect(refused.body).toMatchObject({ code: 'PURPOSE_REQUIRED', record: { caseNumber: person.caseNumber } });
    expect(refused.body.errors[0].field).toBe('X-Access-Purpose');
    expect(JSON.stringify(refused.body)).not.toContain(PERSON);
    expect(JSON.stringify(refused.body)).not.toContain('张某某');
    const subjectRefused = await oneEntry(() => caseworker.request('GET', `/api/subjects/${PERSON}`), 400);
    expect(subjectRefused).toMatchObject({ kind: 'SUBJECT_RECORD', subjectCode: PERSON, purpose: null, status: 400, outcome: 'REFUSED' });
    // A purpose of "other" must say what it is.
    const bare = await caseworker.request('GET', `/api/cases/${person.id}`, undefined, { 'x-access-purpose': 'OTHER' });
    expect(bare.status).toBe(400);
    expect(bare.body.errors[0]).toMatchObject({ field: 'X-Access-Purpose', code: 'purpose.noteRequired' });

    const note = '核对工资支付执行线索';
    const read = await oneEntry(() =>
      caseworker.request('GET', `/api/cases/${person.id}`, undefined, { 'x-access-purpose': `OTHER:${encodeURIComponent(note)}` }),
    );
    expect(read).toMatchObject({
      ...caseworkerWho,
      kind: 'CASE',
      caseNumber: person.caseNumber,
      subjectCode: PERSON,
      subjectType: 'PERSON',
      purpose: 'OTHER',
      purposeNote: note,
      outcome: 'ALLOWED',
    });
    const record = await oneEntry(() =>
      caseworker.request('GET', `/api/subjects/${PERSON}`, undefined, { 'x-access-purpose': 'CREDIT_REVIEW' }),
    );
    expect(record).toMatchObject({
      kind: 'SUBJECT_RECORD',
      subjectCode: PERSON,
      subjectType: 'PERSON',
      purpose: 'CREDIT_REVIEW',
      outcome: 'ALLOWED',
    });
    // An organisation's record asks none; the party reads its own without one.
    expect((await caseworker.request('GET', `/api/subjects/${COMPANY}`)).status).toBe(200);
  });

  it('lets the auditor search and export the log, and read nothing of the cases', async () => {
    type Row = {
      caseNumber: string | null;
      actorName: string | null;
      kind: string;
      purpose: string | null;
      purposeNote: string | null;
      outcome: string;
    };
    const search = async (query: string) => {
      const res = await auditor.request('GET', `/api/access-log?${query}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body as { total: number; rows: Row[] };
    };
    const refusedReads = await search(
      `who=${encodeURIComponent('张经办')}&q=${encodeURIComponent(person.caseNumber)}&kind=CASE&outcome=REFUSED`,
    );
    expect(refusedReads.rows.map((r) => [r.caseNumber, r.outcome, r.purpose])).toEqual([
      [person.caseNumber, 'REFUSED', null],
      [person.caseNumber, 'REFUSED', null],
    ]);
    expect((await search(`purpose=OTHER&role=CASEWORKER`)).rows.map((r) => r.purposeNote)).toEqual(['核对工资支付执行线索']);
    const refusals = await search(`outcome=REFUSED&department=${encodeURIComponent('信用办')}&pageSize=100`);
    expect(refusals.rows.every((r) => r.outcome === 'REFUSED')).toBe(true);
    expect(refusals.rows.map((r) => r.kind)).toEqual(expect.arrayContaining(['CASE', 'SUBJECT_RECORD']));
    const byCode = await search(`q=${PERSON}&kind=SUBJECT_RECORD`);
    expect(byCode.total).toBeGreaterThanOrEqual(2);
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const paged = await search(`from=${today}&to=${today}&pageSize=2&page=2&order=asc`);
    expect(paged.rows).toHaveLength(2);
    expect((await auditor.request('GET', '/api/access-log?outcome=MAYBE')).body.errors[0].field).toBe('outcome');

    const file = await auditor.download(`/api/access-log/export.xlsx?purpose=OTHER`);
    expect(file.status).toBe(200);
    expect(file.type).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.bytes.buffer as ArrayBuffer);
    const rows: unknown[][] = [];
    book.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows[0]).toEqual(expect.arrayContaining(['查询人', '所在部门', '查询内容', '查询事由', '事由说明', '来源地址', '结果']));
    expect(rows).toHaveLength(2);
    expect(rows[1]).toEqual(
      expect.arrayContaining([
        '张经办',
        'caseworker',
        '经办人',
        '案件详情',
        person.caseNumber,
        '其他',
        '核对工资支付执行线索',
        '127.0.0.1',
        '已查询',
      ]),
    );

    // The auditor's own searches are in the log too.
    const own = await stack.db.accessLog.findFirstOrThrow({ where: { username: 'auditor', kind: 'ACCESS_LOG_EXPORT' } });
    expect(own).toMatchObject({ role: 'AUDITOR', outcome: 'ALLOWED', query: { purpose: 'OTHER' } });

    // No case contents: the case page, the list, a document, the subject record, the workbench are refused (and recorded).
    for (const path of [
      `/api/cases/${company.id}`,
      '/api/cases',
      `/api/subjects/${COMPANY}`,
      '/api/workbench',
      '/api/deadlines',
      '/api/dashboard',
    ]) {
      expect((await auditor.request('GET', path)).status, path).toBe(403);
    }
    expect(await stack.db.accessLog.count({ where: { username: 'auditor', kind: 'CASE', status: 403, outcome: 'REFUSED' } })).toBe(1);
    // The audit trail, of every department, read-only.
    const trail = await auditor.request('GET', '/api/audit?pageSize=100');
    expect(trail.status).toBe(200);
    expect(new Set((trail.body.rows as { department: string }[]).map((r) => r.department)).size).toBeGreaterThan(1);
    expect((await auditor.request('POST', `/api/cases/${company.id}/statements`, {})).status).toBe(403);
    // The others may not read the log.
    for (const who of ['caseworker', 'supervisor', 'admin']) {
      const s = new Session(stack.baseUrl);
      await s.login(who);
      expect((await s.request('GET', '/api/access-log')).status, who).toBe(403);
    }
  });
});

/** `npm run audit:verify` against the stack's database, as an operator runs it. */
async function verifyCommand(): Promise<{ code: number; out: string }> {
  return promisify(execFile)('npm', ['run', '--silent', 'audit:verify'], { env: { ...process.env, DATABASE_URL: stack.databaseUrl } }).then(
    ({ stdout }) => ({ code: 0, out: stdout }),
    (err: { code: number; stdout: string; stderr: string }) => ({ code: err.code, out: err.stdout + err.stderr }),
  );
}

describe('the access log’s chain', () => {
  it('chains every entry to the one before it, refuses to change, remove or empty one, and names one altered', async () => {
    await stack.accessLogWritten();
    const log = await stack.db.accessLog.findMany({ orderBy: { position: 'asc' } });
    expect(log.length).toBeGreaterThan(20);
    expect(log.map((e) => e.position)).toEqual(log.map((_e, i) => i + 1));
    expect(log[0]!.prevHash).toBeNull();
    for (let i = 1; i < log.length; i++) expect(log[i]!.prevHash).toBe(log[i - 1]!.hash);
    expect(await verifyAccessLog(stack.db)).toEqual([]);
    expect((await verifyCommand()).out).toMatch(/access log: \d+ entries, the chain intact/);

    const entry = await stack.db.accessLog.findFirstOrThrow({ where: { kind: 'CASE', purpose: 'OTHER' } });
    await expect(stack.db.$executeRaw`UPDATE "AccessLog" SET "purposeNote" = 'changed' WHERE "id" = ${entry.id}`).rejects.toThrow(
      /append-only/,
    );
    await expect(stack.db.$executeRaw`DELETE FROM "AccessLog" WHERE "id" = ${entry.id}`).rejects.toThrow(/append-only/);
    await expect(stack.db.$executeRawUnsafe('TRUNCATE "AccessLog"')).rejects.toThrow(/append-only/);
    expect(await stack.db.accessLog.findUniqueOrThrow({ where: { id: entry.id } })).toEqual(entry);

    // Only a superuser can switch the triggers off for a session; the hash then gives it away.
    await stack.db.$transaction([
      stack.db.$executeRaw`SET LOCAL session_replication_role = replica`,
      stack.db.$executeRaw`UPDATE "AccessLog" SET "purpose" = 'CASE_HANDLING' WHERE "id" = ${entry.id}`,
    ]);
    expect(await verifyAccessLog(stack.db)).toEqual([
      expect.objectContaining({ position: entry.position, entryId: entry.id, problem: 'ALTERED' }),
    ]);
    const failed = await verifyCommand();
    expect(failed.code).toBe(1);
    expect(failed.out).toContain(`access log: 1 of`);
    expect(failed.out).toContain(`entry ${entry.position} (CASE, ${entry.at.toISOString()}, id ${entry.id}): altered`);
    // The audit trail itself is still intact, and says so.
    expect(failed.out).toMatch(/audit: \d+ entries, the chain intact/);
  });
});
