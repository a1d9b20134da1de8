// Every list on the real stack, as the case list is: the deadline watch, the units' inbox, the public
// lookup and the audit trail are searched and paged on the server with their totals (nothing cut off
// unsaid), sorted, exported whole to .xlsx with Chinese headers, and a bad search field is refused
// by name. The audit trail shows a supervisor only the department's own cases.
import { randomUUID } from 'node:crypto';
import { sheetRows } from '../tests/support/xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session, fileListed, startStack, type Stack } from '../tests/support/stack';
import { designationForm, personDesignationForm } from '../tests/support/fixtures';

let stack: Stack;
let caseworker: Session;
let supervisor: Session;
let unit: Session;
let first: { id: string; caseNumber: string };
let second: { id: string; caseNumber: string };
let person: { id: string; caseNumber: string };
let taxCase: string;
beforeAll(async () => {
  stack = await startStack('lists');
  [caseworker, supervisor, unit] = [new Session(stack.baseUrl), new Session(stack.baseUrl), new Session(stack.baseUrl)];
  await Promise.all([caseworker.login('caseworker'), supervisor.login('supervisor'), unit.login('unit')]);
  first = await fileListed(stack.baseUrl, designationForm());
  second = await fileListed(stack.baseUrl, designationForm({ subjectName: '某某贸易有限公司', subjectCode: '9144030071526726XG' }));
  person = await fileListed(stack.baseUrl, personDesignationForm());
  // Another department's case: its audit trail is not the credit office's.
  const tax = new Session(stack.baseUrl);
  await tax.login('tax-caseworker');
  const filed = await tax.request(
    'POST',
    '/api/cases',
    designationForm({ subjectName: '某某税务代理有限公司', subjectCode: '914403001922038216' }),
  );
  expect(filed.status).toBe(201);
  taxCase = filed.body.caseNumber;
}, 180_000);
afterAll(async () => {
  await stack?.stop();
});

type Page<Row> = { total: number; page: number; pageSize: number; rows: Row[] };
type PublicRow = { caseNumber: string; subjectName: string; subjectCode: string; reasons: string | null; notice: string | null };
const get = async <Row>(s: Session, path: string) => {
  const res = await s.request('GET', path);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as Page<Row>;
};
/** An export's sheet as rows of cell values, the header first. */
async function sheetOf(s: Session, path: string): Promise<unknown[][]> {
  const file = await s.download(path);
  expect(file.status).toBe(200);
  expect(file.type).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  return (await sheetRows(file.bytes))[0]!;
}
const refusedField = async (s: Session, path: string) => {
  const res = await s.request('GET', path);
  expect(res.status).toBe(400);
  expect(res.type).toContain('application/problem+json');
  return (res.body as { errors: { field: string }[] }).errors[0]!.field;
};

