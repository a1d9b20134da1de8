// The administrator's pages over HTTP, on the real API and PostgreSQL (issue 13 point 3): a user
// created with an initial password must change it first; disabling ends their sessions and refuses
// their sign-in; an account locked by wrong passwords is unlocked; departments, measures and list
// types are edited with the change recorded — before, after, who and why — in an append-only,
// hash-chained record; no other role may call any of it; bad input is refused by field and changes
// nothing; and the second factor (TOTP) of supervisors and administrators: enrolled, asked at
// sign-in, a wrong or repeated code refused and counted toward the lock, reset by the administrator.
import * as OTPAuth from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mountedEndpoints } from './endpoints';
import { verifyAdminChanges } from '../scripts/audit-verify';
import { designationForm } from '../tests/support/fixtures';
import { Session, startStack, type Stack } from '../tests/support/stack';

const DEMO = 'Xinyong@2026';
const INITIAL = 'Chushi-Mima-2027a';
const OWN = 'Ziji-De-Mima-2027!';

let stack: Stack;
let admin: Session;
beforeAll(async () => {
  stack = await startStack('api_admin');
  admin = new Session(stack.baseUrl);
  await admin.login('admin');
});
afterAll(async () => {
  await stack?.stop();
});

const changesOf = (entityId: string) => stack.db.adminChange.findMany({ where: { entityId }, orderBy: { position: 'asc' } });
const departmentId = async (code: string) => (await stack.db.department.findUniqueOrThrow({ where: { code } })).id;
const fieldsOf = (body: { errors?: { field: string }[] }) => (body.errors ?? []).map((e) => e.field).sort();

describe('who may administer', () => {
  it('refuses every administrator route to every other role (403), changing nothing; the auditor reads the change record only', async () => {
    const routes = mountedEndpoints().filter((e) => e.path.startsWith('/admin/'));
    expect(routes.length).toBeGreaterThanOrEqual(17);
    const before = await stack.db.adminChange.count();
    for (const who of ['caseworker', 'supervisor', 'unit', 'party', 'auditor']) {
      const s = new Session(stack.baseUrl);
      await s.login(who);
      for (const e of routes) {
        const path = e.path.replace(':id', 'x');
        const res = await s.request(e.method.toUpperCase(), `/api${path}`, e.method === 'get' ? undefined : { reason: '试图修改' });
        const expected = who === 'auditor' && e.path === '/admin/changes' ? 200 : 403;
        expect(res.status, `${who} ${e.method} ${e.path}`).toBe(expected);
      }
    }
    expect(await new Session(stack.baseUrl).request('GET', '/api/admin/users').then((r) => r.status)).toBe(401);
    expect(await stack.db.adminChange.count()).toBe(before);
  });
});

