// Designation cases: file (starts the workflow), list, read, and the human steps (workflow Updates).
import { randomUUID } from 'node:crypto';
import { Router, type Request } from 'express';
import { WorkflowNotFoundError, WorkflowUpdateFailedError, type Client, type WorkflowHandle } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import type { Db } from '../../activities/db';
import { workingDaysLeftFn } from '../../activities/calendar';
import { designationSchema, type DesignationInput } from '../../domain/schemas';
import { MATTERS, STEPS, STEP_NAMES, stepPath, type StepBody, type StepEntry, type StepName } from '../../domain/steps';
import { TASK_QUEUE, designationWorkflowId, type CaseProgress, type PartyActor, type RejectionCode } from '../../domain/procedure';
import { BASIS_KINDS, TIERS } from '../../domain/vocabulary';
import { designationWorkflow } from '../../workflows/designation';
import { STEP_UPDATES, progress } from '../../workflows/messages';
import { requireRole, type SessionUser } from '../auth';
import { Problem, say, zodProblem } from '../problem';
import { translateMessage } from '../../domain/messages';
import type { Prisma } from '../../generated/prisma/client';

const REJECTION_STATUS: Record<RejectionCode, number> = {
  WRONG_ROLE: 403,
  NOT_THE_PARTY: 403,
  WRONG_DEPARTMENT: 403,
  WRONG_STATE: 409,
  LATE: 409,
  STALE: 409,
  NOT_ELIGIBLE: 409,
  ALREADY_OPEN: 409,
  UNKNOWN_MATTER: 404,
  IN_PROGRESS: 409,
  NOT_RECORDED: 422,
};

/** Which cases a user may see: their department's, the party's own, every listed one for cooperating units. */
function visibleTo(user: SessionUser): Prisma.CaseWhereInput {
  switch (user.role) {
    case 'ADMINISTRATOR':
      return {};
    case 'CASEWORKER':
    case 'SUPERVISOR':
      return { departmentId: user.departmentId ?? '-' };
    case 'PARTY':
      // A draft is internal to the office until its notice is served.
      return { subjectCode: user.subjectCode ?? '-', state: { notIn: ['AWAITING_NOTICE_APPROVAL', 'DRAFT_RETURNED'] } };
    case 'COOPERATING_UNIT':
      return { pushes: { some: { departmentId: user.departmentId ?? '-' } } };
  }
}