describe('the deadline watch', () => {
  type Row = { kind: string; overdue: boolean; dueDate: string; case: { caseNumber: string; subjectName: string; listTypeName: string } };
  beforeAll(async () => {
    // Running deadlines on the two listed cases: two in time, one the office let pass.
    const at = (days: number) => new Date(Date.now() + days * 86_400_000);
    const day = (days: number) => new Date(`${at(days).toISOString().slice(0, 10)}T00:00:00Z`);
    const open = (caseId: string, key: string, kind: string, days: number) =>
      stack.db.caseDeadline.create({
        data: { caseId, key, kind, startedAt: at(-5), workingDays: 5, dueDate: day(days), dueAt: at(days), provisional: false },
      });
    await open(first.id, 'test-a', 'OBJECTION_ACCEPTANCE', 3);
    await open(first.id, 'test-b', 'REPAIR_DECISION', 20);
    await open(second.id, 'test-c', 'OBJECTION_VERIFICATION', -2);
  });

  it('searches, pages with the total and sorts by the day due', async () => {
    const all = await get<Row>(supervisor, '/api/deadlines?pageSize=100');
    const n = all.total;
    expect(n).toBeGreaterThanOrEqual(3);
    expect(all.rows).toHaveLength(n);
    // Nearest first: the overdue one leads.
    expect(all.rows[0]).toMatchObject({ kind: 'OBJECTION_VERIFICATION', overdue: true, case: { caseNumber: second.caseNumber } });
    const one = await get<Row>(supervisor, '/api/deadlines?pageSize=1&page=2');
    expect(one).toMatchObject({ total: n, page: 2, pageSize: 1 });
    expect(one.rows).toEqual([all.rows[1]]);
    expect((await get<Row>(supervisor, '/api/deadlines?order=desc&pageSize=100')).rows[0]).toEqual(all.rows[n - 1]);

    const byName = await get<Row>(supervisor, `/api/deadlines?q=${encodeURIComponent('某某贸易')}`);
    expect(byName.rows.map((r) => r.kind)).toEqual(['OBJECTION_VERIFICATION']);
    const byNumber = await get<Row>(supervisor, `/api/deadlines?q=${encodeURIComponent(first.caseNumber)}`);
    expect(byNumber.rows.map((r) => r.kind)).toEqual(['OBJECTION_ACCEPTANCE', 'REPAIR_DECISION']);
    expect((await get<Row>(supervisor, '/api/deadlines?kind=REPAIR_DECISION,OBJECTION_ACCEPTANCE')).total).toBe(2);
    expect((await get<Row>(supervisor, '/api/deadlines?overdue=true')).rows.map((r) => r.case.caseNumber)).toEqual([second.caseNumber]);
    expect((await get<Row>(supervisor, '/api/deadlines?listType=WAGES')).rows.every((r) => r.case.listTypeName.includes('工资'))).toBe(
      true,
    );
    const soon = all.rows.find((r) => r.kind === 'OBJECTION_ACCEPTANCE')!.dueDate;
    expect((await get<Row>(supervisor, `/api/deadlines?from=${soon}&to=${soon}`)).rows.map((r) => r.kind)).toContain(
      'OBJECTION_ACCEPTANCE',
    );
    // Another department's staff see none of them.
    const tax = new Session(stack.baseUrl);
    await tax.login('tax-caseworker');
    expect((await get<Row>(tax, '/api/deadlines?kind=REPAIR_DECISION,OBJECTION_ACCEPTANCE,OBJECTION_VERIFICATION')).total).toBe(0);
  });

  it('exports every deadline found, with Chinese headers', async () => {
    const rows = await sheetOf(caseworker, `/api/deadlines/export.xlsx?q=${encodeURIComponent(first.caseNumber)}`);
    expect(rows[0]).toEqual([
      '案号',
      '主体名称',
      '统一社会信用代码 / 公民身份号码',
      '名单类型',
      '状态',
      '当前期限',
      '截止日期',
      '期限情况',
    ]);
    expect(rows.slice(1).map((r) => [r[0], r[1], r[5]])).toEqual([
      [first.caseNumber, '某某建设工程有限公司', '异议受理期限'],
      [first.caseNumber, '某某建设工程有限公司', '修复决定期限'],
    ]);
    expect(String(rows[1]![7])).toMatch(/剩余 \d+ 个工作日/);
    const overdue = await sheetOf(caseworker, '/api/deadlines/export.xlsx?overdue=true');
    expect(overdue.slice(1).map((r) => r[7])).toEqual(['已超期']);
  });

  it('refuses a bad search field by name', async () => {
    expect(await refusedField(supervisor, '/api/deadlines?kind=SOMETHING')).toMatch(/^kind/);
    expect(await refusedField(supervisor, '/api/deadlines?overdue=perhaps')).toBe('overdue');
    expect(await refusedField(supervisor, '/api/deadlines?pageSize=1000')).toBe('pageSize');
    expect(await refusedField(supervisor, '/api/deadlines/export.xlsx?from=yesterday')).toBe('from');
  });

  it("pages the units' deadlines with their total (no cap)", async () => {
    const all = await get<{ pushId: string; dueAt: string }>(caseworker, '/api/deadlines/units?pageSize=100');
    expect(all.total).toBeGreaterThanOrEqual(2);
    expect(all.rows).toHaveLength(all.total);
    expect(all.rows.map((r) => r.dueAt)).toEqual([...all.rows.map((r) => r.dueAt)].sort());
    const page2 = await get<{ pushId: string }>(caseworker, '/api/deadlines/units?pageSize=1&page=2');
    expect(page2).toMatchObject({ total: all.total, rows: [all.rows[1]] });
  });
});

