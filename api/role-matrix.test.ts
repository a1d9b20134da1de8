// Who may see what (issue 13 §4): every route the API answers, as every role, against one listed
// case — read by those it belongs to (its department's staff, its party, a unit it was pushed to),
// and by those it does not (another department's staff, another party, another unit, the
// administrator, the auditor, anyone). Each answer is checked against the table below: whether it
// is answered at all, and whether it names the case (its number, its subject's code or name, a
// responsible person's ID number). A route the table does not list fails the test, so a new route
// says who may see what it answers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { designationForm } from '../tests/support/fixtures';
import { Session, fileListed, startStack, type Stack } from '../tests/support/stack';
import { tableDigests } from '../tests/support/database';
import { sheetRows } from '../tests/support/xlsx';
import { PDF } from '../tests/support/files';
import { createUser } from '../scripts/create-user';
import { mountedEndpoints } from './endpoints';
import { enterpriseRow, importXlsx } from '../tests/support/import';
import type { Role } from '../domain/vocabulary';

const OWNERS = ['caseworker', 'supervisor', 'unit', 'party'] as const;
const OTHERS = ['admin', 'auditor', 'anonymous'] as const;
const OUTSIDERS = ['other-caseworker', 'other-supervisor', 'other-unit', 'other-party'] as const;
type Reader = (typeof OWNERS)[number] | (typeof OTHERS)[number] | (typeof OUTSIDERS)[number];
const ROLE: Record<Reader, Role | null> = {
  caseworker: 'CASEWORKER',
  supervisor: 'SUPERVISOR',
  unit: 'COOPERATING_UNIT',
  party: 'PARTY',
  admin: 'ADMINISTRATOR',
  auditor: 'AUDITOR',
  anonymous: null,
  'other-caseworker': 'CASEWORKER',
  'other-supervisor': 'SUPERVISOR',
  'other-unit': 'COOPERATING_UNIT',
  'other-party': 'PARTY',
};
const EVERYONE: readonly Reader[] = [...OWNERS, ...OTHERS, ...OUTSIDERS];
const SIGNED_IN = EVERYONE.filter((r) => r !== 'anonymous');
const STAFF = ['caseworker', 'supervisor'] as const;

/**
 * Each GET route: the request made (placeholders filled from the case), who is answered (200), and
 * who reads the case in the answer. A binary answer (a PDF, a file) is the case's own when answered.
 */