export function caseRoutes(db: Db, temporal: Client): Router {
  const r = Router();

  r.get('/reference', requireRole('CASEWORKER', 'SUPERVISOR', 'COOPERATING_UNIT', 'PARTY', 'ADMINISTRATOR'), async (_req, res) => {
    const [listTypes, measures] = await Promise.all([
      db.listType.findMany({ orderBy: { code: 'asc' } }),
      db.measure.findMany({
        where: { active: true },
        orderBy: { id: 'asc' },
        include: { implementingDepartment: { select: { name: true } } },
      }),
    ]);
    res.json({ listTypes, measures, tiers: TIERS, basisKinds: BASIS_KINDS });
  });

  r.post('/cases', requireRole('CASEWORKER'), async (req, res) => {
    const parsed = designationSchema.safeParse(req.body);
    if (!parsed.success) throw zodProblem(req, parsed.error);
    const form = parsed.data;
    await checkAgainstCatalogue(db, req, form);
    // One active listing per subject, list type and basis: a second filing links the first.
    const existing = await db.case.findFirst({
      where: {
        subjectCode: form.subjectCode,
        listType: form.listType,
        basisNumber: form.basis.number,
        state: { notIn: ['CLOSED_NOT_LISTED', 'REMOVED'] },
      },
      select: { id: true, caseNumber: true },
    });
    if (existing) {
      throw new Problem(
        409,
        say(
          req,
          `该主体已因同一依据列入同类名单，见案件 ${existing.caseNumber}`,
          `This subject already has an active case on the same list and basis: ${existing.caseNumber}`,
        ),
        undefined,
        {
          code: 'DUPLICATE_LISTING',
          existingCaseId: existing.id,
          existingCaseNumber: existing.caseNumber,
          existingCaseUrl: `/cases/${existing.id}`,
        },
      );
    }
    const user = req.user!;
    const caseId = randomUUID();
    await temporal.workflow.start(designationWorkflow, {
      taskQueue: TASK_QUEUE,
      workflowId: designationWorkflowId(caseId),
      args: [{ caseId, departmentId: user.departmentId!, filedBy: actorOf(user), form }],
    });
    // The first activity records the case and serves the notice; wait briefly so the caseworker
    // lands on a page with its number and deadline.
    const recorded = await waitFor(() => db.case.findUnique({ where: { id: caseId } }), 15_000);
    res
      .status(recorded ? 201 : 202)
      .location(`/api/cases/${caseId}`)
      .json({ id: caseId, caseNumber: recorded?.caseNumber ?? null });
  });

  r.get('/cases', requireRole('CASEWORKER', 'SUPERVISOR', 'COOPERATING_UNIT', 'PARTY', 'ADMINISTRATOR'), async (req, res) => {
    const rows = await db.case.findMany({
      where: visibleTo(req.user!),
      orderBy: { createdAt: 'desc' },
      take: 200,
      select: {
        id: true,
        caseNumber: true,
        subjectName: true,
        subjectCode: true,
        subjectType: true,
        listType: true,
        tier: true,
        state: true,
        deadlineDate: true,
        deadlineAt: true,
        deadlineProvisional: true,
        createdAt: true,
      },
    });
    // Supervisors watch deadlines: each running deadline with its working days left, one calendar read.
    const left = await workingDaysLeftFn(db);
    res.json(rows.map((r) => ({ ...r, workingDaysLeft: left(r.deadlineDate) })));
  });

  r.get('/cases/:id', requireRole('CASEWORKER', 'SUPERVISOR', 'COOPERATING_UNIT', 'PARTY', 'ADMINISTRATOR'), async (req, res) => {
    const c = await findVisible(db, req, String(req.params.id));
    const full = await db.case.findUniqueOrThrow({
      where: { id: c.id },
      include: {
        department: { select: { name: true } },
        policy: { select: { code: true, version: true, name: true, noticeWorkingDays: true } },
        statements: { orderBy: { filedAt: 'asc' } },
        responsiblePersons: { select: { role: true, name: true, personCode: true } },
        documents: { select: { id: true, kind: true, number: true, fileName: true, createdAt: true }, orderBy: { createdAt: 'asc' } },
        measures: { include: { measure: { include: { implementingDepartment: { select: { name: true } } } } } },
        pushes: { include: { department: { select: { name: true } } }, orderBy: { pushedAt: 'asc' } },
        events: { orderBy: [{ at: 'asc' }, { seq: 'asc' }] },
        deadlines: { orderBy: { startedAt: 'asc' } },
        objections: { orderBy: { filedAt: 'asc' } },
        repairApplications: { orderBy: { filedAt: 'asc' } },
      },
    });
    // The workflow's own view: the revision a step form must carry, and what is open right now.
    const procedure = await queryProgress(temporal.workflow.getHandle(full.workflowId), actorOf(req.user!));
    res.json({ ...full, procedure, workingDaysLeft: (await workingDaysLeftFn(db))(full.deadlineDate) });
  });

  r.get(
    '/cases/:id/documents/:documentId',
    requireRole('CASEWORKER', 'SUPERVISOR', 'COOPERATING_UNIT', 'PARTY', 'ADMINISTRATOR'),
    async (req, res) => {
      const c = await findVisible(db, req, String(req.params.id));
      const doc = await db.document.findFirst({ where: { id: String(req.params.documentId), caseId: c.id } });
      if (!doc) throw new Problem(404, say(req, '文书不存在', 'No such document'));
      res
        .type('application/pdf')
        .set('Content-Disposition', `attachment; filename="document.pdf"; filename*=UTF-8''${encodeURIComponent(doc.fileName)}`)
        .set('X-Document-SHA256', doc.sha256)
        .send(Buffer.from(doc.content));
    },
  );

  // Every human step of the catalogue (domain/steps.ts): the body checked against its schema, then
  // the workflow Update, whose validator decides (role, open step, stale form, lateness) and
  // changes nothing if it refuses.
  const extraChecks: Partial<Record<StepName, (body: never, req: Request) => Promise<void>>> = {
    reviseDraft: (body: StepBody<'reviseDraft'>, req) => checkAgainstCatalogue(db, req, body.form),
  };
  for (const name of STEP_NAMES) {
    const entry: StepEntry = STEPS[name];
    r.post(`/cases/:id/${stepPath(name)}`, requireRole(...entry.roles), async (req, res) => {
      const c = await findVisible(db, req, String(req.params.id));
      const parsed = entry.schema.safeParse(req.body);
      if (!parsed.success) throw zodProblem(req, parsed.error);
      await extraChecks[name]?.(parsed.data as never, req);
      const request = {
        ...parsed.data,
        actor: actorOf(req.user!),
        ...(entry.matter ? { [MATTERS[entry.matter].idField]: String(req.params.matterId) } : {}),
      };
      const handle = temporal.workflow.getHandle(c.workflowId);
      res.json(
        await update(req, () =>
          handle.executeUpdate(STEP_UPDATES[name] as UpdateDefinition<unknown, [typeof request]>, { args: [request] }),
        ),
      );
    });
  }

  return r;
}