describe("the units' inbox", () => {
  type Row = { id: string; status: string; feedbackOverdue: boolean; case: { caseNumber: string; subjectName: string } };
  it('searches, pages with the total and sorts', async () => {
    const all = await get<Row>(unit, '/api/pushes');
    expect(all.total).toBe(2); // the two organisations' listings (the person's measures are none of this unit's)
    expect(all.rows.map((r) => r.case.caseNumber)).toEqual([second.caseNumber, first.caseNumber]); // newest first
    const page2 = await get<Row>(unit, '/api/pushes?pageSize=1&page=2');
    expect(page2).toMatchObject({ total: 2, page: 2 });
    expect(page2.rows.map((r) => r.case.caseNumber)).toEqual([first.caseNumber]);
    expect((await get<Row>(unit, '/api/pushes?sort=caseNumber&order=asc')).rows.map((r) => r.case.caseNumber)).toEqual(
      [first.caseNumber, second.caseNumber].sort(),
    );

    expect((await get<Row>(unit, `/api/pushes?q=${encodeURIComponent('贸易')}`)).rows.map((r) => r.case.caseNumber)).toEqual([
      second.caseNumber,
    ]);
    expect((await get<Row>(unit, '/api/pushes?q=91350100m000100y43')).rows.map((r) => r.case.caseNumber)).toEqual([first.caseNumber]);
    expect((await get<Row>(unit, '/api/pushes?listType=SAFETY')).total).toBe(0);

    const [pending] = all.rows;
    expect((await unit.request('POST', `/api/pushes/${pending!.id}/acknowledge`)).status).toBe(200);
    expect((await get<Row>(unit, '/api/pushes?acknowledged=true')).rows.map((r) => r.id)).toEqual([pending!.id]);
    expect((await get<Row>(unit, '/api/pushes?acknowledged=false')).rows.map((r) => r.case.caseNumber)).toEqual([first.caseNumber]);

    const late = all.rows[1]!;
    await stack.db.push.update({ where: { id: late.id }, data: { feedbackBy: new Date(Date.now() - 60_000) } });
    const overdue = await get<Row>(unit, '/api/pushes?feedbackOverdue=true');
    expect(overdue.rows.map((r) => [r.id, r.feedbackOverdue])).toEqual([[late.id, true]]);
    expect((await get<Row>(unit, '/api/pushes?feedbackOverdue=false')).rows.map((r) => r.id)).toEqual([pending!.id]);

    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    expect((await get<Row>(unit, `/api/pushes?from=${today}&to=${today}`)).total).toBe(2);
    expect((await get<Row>(unit, '/api/pushes?to=2020-01-01')).total).toBe(0);
  });

  it('exports every push found, with Chinese headers and Beijing times', async () => {
    const rows = await sheetOf(unit, '/api/pushes/export.xlsx');
    expect(rows[0]).toEqual([
      '案号',
      '推送类型',
      '主体名称',
      '统一社会信用代码 / 公民身份号码',
      '名单类型',
      '失信等级',
      '联合惩戒措施',
      '公示截止日',
      '推送时间（北京时间）',
      '签收情况',
      '签收时间（北京时间）',
      '反馈或解除期限（北京时间）',
      '本单位期限',
    ]);
    expect(rows.slice(1).map((r) => [r[0], r[1], r[2], r[9]])).toEqual([
      [second.caseNumber, '列入', '某某贸易有限公司', '已签收'],
      [first.caseNumber, '列入', '某某建设工程有限公司', '未签收'],
    ]);
    expect(String(rows[1]![8])).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(rows[2]![12]).toContain('反馈已超期');
    const found = await sheetOf(unit, `/api/pushes/export.xlsx?q=${encodeURIComponent('贸易')}`);
    expect(found).toHaveLength(2);
  });

  it('refuses a bad search field by name', async () => {
    expect(await refusedField(unit, '/api/pushes?acknowledged=maybe')).toBe('acknowledged');
    expect(await refusedField(unit, '/api/pushes?sort=subjectName')).toBe('sort');
    expect(await refusedField(unit, '/api/pushes/export.xlsx?page=0')).toBe('page');
  });
});