describe('users', () => {
  it('creates a user whose initial password must be changed before anything else, recorded with its reason and no password', async () => {
    const created = await admin.request('POST', '/api/admin/users', {
      username: 'new-caseworker',
      displayName: '钱经办',
      role: 'CASEWORKER',
      departmentId: await departmentId('CREDIT'),
      initialPassword: INITIAL,
      reason: '新入职经办人员',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ username: 'new-caseworker', role: 'CASEWORKER', mustChangePassword: true, active: true });
    expect(created.body.department.name).toBe('市发展和改革委员会（市信用办）');
    expect(JSON.stringify(created.body)).not.toMatch(/passwordHash|scrypt/);

    // On loopback too (unlike the seeded accounts): the initial password opens nothing but its change.
    const user = new Session(stack.baseUrl);
    await user.login('new-caseworker', INITIAL);
    expect((await user.request('GET', '/api/session')).body.mustChangePassword).toBe(true);
    const blocked = await user.request('GET', '/api/cases');
    expect(blocked.status).toBe(403);
    expect(blocked.body.code).toBe('PASSWORD_CHANGE_REQUIRED');
    const changed = await user.request('POST', '/api/session/password', {
      currentPassword: INITIAL,
      newPassword: OWN,
      confirmPassword: OWN,
    });
    expect(changed.status).toBe(200);
    expect((await user.request('GET', '/api/cases')).status).toBe(200);

    const [change] = await changesOf(created.body.id);
    expect(change).toMatchObject({
      action: 'USER_CREATED',
      entity: 'USER',
      entityName: 'new-caseworker',
      actorName: '系统管理员',
      reason: '新入职经办人员',
    });
    expect(change!.before).toBeNull();
    expect(change!.after).toMatchObject({ username: 'new-caseworker', role: 'CASEWORKER', department: '市发展和改革委员会（市信用办）' });
    expect(JSON.stringify(change)).not.toContain(INITIAL);

    // Found by the list, searched on the server.
    const found = await admin.request('GET', '/api/admin/users?q=钱&role=CASEWORKER');
    expect(found.body.total).toBe(1);
    expect(found.body.rows[0].username).toBe('new-caseworker');
  });

  it('refuses bad input by field and changes nothing', async () => {
    const [users, changes] = [await stack.db.user.count(), await stack.db.adminChange.count()];
    const bad = await admin.request('POST', '/api/admin/users', {
      username: '钱 经办',
      displayName: '',
      role: 'CASEWORKER',
      departmentId: '',
      initialPassword: 'short',
      reason: '',
    });
    expect(bad.status).toBe(400);
    expect(bad.type).toContain('application/problem+json');
    expect(fieldsOf(bad.body)).toEqual(['departmentId', 'displayName', 'initialPassword', 'reason', 'username']);
    expect(bad.body.errors.find((e: { field: string }) => e.field === 'initialPassword').message).toBe('密码至少 12 个字符');
    const taken = await admin.request('POST', '/api/admin/users', {
      username: 'caseworker',
      displayName: '重名',
      role: 'AUDITOR',
      initialPassword: INITIAL,
      reason: '重复的用户名',
    });
    expect(taken.status).toBe(400);
    expect(taken.body.errors).toEqual([{ field: 'username', code: 'username.taken', message: '该用户名已存在' }]);
    const nowhere = await admin.request('POST', '/api/admin/users', {
      username: 'nowhere',
      displayName: '无部门',
      role: 'SUPERVISOR',
      departmentId: 'no-such-department',
      initialPassword: INITIAL,
      reason: '部门不存在',
    });
    expect(fieldsOf(nowhere.body)).toEqual(['departmentId']);
    expect([await stack.db.user.count(), await stack.db.adminChange.count()]).toEqual([users, changes]);
  });

  it('disabling ends the user’s sessions and refuses their sign-in; enabling lets them in again', async () => {
    const unit = new Session(stack.baseUrl);
    await unit.login('unit');
    const id = (await unit.request('GET', '/api/session')).body.userId as string;
    const noReason = await admin.request('POST', `/api/admin/users/${id}/disable`, {});
    expect(fieldsOf(noReason.body)).toEqual(['reason']);
    expect((await unit.request('GET', '/api/session')).status).toBe(200);

    const disabled = await admin.request('POST', `/api/admin/users/${id}/disable`, { reason: '调离配合单位' });
    expect(disabled.status).toBe(200);
    expect(disabled.body.active).toBe(false);
    expect(await stack.db.session.count({ where: { userId: id } })).toBe(0);
    expect((await unit.request('GET', '/api/session')).status).toBe(401);
    expect((await new Session(stack.baseUrl).request('POST', '/api/session', { username: 'unit', password: DEMO })).status).toBe(401);
    expect((await admin.request('POST', `/api/admin/users/${id}/disable`, { reason: '再次停用' })).status).toBe(409);

    expect((await admin.request('POST', `/api/admin/users/${id}/enable`, { reason: '调回配合单位' })).body.active).toBe(true);
    await new Session(stack.baseUrl).login('unit');
    expect(
      (await changesOf(id)).map((c) => [c.action, (c.before as { active: boolean }).active, (c.after as { active: boolean }).active]),
    ).toEqual([
      ['USER_DISABLED', true, false],
      ['USER_ENABLED', false, true],
    ]);
    // The administrator's own account is not theirs to disable.
    const me = (await admin.request('GET', '/api/session')).body.userId as string;
    expect((await admin.request('POST', `/api/admin/users/${me}/disable`, { reason: '停用本人' })).status).toBe(409);
  });

  it('unlocks an account locked by wrong passwords, before its lock runs out', async () => {
    const id = (await stack.db.user.findUniqueOrThrow({ where: { username: 'tax-caseworker' } })).id;
    expect((await admin.request('POST', `/api/admin/users/${id}/unlock`, { reason: '未被锁定' })).status).toBe(409);
    for (let i = 0; i < 5; i++)
      await new Session(stack.baseUrl).request('POST', '/api/session', { username: 'tax-caseworker', password: 'wrong' });
    expect((await new Session(stack.baseUrl).request('POST', '/api/session', { username: 'tax-caseworker', password: DEMO })).status).toBe(
      423,
    );
    const listed = await admin.request('GET', '/api/admin/users?q=tax-caseworker');
    expect(listed.body.rows[0].lockedUntil).not.toBeNull();

    const unlocked = await admin.request('POST', `/api/admin/users/${id}/unlock`, { reason: '本人电话确认，忘记密码后已找回' });
    expect(unlocked.status).toBe(200);
    expect(unlocked.body.lockedUntil).toBeNull();
    await new Session(stack.baseUrl).login('tax-caseworker');
    expect((await changesOf(id)).map((c) => c.action)).toEqual(['ACCOUNT_UNLOCKED']);
    const events = await stack.db.accountEvent.findMany({ where: { userId: id }, orderBy: { at: 'asc' } });
    expect(events.map((e) => e.kind)).toEqual(['LOCKED', 'UNLOCKED']);
  });

  it('resets a password: the user’s sessions end and the new initial password must be changed', async () => {
    const user = new Session(stack.baseUrl);
    await user.login('new-caseworker', OWN);
    const id = (await user.request('GET', '/api/session')).body.userId as string;
    const weak = await admin.request('POST', `/api/admin/users/${id}/password`, {
      initialPassword: 'new-caseworker-1A',
      reason: '忘记密码',
    });
    expect(weak.body.errors).toEqual([expect.objectContaining({ field: 'initialPassword', code: 'password.username' })]);
    const reset = await admin.request('POST', `/api/admin/users/${id}/password`, { initialPassword: INITIAL, reason: '本人忘记密码' });
    expect(reset.status).toBe(200);
    expect(reset.body.mustChangePassword).toBe(true);
    expect((await user.request('GET', '/api/session')).status).toBe(401);
    const again = new Session(stack.baseUrl);
    await again.login('new-caseworker', INITIAL);
    expect((await again.request('GET', '/api/cases')).body.code).toBe('PASSWORD_CHANGE_REQUIRED');
  });

  it('changes a role and department, before and after recorded', async () => {
    const id = (await stack.db.user.findUniqueOrThrow({ where: { username: 'new-caseworker' } })).id;
    const res = await admin.request('PUT', `/api/admin/users/${id}`, {
      displayName: '钱经办',
      role: 'SUPERVISOR',
      departmentId: await departmentId('TAXBUREAU'),
      reason: '岗位调整为审核人',
    });
    expect(res.status).toBe(200);
    const change = (await changesOf(id)).at(-1)!;
    expect(change.action).toBe('USER_UPDATED');
    expect(change.before).toMatchObject({ role: 'CASEWORKER', department: '市发展和改革委员会（市信用办）' });
    expect(change.after).toMatchObject({ role: 'SUPERVISOR', department: '国家税务总局某市税务局' });
  });
});

