// The administrator's pages (issue 13 point 3): users (created with an initial password the user
// must change; role and department changed; disabled and enabled; password reset; unlocked; second
// factor reset), departments, the measures catalogue and the list types — none of them carries any
// case's content. Every change is written, in the same transaction, to 管理变更记录 (AdminChange:
// who, when, the record before and after, why), append-only and hash-chained by the database.
import { Router, type Request } from 'express';
import type { z } from 'zod';
import type { Db } from '../../activities/db';
import { referenceCacheOf, sessionsChanged } from '../../activities/reference-data';
import {
  adminChangePageSchema,
  adminChangeQuerySchema,
  adminDepartmentSchema,
  adminListTypeSchema,
  adminMeasurePageSchema,
  adminMeasureQuerySchema,
  adminMeasureSchema,
  adminUserPageSchema,
  adminUserQuerySchema,
  adminUserSchema,
} from '../../domain/api';
import {
  adminPasswordResetSchema,
  adminReasonSchema,
  adminUserCreateSchema,
  adminUserUpdateSchema,
  departmentCreateSchema,
  departmentUpdateSchema,
  listTypeCreateSchema,
  listTypeUpdateSchema,
  measureCreateSchema,
  measureUpdateSchema,
} from '../../domain/schemas';
import { translateMessage } from '../../domain/messages';
import type { AdminAction, AdminEntity } from '../../domain/vocabulary';
import { z as zod } from 'zod';
import type { Prisma } from '../../generated/prisma/client';
import { accountLock, clientAddress, endOtherSessions } from '../auth';
import { endpoint } from '../endpoints';
import { instantsOn, pageAnswer, pageArgs, searchOf } from '../lists';
import { hashPassword } from '../passwords';
import { Problem, localeOf, say, zodProblem } from '../problem';

type Tx = Prisma.TransactionClient;
const ADMIN = ['ADMINISTRATOR'] as const;

function parse<S extends z.ZodType>(req: Request, schema: S): z.output<S> {
  const parsed = schema.safeParse(req.body);
  if (!parsed.success) throw zodProblem(req, parsed.error);
  return parsed.data;
}

/** A field the server refuses (a name taken, a department that does not exist): 400 naming it. */
function fieldProblem(req: Request, field: string, code: string): Problem {
  const message = translateMessage(code, localeOf(req));
  return new Problem(400, say(req, 'formErrors'), `${field}: ${message}`, { errors: [{ field, code, message }] });
}

/** Writes one change to 管理变更记录, inside the change's own transaction. */
async function record(
  tx: Tx,
  req: Request,
  c: {
    entity: AdminEntity;
    entityId: string;
    entityName: string;
    action: AdminAction;
    before: object | null;
    after: object | null;
    reason: string;
  },
) {
  const user = req.user!;
  await tx.adminChange.create({
    data: {
      actorId: user.userId,
      actorName: user.name,
      actorRole: user.role,
      ...c,
      before: (c.before ?? undefined) as Prisma.InputJsonValue | undefined,
      after: (c.after ?? undefined) as Prisma.InputJsonValue | undefined,
      address: clientAddress(req),
    },
  });
}

/** A user as the administrator's page shows it, and as the change record keeps it: no password, no secret. */
const userInclude = { department: { select: { id: true, name: true } } } as const;
type UserRow = Prisma.UserGetPayload<{ include: typeof userInclude }>;
async function userView(db: Db | Tx, u: UserRow) {
  const lock = await accountLock(db as Db, u.username);
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    department: u.department,
    subjectCode: u.subjectCode,
    active: u.active,
    mustChangePassword: u.adminSetPassword || u.mustChangePassword,
    lockedUntil: lock.until,
    totpEnabled: !!u.totpSecret,
    createdAt: u.createdAt,
    passwordChangedAt: u.passwordChangedAt,
  };
}
/** What a user's change record holds of it (the page's own words: role, department, state). */
const userFacts = (u: UserRow) => ({
  username: u.username,
  displayName: u.displayName,
  role: u.role,
  department: u.department?.name ?? null,
  subjectCode: u.subjectCode,
  active: u.active,
  totpEnabled: !!u.totpSecret,
});