describe('the public lookup', () => {
  const ID = '11010519491231002X';
  const lookup = (query: string) => get<PublicRow>(new Session(stack.baseUrl), `/api/public/listings?${query}`);
  const personQuery = (name: string, idNumber: string) => `type=PERSON&name=${encodeURIComponent(name)}&idNumber=${idNumber}`;
  let screened: { caseNumber: string };
  beforeAll(async () => {
    // A published listing as the database holds one, beside the procedure's (no workflow, no events,
    // no pushes, so the other lists stay as they were): an organisation whose name has % and _ in
    // it, and whose reasons and notice name a person's ID number and mobile phone.
    const from = await stack.db.case.findUniqueOrThrow({ where: { id: second.id } });
    const subject = { code: '91330100716105852F', name: '某某50%_咨询有限公司' };
    await stack.db.subject.create({ data: { ...subject, type: 'ORGANISATION' } });
    screened = await stack.db.case.create({
      data: {
        ...from,
        form: undefined,
        id: randomUUID(),
        caseNumber: `${from.caseNumber}-副本`,
        workflowId: `copy-${randomUUID()}`,
        activeListingKey: null,
        noticeNumber: null,
        subjectName: subject.name,
        subjectCode: subject.code,
        listedAt: new Date(from.listedAt!.getTime() - 86_400_000), // the last of the three
        reasons: '该公司法定代表人王某某（身份证号11010519491231002X，手机13800138000）组织虚开增值税专用发票，属重大税收违法失信行为。',
        publicNotice: '更正说明：联系人电话 139-1234-5678，身份证号 110105194912310038。',
        publicNoticeUntil: new Date(Date.now() + 30 * 86_400_000),
      },
    });
  });

  it('exports what the search found, the public fields only, masked as the page is', async () => {
    const anyone = new Session(stack.baseUrl);
    const page = await get<PublicRow>(anyone, `/api/public/listings?q=${encodeURIComponent('某某')}`);
    // Organisations only: a person is never found by part of a name.
    expect(page.rows.map((r) => r.subjectName)).toEqual(['某某贸易有限公司', '某某建设工程有限公司', '某某50%_咨询有限公司']);
    const rows = await sheetOf(anyone, `/api/public/listings/export.xlsx?q=${encodeURIComponent('某某')}`);
    expect(rows[0]).toEqual([
      '主体名称',
      '统一社会信用代码 / 公民身份号码',
      '名单类型',
      '名单性质',
      '失信等级',
      '认定事由',
      '更正内容',
      '更正或撤销公告',
      '认定部门',
      '列入时间',
      '公示截止日',
    ]);
    expect(rows.slice(1).map((r) => [r[0], r[1]])).toEqual(page.rows.map((r) => [r.subjectName, r.subjectCode]));
    const persons = await sheetOf(anyone, `/api/public/listings/export.xlsx?${personQuery('张某某', ID)}`);
    expect(persons.slice(1).map((r) => [r[0], r[1], r[5] ?? null])).toEqual([['张**', '110105***********X', null]]);
    expect(JSON.stringify(persons)).not.toContain('19491231');
  });

  it('finds a natural person only by full name and ID number together, never by part of either', async () => {
    const anyone = new Session(stack.baseUrl);
    // Not by surname, part of the name or the ID number alone, as an organisation's query.
    for (const q of ['张某', '张某某', ID, '110105']) expect((await lookup(`q=${encodeURIComponent(q)}`)).total, q).toBe(0);
    // Not by a partial name, nor a wildcard, with the right ID number; not by the right name with another.
    for (const name of ['张某', '张', '张%', '张_某', '%', '某某']) {
      const res = await anyone.request('GET', `/api/public/listings?${personQuery(name, ID)}`);
      expect(res.status === 400 || res.body.total === 0, name).toBe(true);
    }
    expect((await lookup(personQuery('张某某', '110105194912310038'))).total).toBe(0);
    // A partial or mistyped ID number is refused beside its field; both fields are needed.
    const refused = async (query: string) => {
      const res = await anyone.request('GET', `/api/public/listings?${query}`);
      expect(res.status).toBe(400);
      expect(res.type).toContain('application/problem+json');
      expect(res.body.title).toContain('自然人同时输入姓名和公民身份号码');
      return (res.body.errors as { field: string; message: string }[]).map((e) => [e.field, e.message]);
    };
    expect(await refused(personQuery('张某某', '110105'))).toEqual([['idNumber', '公民身份号码应为 18 位']]);
    expect(await refused(personQuery('张某某', '110105194912310021'))).toEqual([['idNumber', '公民身份号码校验码错误，请核对']]);
    expect(await refused(`type=PERSON&name=${encodeURIComponent('张某某')}`)).toEqual([['idNumber', '必填项']]);
    expect(await refused(`type=PERSON&idNumber=${ID}`)).toEqual([['name', '必填项']]);
    expect((await anyone.request('GET', `/api/public/listings/export.xlsx?${personQuery('张某某', '1101051949')}`)).status).toBe(400);

    const found = await lookup(personQuery('张某某', ID.toLowerCase()));
    expect(found.rows).toEqual([
      expect.objectContaining({ caseNumber: person.caseNumber, subjectName: '张**', subjectCode: '110105***********X', reasons: null }),
    ]);
    expect(JSON.stringify(found)).not.toContain('19491231');
  });

  it('finds an organisation by its exact code or by the beginning of its name, % and _ taken literally', async () => {
    expect((await lookup('q=91350100m000100y43')).rows.map((r) => r.caseNumber)).toEqual([first.caseNumber]);
    expect((await lookup('q=91350100M000100Y4')).total).toBe(0); // a code is matched whole
    expect((await lookup(`q=${encodeURIComponent('某某贸易有限公司')}`)).rows.map((r) => r.caseNumber)).toEqual([second.caseNumber]);
    // Taken as wildcards these would find every organisation; taken literally, only the one named so or none.
    expect((await lookup(`q=${encodeURIComponent('贸易有限公司')}`)).total).toBe(0); // a name from its beginning
    for (const q of ['某某50%_', '某某50%_咨询', '某某50%'])
      expect(
        (await lookup(`q=${encodeURIComponent(q)}`)).rows.map((r) => r.caseNumber),
        q,
      ).toEqual([screened.caseNumber]);
    for (const q of ['%%', '__', '某_贸易', '某某%有限', '某%', '\\%'])
      expect((await lookup(`q=${encodeURIComponent(q)}`)).total, q).toBe(0);
  });

  it("masks an ID number and a mobile number written into an organisation's published texts, on the page and in the export", async () => {
    const anyone = new Session(stack.baseUrl);
    const [row] = (await lookup(`q=${encodeURIComponent('91330100716105852F')}`)).rows;
    expect(row!.reasons).toBe(
      '该公司法定代表人王某某（身份证号110105********002X，手机138****8000）组织虚开增值税专用发票，属重大税收违法失信行为。',
    );
    expect(row!.notice).toBe('更正说明：联系人电话 139-****-5678，身份证号 110105********0038。');
    const rows = await sheetOf(anyone, '/api/public/listings/export.xlsx?q=91330100716105852F');
    expect([rows[1]![5], rows[1]![7]]).toEqual([row!.reasons, row!.notice]);
    for (const shown of [JSON.stringify(row), JSON.stringify(rows)]) expect(shown).not.toMatch(/19491231|13800138000|1234-5678/);
  });

  it('bounds the page size and refuses a lookup too short', async () => {
    const anyone = new Session(stack.baseUrl);
    expect((await anyone.request('GET', `/api/public/listings?q=${encodeURIComponent('某某')}&pageSize=51`)).status).toBe(400);
    expect(await refusedField(anyone, '/api/public/listings/export.xlsx?q=a')).toBe('q');
  });
});

