// Designation cases: file (starts the workflow), list, read, and the human steps (workflow Updates).
import { randomUUID } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import {
  WithStartWorkflowOperation,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  type Client,
  type WorkflowHandle,
} from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import type { Db } from '../../activities/db';
import { listTypes } from '../../activities/reference-data';
import { workingDaysLeftFn } from '../../activities/calendar';
import { listTypeFacts } from '../list-types';
import { previewDocument } from '../../activities/documents';
import { objectionDeadline, repairDeadline } from '../../activities/listing';
import { REVIEW_DEADLINE, receiptNumber } from '../../domain/procedure';
import { designationSchema, redListingSchema, type DesignationInput } from '../../domain/schemas';
import { MATTERS, STEPS, STEP_NAMES, mayTake, stepPath, type StepBody, type StepEntry, type StepName } from '../../domain/steps';
import {
  TASK_QUEUE,
  designationWorkflowId,
  redListingWorkflowId,
  type CaseProgress,
  type DuplicateOf,
  type Filing,
  type PartyActor,
  type RejectionCode,
} from '../../domain/procedure';
import { BLACK_BASIS_KINDS, RED_BASIS_KINDS, TIERS, type DeadlineKind, type ListKind } from '../../domain/vocabulary';
import { redListingWorkflow } from '../../workflows/red-listing';
import { blackListingsInField } from '../../activities/red-listing';
import { activeListingKey } from '../../activities/designation';
import { catalogueIssues, derivedId, duplicateOf, loadCatalogue, startDesignation } from '../../activities/filing';
import { STEP_UPDATES, filed, progress } from '../../workflows/messages';
import type { SessionUser } from '../auth';
import { endpoint } from '../endpoints';
import { noteAccess, purposeOf, requirePurpose } from '../access-log';
import { PURPOSE_ROLES } from '../../domain/access';
import { caseViewFor, documentsVisibleTo, openStepsFor, visibleTo } from '../case-views';
import { followUp, SETTLE_WAIT_MS } from '../../domain/progress';
import { attachmentsVisibleTo, checkAttachments, sendAttachment } from '../attachments';
import {
  batchNoticeApprovalResultSchema,
  batchNoticeApprovalSchema,
  caseDetailSchema,
  casePageSchema,
  caseQuerySchema,
  caseReadSchema,
  filingResultSchema,
  referenceSchema,
  stepResultSchema,
} from '../../domain/api';
import { Problem, localeOf, say, zodProblem } from '../problem';
import type { Locale } from '../../domain/i18n';
import { translateMessage } from '../../domain/messages';
import { translate, translateCode } from '../../domain/i18n';
import { shanghaiDate, shanghaiDateTime } from '../../domain/workdays';
import { batches, instantsOn, pageAnswer, pageArgs, searchOf, sendXlsx } from '../lists';
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
  DUPLICATE_LISTING: 409,
  DISHONEST_IN_FIELD: 409,
  INVALID_DATE: 422,
};