describe('departments, measures and list types', () => {
  it('creates and edits a department, the change recorded with before, after and reason; an unknown policy refused by field', async () => {
    const created = await admin.request('POST', '/api/admin/departments', {
      code: 'EDU',
      name: '市教育局',
      docPrefix: '市教',
      policyCode: 'NATIONAL-2025',
      reason: '新增配合单位',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ code: 'EDU', name: '市教育局', users: 0 });
    const badPolicy = await admin.request('PUT', `/api/admin/departments/${created.body.id}`, {
      name: '市教育局',
      docPrefix: '市教',
      policyCode: 'NO-SUCH',
      reason: '改用不存在的政策',
    });
    expect(fieldsOf(badPolicy.body)).toEqual(['policyCode']);
    const edited = await admin.request('PUT', `/api/admin/departments/${created.body.id}`, {
      name: '市教育体育局',
      docPrefix: '市教体',
      policyCode: 'FUJIAN-2017',
      reason: '机构改革更名',
    });
    expect(edited.status).toBe(200);
    const changes = await changesOf(created.body.id);
    expect(changes.map((c) => c.action)).toEqual(['DEPARTMENT_CREATED', 'DEPARTMENT_UPDATED']);
    expect(changes[1]).toMatchObject({
      reason: '机构改革更名',
      before: { code: 'EDU', name: '市教育局', docPrefix: '市教', policyCode: 'NATIONAL-2025' },
      after: { code: 'EDU', name: '市教育体育局', docPrefix: '市教体', policyCode: 'FUJIAN-2017' },
    });
  });

  it('edits a measure and retires it (kept, not deleted), recorded; bad input refused by field, changing nothing', async () => {
    const page = await admin.request('GET', '/api/admin/measures?q=M-ADM-01');
    const m = page.body.rows[0];
    expect(m.id).toBe('M-ADM-01');
    const { id: _id, cases: _c, active: _a, implementingDepartment, ...fields } = m;
    const bad = await admin.request('PUT', '/api/admin/measures/M-ADM-01', {
      ...fields,
      implementingDepartmentId: implementingDepartment.id,
      listTypes: [],
      targets: ['NOBODY'],
      reason: '',
    });
    expect(fieldsOf(bad.body)).toEqual(['listTypes', 'reason', 'targets.0']);
    const unknown = await admin.request('PUT', '/api/admin/measures/M-ADM-01', {
      ...fields,
      implementingDepartmentId: implementingDepartment.id,
      listTypes: ['NO-SUCH-LIST'],
      reason: '名单类型不存在',
    });
    expect(fieldsOf(unknown.body)).toEqual(['listTypes']);
    expect(await stack.db.adminChange.count({ where: { entityId: 'M-ADM-01' } })).toBe(0);

    const edited = await admin.request('PUT', '/api/admin/measures/M-ADM-01', {
      ...fields,
      implementingDepartmentId: implementingDepartment.id,
      content: `${fields.content}（修订）`,
      category: 'MARKET',
      reason: '依据新备忘录修订措施表述',
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ content: `${fields.content}（修订）`, category: 'MARKET' });
    const retired = await admin.request('POST', '/api/admin/measures/M-ADM-01/retire', { reason: '备忘录废止该措施' });
    expect(retired.body.active).toBe(false);
    const reference = await admin.request('GET', '/api/reference');
    expect(reference.body.measures.map((x: { id: string }) => x.id)).not.toContain('M-ADM-01');
    expect(await stack.db.measure.count({ where: { id: 'M-ADM-01' } })).toBe(1);
    const changes = await changesOf('M-ADM-01');
    expect(changes.map((c) => c.action)).toEqual(['MEASURE_UPDATED', 'MEASURE_RETIRED']);
    expect(changes[0]).toMatchObject({
      reason: '依据新备忘录修订措施表述',
      before: { content: fields.content, category: fields.category },
      after: { content: `${fields.content}（修订）`, category: 'MARKET' },
    });
    expect(changes[1]).toMatchObject({ before: { active: true }, after: { active: false } });
  });

  it('adds, edits and retires a list type with its legal basis; a retired list takes no new case', async () => {
    const red = await admin.request('POST', '/api/admin/list-types', {
      code: 'RED-EDU',
      kind: 'RED',
      name: '教育领域守信激励对象',
      nameEn: 'Trustworthy in education',
      field: 'ALL_FIELDS',
      validityMonths: null,
      legalBasis: '某市教育领域信用管理办法第十条',
      reason: '新增红名单',
    });
    expect(fieldsOf(red.body)).toEqual(['validityMonths']);
    const created = await admin.request('POST', '/api/admin/list-types', {
      code: 'EDU-BLACK',
      kind: 'BLACK',
      name: '教育领域严重失信主体',
      nameEn: 'Serious dishonesty in education',
      field: 'ALL_FIELDS',
      legalBasis: '某市教育领域信用管理办法第二十条',
      reason: '依据地方办法新增名单',
    });
    expect(created.status).toBe(201);
    const edited = await admin.request('PUT', '/api/admin/list-types/EDU-BLACK', {
      name: '教育领域严重失信主体名单',
      nameEn: 'Serious dishonesty in education',
      field: 'ALL_FIELDS',
      validityMonths: null,
      legalBasis: '某市教育领域信用管理办法（2027 年修订）第二十条',
      reason: '办法修订，更新依据',
    });
    expect(edited.body.legalBasis).toBe('某市教育领域信用管理办法（2027 年修订）第二十条');
    expect((await admin.request('POST', '/api/admin/list-types/EDU-BLACK/retire', { reason: '办法废止' })).body.active).toBe(false);
    const changes = await changesOf('EDU-BLACK');
    expect(changes.map((c) => c.action)).toEqual(['LIST_TYPE_CREATED', 'LIST_TYPE_UPDATED', 'LIST_TYPE_RETIRED']);
    expect(changes[1]).toMatchObject({
      before: { legalBasis: '某市教育领域信用管理办法第二十条' },
      after: { legalBasis: '某市教育领域信用管理办法（2027 年修订）第二十条' },
      reason: '办法修订，更新依据',
    });

    const caseworker = new Session(stack.baseUrl);
    await caseworker.login('caseworker');
    const filed = await caseworker.request('POST', '/api/cases', designationForm({ listType: 'EDU-BLACK', recommendedMeasures: [] }));
    expect(filed.status).toBe(400);
    expect(fieldsOf(filed.body)).toEqual(['listType']);
  });

  it('answers each record’s history, and the change record is append-only and chained', async () => {
    const history = await admin.request('GET', '/api/admin/changes?entity=LIST_TYPE&entityId=EDU-BLACK');
    expect(history.body.rows.map((c: { action: string }) => c.action)).toEqual([
      'LIST_TYPE_RETIRED',
      'LIST_TYPE_UPDATED',
      'LIST_TYPE_CREATED',
    ]);
    const auditor = new Session(stack.baseUrl);
    await auditor.login('auditor');
    expect((await auditor.request('GET', '/api/admin/changes?q=机构改革')).body.total).toBe(1);

    expect(await verifyAdminChanges(stack.db)).toEqual([]);
    const entry = await stack.db.adminChange.findFirstOrThrow({ where: { action: 'DEPARTMENT_UPDATED' } });
    await expect(stack.db.$executeRaw`UPDATE "AdminChange" SET "reason" = 'changed' WHERE "id" = ${entry.id}`).rejects.toThrow(
      /append-only/,
    );
    await expect(stack.db.$executeRaw`DELETE FROM "AdminChange" WHERE "id" = ${entry.id}`).rejects.toThrow(/append-only/);
    await stack.db.$transaction([
      stack.db.$executeRaw`SET LOCAL session_replication_role = replica`,
      stack.db.$executeRaw`UPDATE "AdminChange" SET "reason" = '改过的理由' WHERE "id" = ${entry.id}`,
    ]);
    expect(await verifyAdminChanges(stack.db)).toEqual([expect.objectContaining({ entryId: entry.id, problem: 'ALTERED' })]);
  });
});