describe('the audit trail', () => {
  type Row = { caseNumber: string; action: string; actorName: string; actorRole: string; at: string; department: string };
  it("shows a supervisor the department's events, searched, paged newest first, and not another department's", async () => {
    const all = await get<Row>(supervisor, '/api/audit?pageSize=100');
    expect(all.total).toBe(await stack.db.caseEvent.count({ where: { case: { department: { code: 'CREDIT' } } } }));
    expect(all.total).toBeGreaterThan(20); // more than one page of the default size
    expect(all.rows.map((r) => r.at)).toEqual([...all.rows.map((r) => r.at)].sort().reverse());
    expect(all.rows.map((r) => r.caseNumber)).not.toContain(taxCase);
    const page2 = await get<Row>(supervisor, '/api/audit?pageSize=5&page=2');
    expect(page2).toMatchObject({ total: all.total, page: 2 });
    expect(page2.rows).toEqual(all.rows.slice(5, 10));
    expect((await get<Row>(supervisor, `/api/audit?q=${encodeURIComponent(taxCase)}`)).total).toBe(0);

    const filed = await get<Row>(supervisor, '/api/audit?action=CASE_FILED');
    expect(filed.rows.map((r) => r.caseNumber).sort()).toEqual([first.caseNumber, second.caseNumber, person.caseNumber].sort());
    const mine = await get<Row>(supervisor, `/api/audit?q=${encodeURIComponent(first.caseNumber)}&action=CASE_FILED,LISTED`);
    expect(mine.rows.map((r) => r.action)).toEqual(['LISTED', 'CASE_FILED']);
    const byName = await get<Row>(supervisor, `/api/audit?actor=${encodeURIComponent('李审核')}&pageSize=100`);
    expect(byName.total).toBeGreaterThan(0);
    expect(new Set(byName.rows.map((r) => `${r.actorName} ${r.actorRole}`))).toEqual(new Set(['李审核 SUPERVISOR']));
    const system = await get<Row>(supervisor, `/api/audit?actor=${encodeURIComponent('系统')}&pageSize=100`);
    expect(system.total).toBeGreaterThan(0);
    expect(new Set(system.rows.map((r) => `${r.actorName} ${r.actorRole}`))).toEqual(new Set(['系统自动 SYSTEM']));
    expect((await get<Row>(supervisor, '/api/audit?to=2020-12-31')).total).toBe(0);

    // The auditor sees every department's; the administrator, caseworkers and units have no audit list.
    const auditor = new Session(stack.baseUrl);
    await auditor.login('auditor');
    expect((await get<Row>(auditor, `/api/audit?q=${encodeURIComponent(taxCase)}`)).rows).toEqual([
      expect.objectContaining({ action: 'CASE_FILED', actorName: '赵经办（税务局）', department: '国家税务总局某市税务局' }),
    ]);
    // The administrator runs the system and reads no case's trail.
    const admin = new Session(stack.baseUrl);
    await admin.login('admin');
    expect((await admin.request('GET', '/api/audit')).status).toBe(403);
    expect((await caseworker.request('GET', '/api/audit')).status).toBe(403);
    expect((await unit.request('GET', '/api/audit')).status).toBe(403);
  });

  it('exports every entry found with Chinese headers, actions by their names', async () => {
    const rows = await sheetOf(supervisor, `/api/audit/export.xlsx?q=${encodeURIComponent(first.caseNumber)}&sort=at&order=asc`);
    expect(rows[0]).toEqual(['时间（北京时间）', '案号', '主体名称', '认定部门', '办理事项', '办理人', '身份', '意见或理由']);
    expect(rows[1]!.slice(1, 7)).toEqual([
      first.caseNumber,
      '某某建设工程有限公司',
      '市发展和改革委员会（市信用办）',
      '立案登记',
      '张经办',
      '经办人',
    ]);
    expect(rows).toHaveLength(1 + (await stack.db.caseEvent.count({ where: { caseId: first.id } })));
    expect(rows.some((r) => r[5] === '系统自动' && !r[6])).toBe(true);
    expect(JSON.stringify(rows)).not.toMatch(/CASE_FILED|LISTED|PUSHED/);
    const other = await sheetOf(supervisor, '/api/audit/export.xlsx');
    expect(other.map((r) => r[1])).not.toContain(taxCase);
  });

  it('refuses a bad search field by name', async () => {
    expect(await refusedField(supervisor, '/api/audit?action=CASE_FILED,NOTHING')).toMatch(/^action/);
    expect(await refusedField(supervisor, '/api/audit?sort=actorName')).toBe('sort');
  });
});