export function caseRoutes(db: Db, temporal: Client): Router {
  const r = Router();

  // Who reads cases (api/case-views.ts says what of them): the administrator runs the system and reads none.
  const everyone = ['CASEWORKER', 'SUPERVISOR', 'COOPERATING_UNIT', 'PARTY'] as const;
  // The catalogue (list types and measures) names no one: the auditor reads it for the audit trail's words.
  const reference = {
    method: 'get',
    path: '/reference',
    tag: 'cases',
    roles: [...everyone, 'ADMINISTRATOR', 'AUDITOR'],
    access: false,
    response: referenceSchema,
  } as const;
  endpoint(r, { ...reference, summary: ['名单类型和惩戒措施清单', 'List types and the measures catalogue'] }, async (_req, res) => {
    const [types, measures] = await Promise.all([
      listTypes(db),
      db.measure.findMany({
        where: { active: true },
        orderBy: { id: 'asc' },
        include: { implementingDepartment: { select: { name: true } } },
      }),
    ]);
    res.json({ listTypes: types, measures, tiers: TIERS, basisKinds: BLACK_BASIS_KINDS, redBasisKinds: RED_BASIS_KINDS });
  });

  /**
   * Files a case (a designation or a red listing) by starting its workflow and waiting on the
   * workflow itself: answered once the case is recorded and numbered. One active listing per
   * subject, list type and basis: a second filing is answered with the first.
   */
  async function fileCase(
    req: Request,
    res: Response,
    caseId: string,
    form: Parameters<typeof activeListingKey>[0],
    workflowId: string,
    start: (op: {
      taskQueue: string;
      workflowId: string;
      workflowIdConflictPolicy: 'USE_EXISTING';
      workflowIdReusePolicy: 'REJECT_DUPLICATE';
    }) => Promise<Filing>,
  ): Promise<void> {
    const existing = await db.case.findUnique({
      where: { activeListingKey: activeListingKey(form) },
      select: { id: true, caseNumber: true },
    });
    // (The same filing repeated under its Idempotency-Key finds its own case: that is no duplicate.)
    if (existing && existing.id !== caseId) throw duplicateProblem(req, existing);
    try {
      const done = await start({
        taskQueue: TASK_QUEUE,
        workflowId,
        workflowIdConflictPolicy: 'USE_EXISTING',
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
      });
      res.status(201).location(`/api/cases/${caseId}`).json({ id: caseId, caseNumber: done.caseNumber, procedure: done.progress });
    } catch (err) {
      const duplicate = duplicateOf(err);
      if (duplicate) throw duplicateProblem(req, duplicate);
      // The same filing again after its workflow moved on: answer with the case it filed.
      const recorded = await db.case.findUnique({ where: { id: caseId }, select: { caseNumber: true } });
      if (recorded) return void res.status(200).location(`/api/cases/${caseId}`).json({ id: caseId, caseNumber: recorded.caseNumber });
      throw err;
    }
  }

  const filing = { method: 'post', path: '/cases', tag: 'cases', roles: ['CASEWORKER'], body: designationSchema } as const;
  const filed201 = { ...filing, status: 201, response: filingResultSchema } as const;
  endpoint(
    r,
    {
      ...filed201,
      summary: ['立案（可带 Idempotency-Key 头，重复提交不重复立案）', 'File a case (an Idempotency-Key header makes a repeat safe)'],
    },
    async (req, res) => {
      const parsed = designationSchema.safeParse(req.body);
      if (!parsed.success) throw zodProblem(req, parsed.error);
      const form = parsed.data;
      await checkAgainstCatalogue(db, req, form);
      const user = req.user!;
      // A repeated filing (the network dropped the answer, the user pressed again) carries the same
      // Idempotency-Key, names the same case and workflow, and files nothing twice.
      const caseId = caseIdFor(req, user);
      // (A repeated filing names the scans it already filed with this case.)
      await checkAttachments(db, req, form.basis.attachments, 'basis.attachments', { caseId, purpose: 'BASIS_DOCUMENT' });
      // (The same path as a row of an import batch: activities/filing.ts.)
      await fileCase(req, res, caseId, form, designationWorkflowId(caseId), () =>
        startDesignation(temporal, { caseId, departmentId: user.departmentId!, actor: actorOf(user), form }),
      );
    },
  );

  const redFiling = { method: 'post', path: '/red-listings', tag: 'cases', roles: ['CASEWORKER'], body: redListingSchema } as const;
  endpoint(
    r,
    {
      ...redFiling,
      status: 201,
      response: filingResultSchema,
      summary: [
        '列入守信激励对象名单（红名单）立案（可带 Idempotency-Key 头）',
        'File a red listing (an Idempotency-Key header makes a repeat safe)',
      ],
    },
    async (req, res) => {
      const parsed = redListingSchema.safeParse(req.body);
      if (!parsed.success) throw zodProblem(req, parsed.error);
      const form = parsed.data;
      await checkAgainstCatalogue(db, req, form, 'RED');
      const user = req.user!;
      const caseId = caseIdFor(req, user);
      await checkAttachments(db, req, form.basis.attachments, 'basis.attachments', { caseId, purpose: 'BASIS_DOCUMENT' });
      // Not while on a black list of the same field (红黑名单不得并存); the listing checks again.
      const list = await db.listType.findUniqueOrThrow({ where: { code: form.listType } });
      const [black] = await blackListingsInField(db, form.subjectCode, list.field);
      if (black) {
        throw new Problem(409, say(req, 'dishonestInField', black.listTypeName, black.caseNumber), undefined, {
          code: 'DISHONEST_IN_FIELD',
          existingCaseId: black.id,
          existingCaseNumber: black.caseNumber,
        });
      }
      await fileCase(req, res, caseId, form, redListingWorkflowId(caseId), (op) =>
        temporal.workflow.executeUpdateWithStart(filed, {
          args: [actorOf(user)],
          startWorkflowOperation: new WithStartWorkflowOperation(redListingWorkflow, {
            ...op,
            args: [{ caseId, departmentId: user.departmentId!, filedBy: actorOf(user), form }],
          }),
        }),
      );
    },
  );

  /** The cases the user may see that the search form asks for. */
  const searched = async (req: Request) => {
    const f = searchOf(req, caseQuerySchema);
    const redLists = f.listKind ? (await listTypes(db)).filter((t) => t.kind === f.listKind).map((t) => t.code) : null;
    const where: Prisma.CaseWhereInput = {
      AND: [
        visibleTo(req.user!),
        f.q ? { OR: [{ subjectName: { contains: f.q } }, { subjectCode: f.q.toUpperCase() }, { caseNumber: { contains: f.q } }] } : {},
        f.state.length ? { state: { in: f.state } } : {},
        f.listType ? { listType: f.listType } : {},
        redLists ? { listType: { in: redLists } } : {},
        f.importBatch ? { importRows: { some: { batchId: f.importBatch } } } : {},
        // A day of filing is a Beijing day: from its 00:00 to the next day's 00:00.
        { createdAt: instantsOn(f.from, f.to) },
      ],
    };
    const orderBy: Prisma.CaseOrderByWithRelationInput[] = [
      f.sort === 'deadlineAt' ? { deadlineAt: { sort: f.order, nulls: 'last' } } : { [f.sort]: f.order },
      { id: 'asc' },
    ];
    return { f, where, orderBy };
  };
  const summary = {
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
    updatedAt: true,
  } as const;

  const list = {
    method: 'get',
    path: '/cases',
    tag: 'cases',
    roles: everyone,
    access: { kind: 'CASE_LIST' },
    query: caseQuerySchema,
    response: casePageSchema,
  } as const;
  endpoint(
    r,
    { ...list, summary: ['案件查询（本人可见的，分页）', 'The cases the user may see, searched and paged'] },
    async (req, res) => {
      const { f, where, orderBy } = await searched(req);
      const [total, rows] = await Promise.all([
        db.case.count({ where }),
        db.case.findMany({ where, orderBy, ...pageArgs(f), select: summary }),
      ]);
      // Supervisors watch deadlines: each running deadline with its working days left, one calendar read.
      const left = await workingDaysLeftFn(db);
      const lists = await listTypeFacts(db);
      res.json(
        pageAnswer(
          f,
          total,
          rows.map((r) => ({ ...r, ...lists(r.listType), workingDaysLeft: left(r.deadlineDate) })),
        ),
      );
    },
  );

  const exported = {
    method: 'get',
    path: '/cases/export.xlsx',
    tag: 'cases',
    roles: everyone,
    access: { kind: 'CASE_EXPORT' },
    query: caseQuerySchema,
    response: 'xlsx',
  } as const;
  endpoint(
    r,
    { ...exported, summary: ['导出案件查询结果（.xlsx，全部符合条件的案件）', 'Export the cases found (.xlsx, every one that matches)'] },
    async (req, res) => {
      const { where, orderBy } = await searched(req);
      const lists = await listTypeFacts(db);
      const locale = localeOf(req);
      const label = (code: string) => translateCode(locale, 'label', code) ?? code;
      const columns = (
        [
          ['caseNumber', 24],
          ['subjectName', 30],
          ['subjectCode', 22],
          ['listTypeName', 30],
          ['listKind', 14],
          ['tier', 8],
          ['state', 22],
          ['deadline', 14],
          ['createdAt', 18],
        ] as const
      ).map(([key, width]) => ({ key, width, header: say(req, `casesExport.${key}`) }));
      const found = batches((page) => db.case.findMany({ where, orderBy, ...page, select: summary }));
      await sendXlsx(res, say(req, 'casesExportName'), columns, found, (c) => {
        const list = lists(c.listType);
        return {
          caseNumber: c.caseNumber,
          subjectName: c.subjectName,
          subjectCode: c.subjectCode,
          listTypeName: list.listTypeName,
          listKind: label(list.listKind),
          tier: c.tier ? label(c.tier) : '',
          state: label(c.state),
          deadline: c.deadlineDate ? c.deadlineDate.toISOString().slice(0, 10) : '',
          createdAt: shanghaiDateTime(c.createdAt),
        };
      });
    },
  );

  const detail = {
    method: 'get',
    path: '/cases/:id',
    tag: 'cases',
    roles: everyone,
    access: { kind: 'CASE', target: { case: 'id' }, personal: true },
    query: caseReadSchema,
    response: caseDetailSchema,
  } as const;
  endpoint(
    r,
    { ...detail, summary: ['案件详情、办理记录和当前可办事项', 'A case, its audit trail and the steps open to the user'] },
    async (req, res) => {
      // Read whole in the one query that finds it visible to the user. A natural person's case is
      // read by the office's staff only with a purpose (查询事由): asked without one, their query
      // takes only a case that is not a person's, and a person's is then found by the light read
      // alone, and refused — nothing more of it is read.
      const id = String(req.params.id);
      const { settle } = searchOf(req, caseReadSchema);
      const withoutPurpose = PURPOSE_ROLES.includes(req.user!.role) && !purposeOf(res);
      const readWhole = () =>
        findVisible(
          db,
          req,
          id,
          {
            department: { select: { name: true } },
            policy: {
              select: {
                code: true,
                version: true,
                name: true,
                noticeWorkingDays: true,
                statementReviewWorkingDays: true,
                objectionVerificationWorkingDays: true,
                repairDecisionWorkingDays: true,
              },
            },
            statements: { orderBy: { filedAt: 'asc' } },
            responsiblePersons: { select: { role: true, name: true, personCode: true } },
            documents: {
              select: {
                id: true,
                kind: true,
                reference: true,
                number: true,
                fileName: true,
                createdAt: true,
                servedOn: true,
                serviceMethod: true,
                services: {
                  select: { recipientCode: true, recipientName: true, method: true, receivedOn: true, servedOn: true },
                  orderBy: { recordedAt: 'asc' },
                },
              },
              orderBy: { createdAt: 'asc' },
            },
            stuck: { orderBy: { since: 'asc' } },
            measures: { include: { measure: { include: { implementingDepartment: { select: { name: true } } } } } },
            pushes: { include: { department: { select: { name: true } } }, orderBy: { pushedAt: 'asc' } },
            events: { orderBy: [{ at: 'asc' }, { seq: 'asc' }] },
            deadlines: { orderBy: { startedAt: 'asc' } },
            objections: { orderBy: { filedAt: 'asc' } },
            repairApplications: { orderBy: { filedAt: 'asc' } },
            attachments: {
              where: attachmentsVisibleTo(req.user!),
              omit: { content: true },
              orderBy: { createdAt: 'asc' },
            },
          },
          withoutPurpose ? { subjectType: { not: 'PERSON' } } : undefined,
        );
      let full = await readWhole().catch(async (err: unknown) => {
        if (!withoutPurpose || !(err instanceof Problem) || err.status !== 404) throw err;
        const c = await findVisible(db, req, id); // 404 where the user may not see it at all
        requirePurpose(req, res, c.subjectType === 'PERSON');
        throw err;
      });
      requirePurpose(req, res, full.subjectType === 'PERSON');
      // The workflow's own view: the revision a step form must carry, and what is open right now.
      const handle = temporal.workflow.getHandle(full.workflowId);
      // Asked once, as no one: every open step, for the next-step panel (what waits, for whom, by
      // when); the steps the user may take among them as the workflow itself would answer them.
      let everyone = await queryProgress(temporal, handle);
      // Asked to settle (as the page asks after a step), the answer waits until the system's own
      // follow-up has run, asking the workflow (a query: nothing recorded) rather than the page
      // asking again, so that the next step shows as soon as it opens; 10 s at most, and not when
      // the follow-up is stuck. A poll that fails keeps the last answer; a client gone, or the
      // process stopping, ends the wait (and nothing more is read for it).
      const recorded = () => ({ state: full.state, followUpStuck: full.stuck.length > 0 });
      if (settle && followUp(everyone, recorded()) === 'settle') {
        const until = Date.now() + SETTLE_WAIT_MS;
        let gone = false;
        res.once('close', () => (gone = true));
        const waiting = () => !gone && !req.app.locals.stopping && Date.now() < until;
        let answered = true; // whether the last poll was answered
        for (let i = 0; followUp(everyone, recorded()) === 'settle' && waiting(); i++) {
          await sleep(Math.min(i < 20 ? SETTLE_POLL_MS : 5 * SETTLE_POLL_MS, Math.max(0, until - Date.now())));
          if (!waiting()) break;
          const polled = await queryProgress(temporal, handle, undefined, until);
          answered = polled !== null;
          everyone = polled ?? everyone;
          // Settled by the workflow: the case as recorded read again (listed, the listing's own workflow
          // may be starting); and once a second whether its follow-up has got stuck meanwhile.
          if ((polled && !polled.settling) || (i >= 20 && i % 4 === 0))
            full = { ...full, ...(await db.case.findUniqueOrThrow({ where: { id: full.id }, select: { state: true, stuck: true } })) };
        }
        if (gone) return;
        full = await readWhole();
        // Not an answer older than the case read with it: asked once more when the last poll went
        // unanswered (and the last answer kept if this one is not: the page then asks again).
        if (!answered && !req.app.locals.stopping) everyone = (await queryProgress(temporal, handle)) ?? everyone;
      }
      const owners = { departmentId: full.departmentId, parties: [full.subjectCode, ...full.responsiblePersons.map((p) => p.personCode)] };
      const actor = actorOf(req.user!);
      const procedure = everyone && { ...everyone, steps: everyone.steps.filter((s) => mayTake(actor, s.step, s.matterId, owners)) };
      // Whether the office let a deadline on an objection or repair application pass.
      const overdue = new Set(full.deadlines.filter((d) => d.status === 'OVERDUE').map((d) => d.key));
      const late = (...keys: string[]) => keys.some((k) => overdue.has(k));
      // A filing's receipt: the day the office must answer by is its open deadline, else its last one.
      const receipt = (kind: Parameters<typeof receiptNumber>[1], ordinal: number, ...keys: string[]) => {
        const on = full.deadlines.filter((d) => keys.includes(d.key));
        const due = on.find((d) => d.status === 'OPEN') ?? on.at(-1);
        return {
          number: receiptNumber(full.caseNumber, kind, ordinal),
          answerBy: due?.dueDate ?? null,
          answerKind: (due?.kind as DeadlineKind | undefined) ?? null,
        };
      };
      const view = caseViewFor(req.user!, full, { system: say(req, 'systemActor'), aUnit: say(req, 'aUnit') });
      res.json({
        ...view,
        ...(await listTypeFacts(db))(full.listType),
        openSteps: openStepsFor(req.user!, everyone?.steps ?? []),
        statements: view.statements.map((s, i) => ({
          ...s,
          // Statements are reviewed together once the notice period has run (a waiver asks no answer).
          receipt:
            s.kind === 'WAIVER'
              ? { ...receipt('STATEMENT', i + 1), answerBy: null, answerKind: null }
              : receipt('STATEMENT', i + 1, REVIEW_DEADLINE),
        })),
        objections: view.objections.map((o, i) => {
          const keys = [objectionDeadline(o.id, 'acceptance'), objectionDeadline(o.id, 'verification')];
          return { ...o, overdue: late(...keys), receipt: receipt('OBJECTION', i + 1, ...keys) };
        }),
        repairApplications: view.repairApplications.map((a, i) => {
          const keys = [repairDeadline(a.id, 'acceptance'), repairDeadline(a.id, 'decision')];
          return { ...a, overdue: late(...keys), receipt: receipt('REPAIR', i + 1, ...keys) };
        }),
        procedure,
        followUpStuck: recorded().followUpStuck,
        workingDaysLeft: (await workingDaysLeftFn(db))(full.deadlineDate),
      });
    },
  );

  endpoint(
    r,
    {
      method: 'get',
      path: '/cases/:id/documents/:documentId',
      tag: 'cases',
      roles: everyone,
      access: { kind: 'CASE_DOCUMENT', target: { case: 'id', document: 'documentId' }, personal: true },
      response: 'pdf',
      summary: ['下载文书（PDF）', 'Download a served document (PDF)'],
    },
    async (req, res) => {
      const c = await findVisible(db, req, String(req.params.id));
      // A person's document is a read of the person's record: with a purpose (查询事由).
      requirePurpose(req, res, c.subjectType === 'PERSON');
      const own = await db.objection.findMany({
        where: { caseId: c.id, filedByDepartmentId: req.user!.departmentId ?? '-' },
        select: { id: true },
      });
      const doc = await db.document.findFirst({
        where: {
          AND: [
            { id: String(req.params.documentId), caseId: c.id },
            documentsVisibleTo(
              req.user!,
              own.map((o) => o.id),
            ),
          ],
        },
      });
      if (!doc) throw new Problem(404, say(req, 'noSuchDocument'));
      res
        .type('application/pdf')
        .set('Content-Disposition', `attachment; filename="document.pdf"; filename*=UTF-8''${encodeURIComponent(doc.fileName)}`)
        .set('X-Document-SHA256', doc.sha256)
        .send(Buffer.from(doc.content));
    },
  );

  // The document an approver is asked to approve, as it will be served: a draft (样稿), numbered on approval.
  const PREVIEWS = {
    PRIOR_NOTICE: ['AWAITING_NOTICE_APPROVAL', 'DRAFT_RETURNED'],
    LISTING_DECISION: ['AWAITING_DECISION_APPROVAL'],
    RED_LISTING_DECISION: ['AWAITING_DECISION_APPROVAL'],
  } as const;
  endpoint(
    r,
    {
      method: 'get',
      path: '/cases/:id/preview/:kind',
      tag: 'cases',
      roles: ['CASEWORKER', 'SUPERVISOR'],
      access: { kind: 'CASE_PREVIEW', target: { case: 'id', document: 'kind' } },
      response: 'pdf',
      summary: ['审批前预览文书样稿（PDF，审批后编号）', 'Preview the document awaiting approval (PDF, numbered on approval)'],
    },
    async (req, res) => {
      const c = await findVisible(db, req, String(req.params.id));
      const kind = String(req.params.kind) as keyof typeof PREVIEWS;
      const states: readonly string[] | undefined = PREVIEWS[kind];
      const red = c.workflowId === redListingWorkflowId(c.id);
      if (!states || !states.includes(c.state) || (kind === 'RED_LISTING_DECISION') !== red) {
        throw new Problem(409, say(req, 'noPreview'));
      }
      const pdf = await previewDocument(db, c.id, kind, shanghaiDate(new Date()));
      res
        .type('application/pdf')
        .set(
          'Content-Disposition',
          `inline; filename="preview.pdf"; filename*=UTF-8''${encodeURIComponent(`${say(req, 'previewName')}-${c.caseNumber}.pdf`)}`,
        )
        .set('Cache-Control', 'no-store')
        .send(pdf);
    },
  );

  endpoint(
    r,
    {
      method: 'get',
      path: '/cases/:id/attachments/:attachmentId',
      tag: 'cases',
      roles: everyone,
      access: { kind: 'CASE_ATTACHMENT', target: { case: 'id', document: 'attachmentId' }, personal: true },
      response: 'file',
      summary: ['下载证据材料（附件）', 'Download an evidence file'],
    },
    async (req, res) => {
      const c = await findVisible(db, req, String(req.params.id));
      requirePurpose(req, res, c.subjectType === 'PERSON');
      const a = await db.attachment.findFirst({
        where: { AND: [{ id: String(req.params.attachmentId), caseId: c.id }, attachmentsVisibleTo(req.user!)] },
      });
      if (!a) throw new Problem(404, say(req, 'noSuchAttachment'));
      sendAttachment(res, a);
    },
  );

  // The supervisor approves several prior notices at once, with one opinion (批量审核告知书): each still
  // the `decideNotice` step of its own case's workflow, with its own checks (role, department, state,
  // a stale form) and its own entry in the case's audit trail. A case changed since the list showed
  // it is refused as stale; each case answers for itself.
  endpoint(
    r,
    {
      method: 'post',
      path: '/cases/notice-approvals',
      tag: 'steps',
      roles: STEPS.decideNotice.roles,
      body: batchNoticeApprovalSchema,
      response: batchNoticeApprovalResultSchema,
      summary: [
        '批量审核同意告知书（每个案件各自办理、各自记录）',
        'Approve several prior notices at once (each case its own step and record)',
      ],
    },
    async (req, res) => {
      const parsed = batchNoticeApprovalSchema.safeParse(req.body);
      if (!parsed.success) throw zodProblem(req, parsed.error);
      const { cases, reasons } = parsed.data;
      const actor = actorOf(req.user!);
      const locale = localeOf(req);
      const one = async (seen: { id: string; updatedAt: string }) => {
        const c = await db.case.findFirst({
          where: { AND: [{ id: seen.id }, visibleTo(req.user!)] },
          select: { id: true, caseNumber: true, updatedAt: true, workflowId: true },
        });
        const answer = (status: number, code: string | null, message: string | null) => ({
          id: seen.id,
          caseNumber: c?.caseNumber ?? null,
          ok: status === 200,
          status,
          code,
          message,
        });
        if (!c) return answer(404, 'NOT_FOUND', say(req, 'noSuchCase'));
        if (c.updatedAt.toISOString() !== new Date(seen.updatedAt).toISOString())
          return answer(409, 'STALE', translate(locale, 'refusal', 'stale'));
        const handle = temporal.workflow.getHandle(c.workflowId);
        const procedure = await queryProgress(temporal, handle, actor);
        if (!procedure) return answer(409, 'WRONG_STATE', say(req, 'notNow'));
        const request = { revision: procedure.revision, approved: true, reasons, actor };
        try {
          await update(req, () =>
            handle.executeUpdate(STEP_UPDATES.decideNotice as UpdateDefinition<unknown, [typeof request]>, { args: [request] }),
          );
          return answer(200, null, null);
        } catch (err) {
          if (err instanceof Problem) return answer(err.status, (err.extra.code as string | undefined) ?? null, err.title);
          throw err;
        }
      };
      // A few at a time: each waits on its own workflow's approval being recorded.
      const results: Awaited<ReturnType<typeof one>>[] = [];
      for (let i = 0; i < cases.length; i += 4) results.push(...(await Promise.all(cases.slice(i, i + 4).map(one))));
      res.json({ results });
    },
  );

  // Every human step of the catalogue (domain/steps.ts): the body checked against its schema, then
  // the workflow Update, whose validator decides (role, open step, stale form, lateness) and
  // changes nothing if it refuses.
  const extraChecks: Partial<Record<StepName, (body: never, req: Request) => Promise<void>>> = {
    reviseDraft: async (body: StepBody<'reviseDraft'>, req) => {
      await checkAgainstCatalogue(db, req, body.form);
      // The scans already filed with this draft come back with the revised form.
      const caseId = String(req.params.id);
      await checkAttachments(db, req, body.form.basis.attachments, 'form.basis.attachments', { caseId, purpose: 'BASIS_DOCUMENT' });
    },
  };
  for (const name of STEP_NAMES) {
    const entry: StepEntry = STEPS[name];
    const step = { method: 'post', path: `/cases/:id/${stepPath(name)}`, tag: 'steps', roles: entry.roles, body: entry.schema } as const;
    endpoint(r, { ...step, response: stepResultSchema(name), summary: entry.label }, async (req, res) => {
      const c = await findVisible(db, req, String(req.params.id));
      const parsed = entry.schema.safeParse(req.body);
      if (!parsed.success) throw zodProblem(req, parsed.error);
      await extraChecks[name]?.(parsed.data as never, req);
      // Evidence files named by the step are this user's uploads, not yet filed with anything.
      await checkAttachments(db, req, (parsed.data as { attachments?: string[] }).attachments, 'attachments');
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
/** 409 naming the active case of the same subject, list type and basis, with a link to it. */
function duplicateProblem(req: Request, existing: DuplicateOf): Problem {
  return new Problem(409, say(req, 'duplicateListing', existing.caseNumber), undefined, {
    code: 'DUPLICATE_LISTING',
    existingCaseId: existing.id,
    existingCaseNumber: existing.caseNumber,
    existingCaseUrl: `/cases/${existing.id}`,
  });
}

/** The case id of a filing: from the user's Idempotency-Key when given (the same key, the same case). */
function caseIdFor(req: Request, user: SessionUser): string {
  const key = req.get('idempotency-key');
  if (key === undefined) return randomUUID();
  if (!/^[\x21-\x7E]{8,200}$/.test(key)) {
    throw new Problem(400, say(req, 'idempotencyKey'));
  }
  return derivedId(`${user.userId}:${key}`);
}

const actorOf = (u: SessionUser) => ({
  userId: u.userId,
  name: u.name,
  role: u.role,
  departmentId: u.departmentId,
  ...(u.role === 'PARTY' ? { subjectCode: u.subjectCode } : {}),
});

/**
 * The list type exists and is of the kind filed for (a designation on a black list, a red listing on
 * a red one), and every chosen measure is a recommended one of it in the catalogue.
 */
const ids = (form: Pick<DesignationInput, 'recommendedMeasures'>) => form.recommendedMeasures.map((m) => m.measureId);
async function checkAgainstCatalogue(
  db: Db,
  req: Request,
  form: Pick<DesignationInput, 'listType' | 'subjectType' | 'recommendedMeasures'> &
    Partial<Pick<DesignationInput, 'tier' | 'responsiblePersons'>>,
  kind: ListKind = 'BLACK',
): Promise<void> {
  const issues = catalogueIssues(await loadCatalogue(db, ids(form)), form, kind);
  const errors = issues.map(({ field, code }) => ({
    field,
    code,
    message: code === 'listType.unknown' ? say(req, 'unknownListType') : translateMessage(code, localeOf(req)),
  }));
  if (errors.length > 0) throw new Problem(400, say(req, 'formErrors'), errors[0]!.field, { errors });
}

/** What a step, a download or a refusal reads of a case: no more than it uses. */
const BRIEF = {
  id: true,
  caseNumber: true,
  workflowId: true,
  state: true,
  subjectCode: true,
  subjectName: true,
  subjectType: true,
} as const satisfies Prisma.CaseSelect;

/**
 * The case if the user may see it (else 404), noted for the access log: in brief (BRIEF), or whole
 * with what `include` asks for.
 */
function findVisible(db: Db, req: Request, id: string): Promise<Prisma.CaseGetPayload<{ select: typeof BRIEF }>>;
function findVisible<I extends Prisma.CaseInclude>(
  db: Db,
  req: Request,
  id: string,
  include: I,
  only?: Prisma.CaseWhereInput,
): Promise<Prisma.CaseGetPayload<{ include: I }>>;
async function findVisible(db: Db, req: Request, id: string, include?: Prisma.CaseInclude, only: Prisma.CaseWhereInput = {}) {
  const where = { AND: [{ id }, visibleTo(req.user!), only] };
  const c = include ? await db.case.findFirst({ where, include }) : await db.case.findFirst({ where, select: BRIEF });
  if (!c) throw new Problem(404, say(req, 'noSuchCase'));
  // (For the access log, on a read: the case and its subject.)
  noteAccess(req.res!, {
    caseId: c.id,
    caseNumber: c.caseNumber,
    subjectCode: c.subjectCode,
    subjectName: c.subjectName,
    subjectType: c.subjectType,
  });
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
      // The workflow's refusal (workflows/guards.ts) carries its reason in every language.
      const reason = (cause?.details?.[0] as Partial<Record<Locale, string>> | undefined)?.[localeOf(req)] ?? cause?.message ?? code;
      throw new Problem(REJECTION_STATUS[code], reason, undefined, { code });
    }
    // The procedure has ended (its workflow completed): nothing more can be done on the case.
    if (err instanceof WorkflowNotFoundError || /already completed|workflow execution.*(completed|not found)/i.test(String(err)))
      throw notNow(req);
    throw err;
  }
}

const notNow = (req: Request) =>
  new Problem(409, say(req, 'notNow'), undefined, {
    code: 'WRONG_STATE',
  });

/** How often a settling case's workflow is asked meanwhile: every 50 ms for the first second, then every 250 ms. */
const SETTLE_POLL_MS = 50;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The workflow's progress, or null when it cannot answer within 3 s, or by `by` if sooner (the case
 * page then reads only). The deadline is the call's own: a query given up on is not left retrying
 * behind the answer.
 */
async function queryProgress(temporal: Client, handle: WorkflowHandle, actor?: PartyActor, by = Infinity): Promise<CaseProgress | null> {
  return temporal.withDeadline(Math.min(Date.now() + 3000, by), () => handle.query(progress, actor)).catch(() => null);
}
