// Designation cases: file (starts the workflow), list, read, and the human steps (workflow Updates).
import { randomUUID } from 'node:crypto';
import { Router, type Request } from 'express';
import { WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import type { Db } from '../../activities/db';
import { loadCalendar } from '../../activities/calendar';
import { designationSchema, earlyRemovalSchema, reviewDecisionSchema, statementSchema } from '../../domain/schemas';
import { TASK_QUEUE, designationWorkflowId, type RejectionCode } from '../../domain/procedure';
import { shanghaiDate, workingDaysBetween } from '../../domain/workdays';
import { BASIS_KINDS, TIERS } from '../../domain/vocabulary';
import { decideReview, designationWorkflow, fileStatement, removeEarly } from '../../workflows/designation';
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
      return { subjectCode: user.subjectCode ?? '-' };
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
      },
    });
    res.json({ ...full, workingDaysLeft: (await workingDaysLeftFn(db))(full.deadlineDate) });
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

  r.post('/cases/:id/statements', requireRole('PARTY', 'CASEWORKER'), async (req, res) => {
    const c = await findVisible(db, req, String(req.params.id));
    const parsed = statementSchema.safeParse(req.body);
    if (!parsed.success) throw zodProblem(req, parsed.error);
    const result = await update(req, () =>
      temporal.workflow
        .getHandle(c.workflowId)
        .executeUpdate(fileStatement, { args: [{ ...parsed.data, actor: { ...actorOf(req.user!), subjectCode: req.user!.subjectCode } }] }),
    );
    res.status(201).json(result);
  });

  r.post('/cases/:id/review', requireRole('CASEWORKER'), async (req, res) => {
    const c = await findVisible(db, req, String(req.params.id));
    const parsed = reviewDecisionSchema.safeParse(req.body);
    if (!parsed.success) throw zodProblem(req, parsed.error);
    const result = await update(req, () =>
      temporal.workflow.getHandle(c.workflowId).executeUpdate(decideReview, { args: [{ ...parsed.data, actor: actorOf(req.user!) }] }),
    );
    res.json(result);
  });

  r.post('/cases/:id/removal', requireRole('SUPERVISOR'), async (req, res) => {
    const c = await findVisible(db, req, String(req.params.id));
    const parsed = earlyRemovalSchema.safeParse(req.body);
    if (!parsed.success) throw zodProblem(req, parsed.error);
    const result = await update(req, () =>
      temporal.workflow.getHandle(c.workflowId).executeUpdate(removeEarly, { args: [{ ...parsed.data, actor: actorOf(req.user!) }] }),
    );
    res.json(result);
  });

  return r;
}

/** Working days from today (Asia/Shanghai) to a deadline day; 0 on the day itself or after it. */
async function workingDaysLeftFn(db: Db): Promise<(deadlineDate: Date | null) => number | null> {
  const today = shanghaiDate(new Date());
  const calendar = await loadCalendar(db, Number(today.slice(0, 4)));
  return (deadlineDate) => (deadlineDate ? workingDaysBetween(calendar, today, deadlineDate.toISOString().slice(0, 10)) : null);
}

const actorOf = (u: SessionUser) => ({ userId: u.userId, name: u.name, role: u.role, departmentId: u.departmentId });

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
      const status = (code && REJECTION_STATUS[code]) ?? 409;
      const en = typeof cause?.details?.[0] === 'string' ? (cause.details[0] as string) : cause?.message;
      throw new Problem(status, say(req, cause?.message ?? '操作被拒绝', en ?? 'Refused'), undefined, { code });
    }
    throw err;
  }
}

async function waitFor<T>(probe: () => Promise<T | null>, timeoutMs: number): Promise<T | null> {
  const until = Date.now() + timeoutMs;
  for (let delay = 50; Date.now() < until; delay = Math.min(delay * 2, 500)) {
    const v = await probe();
    if (v) return v;
    await new Promise((r) => setTimeout(r, delay));
  }
  return null;
}