const TABLE: Record<string, { probe: string; answered: readonly Reader[]; names: readonly Reader[] }> = {
  '/health': { probe: '/health', answered: EVERYONE, names: [] },
  '/config': { probe: '/config', answered: EVERYONE, names: [] },
  '/openapi.json': { probe: '/openapi.json', answered: EVERYONE, names: [] },
  // What is published is published: anyone finds the listing by the organisation's exact name.
  '/public/listings': { probe: '/public/listings?q={name}', answered: EVERYONE, names: EVERYONE },
  '/public/listings/export.xlsx': { probe: '/public/listings/export.xlsx?q={name}', answered: EVERYONE, names: EVERYONE },
  // The party's own identity is its subject's code.
  '/session': { probe: '/session', answered: SIGNED_IN, names: ['party'] },
  '/reference': { probe: '/reference', answered: SIGNED_IN, names: [] },
  '/cases': { probe: '/cases?q={caseNumber}', answered: [...OWNERS, ...OUTSIDERS], names: OWNERS },
  '/cases/export.xlsx': { probe: '/cases/export.xlsx?q={caseNumber}', answered: [...OWNERS, ...OUTSIDERS], names: OWNERS },
  '/cases/:id': { probe: '/cases/{id}', answered: OWNERS, names: OWNERS },
  '/cases/:id/documents/:documentId': { probe: '/cases/{id}/documents/{decision}', answered: OWNERS, names: OWNERS },
  // Listed already: there is nothing awaiting approval to preview (409 for the department's staff).
  '/cases/:id/preview/:kind': { probe: '/cases/{id}/preview/LISTING_DECISION', answered: [], names: [] },
  '/cases/:id/attachments/:attachmentId': { probe: '/cases/{id}/attachments/{scan}', answered: OWNERS, names: OWNERS },
  '/cases/:id/execution': { probe: '/cases/{id}/execution', answered: STAFF, names: STAFF },
  '/cases/:id/my-measures': { probe: '/cases/{id}/my-measures', answered: ['party'], names: ['party'] },
  // A subject's credit record is shared among the government's departments (信用信息共享), read with
  // a purpose and logged; a party reads its own.
  '/subjects/:code': {
    probe: '/subjects/{code}',
    answered: [...STAFF, 'other-caseworker', 'other-supervisor', 'party'],
    names: [...STAFF, 'other-caseworker', 'other-supervisor', 'party'],
  },
  '/deadlines': { probe: '/deadlines?q={caseNumber}', answered: [...STAFF, 'other-caseworker', 'other-supervisor'], names: STAFF },
  '/deadlines/export.xlsx': {
    probe: '/deadlines/export.xlsx?q={caseNumber}',
    answered: [...STAFF, 'other-caseworker', 'other-supervisor'],
    names: STAFF,
  },
  '/deadlines/stuck': { probe: '/deadlines/stuck', answered: [...STAFF, 'other-caseworker', 'other-supervisor', 'admin'], names: [] },
  '/deadlines/interviews': { probe: '/deadlines/interviews', answered: [...STAFF, 'other-caseworker', 'other-supervisor'], names: [] },
  '/deadlines/units': { probe: '/deadlines/units', answered: [...STAFF, 'other-caseworker', 'other-supervisor'], names: STAFF },
  '/workbench': { probe: '/workbench', answered: SIGNED_IN.filter((r) => r !== 'auditor'), names: STAFF },
  '/dashboard': { probe: '/dashboard', answered: [...STAFF, 'other-caseworker', 'other-supervisor', 'admin'], names: [] },
  '/dashboard/export.xlsx': {
    probe: '/dashboard/export.xlsx',
    answered: [...STAFF, 'other-caseworker', 'other-supervisor', 'admin'],
    names: [],
  },
  '/dashboard/report.pdf': {
    probe: '/dashboard/report.pdf?month={month}',
    answered: [...STAFF, 'other-caseworker', 'other-supervisor', 'admin'],
    names: [],
  },
  '/calendar': { probe: '/calendar', answered: [...STAFF, 'other-caseworker', 'other-supervisor', 'admin'], names: [] },
  '/calendar/:year': { probe: '/calendar/2026', answered: [...STAFF, 'other-caseworker', 'other-supervisor', 'admin'], names: [] },
  '/policies': { probe: '/policies', answered: [...STAFF, 'other-caseworker', 'other-supervisor', 'admin'], names: [] },
  '/pushes': { probe: '/pushes?q={caseNumber}', answered: ['unit', 'other-unit'], names: ['unit'] },
  '/pushes/export.xlsx': { probe: '/pushes/export.xlsx?q={caseNumber}', answered: ['unit', 'other-unit'], names: ['unit'] },
  // The audit trail: the department's supervisor and the auditor (the administrator reads no case).
  '/audit': {
    probe: '/audit?q={caseNumber}',
    answered: ['supervisor', 'other-supervisor', 'auditor'],
    names: ['supervisor', 'auditor'],
  },
  '/audit/export.xlsx': {
    probe: '/audit/export.xlsx?q={caseNumber}',
    answered: ['supervisor', 'other-supervisor', 'auditor'],
    names: ['supervisor', 'auditor'],
  },
  '/access-log': { probe: '/access-log?q={caseNumber}', answered: ['auditor'], names: ['auditor'] },
  '/access-log/export.xlsx': { probe: '/access-log/export.xlsx?q={caseNumber}', answered: ['auditor'], names: ['auditor'] },
  '/units': { probe: '/units', answered: ['admin'], names: [] },
  '/units/:id/webhook/deliveries': { probe: '/units/{samr}/webhook/deliveries', answered: ['admin', 'unit'], names: [] },
  '/session/second-factor': { probe: '/session/second-factor', answered: SIGNED_IN, names: [] },
  // Accounts and the catalogue: the administrator's. A party's account is its subject's code.
  '/admin/users': { probe: '/admin/users', answered: ['admin'], names: ['admin'] },
  '/admin/departments': { probe: '/admin/departments', answered: ['admin'], names: [] },
  '/admin/measures': { probe: '/admin/measures', answered: ['admin'], names: [] },
  '/admin/list-types': { probe: '/admin/list-types', answered: ['admin'], names: [] },
  '/admin/changes': { probe: '/admin/changes', answered: ['admin', 'auditor'], names: [] },
  // Bulk import: the template for the office's staff; a batch to its own department's staff only.
  '/imports/template.xlsx': { probe: '/imports/template.xlsx', answered: [...STAFF, 'other-caseworker', 'other-supervisor'], names: [] },
  '/imports/template.csv': { probe: '/imports/template.csv', answered: [...STAFF, 'other-caseworker', 'other-supervisor'], names: [] },
  '/imports': { probe: '/imports', answered: [...STAFF, 'other-caseworker', 'other-supervisor'], names: [] },
  '/imports/:id': { probe: '/imports/{batch}', answered: STAFF, names: [] },
  // A unit's system by its key only: no session is answered.
  '/unit-api/v1/subjects/:code': { probe: '/unit-api/v1/subjects/{code}', answered: [], names: [] },
};