describe('the second factor (TOTP)', () => {
  const totp = (secret: string) =>
    new OTPAuth.TOTP({ algorithm: 'SHA1', digits: 6, period: 30, secret: OTPAuth.Secret.fromBase32(secret) });
  const signIn = (body: Record<string, string>) =>
    new Session(stack.baseUrl).request('POST', '/api/session', { username: 'supervisor', password: DEMO, ...body });

  it('is for supervisors and administrators only', async () => {
    const caseworker = new Session(stack.baseUrl);
    await caseworker.login('caseworker');
    expect((await caseworker.request('GET', '/api/session/second-factor')).body).toEqual({
      available: false,
      enabled: false,
      enabledAt: null,
    });
    expect((await caseworker.request('POST', '/api/session/second-factor/enrolment')).status).toBe(403);
    expect((await caseworker.request('POST', '/api/session/second-factor', { code: '123456', enrolment: 'x' })).status).toBe(403);
  });

  it('enrols with a code, then asks for one at sign-in; a wrong or repeated code is refused and counted; the administrator resets it', async () => {
    const supervisor = new Session(stack.baseUrl);
    await supervisor.login('supervisor');
    const enrolment = await supervisor.request('POST', '/api/session/second-factor/enrolment');
    expect(enrolment.status).toBe(201);
    const { secret, uri, qr, enrolment: sealed } = enrolment.body as { secret: string; uri: string; qr: string; enrolment: string };
    // Nothing is stored until the user confirms a code.
    expect((await stack.db.user.findUniqueOrThrow({ where: { username: 'supervisor' } })).totpSecret).toBeNull();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(uri).toMatch(/^otpauth:\/\/totp\/.*secret=/);
    expect(qr).toMatch(/^data:image\/png;base64,/);
    const code = totp(secret).generate();
    const wrong = code === '000000' ? '111111' : '000000';
    expect(
      (await supervisor.request('POST', '/api/session/second-factor', { code: '12ab', enrolment: sealed })).body.errors[0],
    ).toMatchObject({
      field: 'code',
      code: 'totp.format',
    });
    expect(
      (await supervisor.request('POST', '/api/session/second-factor', { code: wrong, enrolment: sealed })).body.errors[0],
    ).toMatchObject({
      field: 'code',
      code: 'totp.wrong',
    });
    // An enrolment altered in the browser is refused.
    expect((await supervisor.request('POST', '/api/session/second-factor', { code, enrolment: `${sealed.slice(0, -4)}AAA=` })).status).toBe(
      409,
    );
    const confirmed = await supervisor.request('POST', '/api/session/second-factor', { code, enrolment: sealed });
    expect(confirmed.body).toMatchObject({ available: true, enabled: true });
    // Never answered again, and stored sealed.
    expect(JSON.stringify((await supervisor.request('GET', '/api/session/second-factor')).body)).not.toContain(secret);
    const stored = await stack.db.user.findUniqueOrThrow({ where: { username: 'supervisor' } });
    expect(stored.totpSecret).toBeTruthy();
    expect(stored.totpSecret).not.toContain(secret);
    expect((await supervisor.request('POST', '/api/session/second-factor/enrolment')).status).toBe(409);

    // The password alone is not enough.
    const asked = await signIn({});
    expect(asked.status).toBe(401);
    expect(asked.body.code).toBe('SECOND_FACTOR_REQUIRED');
    const refused = await signIn({ code: wrong });
    expect(refused.status).toBe(401);
    expect(refused.body.code).toBe('SECOND_FACTOR_WRONG');
    // The code that confirmed the enrolment is spent; the app's next one signs in, once.
    expect((await signIn({ code })).body.code).toBe('SECOND_FACTOR_WRONG');
    const later = totp(secret).generate({ timestamp: Date.now() + 30_000 });
    expect((await signIn({ code: later })).status).toBe(201);
    expect((await signIn({ code: later })).body.code).toBe('SECOND_FACTOR_WRONG');
    const attempts = await stack.db.loginAttempt.findMany({ where: { username: 'supervisor' }, orderBy: { at: 'asc' } });
    expect(attempts.slice(-5).map((a) => a.outcome)).toEqual(['SECOND_FACTOR_REQUIRED', 'FAILED', 'FAILED', 'SUCCEEDED', 'FAILED']);
    // Wrong codes count toward the lock as wrong passwords do.
    for (let i = 0; i < 3; i++) expect((await signIn({ code: wrong })).status).toBe(401);
    const locked = await signIn({ code: wrong });
    expect(locked.status).toBe(423);
    const next = totp(secret).generate({ timestamp: Date.now() + 30_000 });
    expect((await signIn({ code: next })).status).toBe(423);

    // The administrator unlocks the account and resets the second factor: the password alone signs in again.
    const id = stored.id;
    await admin.request('POST', `/api/admin/users/${id}/unlock`, { reason: '丢失手机，已核实身份' });
    const reset = await admin.request('POST', `/api/admin/users/${id}/second-factor/reset`, { reason: '丢失手机，已核实身份' });
    expect(reset.status).toBe(200);
    expect(reset.body.totpEnabled).toBe(false);
    expect((await signIn({})).status).toBe(201);
    expect((await changesOf(id)).map((c) => c.action)).toEqual(['ACCOUNT_UNLOCKED', 'SECOND_FACTOR_RESET']);
    expect((await changesOf(id)).at(-1)).toMatchObject({ before: { totpEnabled: true }, after: { totpEnabled: false } });
  });
});