const departmentFacts = (d: { code: string; name: string; docPrefix: string; policyCode: string }) => ({
  code: d.code,
  name: d.name,
  docPrefix: d.docPrefix,
  policyCode: d.policyCode,
});
const measureInclude = { implementingDepartment: { select: { id: true, name: true } }, _count: { select: { cases: true } } } as const;
type MeasureRow = Prisma.MeasureGetPayload<{ include: typeof measureInclude }>;
const measureView = ({ _count, ...m }: MeasureRow) => ({ ...m, cases: _count.cases });
const measureFacts = (m: MeasureRow, listNames: Map<string, string>) => ({
  content: m.content,
  category: m.category,
  mandatory: m.mandatory,
  legalBasis: m.legalBasis,
  implementingDepartment: m.implementingDepartment.name,
  // The lists by their names, as a person reads them.
  listTypes: m.listTypes.map((c) => listNames.get(c) ?? c),
  targets: m.targets,
  tiers: m.tiers,
  discloses: m.discloses,
  active: m.active,
});
const listTypeFacts = (l: {
  code: string;
  name: string;
  nameEn: string;
  kind: string;
  field: string;
  validityMonths: number | null;
  legalBasis: string;
  active: boolean;
}) => ({
  name: l.name,
  nameEn: l.nameEn,
  kind: l.kind,
  field: l.field,
  validityMonths: l.validityMonths,
  legalBasis: l.legalBasis,
  active: l.active,
});