/** Who takes a step: the signed-in user, and for a party the subject it speaks for. */
const actorOf = (u: SessionUser) => ({
  userId: u.userId,
  name: u.name,
  role: u.role,
  departmentId: u.departmentId,
  ...(u.role === 'PARTY' ? { subjectCode: u.subjectCode } : {}),
});

/** The list type exists and every chosen measure is a recommended one of it in the catalogue. */
async function checkAgainstCatalogue(db: Db, req: Request, form: DesignationInput): Promise<void> {
  if (!(await db.listType.findUnique({ where: { code: form.listType } }))) {
    throw new Problem(400, say(req, '表单填写有误', 'The form has errors'), 'listType', {
      errors: [{ field: 'listType', code: 'listType.unknown', message: say(req, '名单类型不存在', 'Unknown list type') }],
    });
  }
  // Nothing outside the catalogue: chosen measures must be recommended ones of this list type.
  const chosen = await db.measure.findMany({
    where: { id: { in: form.recommendedMeasures }, active: true, mandatory: false, listTypes: { has: form.listType } },
    select: { id: true },
  });
  if (chosen.length !== new Set(form.recommendedMeasures).size) {
    throw new Problem(400, say(req, '表单填写有误', 'The form has errors'), 'recommendedMeasures', {
      errors: [
        {
          field: 'recommendedMeasures',
          code: 'measures.notInCatalogue',
          message: say(req, translateMessage('measures.notInCatalogue', 'zh-CN'), translateMessage('measures.notInCatalogue', 'en')),
        },
      ],
    });
  }
}

async function findVisible(db: Db, req: Request, id: string) {
  const c = await db.case.findFirst({ where: { AND: [{ id }, visibleTo(req.user!)] } });
  if (!c) throw new Problem(404, say(req, '案件不存在或您无权查看', 'No such case, or not yours to see'));
  return c;
}

/** Runs a workflow Update; a validator's refusal becomes a problem response with its reason. */
async function update<T>(req: Request, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError) {
      const cause = err.cause as { type?: RejectionCode; message?: string; details?: unknown[] } | undefined;
      const code = cause?.type;
      if (!code || !(code in REJECTION_STATUS)) throw notNow(req);
      const en = typeof cause?.details?.[0] === 'string' ? (cause.details[0] as string) : cause?.message;
      throw new Problem(REJECTION_STATUS[code], say(req, cause?.message ?? '操作被拒绝', en ?? 'Refused'), undefined, { code });
    }
    // The procedure has ended (its workflow completed): nothing more can be done on the case.
    if (err instanceof WorkflowNotFoundError || /already completed|workflow execution.*(completed|not found)/i.test(String(err)))
      throw notNow(req);
    throw err;
  }
}

const notNow = (req: Request) =>
  new Problem(409, say(req, '案件当前所处阶段不能办理此事项', 'This step cannot be taken at the current stage of the case'), undefined, {
    code: 'WRONG_STATE',
  });

/** The workflow's progress, or null when it cannot answer in time (the case page then reads only). */
async function queryProgress(handle: WorkflowHandle, actor: PartyActor): Promise<CaseProgress | null> {
  const timeout = new Promise<null>((resolve) => setTimeout(resolve, 3000, null).unref());
  return Promise.race([handle.query(progress, actor).catch(() => null), timeout]);
}

async function waitFor<T>(probe: () => Promise<T | null>, timeoutMs: number): Promise<T | null> {
  const until = Date.now() + timeoutMs;
  for (const delay = 25; Date.now() < until;) {
    const v = await probe();
    if (v) return v;
    await new Promise((r) => setTimeout(r, delay));
  }
  return null;
}