let stack: Stack;
const sessions = {} as Record<Reader, Session>;
let fill: (probe: string) => string;
let identifiers: string[];

beforeAll(async () => {
  stack = await startStack('role-matrix');
  const caseworker = new Session(stack.baseUrl);
  await caseworker.login('caseworker');
  const scan = (await caseworker.upload(PDF, '处罚决定书.pdf')).body.id as string;
  const form = designationForm({ basis: { ...designationForm().basis, attachments: [scan] } });
  const listed = await fileListed(stack.baseUrl, form);
  // The party objects: an open deadline on the department's watch, and the party's own matter.
  const party = new Session(stack.baseUrl);
  await party.login('party');
  expect((await party.step(listed.id, 'objections', { grounds: '工资已于处罚前全部结清，请予核实。' })).status).toBe(200);

  // Those the case is not theirs: another department's staff, another party, a unit it was not pushed to.
  const pushedTo = new Set((await stack.db.push.findMany({ where: { caseId: listed.id } })).map((p) => p.departmentId));
  const elsewhere = (await stack.db.department.findMany({ where: { code: { not: 'CREDIT' } } })).find((d) => !pushedTo.has(d.id))!;
  expect(elsewhere).toBeDefined();
  const password = 'Other-Reader-2026!';
  await createUser(stack.db, { username: 'other-caseworker', role: 'CASEWORKER', password, departmentCode: 'TAXBUREAU' });
  await createUser(stack.db, { username: 'other-supervisor', role: 'SUPERVISOR', password, departmentCode: 'TAXBUREAU' });
  await createUser(stack.db, { username: 'other-unit', role: 'COOPERATING_UNIT', password, departmentCode: elsewhere.code });
  const otherParty = await createUser(stack.db, { username: 'other-party', role: 'PARTY', password });
  await stack.db.user.update({ where: { id: otherParty.id }, data: { subjectCode: '91440300MA5G0000X1' } });

  for (const reader of EVERYONE) {
    sessions[reader] = new Session(stack.baseUrl);
    if (reader !== 'anonymous') await sessions[reader].login(reader, reader.startsWith('other-') ? password : undefined);
  }
  // An import batch of the department (another subject: its rows name no one of the case).
  const imported = await caseworker.upload(await importXlsx([enterpriseRow(9001)]), 'list.xlsx', 'file', '/api/imports');
  expect(imported.status).toBe(201);
  const decision = await stack.db.document.findFirstOrThrow({ where: { caseId: listed.id, kind: 'LISTING_DECISION' } });
  const samr = await stack.db.department.findUniqueOrThrow({ where: { code: 'SAMR' } });
  const month = new Date().toISOString().slice(0, 7);
  const values: Record<string, string> = {
    id: listed.id,
    caseNumber: listed.caseNumber,
    name: form.subjectName,
    code: form.subjectCode,
    decision: decision.id,
    scan,
    samr: samr.id,
    month,
    batch: imported.body.id as string,
  };
  fill = (probe) => probe.replace(/\{(\w+)\}/g, (_m, k: string) => encodeURIComponent(values[k]!));
  identifiers = [listed.caseNumber, form.subjectCode, form.subjectName, form.responsiblePersons[0]!.idNumber];
}, 240_000);
afterAll(async () => {
  await stack?.stop();
});