export function adminRoutes(db: Db): Router {
  const r = Router();
  const listNames = async () => new Map((await db.listType.findMany({ select: { code: true, name: true } })).map((l) => [l.code, l.name]));
  const id = (req: Request) => String(req.params.id);

  // ── Users ──────────────────────────────────────────────────────────────────────────────────
  const findUser = async (req: Request, tx: Db | Tx = db) => {
    const u = await tx.user.findUnique({ where: { id: id(req) }, include: userInclude });
    if (!u) throw new Problem(404, say(req, 'noSuchUser'));
    return u;
  };
  /** The department and subject an account names, checked against what exists. */
  const accountData = async (req: Request, v: { role: string; departmentId: string; subjectCode: string }) => {
    if (v.departmentId && !(await db.department.findUnique({ where: { id: v.departmentId } })))
      throw fieldProblem(req, 'departmentId', 'department.unknown');
    return { departmentId: v.departmentId || null, subjectCode: v.role === 'PARTY' ? v.subjectCode : v.subjectCode || null };
  };
  /** The administrator's own account is not theirs to disable or demote here (no one would be left to undo it). */
  const notSelf = (req: Request, userId: string) => {
    if (userId === req.user!.userId) throw new Problem(409, say(req, 'notOwnAccount'));
  };

  endpoint(
    r,
    {
      method: 'get',
      path: '/admin/users',
      tag: 'admin',
      roles: ADMIN,
      // A party's account names the subject it speaks for: the list is a read of theirs, logged.
      access: { kind: 'USER_ACCOUNTS' },
      query: adminUserQuerySchema,
      response: adminUserPageSchema,
      summary: ['用户列表（查询、分页）', 'Users, searched and paged'],
    },
    async (req, res) => {
      const f = searchOf(req, adminUserQuerySchema);
      const where: Prisma.UserWhereInput = {
        AND: [
          f.q
            ? { OR: [{ username: { contains: f.q, mode: 'insensitive' } }, { displayName: { contains: f.q, mode: 'insensitive' } }] }
            : {},
          f.role.length ? { role: { in: f.role } } : {},
          f.departmentId ? { departmentId: f.departmentId } : {},
          f.active === undefined ? {} : { active: f.active },
        ],
      };
      const [total, rows] = await Promise.all([
        db.user.count({ where }),
        db.user.findMany({ where, include: userInclude, orderBy: [{ [f.sort]: f.order }, { id: 'asc' }], ...pageArgs(f) }),
      ]);
      res.json(pageAnswer(f, total, await Promise.all(rows.map((u) => userView(db, u)))));
    },
  );

  endpoint(
    r,
    {
      method: 'post',
      path: '/admin/users',
      tag: 'admin',
      roles: ADMIN,
      body: adminUserCreateSchema,
      status: 201,
      response: adminUserSchema,
      summary: ['新建用户（初始密码，首次登录须修改）', 'Create a user with an initial password, to be changed at the first sign-in'],
    },
    async (req, res) => {
      const v = parse(req, adminUserCreateSchema);
      if (await db.user.findUnique({ where: { username: v.username } })) throw fieldProblem(req, 'username', 'username.taken');
      const data = await accountData(req, v);
      const passwordHash = await hashPassword(v.initialPassword);
      const created = await db.$transaction(async (tx) => {
        const u = await tx.user.create({
          data: { username: v.username, displayName: v.displayName, role: v.role, ...data, passwordHash, adminSetPassword: true },
          include: userInclude,
        });
        await record(tx, req, {
          entity: 'USER',
          entityId: u.id,
          entityName: u.username,
          action: 'USER_CREATED',
          before: null,
          after: userFacts(u),
          reason: v.reason,
        });
        return u;
      });
      res.status(201).json(await userView(db, created));
    },
  );

  endpoint(
    r,
    {
      method: 'put',
      path: '/admin/users/:id',
      tag: 'admin',
      roles: ADMIN,
      body: adminUserUpdateSchema,
      response: adminUserSchema,
      summary: ['修改用户的姓名、角色、部门', "Change a user's name, role or department"],
    },
    async (req, res) => {
      const before = await findUser(req);
      const v = parse(req, adminUserUpdateSchema);
      if (v.role !== before.role) notSelf(req, before.id);
      const data = await accountData(req, v);
      const after = await db.$transaction(async (tx) => {
        const u = await tx.user.update({
          where: { id: before.id },
          data: { displayName: v.displayName, role: v.role, ...data },
          include: userInclude,
        });
        await record(tx, req, {
          entity: 'USER',
          entityId: u.id,
          entityName: u.username,
          action: 'USER_UPDATED',
          before: userFacts(before),
          after: userFacts(u),
          reason: v.reason,
        });
        return u;
      });
      sessionsChanged(db); // a user's sessions hold their role and department (other processes hear the trigger)
      res.json(await userView(db, after));
    },
  );

  /** A change of an account's state with its reason: the update, and what else must follow. */
  const accountChange = (
    path: string,
    action: AdminAction,
    summary: readonly [string, string],
    change: (tx: Tx, u: UserRow, req: Request) => Promise<Prisma.UserUpdateInput | null>,
  ) =>
    endpoint(
      r,
      {
        method: 'post',
        path: `/admin/users/:id/${path}`,
        tag: 'admin',
        roles: ADMIN,
        body: adminReasonSchema,
        response: adminUserSchema,
        summary,
      },
      async (req, res) => {
        const before = await findUser(req);
        const { reason } = parse(req, adminReasonSchema);
        const after = await db.$transaction(async (tx) => {
          const data = await change(tx, before, req);
          const u = data ? await tx.user.update({ where: { id: before.id }, data, include: userInclude }) : before;
          await record(tx, req, {
            entity: 'USER',
            entityId: u.id,
            entityName: u.username,
            action,
            before: userFacts(before),
            after: userFacts(u),
            reason,
          });
          return u;
        });
        sessionsChanged(db);
        res.json(await userView(db, after));
      },
    );

  accountChange(
    'disable',
    'USER_DISABLED',
    ['停用用户（其登录随即结束）', 'Disable a user: their sessions end, sign-in is refused'],
    async (tx, u, req) => {
      notSelf(req, u.id);
      if (!u.active) throw new Problem(409, say(req, 'userDisabledAlready'));
      await tx.session.deleteMany({ where: { userId: u.id } });
      return { active: false };
    },
  );
  accountChange('enable', 'USER_ENABLED', ['启用用户', 'Enable a user again'], async (_tx, u, req) => {
    if (u.active) throw new Problem(409, say(req, 'userEnabledAlready'));
    return { active: true };
  });
  accountChange('unlock', 'ACCOUNT_UNLOCKED', ['解除账户锁定', 'Unlock an account locked after wrong passwords'], async (tx, u, req) => {
    const lock = await accountLock(tx as unknown as Db, u.username);
    if (!lock.until) throw new Problem(409, say(req, 'userNotLocked'));
    // The lock is counted from the attempts: failures before this unlock no longer count (api/auth.ts).
    await tx.accountEvent.create({
      data: { userId: u.id, kind: 'UNLOCKED', address: clientAddress(req), detail: { reason: 'ADMINISTRATOR', by: req.user!.name } },
    });
    return null;
  });
  accountChange(
    'second-factor/reset',
    'SECOND_FACTOR_RESET',
    ['重置双因素认证', "Reset a user's second factor (they may enrol again)"],
    async (_tx, u, req) => {
      if (!u.totpSecret) throw new Problem(409, say(req, 'noSecondFactor'));
      return { totpSecret: null, totpEnabledAt: null, totpLastStep: null };
    },
  );

  endpoint(
    r,
    {
      method: 'post',
      path: '/admin/users/:id/password',
      tag: 'admin',
      roles: ADMIN,
      body: adminPasswordResetSchema,
      response: adminUserSchema,
      summary: [
        '重置密码（用户下次登录须修改，其登录随即结束）',
        "Reset a user's password: their sessions end, they must change it at the next sign-in",
      ],
    },
    async (req, res) => {
      const before = await findUser(req);
      const v = parse(req, adminPasswordResetSchema.safeExtend({ username: zod.literal(before.username).default(before.username) }));
      const passwordHash = await hashPassword(v.initialPassword);
      const after = await db.$transaction(async (tx) => {
        const u = await tx.user.update({ where: { id: before.id }, data: { passwordHash, adminSetPassword: true }, include: userInclude });
        await tx.accountEvent.create({
          data: { userId: u.id, kind: 'PASSWORD_CHANGED', address: clientAddress(req), detail: { by: 'ADMINISTRATOR' } },
        });
        await record(tx, req, {
          entity: 'USER',
          entityId: u.id,
          entityName: u.username,
          action: 'PASSWORD_RESET',
          before: userFacts(before),
          after: userFacts(u),
          reason: v.reason,
        });
        return u;
      });
      await endOtherSessions(db, before.id, undefined);
      res.json(await userView(db, after));
    },
  );

  // ── Departments ────────────────────────────────────────────────────────────────────────────
  const departmentsView = async () => {
    const [rows, policies] = await Promise.all([
      db.department.findMany({ orderBy: { code: 'asc' }, include: { _count: { select: { users: true, measures: true } } } }),
      db.policy.findMany({ orderBy: { version: 'desc' }, select: { code: true, name: true } }),
    ]);
    const policyName = (code: string) => policies.find((p) => p.code === code)?.name ?? '';
    return rows.map(({ _count, ...d }) => ({ ...d, policyName: policyName(d.policyCode), users: _count.users, measures: _count.measures }));
  };
  const checkPolicy = async (req: Request, code: string) => {
    if (!(await db.policy.findFirst({ where: { code } }))) throw fieldProblem(req, 'policyCode', 'policy.unknown');
  };
  endpoint(
    r,
    {
      method: 'get',
      path: '/admin/departments',
      tag: 'admin',
      roles: ADMIN,
      access: false,
      response: zod.array(adminDepartmentSchema),
      summary: ['部门列表', 'Departments'],
    },
    async (_req, res) => {
      res.json(await departmentsView());
    },
  );
  endpoint(
    r,
    {
      method: 'post',
      path: '/admin/departments',
      tag: 'admin',
      roles: ADMIN,
      body: departmentCreateSchema,
      status: 201,
      response: adminDepartmentSchema,
      summary: ['新建部门', 'Create a department'],
    },
    async (req, res) => {
      const { reason, ...v } = parse(req, departmentCreateSchema);
      if (await db.department.findUnique({ where: { code: v.code } })) throw fieldProblem(req, 'code', 'code.taken');
      await checkPolicy(req, v.policyCode);
      const d = await db.$transaction(async (tx) => {
        const d = await tx.department.create({ data: v });
        await record(tx, req, {
          entity: 'DEPARTMENT',
          entityId: d.id,
          entityName: d.name,
          action: 'DEPARTMENT_CREATED',
          before: null,
          after: departmentFacts(d),
          reason,
        });
        return d;
      });
      res.status(201).json((await departmentsView()).find((x) => x.id === d.id));
    },
  );
  endpoint(
    r,
    {
      method: 'put',
      path: '/admin/departments/:id',
      tag: 'admin',
      roles: ADMIN,
      body: departmentUpdateSchema,
      response: adminDepartmentSchema,
      summary: ['修改部门名称、文号前缀、适用政策', "Change a department's name, document prefix or policy"],
    },
    async (req, res) => {
      const before = await db.department.findUnique({ where: { id: id(req) } });
      if (!before) throw new Problem(404, say(req, 'noSuchDepartment'));
      const { reason, ...v } = parse(req, departmentUpdateSchema);
      await checkPolicy(req, v.policyCode);
      await db.$transaction(async (tx) => {
        const d = await tx.department.update({ where: { id: before.id }, data: v });
        await record(tx, req, {
          entity: 'DEPARTMENT',
          entityId: d.id,
          entityName: d.name,
          action: 'DEPARTMENT_UPDATED',
          before: departmentFacts(before),
          after: departmentFacts(d),
          reason,
        });
      });
      sessionsChanged(db); // sessions name their department
      res.json((await departmentsView()).find((x) => x.id === before.id));
    },
  );

  // ── The measures catalogue ─────────────────────────────────────────────────────────────────
  /** The implementing department and the list types a measure names, checked against what exists. */
  const checkMeasure = async (req: Request, v: { implementingDepartmentId: string; listTypes: string[] }) => {
    if (!(await db.department.findUnique({ where: { id: v.implementingDepartmentId } })))
      throw fieldProblem(req, 'implementingDepartmentId', 'department.unknown');
    const known = await db.listType.count({ where: { code: { in: v.listTypes } } });
    if (known !== new Set(v.listTypes).size) throw fieldProblem(req, 'listTypes', 'listType.unknown');
  };
  endpoint(
    r,
    {
      method: 'get',
      path: '/admin/measures',
      tag: 'admin',
      roles: ADMIN,
      access: false,
      query: adminMeasureQuerySchema,
      response: adminMeasurePageSchema,
      summary: ['惩戒措施清单（查询、分页，含已停用的）', 'The measures catalogue, retired ones too, searched and paged'],
    },
    async (req, res) => {
      const f = searchOf(req, adminMeasureQuerySchema);
      const where: Prisma.MeasureWhereInput = {
        AND: [
          f.q ? { OR: [{ content: { contains: f.q } }, { id: { contains: f.q, mode: 'insensitive' } }] } : {},
          f.category.length ? { category: { in: f.category } } : {},
          f.listType ? { listTypes: { has: f.listType } } : {},
          f.active === undefined ? {} : { active: f.active },
        ],
      };
      const [total, rows] = await Promise.all([
        db.measure.count({ where }),
        db.measure.findMany({ where, include: measureInclude, orderBy: { id: f.order }, ...pageArgs(f) }),
      ]);
      res.json(pageAnswer(f, total, rows.map(measureView)));
    },
  );
  endpoint(
    r,
    {
      method: 'post',
      path: '/admin/measures',
      tag: 'admin',
      roles: ADMIN,
      body: measureCreateSchema,
      status: 201,
      response: adminMeasureSchema,
      summary: ['新增惩戒措施', 'Add a measure to the catalogue'],
    },
    async (req, res) => {
      const { reason, ...v } = parse(req, measureCreateSchema);
      if (await db.measure.findUnique({ where: { id: v.id } })) throw fieldProblem(req, 'id', 'code.taken');
      await checkMeasure(req, v);
      const m = await db.$transaction(async (tx) => {
        const m = await tx.measure.create({ data: v, include: measureInclude });
        await record(tx, req, {
          entity: 'MEASURE',
          entityId: m.id,
          entityName: m.id,
          action: 'MEASURE_CREATED',
          before: null,
          after: measureFacts(m, await listNames()),
          reason,
        });
        return m;
      });
      res.status(201).json(measureView(m));
    },
  );
  const findMeasure = async (req: Request) => {
    const m = await db.measure.findUnique({ where: { id: id(req) }, include: measureInclude });
    if (!m) throw new Problem(404, say(req, 'noSuchMeasure'));
    return m;
  };
  endpoint(
    r,
    {
      method: 'put',
      path: '/admin/measures/:id',
      tag: 'admin',
      roles: ADMIN,
      body: measureUpdateSchema,
      response: adminMeasureSchema,
      summary: ['修改惩戒措施（内容、类别、对象、名单类型、实施单位）', 'Edit a measure: its text, category, targets, list types, unit'],
    },
    async (req, res) => {
      const before = await findMeasure(req);
      const { reason, ...v } = parse(req, measureUpdateSchema);
      await checkMeasure(req, v);
      const m = await db.$transaction(async (tx) => {
        const m = await tx.measure.update({ where: { id: before.id }, data: v, include: measureInclude });
        await record(tx, req, {
          entity: 'MEASURE',
          entityId: m.id,
          entityName: m.id,
          action: 'MEASURE_UPDATED',
          before: measureFacts(before, await listNames()),
          after: measureFacts(m, await listNames()),
          reason,
        });
        return m;
      });
      res.json(measureView(m));
    },
  );
  for (const [path, action, active, summary] of [
    [
      'retire',
      'MEASURE_RETIRED',
      false,
      [
        '停用惩戒措施（不再用于新案件；已有案件不受影响，措施不删除）',
        'Retire a measure: no new case takes it; the cases that carry it keep it',
      ],
    ],
    ['reinstate', 'MEASURE_REINSTATED', true, ['恢复已停用的惩戒措施', 'Reinstate a retired measure']],
  ] as const)
    endpoint(
      r,
      {
        method: 'post',
        path: `/admin/measures/:id/${path}`,
        tag: 'admin',
        roles: ADMIN,
        body: adminReasonSchema,
        response: adminMeasureSchema,
        summary,
      },
      async (req, res) => {
        const before = await findMeasure(req);
        const { reason } = parse(req, adminReasonSchema);
        if (before.active === active) throw new Problem(409, say(req, active ? 'measureActiveAlready' : 'measureRetiredAlready'));
        const m = await db.$transaction(async (tx) => {
          const m = await tx.measure.update({ where: { id: before.id }, data: { active }, include: measureInclude });
          await record(tx, req, {
            entity: 'MEASURE',
            entityId: m.id,
            entityName: m.id,
            action,
            before: measureFacts(before, await listNames()),
            after: measureFacts(m, await listNames()),
            reason,
          });
          return m;
        });
        res.json(measureView(m));
      },
    );

  // ── List types ─────────────────────────────────────────────────────────────────────────────
  const listTypesView = async () => {
    const [rows, cases, measures] = await Promise.all([
      db.listType.findMany({ orderBy: { code: 'asc' } }),
      db.case.groupBy({ by: ['listType'], _count: { _all: true } }),
      db.measure.findMany({ select: { listTypes: true } }),
    ]);
    return rows.map((l) => ({
      ...l,
      cases: cases.find((c) => c.listType === l.code)?._count._all ?? 0,
      measures: measures.filter((m) => m.listTypes.includes(l.code)).length,
    }));
  };
  const findListType = async (req: Request) => {
    const l = await db.listType.findUnique({ where: { code: id(req) } });
    if (!l) throw new Problem(404, say(req, 'noSuchListType'));
    return l;
  };
  endpoint(
    r,
    {
      method: 'get',
      path: '/admin/list-types',
      tag: 'admin',
      roles: ADMIN,
      access: false,
      response: zod.array(adminListTypeSchema),
      summary: ['名单类型（含依据和来源、已停用的）', 'List types with their legal basis and sources, retired ones too'],
    },
    async (_req, res) => {
      res.json(await listTypesView());
    },
  );
  endpoint(
    r,
    {
      method: 'post',
      path: '/admin/list-types',
      tag: 'admin',
      roles: ADMIN,
      body: listTypeCreateSchema,
      status: 201,
      response: adminListTypeSchema,
      summary: ['新增名单类型', 'Add a list type'],
    },
    async (req, res) => {
      const { reason, ...v } = parse(req, listTypeCreateSchema);
      if (await db.listType.findUnique({ where: { code: v.code } })) throw fieldProblem(req, 'code', 'code.taken');
      await db.$transaction(async (tx) => {
        const l = await tx.listType.create({ data: { ...v, validityMonths: v.kind === 'RED' ? v.validityMonths : null } });
        await record(tx, req, {
          entity: 'LIST_TYPE',
          entityId: l.code,
          entityName: l.name,
          action: 'LIST_TYPE_CREATED',
          before: null,
          after: listTypeFacts(l),
          reason,
        });
      });
      referenceCacheOf(db)?.changed(); // read afresh here at once, not only once the notice arrives
      res.status(201).json((await listTypesView()).find((l) => l.code === v.code));
    },
  );
  endpoint(
    r,
    {
      method: 'put',
      path: '/admin/list-types/:id',
      tag: 'admin',
      roles: ADMIN,
      body: listTypeUpdateSchema,
      response: adminListTypeSchema,
      summary: [
        '修改名单类型（名称、领域、有效期、依据和来源；种类不可改）',
        'Edit a list type: names, field, validity, legal basis and sources (not its kind)',
      ],
    },
    async (req, res) => {
      const before = await findListType(req);
      const { reason, ...v } = parse(
        req,
        listTypeUpdateSchema.superRefine((x, ctx) => {
          if (before.kind === 'RED' && x.validityMonths === null)
            ctx.addIssue({ code: 'custom', path: ['validityMonths'], message: 'listType.validity' });
        }),
      );
      await db.$transaction(async (tx) => {
        const l = await tx.listType.update({
          where: { code: before.code },
          data: { ...v, validityMonths: before.kind === 'RED' ? v.validityMonths : null },
        });
        await record(tx, req, {
          entity: 'LIST_TYPE',
          entityId: l.code,
          entityName: l.name,
          action: 'LIST_TYPE_UPDATED',
          before: listTypeFacts(before),
          after: listTypeFacts(l),
          reason,
        });
      });
      referenceCacheOf(db)?.changed();
      res.json((await listTypesView()).find((l) => l.code === before.code));
    },
  );
  for (const [path, action, active, summary] of [
    [
      'retire',
      'LIST_TYPE_RETIRED',
      false,
      ['停用名单类型（不再受理新案件；已有案件不受影响）', 'Retire a list type: no new case is filed on it; its cases keep it'],
    ],
    ['reinstate', 'LIST_TYPE_REINSTATED', true, ['恢复已停用的名单类型', 'Reinstate a retired list type']],
  ] as const)
    endpoint(
      r,
      {
        method: 'post',
        path: `/admin/list-types/:id/${path}`,
        tag: 'admin',
        roles: ADMIN,
        body: adminReasonSchema,
        response: adminListTypeSchema,
        summary,
      },
      async (req, res) => {
        const before = await findListType(req);
        const { reason } = parse(req, adminReasonSchema);
        if (before.active === active) throw new Problem(409, say(req, active ? 'listTypeActiveAlready' : 'listTypeRetiredAlready'));
        await db.$transaction(async (tx) => {
          const l = await tx.listType.update({ where: { code: before.code }, data: { active } });
          await record(tx, req, {
            entity: 'LIST_TYPE',
            entityId: l.code,
            entityName: l.name,
            action,
            before: listTypeFacts(before),
            after: listTypeFacts(l),
            reason,
          });
        });
        referenceCacheOf(db)?.changed();
        res.json((await listTypesView()).find((l) => l.code === before.code));
      },
    );

  // ── 管理变更记录 ────────────────────────────────────────────────────────────────────────────
  endpoint(
    r,
    {
      method: 'get',
      path: '/admin/changes',
      tag: 'admin',
      // The auditor reads it as it reads the other logs; it changes nothing.
      roles: ['ADMINISTRATOR', 'AUDITOR'],
      // A party's account names its subject's code (a person's ID number): each read is registered.
      access: { kind: 'ADMIN_CHANGES' },
      query: adminChangeQuerySchema,
      response: adminChangePageSchema,
      summary: [
        '管理变更记录（谁、何时、改了什么、为什么；一条记录的历史）',
        "The administrators' changes: who, when, before and after, why; one record's history",
      ],
    },
    async (req, res) => {
      const f = searchOf(req, adminChangeQuerySchema);
      const where: Prisma.AdminChangeWhereInput = {
        AND: [
          f.entity ? { entity: f.entity } : {},
          f.entityId ? { entityId: f.entityId } : {},
          f.q
            ? {
                OR: [
                  { entityName: { contains: f.q, mode: 'insensitive' } },
                  { actorName: { contains: f.q, mode: 'insensitive' } },
                  { reason: { contains: f.q } },
                ],
              }
            : {},
          f.action.length ? { action: { in: f.action } } : {},
          { at: instantsOn(f.from, f.to) },
        ],
      };
      const [total, rows] = await Promise.all([
        db.adminChange.count({ where }),
        db.adminChange.findMany({ where, orderBy: [{ at: f.order }, { position: f.order }], ...pageArgs(f) }),
      ]);
      res.json(pageAnswer(f, total, rows));
    },
  );

  return r;
}
