// Cooperating units: execution feedback from the inbox, the office's and the party's view of it,
// the units' deadlines on the office's watch; and, for the administrator, each unit's API keys and
// webhook (the machine interface itself is api/routes/machine.ts).
import { createHash, randomBytes } from 'node:crypto';
import { Router } from 'express';
import { z } from 'zod';
import type { Db } from '../../activities/db';
import { workingDaysLeftFn } from '../../activities/calendar';
import {
  apiKeySchema,
  createdApiKeySchema,
  createdWebhookSchema,
  feedbackSchema,
  partyMeasureSchema,
  unitDeadlinePageSchema,
  unitDeadlineQuerySchema,
  unitExecutionSchema,
  unitSchema,
  webhookDeliverySchema,
} from '../../domain/api';
import { apiKeyInputSchema, executionFeedbackSchema, webhookInputSchema } from '../../domain/schemas';
import { shanghaiDate } from '../../domain/workdays';
import { endpoint } from '../endpoints';
import { feedbackView, overdueOf, recordFeedback, standingOf, targetsOf } from '../feedback';
import { Problem, say, zodProblem } from '../problem';
import { pageAnswer, pageArgs, searchOf } from '../lists';
import { Prisma } from '../../generated/prisma/client';

export const digestKey = (token: string) => createHash('sha256').update(token).digest('hex');