/**
 * The answer's status, and whether it names the case. A binary answer (a PDF, a file) is the case's
 * own when the request names the case, and names none otherwise (the monthly report's figures).
 */
async function read(reader: Reader, probe: string): Promise<{ status: number; names: boolean }> {
  const res = await sessions[reader].download(`/api${fill(probe)}`);
  if (res.status !== 200) return { status: res.status, names: false };
  let text: string;
  if (res.type.includes('spreadsheetml')) text = JSON.stringify(await sheetRows(res.bytes));
  else if (res.type.includes('json')) text = new TextDecoder().decode(res.bytes);
  else return { status: 200, names: probe.includes('{id}') };
  return { status: 200, names: identifiers.some((i) => text.includes(i)) };
}

describe('who may see what', () => {
  it('lists every reading route in the table', () => {
    const reading = mountedEndpoints()
      .filter((e) => e.method === 'get' && !e.path.startsWith('/docs'))
      .map((e) => e.path);
    expect(reading.filter((p) => !(p in TABLE))).toEqual([]);
    expect(Object.keys(TABLE).filter((p) => !reading.includes(p))).toEqual([]);
  });

  it('answers each reading route to whom the table says, and names the case to whom it says only', async () => {
    const seen: Record<string, { answered: Reader[]; names: Reader[] }> = {};
    const failed: string[] = [];
    for (const [path, row] of Object.entries(TABLE)) {
      seen[path] = { answered: [], names: [] };
      for (const reader of EVERYONE) {
        const r = await read(reader, row.probe);
        if (r.status >= 500) failed.push(`${reader} ${path}: ${r.status}`);
        if (r.status === 200) seen[path].answered.push(reader);
        if (r.names) seen[path].names.push(reader);
      }
    }
    expect(failed).toEqual([]);
    // In the order of EVERYONE, as the answers were collected.
    const inOrder = (rs: readonly Reader[]) => EVERYONE.filter((r) => rs.includes(r));
    expect(seen).toEqual(
      Object.fromEntries(Object.entries(TABLE).map(([p, r]) => [p, { answered: inOrder(r.answered), names: inOrder(r.names) }])),
    );
  }, 300_000);

  it('refuses every other route to a role it does not name, and changes nothing for those the case is not theirs', async () => {
    const before = await tableDigests(stack.db);
    const wrong: string[] = [];
    for (const e of mountedEndpoints().filter((e) => e.method !== 'get' && !(e.method === 'delete' && e.path === '/session'))) {
      const path = fill(
        e.path
          .replace(':id/api-keys', '{samr}/api-keys')
          .replace(':id/webhook', '{samr}/webhook')
          .replace(':id', '{id}')
          .replace(':year', '2026')
          .replace(/:\w+/g, 'x'),
      );
      for (const reader of [...OUTSIDERS, ...OTHERS]) {
        const role = ROLE[reader];
        const res = await sessions[reader].raw(e.method.toUpperCase(), `/api${path}`, {});
        const allowed =
          e.roles === 'public' ||
          (e.roles === 'session' ? role !== null : Array.isArray(e.roles) && role !== null && e.roles.includes(role));
        // Refused by role: 401 for no one signed in (and for any session on a unit's key's route), 403
        // for a role the route does not name.
        const expected = e.roles === 'unitKey' || (!allowed && role === null) ? 401 : allowed ? null : 403;
        if (expected !== null && res.status !== expected) wrong.push(`${reader} ${e.method} ${e.path}: ${res.status}, not ${expected}`);
        // Nothing is done on a case by those it is not theirs: a role the step names, on a case not
        // its own, is told there is no such case before its form is even read.
        if (e.path.startsWith('/cases/:id') && allowed && res.status !== 404)
          wrong.push(`${reader} ${e.method} ${e.path}: ${res.status}, not 404`);
      }
    }
    expect(wrong).toEqual([]);
    expect(await tableDigests(stack.db)).toEqual(before);
  }, 300_000);

  it('gives a unit the listing facts and its own measures; the party its case without the units; the administrator none', async () => {
    const path = `/api${fill('/cases/{id}')}`;
    const byUnit = (await sessions.unit.request('GET', path)).body;
    const samr = await stack.db.department.findUniqueOrThrow({ where: { code: 'SAMR' } });
    expect(byUnit).toMatchObject({
      caseNumber: expect.any(String),
      subjectCode: expect.any(String),
      statements: [],
      repairApplications: [],
    });
    expect(byUnit.objections).toEqual([]);
    expect(byUnit.form).toBeNull();
    expect(byUnit.measures.length).toBeGreaterThan(0);
    expect(
      new Set(byUnit.measures.map((m: { measure: { implementingDepartment: { name: string } } }) => m.measure.implementingDepartment.name)),
    ).toEqual(new Set([samr.name]));
    expect(new Set(byUnit.pushes.map((p: { department: { name: string } }) => p.department.name))).toEqual(new Set([samr.name]));
    expect(byUnit.documents.map((d: { kind: string }) => d.kind)).toEqual(['LISTING_DECISION']);
    // Nor the party's documents by their address: the prior notice is the party's, not the unit's.
    const notice = await stack.db.document.findFirstOrThrow({ where: { caseId: byUnit.id, kind: 'PRIOR_NOTICE' } });
    expect((await sessions.unit.download(`/api/cases/${byUnit.id}/documents/${notice.id}`)).status).toBe(404);
    expect((await sessions.party.download(`/api/cases/${byUnit.id}/documents/${notice.id}`)).status).toBe(200);
    // A unit is told of the steps it may take itself, not of the party's matters or the office's deadlines on them.
    const byStaff = (await sessions.caseworker.request('GET', path)).body;
    expect(byStaff.openSteps.map((s: { step: string }) => s.step)).toContain('decideObjectionAcceptance');
    expect(byUnit.openSteps.map((s: { step: string }) => s.step)).not.toContain('decideObjectionAcceptance');
    expect(byUnit.documents[0].services).toEqual([]);
    // The party reads its own objection and statements, not the units' table or the draft form.
    const byParty = (await sessions.party.request('GET', path)).body;
    expect(byParty.objections).toHaveLength(1);
    expect(byParty.statements.length).toBeGreaterThan(0);
    expect(byParty.pushes).toEqual([]);
    expect(byParty.form).toBeNull();
    // The department reads it whole.
    const byCaseworker = (await sessions.caseworker.request('GET', path)).body;
    expect(byCaseworker.measures.length).toBeGreaterThan(byUnit.measures.length);
    expect(byCaseworker.form).not.toBeNull();
    expect((await sessions.admin.request('GET', path)).status).toBe(403);
  });
});