export function unitRoutes(db: Db): Router {
  const r = Router();

  const feedback = {
    method: 'post',
    path: '/pushes/:id/feedback',
    tag: 'units',
    roles: ['COOPERATING_UNIT'],
    body: executionFeedbackSchema,
    status: 201,
    response: feedbackSchema,
  } as const;
  endpoint(
    r,
    { ...feedback, summary: ['执行反馈（按措施、按对象）', 'Execution feedback on one measure, on one subject'] },
    async (req, res) => {
      const user = req.user!;
      const push = await db.push.findUnique({ where: { id: String(req.params.id) } });
      if (!push || push.departmentId !== user.departmentId) throw new Problem(404, say(req, 'noSuchPush'));
      const parsed = executionFeedbackSchema.safeParse(req.body);
      if (!parsed.success) throw zodProblem(req, parsed.error);
      const author = { departmentId: push.departmentId, departmentName: user.departmentName ?? '', actor: user, apiKeyId: null };
      res.status(201).json(await recordFeedback(db, req, author, push.caseId, parsed.data));
    },
  );

  const execution = {
    method: 'get',
    path: '/cases/:id/execution',
    tag: 'units',
    roles: ['CASEWORKER', 'SUPERVISOR'],
    access: { kind: 'CASE_EXECUTION', target: { case: 'id' } },
    response: z.array(unitExecutionSchema),
  } as const;
  endpoint(
    r,
    { ...execution, summary: ['各配合单位的签收与执行反馈', "Each unit's acknowledgement and execution feedback"] },
    async (req, res) => {
      const user = req.user!;
      const c = await db.case.findUnique({ where: { id: String(req.params.id) } });
      if (!c || c.departmentId !== user.departmentId) throw new Problem(404, say(req, 'noSuchCase'));
      const pushes = await db.push.findMany({ where: { caseId: c.id }, orderBy: { pushedAt: 'asc' }, include: { department: true } });
      const feedback = await db.executionFeedback.findMany({ where: { caseId: c.id }, orderBy: { recordedAt: 'asc' } });
      const units = [...new Map(pushes.map((p) => [p.departmentId, p.department.name])).entries()];
      res.json(
        await Promise.all(
          units.map(async ([departmentId, department]) => ({
            department,
            pushes: pushes.filter((p) => p.departmentId === departmentId).map((p) => ({ ...p, ...overdueOf(p) })),
            targets: await targetsOf(db, c.id, departmentId),
            feedback: feedback.filter((f) => f.departmentId === departmentId).map(feedbackView),
          })),
        ),
      );
    },
  );

  const mine = {
    method: 'get',
    path: '/cases/:id/my-measures',
    tag: 'units',
    roles: ['PARTY'],
    access: { kind: 'CASE_MY_MEASURES', target: { case: 'id' } },
    response: z.array(partyMeasureSchema),
  } as const;
  endpoint(
    r,
    { ...mine, summary: ['当事人：对本人适用中的与已解除的惩戒措施', 'The measures on the party: in force now, and lifted'] },
    async (req, res) => {
      const code = req.user!.subjectCode ?? '-';
      const c = await db.case.findFirst({
        where: {
          id: String(req.params.id),
          OR: [{ subjectCode: code }, { responsiblePersons: { some: { personCode: code } } }],
          state: { notIn: ['AWAITING_NOTICE_APPROVAL', 'DRAFT_RETURNED'] },
        },
      });
      if (!c) throw new Problem(404, say(req, 'noSuchCase'));
      const measures = await db.caseMeasure.findMany({
        where: { caseId: c.id, subjectCode: code },
        include: { measure: { include: { implementingDepartment: true } } },
        orderBy: { measureId: 'asc' },
      });
      const lifted = await db.executionFeedback.findMany({
        where: { caseId: c.id, subjectCode: code, outcome: 'LIFTED' },
        orderBy: { recordedAt: 'asc' },
      });
      res.json(
        measures.map((m) => {
          const standing = c.listedAt ? standingOf(c, m) : 'IN_FORCE';
          return {
            measureId: m.measureId,
            content: m.measure.content,
            subjectCode: m.subjectCode,
            implementingDepartment: m.measure.implementingDepartment.name,
            standing,
            since: c.listedAt,
            liftedAt: m.liftedAt ?? c.removedAt,
            liftedByUnitOn: standing === 'LIFTED' ? (lifted.findLast((f) => f.measureId === m.measureId)?.on ?? null) : null,
          };
        }),
      );
    },
  );

  const staff = ['CASEWORKER', 'SUPERVISOR'] as const;
  const watch = {
    method: 'get',
    path: '/deadlines/units',
    tag: 'deadlines',
    roles: staff,
    access: { kind: 'UNIT_DEADLINES' },
    query: unitDeadlineQuerySchema,
    response: unitDeadlinePageSchema,
  } as const;
  endpoint(
    r,
    {
      ...watch,
      summary: [
        '期限监控：配合单位的签收、反馈与解除期限（分页，最近的在前）',
        "The units' deadlines on the department's cases, paged, nearest first",
      ],
    },
    async (req, res) => {
      const f = searchOf(req, unitDeadlineQuerySchema);
      const user = req.user!;
      const department = user.departmentId ?? '-';
      // A push has up to two open deadlines (its acknowledgement; its first feedback or lifting): each
      // is a row, all of them in the order they fall due, paged in the database with their total.
      const open = Prisma.sql`
        SELECT p.id, 'ACKNOWLEDGEMENT' AS kind, p."acknowledgeBy" AS "dueAt"
          FROM "Push" p JOIN "Case" c ON c.id = p."caseId"
         WHERE p.status = 'PENDING' AND p."acknowledgeBy" IS NOT NULL AND c."departmentId" = ${department}
        UNION ALL
        SELECT p.id, CASE WHEN p.kind = 'LISTING' THEN 'FIRST_FEEDBACK' ELSE 'LIFTING' END, p."feedbackBy"
          FROM "Push" p JOIN "Case" c ON c.id = p."caseId"
         WHERE p."feedbackBy" IS NOT NULL AND p."feedbackDoneAt" IS NULL AND c."departmentId" = ${department}`;
      const { skip, take } = pageArgs(f);
      const [[counted], found] = await Promise.all([
        db.$queryRaw<{ total: bigint }[]>`SELECT count(*) AS total FROM (${open}) o`,
        db.$queryRaw<{ id: string; kind: 'ACKNOWLEDGEMENT' | 'FIRST_FEEDBACK' | 'LIFTING'; dueAt: Date }[]>`
          SELECT * FROM (${open}) o ORDER BY "dueAt", id, kind LIMIT ${take} OFFSET ${skip}`,
      ]);
      const pushes = new Map(
        (
          await db.push.findMany({
            where: { id: { in: found.map((o) => o.id) } },
            include: { department: true, case: { select: { id: true, caseNumber: true, subjectName: true } } },
          })
        ).map((p) => [p.id, p]),
      );
      const left = await workingDaysLeftFn(db);
      const dayOf = (at: Date) => new Date(`${shanghaiDate(new Date(at.getTime() - 1))}T00:00:00Z`);
      const rows = found.map(({ id, kind, dueAt }) => {
        const p = pushes.get(id)!;
        const late = overdueOf(p);
        return {
          pushId: p.id,
          kind,
          pushKind: p.kind,
          unit: p.department.name,
          dueAt,
          overdue: kind === 'ACKNOWLEDGEMENT' ? late.acknowledgementOverdue : late.feedbackOverdue,
          workingDaysLeft: left(dayOf(dueAt)),
          case: p.case,
        };
      });
      res.json(pageAnswer(f, Number(counted?.total ?? 0), rows));
    },
  );

  // ── The administrator: each unit's keys and webhook ──────────────────────────────────────
  const admin = ['ADMINISTRATOR'] as const;
  const unit = async (id: string, req: Parameters<typeof say>[0]) => {
    const d = await db.department.findUnique({ where: { id } });
    if (!d || !(await db.measure.count({ where: { implementingDepartmentId: id } }))) throw new Problem(404, say(req, 'noSuchUnit'));
    return d;
  };

  const units = { method: 'get', path: '/units', tag: 'unit-admin', roles: admin, access: false, response: z.array(unitSchema) } as const;
  endpoint(
    r,
    { ...units, summary: ['配合单位及其接口密钥、回调地址', 'Cooperating units, their API keys and webhooks'] },
    async (_req, res) => {
      const rows = await db.department.findMany({
        where: { measures: { some: {} } },
        orderBy: { code: 'asc' },
        include: { apiKeys: { orderBy: { createdAt: 'desc' } }, webhook: true },
      });
      res.json(rows);
    },
  );

  const createKey = {
    method: 'post',
    path: '/units/:id/api-keys',
    tag: 'unit-admin',
    roles: admin,
    body: apiKeyInputSchema,
    status: 201,
    response: createdApiKeySchema,
  } as const;
  endpoint(
    r,
    { ...createKey, summary: ['为配合单位创建接口密钥（仅显示一次）', 'Create an API key for a unit (shown once)'] },
    async (req, res) => {
      const d = await unit(String(req.params.id), req);
      const parsed = apiKeyInputSchema.safeParse(req.body);
      if (!parsed.success) throw zodProblem(req, parsed.error);
      const token = `cuk_${randomBytes(32).toString('base64url')}`;
      const key = await db.unitApiKey.create({
        data: { departmentId: d.id, name: parsed.data.name, hash: digestKey(token), prefix: token.slice(0, 10), createdBy: req.user!.name },
      });
      res.status(201).json({ ...key, token });
    },
  );

  const revokeKey = {
    method: 'delete',
    path: '/units/:id/api-keys/:keyId',
    tag: 'unit-admin',
    roles: admin,
    response: apiKeySchema,
  } as const;
  endpoint(r, { ...revokeKey, summary: ['吊销接口密钥', 'Revoke an API key'] }, async (req, res) => {
    const key = await db.unitApiKey.findUnique({ where: { id: String(req.params.keyId) } });
    if (!key || key.departmentId !== String(req.params.id)) throw new Problem(404, say(req, 'noSuchApiKey'));
    const { count } = await db.unitApiKey.updateMany({
      where: { id: key.id, revokedAt: null },
      data: { revokedAt: new Date(), revokedBy: req.user!.name },
    });
    if (count === 0) throw new Problem(409, say(req, 'apiKeyRevokedAlready'));
    res.json(await db.unitApiKey.findUniqueOrThrow({ where: { id: key.id } }));
  });

  const setHook = {
    method: 'put',
    path: '/units/:id/webhook',
    tag: 'unit-admin',
    roles: admin,
    body: webhookInputSchema,
    response: createdWebhookSchema,
  } as const;
  endpoint(
    r,
    { ...setHook, summary: ['设置配合单位的回调地址（新签名密钥仅显示一次）', "Set a unit's webhook (its new signing secret shown once)"] },
    async (req, res) => {
      const d = await unit(String(req.params.id), req);
      const parsed = webhookInputSchema.safeParse(req.body);
      if (!parsed.success) throw zodProblem(req, parsed.error);
      const data = { ...parsed.data, secret: randomBytes(32).toString('base64url'), createdBy: req.user!.name, createdAt: new Date() };
      const hook = await db.unitWebhook.upsert({ where: { departmentId: d.id }, create: { departmentId: d.id, ...data }, update: data });
      res.json(hook);
    },
  );

  const deliveries = {
    method: 'get',
    path: '/units/:id/webhook/deliveries',
    tag: 'unit-admin',
    roles: ['ADMINISTRATOR', 'COOPERATING_UNIT'],
    access: { kind: 'WEBHOOK_DELIVERIES' },
    response: z.array(webhookDeliverySchema),
  } as const;
  endpoint(r, { ...deliveries, summary: ['回调投递记录（每次尝试）', "A unit's webhook deliveries, every attempt"] }, async (req, res) => {
    const id = String(req.params.id);
    if (req.user!.role === 'COOPERATING_UNIT' && req.user!.departmentId !== id) throw new Problem(404, say(req, 'noSuchUnit'));
    const rows = await db.webhookDelivery.findMany({
      where: { departmentId: id },
      orderBy: { createdAt: 'desc' },
      take: 200,
      include: { attempts: { orderBy: { attempt: 'asc' } } },
    });
    res.json(rows);
  });

  return r;
}
