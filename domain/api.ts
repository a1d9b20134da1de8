// What the API answers, route by route, as zod schemas: the server sends each answer through its
// schema (so nothing undocumented leaves it), the OpenAPI document is generated from them, and the
// web takes its types from them. Instants are ISO 8601 in UTC; a calendar day is YYYY-MM-DD in
// Asia/Shanghai, or — where the column is a date — midnight UTC of that day.
import { z } from 'zod';
import { AUDIT_ACTIONS, auditEventSchema, type AuditAction } from './audit';
import { ACCESS_ACTORS, ACCESS_KINDS, ACCESS_OUTCOMES, ACCESS_PURPOSES } from './access';
import { PUBLICATION_STARTS } from './policy';
import { designationSchema, redListingSchema, storable } from './schemas';
import { caseProgressSchema, openStepSchema } from './progress';
import { STEPS, type StepName } from './steps';
import {
  ATTACHMENT_PURPOSES,
  BASIS_KINDS,
  CASE_STATES,
  DOCUMENT_KINDS,
  INTERVIEW_KINDS,
  LENIENCY_GROUNDS,
  MEASURE_CATEGORIES,
  MEASURE_TARGETS,
  OBJECTION_CONCERNS,
  OBJECTION_REMEDIES,
  OBJECTION_SOURCES,
  OBJECTION_STATES,
  PUSH_KINDS,
  FEEDBACK_OUTCOMES,
  MEASURE_STANDINGS,
  UNIT_DEADLINE_KINDS,
  LIST_KINDS,
  CREDIT_FIELDS,
  WEBHOOK_DELIVERY_STATUSES,
  PUSH_STATUSES,
  REMOVAL_KINDS,
  REPAIR_METHODS,
  REPAIR_STATES,
  SERVICE_METHODS,
  RESPONSIBLE_ROLES,
  ROLES,
  STATEMENT_KINDS,
  SUBJECT_TYPES,
  TIERS,
  DEADLINE_KINDS,
  ADMIN_ACTIONS,
  ADMIN_ENTITIES,
} from './vocabulary';

const instant = z.iso.datetime();
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
/**
 * A date column (stored as midnight UTC of the day it names) is answered as the day itself,
 * YYYY-MM-DD: a reader never takes it for an instant and prints the day before in Beijing.
 */
const dateColumn = z.iso
  .datetime()
  .transform((s) => s.slice(0, 10))
  .meta({ description: 'A calendar day in Asia/Shanghai (YYYY-MM-DD)' });

// ── Errors ────────────────────────────────────────────────────────────────────────────────────
export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string().meta({ description: "What went wrong, in the user's language (Accept-Language)" }),
    status: z.number().int(),
    detail: z.string().optional(),
    code: z.string().optional().meta({ description: 'Why a step was refused (WRONG_STATE, STALE, LATE, IN_PROGRESS…)' }),
    errors: z
      .array(z.object({ field: z.string(), code: z.string(), message: z.string() }))
      .optional()
      .meta({ description: 'One entry per invalid field' }),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details' });

// ── Session and reference data ───────────────────────────────────────────────────────────────
export const healthSchema = z.object({ ok: z.boolean() });
export const configSchema = z.object({ temporalUiUrl: z.string().nullable(), namespace: z.string() });
export type Config = z.infer<typeof configSchema>;

export const meSchema = z
  .object({
    userId: z.string(),
    username: z.string(),
    name: z.string(),
    role: z.enum(ROLES),
    departmentId: z.string().nullable(),
    departmentName: z.string().nullable(),
    subjectCode: z.string().nullable().meta({ description: 'The subject a party speaks for' }),
    mustChangePassword: z.boolean().meta({
      description: 'Must change the initial password first: until then every other route answers 403 PASSWORD_CHANGE_REQUIRED',
    }),
  })
  .meta({ id: 'Me' });
export type Me = z.infer<typeof meSchema>;

export const measureSchema = z
  .object({
    id: z.string(),
    content: z.string(),
    category: z.enum(MEASURE_CATEGORIES),
    mandatory: z.boolean(),
    legalBasis: z.string(),
    listTypes: z.array(z.string()),
    targets: z.array(z.enum(MEASURE_TARGETS)).meta({ description: 'Whom it restrains (过惩相当)' }),
    tiers: z.array(z.enum(TIERS)).meta({ description: 'The tiers it is proportionate to' }),
    discloses: z.boolean().meta({ description: 'Publication itself: not applied to an unpublished record' }),
    implementingDepartment: z.object({ name: z.string() }),
  })
  .meta({ id: 'Measure' });
export type Measure = z.infer<typeof measureSchema>;

export const listTypeSchema = z
  .object({
    code: z.string(),
    name: z.string(),
    nameEn: z.string(),
    kind: z.enum(LIST_KINDS).meta({ description: 'A black list (serious dishonesty) or a red list (trustworthiness)' }),
    field: z.enum(CREDIT_FIELDS).meta({ description: 'No red listing while on a black list of the same field' }),
    validityMonths: z.number().int().nullable().meta({ description: "A red list's validity from listing, in months" }),
    legalBasis: z.string(),
    active: z.boolean().meta({ description: 'Retired list types name their cases but take no new one' }),
  })
  .meta({ id: 'ListType' });

export const referenceSchema = z.object({
  listTypes: z.array(listTypeSchema),
  measures: z.array(measureSchema),
  tiers: z.array(z.enum(TIERS)),
  basisKinds: z.array(z.enum(BASIS_KINDS)).meta({ description: 'What a designation (black list) may rest on' }),
  redBasisKinds: z.array(z.enum(BASIS_KINDS)).meta({ description: 'What a red listing may rest on' }),
});
export type Reference = z.infer<typeof referenceSchema>;

// ── Cases ─────────────────────────────────────────────────────────────────────────────────────
export const filingResultSchema = z.object({
  id: z.string(),
  caseNumber: z.string(),
  procedure: caseProgressSchema.optional().meta({ description: 'The case as the filer sees it (absent on a repeated filing)' }),
});
export type FilingResult = z.infer<typeof filingResultSchema>;

export const caseSummarySchema = z
  .object({
    id: z.string(),
    caseNumber: z.string(),
    subjectName: z.string(),
    subjectCode: z.string(),
    subjectType: z.enum(SUBJECT_TYPES),
    listType: z.string(),
    listTypeName: z.string(),
    listKind: z.enum(LIST_KINDS).meta({ description: 'A black list (serious dishonesty) or a red list (trustworthiness)' }),
    tier: z.enum(TIERS).nullable(), // none on a red listing
    state: z.enum(CASE_STATES),
    deadlineDate: dateColumn.nullable(),
    deadlineAt: instant.nullable(),
    deadlineProvisional: z.boolean(),
    workingDaysLeft: z.number().int().nullable(),
    createdAt: instant,
    updatedAt: instant.meta({ description: 'Last changed: a batch approval names it, and is refused on a case changed since' }),
  })
  .meta({ id: 'CaseSummary' });
export type CaseSummary = z.infer<typeof caseSummarySchema>;

// ── Lists: the search form's shared fields, paging with the total, sorting ──────────────────
/** A comma-separated list of codes in the address, each one of `values`: `state=LISTED,REMOVED`. */
export const codesParam = <T extends readonly [string, ...string[]]>(values: T, description: string) =>
  z
    .string()
    .optional()
    .transform((s) => (s ? s.split(',').filter(Boolean) : []))
    .pipe(z.array(z.enum(values)))
    .meta({ description });
/** A yes-or-no filter: `true` or `false`; absent, either. */
export const flagParam = (description: string) =>
  z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true'))
    .meta({ description });
/** A range of days in Asia/Shanghai, both ends included: `from`, `to` (YYYY-MM-DD). */
export const dayRangeFields = (what: string) => ({
  from: day.optional().meta({ description: `${what} on or after this day (Asia/Shanghai)` }),
  to: day.optional().meta({ description: `${what} on or before this day (Asia/Shanghai)` }),
});
/** A page and its size: bounded, so no answer is cut short unsaid and none is unbounded. */
export const pageFields = (maxPageSize = 100) => ({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(maxPageSize).default(20),
});
/** The order of a list: one of its sortable columns (the first is the default), ascending or descending. */
export const sortFields = <const S extends readonly [string, ...string[]]>(sorts: S, order: 'asc' | 'desc' = 'desc') => ({
  sort: z.enum(sorts).default(sorts[0]),
  order: z.enum(['asc', 'desc']).default(order),
});
/** One page of a list, with how many it found in all. */
export const pageOf = <T extends z.ZodType>(rows: T, id: string) =>
  z.object({ total: z.number().int(), page: z.number().int(), pageSize: z.number().int(), rows: z.array(rows) }).meta({ id });
/** What every list's answer is: one page of its rows, with the total found. */
export interface Paged<Row> {
  total: number;
  page: number;
  pageSize: number;
  rows: Row[];
}

/** The case list's search form (案件查询): every field optional; the page and its size; the order. */
export const caseQuerySchema = z.object({
  q: z.string().trim().max(50).optional().meta({ description: 'Part of the name, or the whole code' }),
  state: codesParam(CASE_STATES, 'States, comma-separated'),
  listType: z.string().max(64).optional(),
  listKind: z.enum(LIST_KINDS).optional(),
  importBatch: z.string().max(64).optional().meta({ description: 'The cases an import batch filed' }),
  ...dayRangeFields('Filed'),
  ...pageFields(),
  ...sortFields(['createdAt', 'deadlineAt', 'caseNumber']),
});
export type CaseQuery = z.input<typeof caseQuerySchema>;
/** A case page's read: after a step, the page asks it to settle first. */
export const caseReadSchema = z.object({
  settle: flagParam("true: answer once the system's own follow-up of the last step has run (the next step open), waiting 10 s at most"),
});
export const casePageSchema = pageOf(caseSummarySchema, 'CasePage');
export type CasePage = z.infer<typeof casePageSchema>;

export const pushSchema = z
  .object({
    id: z.string(),
    kind: z.enum(PUSH_KINDS),
    status: z.enum(PUSH_STATUSES),
    pushedAt: instant,
    acknowledgedAt: instant.nullable(),
    acknowledgedBy: z.string().nullable(),
    acknowledgeBy: instant.nullable().meta({ description: "The unit's acknowledgement is due by this instant (policy value)" }),
    feedbackBy: instant
      .nullable()
      .meta({ description: 'First feedback (a listing) or lifting (a suspension or removal) due by this instant; null: none asked' }),
    feedbackDoneAt: instant.nullable().meta({ description: 'When the feedback it asks was complete' }),
  })
  .meta({ id: 'Push' });

/**
 * The receipt (回执) for a filing: its number, and the day by which the office must answer it —
 * the open deadline on it, or the last one it had; null while that day is not yet fixed (a
 * statement's review runs from the end of the notice period).
 */
export const receiptSchema = z
  .object({
    number: z.string().meta({ description: 'The case number, the kind of filing and its order: 市信用办立〔2026〕1号-异议01' }),
    answerBy: dateColumn.nullable(),
    answerKind: z.enum(DEADLINE_KINDS).nullable(),
  })
  .meta({ id: 'Receipt' });
export type Receipt = z.infer<typeof receiptSchema>;

export const objectionSchema = z
  .object({
    id: z.string(),
    source: z.enum(OBJECTION_SOURCES),
    filedByName: z.string(),
    filedAt: instant,
    concerns: z.enum(OBJECTION_CONCERNS),
    grounds: z.string(),
    state: z.enum(OBJECTION_STATES),
    refusalReasons: z.string().nullable(),
    measuresSuspended: z.boolean(),
    remedy: z.enum(OBJECTION_REMEDIES).nullable(),
    correction: z.string().nullable(),
    shortenedTo: dateColumn.nullable(),
    outcomeReasons: z.string().nullable(),
    decidedAt: instant.nullable(),
    overdue: z.boolean().meta({ description: 'The office let one of its deadlines on it pass' }),
    receipt: receiptSchema,
  })
  .meta({ id: 'Objection' });
export type ObjectionView = z.infer<typeof objectionSchema>;

export const repairApplicationSchema = z
  .object({
    id: z.string(),
    filedByName: z.string(),
    filedAt: instant,
    correctionProof: z.string(),
    commitment: z.string(),
    otherMethods: z.array(z.enum(REPAIR_METHODS)),
    state: z.enum(REPAIR_STATES),
    refusalReasons: z.string().nullable(),
    extensionReason: z.string().nullable(),
    decisionReasons: z.string().nullable(),
    overdue: z.boolean().meta({ description: 'The office let one of its deadlines on it pass' }),
    receipt: receiptSchema,
  })
  .meta({ id: 'RepairApplication' });
export type RepairView = z.infer<typeof repairApplicationSchema>;

/** An evidence file as uploaded: its id is what a step carries in `attachments`. */
export const uploadedSchema = z
  .object({
    id: z.string(),
    fileName: z.string().meta({ description: "The uploader's name for it, sanitised, ending in its type's extension" }),
    mediaType: z.string().meta({ description: 'Detected from the content, not the name' }),
    size: z.number().int(),
    sha256: z.string().meta({ description: 'SHA-256 of the content, hex' }),
  })
  .meta({ id: 'Upload' });
export type Uploaded = z.infer<typeof uploadedSchema>;

export const attachmentSchema = uploadedSchema
  .extend({
    purpose: z.enum(ATTACHMENT_PURPOSES),
    reference: z
      .string()
      .meta({ description: 'The statement, objection or repair application it was filed with ("" for the basis document)' }),
    createdAt: instant,
    uploadedByName: z.string(),
    uploadedByRole: z.enum(ROLES),
  })
  .meta({ id: 'Attachment' });
export type AttachmentView = z.infer<typeof attachmentSchema>;

export const caseDetailSchema = caseSummarySchema
  .extend({
    workflowId: z.string(),
    department: z.object({ name: z.string() }),
    policy: z.object({
      code: z.string(),
      version: z.number().int(),
      name: z.string(),
      noticeWorkingDays: z.number().int(),
      statementReviewWorkingDays: z.number().int(),
      objectionVerificationWorkingDays: z.number().int(),
      repairDecisionWorkingDays: z.number().int(),
    }),
    basisKind: z.enum(BASIS_KINDS),
    basisNumber: z.string(),
    basisIssuer: z.string(),
    basisDate: dateColumn,
    decidedAt: instant.nullable(),
    reasons: z.string(),
    leniencyGrounds: z.array(z.enum(LENIENCY_GROUNDS)),
    leniencyReasons: z.string().nullable(),
    unrepairable: z.boolean(),
    noticeNumber: z.string().nullable(),
    noticeServedAt: instant.nullable(),
    deadlineKind: z.enum(DEADLINE_KINDS).nullable(),
    listedAt: instant.nullable(),
    publicationEndsOn: dateColumn.nullable(),
    repairEligibleFrom: instant.nullable(),
    measuresSuspended: z.boolean(),
    removalKind: z.enum(REMOVAL_KINDS).nullable(),
    removalReason: z.string().nullable(),
    removedAt: instant.nullable(),
    statements: z.array(
      z.object({
        id: z.string(),
        kind: z.enum(STATEMENT_KINDS),
        content: z.string(),
        filedAt: instant,
        filedByRole: z.enum(ROLES),
        receipt: receiptSchema,
      }),
    ),
    responsiblePersons: z.array(z.object({ role: z.enum(RESPONSIBLE_ROLES), name: z.string(), personCode: z.string() })),
    documents: z.array(
      z.object({
        id: z.string(),
        kind: z.enum(DOCUMENT_KINDS),
        number: z.string(),
        fileName: z.string(),
        createdAt: instant,
        servedOn: dateColumn.nullable().meta({ description: 'The day it was served (or is deemed served); null: not yet served' }),
        serviceMethod: z.enum(SERVICE_METHODS).nullable(),
        services: z
          .array(
            z.object({
              recipientCode: z.string(),
              recipientName: z.string(),
              method: z.enum(SERVICE_METHODS),
              receivedOn: dateColumn,
              servedOn: dateColumn,
            }),
          )
          .meta({ description: 'Its service on each party: the subject and each responsible person' }),
      }),
    ),
    stuck: z
      .array(z.object({ activity: z.string(), attempts: z.number().int(), lastError: z.string(), since: instant }))
      .meta({ description: "The system's own processing of the case that keeps failing (retried until it succeeds)" }),
    followUpStuck: z.boolean().meta({
      description: "Some of the system's own processing of the case keeps failing (said to every reader; what fails only to the office)",
    }),
    measures: z.array(
      z.object({
        chosen: z.boolean(),
        subjectCode: z.string().meta({ description: 'Whom it applies to: the subject, or a responsible person' }),
        reasons: z.string().nullable().meta({ description: 'Why a recommended measure was chosen' }),
        measure: measureSchema,
      }),
    ),
    published: z.boolean(),
    publicationReasons: z.string().nullable(),
    pushes: z.array(pushSchema.extend({ department: z.object({ name: z.string() }) })),
    events: z.array(auditEventSchema).meta({ description: 'The audit trail (办理记录), oldest first' }),
    deadlines: z.array(
      z.object({
        id: z.string(),
        key: z.string(),
        kind: z.enum(DEADLINE_KINDS),
        dueDate: dateColumn,
        provisional: z.boolean(),
        status: z.enum(['OPEN', 'MET', 'OVERDUE', 'ENDED']),
        closedAt: instant.nullable(),
      }),
    ),
    objections: z.array(objectionSchema),
    repairApplications: z.array(repairApplicationSchema),
    attachments: z
      .array(attachmentSchema)
      .meta({ description: 'Evidence on file that the user may see: the basis document, and those of each matter, by its reference' }),
    form: z
      .union([designationSchema, redListingSchema])
      .nullable()
      .meta({ description: 'The form as last submitted (a designation, for revising a returned draft; or a red listing)' }),
    procedure: caseProgressSchema
      .nullable()
      .meta({ description: "The workflow's own view for the asker (null when it cannot answer in time): the open steps and the revision" }),
    openSteps: z
      .array(openStepSchema)
      .meta({ description: 'Every step open on the case, whoever takes it (下一步): what waits, for whom, by when' }),
  })
  .meta({ id: 'CaseDetail' });
export type CaseDetail = z.infer<typeof caseDetailSchema>;

/** What a step answers: the case as the actor now sees it, or the id of the matter it opened. */
export function stepResultSchema(name: StepName): z.ZodType {
  const creates = (STEPS[name] as { creates?: string }).creates;
  return creates ? z.object({ [creates]: z.string() }) : caseProgressSchema;
}

// ── Deadline watch ───────────────────────────────────────────────────────────────────────────
const caseRef = z.object({ id: z.string(), caseNumber: z.string(), subjectName: z.string(), state: z.enum(CASE_STATES) });

export const watchedDeadlineSchema = z.object({
  id: z.string(),
  kind: z.enum(DEADLINE_KINDS),
  dueDate: day,
  dueAt: instant,
  provisional: z.boolean(),
  workingDays: z.number().int(),
  overdue: z.boolean(),
  workingDaysLeft: z.number().int(),
  case: caseRef,
});
export type WatchedDeadline = z.infer<typeof watchedDeadlineSchema>;

/** The deadline watch's search form (期限监控): the case (name, code or number), its list, the kind, overdue, the days due. */
export const deadlineQuerySchema = z.object({
  q: z.string().trim().max(50).optional().meta({ description: "Part of the subject's name or the case number, or the whole code" }),
  listType: z.string().max(64).optional(),
  kind: codesParam(DEADLINE_KINDS, 'Kinds of deadline, comma-separated'),
  overdue: flagParam('Only those the office let pass (true), or only those still running (false)'),
  ...dayRangeFields('Due'),
  ...pageFields(),
  ...sortFields(['dueAt', 'caseNumber'], 'asc'),
});
export const deadlineRowSchema = watchedDeadlineSchema
  .extend({
    case: caseRef.extend({
      subjectCode: z.string(),
      listType: z.string(),
      listTypeName: z.string(),
      listKind: z.enum(LIST_KINDS),
    }),
  })
  .meta({ id: 'WatchedDeadline' });
export type DeadlineRow = z.infer<typeof deadlineRowSchema>;
export const deadlinePageSchema = pageOf(deadlineRowSchema, 'DeadlinePage');
export type DeadlinePage = z.infer<typeof deadlinePageSchema>;

/** What waits for the user on their home page (工作台): one count each, linking to where it is done. */
export const WORKBENCH_ITEMS = [
  'AWAITING_APPROVAL', // 待审核（告知书、认定决定、红名单）
  'DRAFT_RETURNED', // 退回待修改
  'AWAITING_SERVICE', // 待送达
  'IN_REVIEW', // 陈述申辩待复核
  'OBJECTIONS_OPEN', // 异议待办
  'REPAIRS_OPEN', // 信用修复待办
  'OVERDUE', // 本部门逾期
  'UNIT_OVERDUE', // 配合单位逾期
  'TO_ACKNOWLEDGE', // 待签收
  'TO_FEED_BACK', // 待反馈
  'STUCK', // 系统处理受阻
  'FAILED_DELIVERIES', // 回调投递失败
  'MY_CASES', // 我的案件
  'LISTED', // 在列名单
] as const;
export const workbenchSchema = z
  .object({
    counts: z.array(z.object({ item: z.enum(WORKBENCH_ITEMS), count: z.number().int(), alert: z.boolean() })),
    deadlines: z.array(watchedDeadlineSchema).meta({ description: 'The nearest running deadlines, overdue first' }),
    recent: z.array(
      z.object({
        caseId: z.string(),
        caseNumber: z.string(),
        at: instant,
        actorName: z.string(),
        action: z.string(),
      }),
    ),
  })
  .meta({ id: 'Workbench' });
export type Workbench = z.infer<typeof workbenchSchema>;

// ── The supervisor's dashboard (跟踪问效) ─────────────────────────────────────────────────────────
const month = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'invalid')
  .meta({ description: 'A calendar month in Asia/Shanghai (YYYY-MM)' });
/** The steps whose duration the dashboard measures: the office's own, the party's notice period, and the whole designation. */
export const DASHBOARD_STEPS = [
  'NOTICE_APPROVAL', // 告知书审核：提交（或修改后重新提交）至审核人决定
  'NOTICE_PERIOD', // 告知期：送达至期满或书面放弃
  'STATEMENT_REVIEW', // 陈述申辩复核
  'DECISION_APPROVAL', // 认定决定审批：提交至审核人决定
  'OBJECTION_ACCEPTANCE', // 异议受理
  'OBJECTION_VERIFICATION', // 异议核实
  'REPAIR_ACCEPTANCE', // 修复受理
  'REPAIR_DECISION', // 修复决定
  'FILING_TO_LISTING', // 立案至列入（认定全程）
] as const;
export type DashboardStep = (typeof DASHBOARD_STEPS)[number];
export const dashboardQuerySchema = z
  .object({
    from: month.optional().meta({ description: 'The first month (default: eleven months before the current one)' }),
    to: month.optional().meta({ description: 'The last month (default: the current month, Asia/Shanghai)' }),
  })
  .meta({ description: 'At most 36 months, the first not after the last' });
export const dashboardReportQuerySchema = z.object({ month });
export const dashboardSchema = z
  .object({
    departmentName: z
      .string()
      .nullable()
      .meta({ description: "The office whose figures these are; null: every department's (an administrator)" }),
    from: month,
    to: month,
    generatedAt: instant,
    byState: z
      .array(
        z.object({
          state: z.enum(CASE_STATES),
          listType: z.string(),
          listTypeName: z.string(),
          listTypeNameEn: z.string(),
          listKind: z.enum(LIST_KINDS),
          count: z.number().int(),
        }),
      )
      .meta({ description: 'Every case of the office as it stands now, by state and list type' }),
    months: z
      .array(
        z.object({
          month,
          filed: z.number().int(),
          listed: z.number().int(),
          removed: z.number().int(),
          deadlinesMet: z.number().int().meta({ description: 'Deadlines falling in the month whose step was taken in time' }),
          deadlinesOverdue: z.number().int().meta({ description: 'Deadlines falling in the month that passed with the step not taken' }),
          deadlinesOpen: z.number().int().meta({ description: 'Deadlines falling in the month still running' }),
          objectionsUpheld: z.number().int(),
          objectionsRejected: z.number().int(),
          objectionsNotAccepted: z.number().int(),
          repairsGranted: z.number().int(),
          repairsRefused: z.number().int(),
          repairsNotAccepted: z.number().int(),
        }),
      )
      .meta({
        description: 'Each month of the period (Beijing time): what was filed, listed, removed, decided, and how its deadlines went',
      }),
    steps: z
      .array(
        z.object({
          step: z.enum(DASHBOARD_STEPS),
          count: z.number().int().meta({ description: 'Steps completed in the period' }),
          averageWorkingDays: z.number().meta({ description: 'Working days on the PRC calendar, the starting day not counted' }),
          maxWorkingDays: z.number().int(),
          allowedWorkingDays: z
            .number()
            .nullable()
            .meta({ description: 'The deadline the policy gives the step (average over the cases); null: none' }),
          overdue: z.number().int(),
        }),
      )
      .meta({ description: 'Working days per step, between the events that start and end it, for steps ended in the period' }),
    units: z
      .array(
        z.object({
          departmentId: z.string(),
          departmentName: z.string(),
          pushes: z.number().int(),
          acknowledged: z.number().int(),
          feedbackAsked: z
            .number()
            .int()
            .meta({ description: 'Pushes that ask for execution feedback (a listing) or lifting (a suspension or removal)' }),
          fedBack: z.number().int(),
          fedBackInTime: z.number().int(),
          overdue: z.number().int().meta({ description: 'Pushes whose acknowledgement or feedback deadline passed undone' }),
          feedbackRate: z.number().nullable().meta({ description: 'fedBack / feedbackAsked (0–1); null when none was asked' }),
        }),
      )
      .meta({ description: "Each cooperating unit's answers to the pushes of the period" }),
  })
  .meta({ id: 'Dashboard' });
export type Dashboard = z.infer<typeof dashboardSchema>;

export const stuckCaseSchema = z.object({
  activity: z.string().meta({ description: "The system's processing that keeps failing (issueNotice, listSubject…)" }),
  attempts: z.number().int(),
  lastError: z.string(),
  since: instant,
  updatedAt: instant,
  // The administrator, who reads no case, is told its number, not whose it is.
  case: caseRef.extend({ subjectName: z.string().nullable() }),
});
export type StuckCase = z.infer<typeof stuckCaseSchema>;

/** A subject's record (主体信用记录): its listings — as the subject or as a responsible person — the measures on it, its interviews. */
export const subjectRecordSchema = z
  .object({
    code: z.string(),
    name: z.string(),
    type: z.enum(SUBJECT_TYPES),
    listings: z.array(
      z.object({
        caseId: z.string(),
        caseNumber: z.string(),
        department: z.string(),
        listType: z.string(),
        listTypeName: z.string(),
        listKind: z.enum(LIST_KINDS).meta({ description: 'A black list (serious dishonesty) or a red list (trustworthiness)' }),
        tier: z.enum(TIERS).nullable(), // none on a red listing
        state: z.enum(CASE_STATES),
        as: z.enum(['SUBJECT', ...RESPONSIBLE_ROLES]).meta({ description: 'On it as the subject, or as a responsible person of it' }),
        listedAt: instant.nullable(),
        publicationEndsOn: dateColumn.nullable(),
        removedAt: instant.nullable(),
        removalKind: z.enum(REMOVAL_KINDS).nullable(),
        measuresSuspended: z.boolean(),
        measures: z.array(
          z.object({
            measureId: z.string(),
            content: z.string(),
            unit: z.string(),
            since: instant.nullable(),
            inForce: z.boolean(),
            liftedAt: instant.nullable(),
          }),
        ),
      }),
    ),
    interviews: z.array(
      z.object({
        caseNumber: z.string(),
        department: z.string(),
        kind: z.enum(INTERVIEW_KINDS),
        scheduledFor: dateColumn,
        place: z.string(),
        notice: z.string(),
        heldOn: dateColumn.nullable(),
        attendees: z.string().nullable(),
        minutes: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'SubjectRecord' });
export type SubjectRecord = z.infer<typeof subjectRecordSchema>;

/** A listed subject not rectified within the policy's period: due an interview (约谈, 谁认定、谁约谈). */
export const interviewDueSchema = z.object({
  rectificationDueAt: instant,
  interviewsHeld: z.number().int(),
  lastInterviewOn: dateColumn.nullable(),
  case: caseRef,
});
export type InterviewDue = z.infer<typeof interviewDueSchema>;

// ── The audit trail (审计日志) ─────────────────────────────────────────────────────────────────
/** The audit list's search form: the case (number, subject), the actions, the actor, the days recorded. */
export const auditQuerySchema = z.object({
  q: z.string().trim().max(50).optional().meta({ description: "Part of the case number or the subject's name, or the whole code" }),
  action: codesParam(AUDIT_ACTIONS as [AuditAction, ...AuditAction[]], 'Actions, comma-separated'),
  actor: z
    .string()
    .trim()
    .max(50)
    .optional()
    .meta({ description: "Part of the actor's name; 系统 (or system) finds the system's own steps" }),
  ...dayRangeFields('Recorded'),
  ...pageFields(),
  ...sortFields(['at']),
});
export const auditEntrySchema = z
  .object({
    id: z.string(),
    at: instant,
    caseId: z.string(),
    caseNumber: z.string(),
    subjectName: z.string(),
    department: z.string(),
    action: z.enum(AUDIT_ACTIONS as [AuditAction, ...AuditAction[]]),
    actorName: z.string().meta({ description: "The person's name, or the system's (系统自动)" }),
    actorRole: z.enum([...ROLES, 'SYSTEM']),
    reason: z.string().nullable(),
    detail: z
      .record(z.string(), z.unknown())
      .meta({ description: "The action's own detail (domain/audit.ts): the unit told, the document made, the deadline…" }),
  })
  .meta({ id: 'AuditEntry' });
export type AuditEntry = z.infer<typeof auditEntrySchema>;
export const auditPageSchema = pageOf(auditEntrySchema, 'AuditPage');
export type AuditPage = z.infer<typeof auditPageSchema>;

// ── The access log (查询使用登记) ──────────────────────────────────────────────────────────────
/** The access log's search form: who, their role and department, the subject or case, the purpose, the outcome, the days. */
export const accessLogQuerySchema = z.object({
  who: z.string().trim().max(50).optional().meta({ description: "Part of the reader's name or username, or of the unit's key's name" }),
  role: codesParam(ROLES, 'Roles, comma-separated'),
  department: z.string().trim().max(50).optional().meta({ description: "Part of the reader's department's name" }),
  q: z
    .string()
    .trim()
    .max(50)
    .optional()
    .meta({ description: "What was read: part of the case number or the subject's name, or the whole code or case id" }),
  kind: codesParam(ACCESS_KINDS, 'What was read (the kinds of read), comma-separated'),
  purpose: codesParam(ACCESS_PURPOSES, 'Purposes, comma-separated'),
  outcome: z.enum(ACCESS_OUTCOMES).optional(),
  ...dayRangeFields('Read'),
  ...pageFields(),
  ...sortFields(['at', 'position']),
});
export const accessLogEntrySchema = z
  .object({
    id: z.string(),
    position: z.number().int().meta({ description: 'Its place in the hash-chained log' }),
    at: instant,
    actorKind: z.enum(ACCESS_ACTORS),
    actorName: z.string().nullable(),
    username: z.string().nullable(),
    role: z.enum(ROLES).nullable(),
    departmentName: z.string().nullable(),
    kind: z.enum(ACCESS_KINDS),
    method: z.string(),
    path: z.string(),
    caseId: z.string().nullable(),
    caseNumber: z.string().nullable(),
    subjectCode: z.string().nullable(),
    subjectName: z.string().nullable(),
    subjectType: z.enum(SUBJECT_TYPES).nullable(),
    documentId: z.string().nullable(),
    query: z.record(z.string(), z.unknown()).nullable().meta({ description: "A list's search form, as asked" }),
    purpose: z.enum(ACCESS_PURPOSES).nullable(),
    purposeNote: z.string().nullable(),
    address: z.string(),
    status: z.number().int(),
    outcome: z.enum(ACCESS_OUTCOMES),
  })
  .meta({ id: 'AccessLogEntry' });
export type AccessLogEntry = z.infer<typeof accessLogEntrySchema>;
export const accessLogPageSchema = pageOf(accessLogEntrySchema, 'AccessLogPage');
export type AccessLogPage = z.infer<typeof accessLogPageSchema>;

// ── Calendar and policies ────────────────────────────────────────────────────────────────────
const calendarEntry = {
  year: z.number().int(),
  source: z.string().nullable(),
  updatedBy: z.string().nullable(),
  updatedAt: instant.nullable(),
};
export const calendarYearsSchema = z.array(z.object(calendarEntry));
export const calendarYearViewSchema = z.object({
  ...calendarEntry,
  entered: z.boolean(),
  days: z.array(z.object({ date: day, kind: z.enum(['HOLIDAY', 'MAKEUP_WORKDAY']), name: z.string() })),
});
export type CalendarYearView = z.infer<typeof calendarYearViewSchema>;
export const calendarSavedSchema = z.object({
  year: z.number().int(),
  days: z.number().int(),
  casesNotified: z
    .number()
    .int()
    .nullable()
    .meta({ description: 'The running cases told; null while the change is still reaching them (it goes on in the background)' }),
});
export type CalendarSaved = z.infer<typeof calendarSavedSchema>;
export const calendarPreviewSchema = z.object({
  year: z.number().int(),
  days: z.number().int(),
  deadlines: z.number().int().meta({ description: "The cases' running deadlines the save recomputes" }),
  cases: z.number().int().meta({ description: 'The running cases told to recompute (as casesNotified will say)' }),
  caseNumbers: z.array(z.string()).meta({ description: 'Their case numbers, nearest deadline first (at most 20)' }),
  unitDeadlines: z.number().int().meta({ description: "Cooperating units' deadlines the save moves" }),
});
export type CalendarPreview = z.infer<typeof calendarPreviewSchema>;

const months = z.object({ min: z.number().int(), max: z.number().int() });
export const policyVersionSchema = z
  .object({
    id: z.string(),
    code: z.string(),
    version: z.number().int(),
    name: z.string(),
    jurisdiction: z.string(),
    listType: z.string().nullable(),
    source: z.string(),
    noticeWorkingDays: z.number().int(),
    objectionAcceptanceStep: z.boolean(),
    objectionAcceptanceWorkingDays: z.number().int(),
    objectionVerificationWorkingDays: z.number().int(),
    suspendMeasuresDuringVerification: z.boolean(),
    repairAcceptanceWorkingDays: z.number().int(),
    repairDecisionWorkingDays: z.number().int(),
    publicationMonths: z.object({ MINOR: months, GENERAL: months, SERIOUS: months }),
    statementReviewWorkingDays: z.number().int(),
    announcementServiceDays: z.number().int(),
    correctionNoticeDays: z.number().int(),
    rectificationMonths: z.number().int(),
    unitAcknowledgementWorkingDays: z.number().int(),
    unitFeedbackWorkingDays: z.number().int(),
    unitLiftingWorkingDays: z.number().int(),
    publicationStartsFrom: z.enum(PUBLICATION_STARTS),
    valueSources: z
      .record(z.string(), z.string())
      .meta({ description: 'Each value: the document and article that fixes it, or 地方自定 (local choice)' }),
    createdBy: z.string(),
    createdAt: instant,
    cases: z.number().int().optional().meta({ description: 'How many cases run under this version' }),
  })
  .meta({ id: 'PolicyVersion' });
export type PolicyVersion = z.infer<typeof policyVersionSchema>;

// ── Public lookup and the units' inbox ───────────────────────────────────────────────────────
export const publicListingSchema = z
  .object({
    caseNumber: z.string(),
    subjectName: z.string().meta({ description: "A natural person's name masked to its first character" }),
    subjectCode: z.string().meta({ description: 'Masked' }),
    subjectType: z.enum(SUBJECT_TYPES),
    listType: z.string(),
    listTypeName: z.string(),
    listKind: z.enum(LIST_KINDS).meta({ description: 'A black list (serious dishonesty) or a red list (trustworthiness)' }),
    tier: z.enum(TIERS).nullable(), // none on a red listing
    reasons: z.string().nullable(),
    correction: z.string().nullable(),
    corrected: z.boolean(),
    notice: z.string().nullable().meta({ description: 'A correction or revocation notice (恢复名誉), shown for the policy period' }),
    removed: z.boolean().meta({ description: 'No longer listed: only its revocation notice is shown' }),
    measuresSuspended: z.boolean(),
    department: z.string(),
    listedAt: instant.nullable(),
    publicationEndsOn: dateColumn.nullable(),
  })
  .meta({ id: 'PublicListing' });
export type PublicListing = z.infer<typeof publicListingSchema>;
/** One page of the public lookup, with how many listings it found in all. */
export const publicPageSchema = z
  .object({ total: z.number().int(), page: z.number().int(), pageSize: z.number().int(), rows: z.array(publicListingSchema) })
  .meta({ id: 'PublicPage' });
export type PublicPage = z.infer<typeof publicPageSchema>;

// ── Execution feedback (执行反馈) and the units' machine interface ─────────────────────────────
export const feedbackSchema = z
  .object({
    id: z.string(),
    measureId: z.string(),
    subjectCode: z.string(),
    outcome: z.enum(FEEDBACK_OUTCOMES),
    on: dateColumn.nullable(),
    matter: z.string().nullable(),
    reason: z.string().nullable(),
    recordedAt: instant,
    recordedByName: z.string(),
    byApiKey: z.boolean().meta({ description: "Posted by the unit's own system" }),
  })
  .meta({ id: 'ExecutionFeedback' });
export type Feedback = z.infer<typeof feedbackSchema>;

/** A measure of a listing on one subject, with the unit's latest feedback on it. */
export const measureTargetSchema = z.object({
  measureId: z.string(),
  content: z.string(),
  subjectCode: z.string(),
  subjectName: z.string(),
  standing: z.enum(MEASURE_STANDINGS),
  latest: feedbackSchema.nullable(),
});
export type MeasureTargetView = z.infer<typeof measureTargetSchema>;

export const inboxPushSchema = pushSchema
  .extend({
    case: z.object({
      id: z.string(),
      caseNumber: z.string(),
      subjectName: z.string(),
      subjectCode: z.string(),
      listType: z.string(),
      listTypeName: z.string(),
      listKind: z.enum(LIST_KINDS).meta({ description: 'A black list (serious dishonesty) or a red list (trustworthiness)' }),
      tier: z.enum(TIERS).nullable(), // none on a red listing
      publicationEndsOn: dateColumn.nullable(),
    }),
    measures: z.array(measureSchema),
    targets: z
      .array(measureTargetSchema)
      .meta({ description: "The unit's measures on each subject they restrain, with its latest feedback" }),
    acknowledgementOverdue: z.boolean(),
    feedbackOverdue: z.boolean(),
  })
  .meta({ id: 'InboxPush' });
export type InboxPush = z.infer<typeof inboxPushSchema>;
/** The inbox's search form: the subject (name or code) or case number, its list, acknowledged or not, feedback overdue, the days pushed. */
export const inboxQuerySchema = z.object({
  q: z.string().trim().max(50).optional().meta({ description: "Part of the subject's name or the case number, or the whole code" }),
  listType: z.string().max(64).optional(),
  acknowledged: flagParam('Only those acknowledged (true), or only those awaiting it (false)'),
  feedbackOverdue: flagParam('Only those whose first feedback or lifting is overdue (true), or only those that are not (false)'),
  ...dayRangeFields('Pushed'),
  ...pageFields(),
  ...sortFields(['pushedAt', 'caseNumber']),
});
export const inboxPageSchema = pageOf(inboxPushSchema, 'InboxPage');
export type InboxPage = z.infer<typeof inboxPageSchema>;

/** The office's view of one unit's execution of a listing. */
export const unitExecutionSchema = z
  .object({
    department: z.string(),
    pushes: z.array(pushSchema.extend({ acknowledgementOverdue: z.boolean(), feedbackOverdue: z.boolean() })),
    targets: z.array(measureTargetSchema),
    feedback: z.array(feedbackSchema).meta({ description: 'Every entry, oldest first' }),
  })
  .meta({ id: 'UnitExecution' });
export type UnitExecution = z.infer<typeof unitExecutionSchema>;

/** A measure as the party it restrains sees it: in force now, suspended, or lifted (and by which units). */
export const partyMeasureSchema = z
  .object({
    measureId: z.string(),
    content: z.string(),
    subjectCode: z.string(),
    implementingDepartment: z.string(),
    standing: z.enum(MEASURE_STANDINGS),
    since: instant.nullable(),
    liftedAt: instant.nullable(),
    liftedByUnitOn: dateColumn.nullable().meta({ description: 'The day the implementing unit reported lifting it' }),
  })
  .meta({ id: 'PartyMeasure' });
export type PartyMeasure = z.infer<typeof partyMeasureSchema>;

/** A unit's deadline, on the initiating office's watch. */
export const unitDeadlineSchema = z
  .object({
    pushId: z.string(),
    kind: z.enum(UNIT_DEADLINE_KINDS),
    pushKind: z.enum(PUSH_KINDS),
    unit: z.string(),
    dueAt: instant,
    overdue: z.boolean(),
    workingDaysLeft: z.number().int().nullable(),
    case: z.object({ id: z.string(), caseNumber: z.string(), subjectName: z.string() }),
  })
  .meta({ id: 'UnitDeadline' });
export type UnitDeadline = z.infer<typeof unitDeadlineSchema>;
export const unitDeadlineQuerySchema = z.object({ ...pageFields() });
export const unitDeadlinePageSchema = pageOf(unitDeadlineSchema, 'UnitDeadlinePage');
export type UnitDeadlinePage = z.infer<typeof unitDeadlinePageSchema>;

/** What a unit's system learns of a subject (应查必查): its active listings and the measures this unit applies. */
export const subjectLookupSchema = z
  .object({
    subjectCode: z.string(),
    listed: z.boolean(),
    listings: z.array(
      z.object({
        caseNumber: z.string(),
        listType: z.string(),
        listKind: z.enum(LIST_KINDS).meta({ description: 'A black list (serious dishonesty) or a red list (trustworthiness)' }),
        listTypeName: z.string(),
        tier: z.enum(TIERS).nullable(), // none on a red listing
        role: z.enum(['SUBJECT', 'RESPONSIBLE_PERSON']).meta({ description: 'Listed itself, or restrained as a responsible person' }),
        subjectName: z.string(),
        listedAt: instant.nullable(),
        publicationEndsOn: dateColumn.nullable(),
        suspended: z.boolean(),
        measures: z
          .array(z.object({ measureId: z.string(), content: z.string(), subjectCode: z.string(), since: instant.nullable() }))
          .meta({ description: 'The measures this unit must apply, on whom (empty while suspended)' }),
      }),
    ),
  })
  .meta({ id: 'SubjectLookup' });

export const apiKeySchema = z
  .object({
    id: z.string(),
    departmentId: z.string(),
    name: z.string(),
    prefix: z.string(),
    createdAt: instant,
    createdBy: z.string(),
    revokedAt: instant.nullable(),
    revokedBy: z.string().nullable(),
    lastUsedAt: instant.nullable(),
  })
  .meta({ id: 'ApiKey' });
export const createdApiKeySchema = apiKeySchema
  .extend({ token: z.string().meta({ description: 'Shown this once: send it as Authorization: Bearer <token>' }) })
  .meta({ id: 'CreatedApiKey' });
export type ApiKey = z.infer<typeof apiKeySchema>;
export type CreatedApiKey = z.infer<typeof createdApiKeySchema>;

export const webhookSchema = z
  .object({
    departmentId: z.string(),
    url: z.string(),
    active: z.boolean(),
    createdAt: instant,
    createdBy: z.string(),
  })
  .meta({ id: 'Webhook' });
export const createdWebhookSchema = webhookSchema
  .extend({
    secret: z.string().meta({ description: 'Shown this once: X-Credit-Signature is HMAC-SHA256 under it of `${timestamp}.${body}`' }),
  })
  .meta({ id: 'CreatedWebhook' });
export type CreatedWebhook = z.infer<typeof createdWebhookSchema>;

export const unitSchema = z
  .object({
    id: z.string(),
    code: z.string(),
    name: z.string(),
    apiKeys: z.array(apiKeySchema),
    webhook: webhookSchema.nullable(),
  })
  .meta({ id: 'Unit' });
export type Unit = z.infer<typeof unitSchema>;

export const webhookDeliverySchema = z
  .object({
    id: z.string(),
    event: z.enum(PUSH_KINDS),
    url: z.string(),
    status: z.enum(WEBHOOK_DELIVERY_STATUSES),
    createdAt: instant,
    deliveredAt: instant.nullable(),
    attempts: z.array(
      z.object({
        attempt: z.number().int(),
        at: instant,
        statusCode: z.number().int().nullable(),
        error: z.string().nullable(),
        durationMs: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'WebhookDelivery' });
export type WebhookDelivery = z.infer<typeof webhookDeliverySchema>;

// ── The administrator's pages (users, departments, measures, list types) and 管理变更记录 ──────────
export const adminUserQuerySchema = z.object({
  q: z.string().trim().max(50).optional().meta({ description: "Part of the user name or the person's name" }),
  role: codesParam(ROLES, 'Roles, comma-separated'),
  departmentId: z.string().max(64).optional(),
  active: flagParam('Enabled (true) or disabled (false) accounts'),
  ...pageFields(),
  ...sortFields(['username', 'createdAt'], 'asc'),
});
export const adminUserSchema = z
  .object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    role: z.enum(ROLES),
    department: z.object({ id: z.string(), name: z.string() }).nullable(),
    subjectCode: z.string().nullable(),
    active: z.boolean(),
    mustChangePassword: z.boolean().meta({ description: 'An initial password the user has still to change' }),
    lockedUntil: instant.nullable().meta({ description: 'Locked after wrong passwords or codes, until then' }),
    totpEnabled: z.boolean(),
    createdAt: instant,
    passwordChangedAt: instant.nullable(),
  })
  .meta({ id: 'AdminUser' });
export type AdminUser = z.infer<typeof adminUserSchema>;
export const adminUserPageSchema = pageOf(adminUserSchema, 'AdminUserPage');

export const adminDepartmentSchema = z
  .object({
    id: z.string(),
    code: z.string(),
    name: z.string(),
    docPrefix: z.string(),
    policyCode: z.string(),
    policyName: z.string().meta({ description: "The name of the policy its jurisdiction follows (its newest version's)" }),
    users: z.number().int(),
    measures: z.number().int().meta({ description: 'Measures of the catalogue it implements' }),
  })
  .meta({ id: 'AdminDepartment' });
export type AdminDepartment = z.infer<typeof adminDepartmentSchema>;

export const adminMeasureQuerySchema = z.object({
  q: z.string().trim().max(50).optional().meta({ description: "Part of the measure's content or its code" }),
  category: codesParam(MEASURE_CATEGORIES, 'Categories, comma-separated'),
  listType: z.string().trim().max(64).optional(),
  active: flagParam('In the catalogue (true) or retired (false)'),
  ...pageFields(),
  ...sortFields(['id'], 'asc'),
});
export const adminMeasureSchema = measureSchema
  .extend({
    implementingDepartment: z.object({ id: z.string(), name: z.string() }),
    active: z.boolean(),
    cases: z.number().int().meta({ description: 'Cases that carry it (a measure is retired, never deleted)' }),
  })
  .meta({ id: 'AdminMeasure' });
export type AdminMeasure = z.infer<typeof adminMeasureSchema>;
export const adminMeasurePageSchema = pageOf(adminMeasureSchema, 'AdminMeasurePage');

export const adminListTypeSchema = listTypeSchema
  .extend({ cases: z.number().int(), measures: z.number().int() })
  .meta({ id: 'AdminListType' });
export type AdminListType = z.infer<typeof adminListTypeSchema>;

export const adminChangeQuerySchema = z.object({
  entity: z.enum(ADMIN_ENTITIES).optional(),
  entityId: z.string().max(100).optional().meta({ description: 'One record: its history' }),
  q: z.string().trim().max(50).optional().meta({ description: "Part of the record's name, the actor's name or the reason" }),
  action: codesParam(ADMIN_ACTIONS, 'Actions, comma-separated'),
  ...dayRangeFields('Changed'),
  ...pageFields(),
  ...sortFields(['at']),
});
export const adminChangeSchema = z
  .object({
    id: z.string(),
    position: z.number().int().meta({ description: 'Its place in the hash-chained record' }),
    at: instant,
    actorName: z.string(),
    actorRole: z.enum(ROLES),
    entity: z.enum(ADMIN_ENTITIES),
    entityId: z.string(),
    entityName: z.string(),
    action: z.enum(ADMIN_ACTIONS),
    before: z.record(z.string(), z.unknown()).nullable(),
    after: z.record(z.string(), z.unknown()).nullable(),
    reason: z.string(),
    address: z.string(),
  })
  .meta({ id: 'AdminChange' });
export type AdminChange = z.infer<typeof adminChangeSchema>;
export const adminChangePageSchema = pageOf(adminChangeSchema, 'AdminChangePage');

// ── The second factor (TOTP) ─────────────────────────────────────────────────────────────────
export const totpStatusSchema = z
  .object({
    available: z.boolean().meta({ description: "The user's role may enrol one (supervisors and administrators)" }),
    enabled: z.boolean(),
    enabledAt: instant.nullable(),
  })
  .meta({ id: 'TotpStatus' });
export type TotpStatus = z.infer<typeof totpStatusSchema>;
export const totpEnrolmentSchema = z
  .object({
    secret: z.string().meta({ description: 'Base32, for typing into the app; shown this once, never again' }),
    uri: z.string().meta({ description: 'otpauth:// URI' }),
    qr: z.string().meta({ description: 'The URI as a QR code, a data: URL of a PNG' }),
    enrolment: z.string().meta({
      description:
        'The enrolment, sealed by the server (valid 10 minutes): sent back with the code that confirms it. Nothing is stored until then',
    }),
  })
  .meta({ id: 'TotpEnrolment' });
export type TotpEnrolment = z.infer<typeof totpEnrolmentSchema>;
// ── Bulk import (批量导入) and batch approval (批量审核) ──────────────────────────────────────
/** One problem with a row of an import file: the column (its header), the form's field and why. */
export const importRowErrorSchema = z.object({
  column: z.string().nullable().meta({ description: "The column's header, as the template names it" }),
  field: z.string().meta({ description: 'The designation form field, as the single filing names it' }),
  code: z.string(),
  message: z.string(),
});
/** A row of an import file as the preview reads it: valid, invalid (with each error), or already imported. */
export const importPreviewRowSchema = z.object({
  rowNumber: z.number().int().meta({ description: 'The row number as the spreadsheet shows it (the header is row 1)' }),
  subjectName: z.string(),
  subjectCode: z.string(),
  status: z.enum(['VALID', 'INVALID', 'IMPORTED']),
  errors: z.array(importRowErrorSchema),
  caseId: z.string().nullable().meta({ description: 'The case already filed from this row (IMPORTED)' }),
  caseNumber: z.string().nullable(),
});
export const importPreviewSchema = z
  .object({
    fileName: z.string(),
    sha256: z.string(),
    rows: z.number().int(),
    valid: z.number().int(),
    invalid: z.number().int(),
    imported: z.number().int().meta({ description: 'Rows this file already filed (an earlier import of it)' }),
    batchId: z.string().nullable().meta({ description: 'The batch this very file was imported as, if it was' }),
    results: z.array(importPreviewRowSchema),
  })
  .meta({ id: 'ImportPreview' });
export type ImportPreview = z.infer<typeof importPreviewSchema>;

export const importBatchSummarySchema = z
  .object({
    id: z.string(),
    fileName: z.string(),
    sha256: z.string(),
    createdByName: z.string(),
    createdAt: instant,
    finishedAt: instant.nullable(),
    status: z.enum(['RUNNING', 'FINISHED']),
    rowsInFile: z.number().int(),
    total: z.number().int().meta({ description: 'Rows to file (the valid ones)' }),
    done: z.number().int(),
    failed: z.number().int(),
    awaitingApproval: z.number().int().meta({ description: 'Cases of the batch awaiting the notice approval now' }),
  })
  .meta({ id: 'ImportBatch' });
export type ImportBatchSummary = z.infer<typeof importBatchSummarySchema>;
export const importBatchPageSchema = pageOf(importBatchSummarySchema, 'ImportBatchPage');

export const importRowSchema = z.object({
  rowNumber: z.number().int(),
  subjectName: z.string(),
  subjectCode: z.string(),
  status: z.enum(['PENDING', 'FILED', 'FAILED']),
  caseId: z.string().nullable(),
  caseNumber: z.string().nullable(),
  caseState: z.enum(CASE_STATES).nullable(),
  error: z.string().nullable(),
});
export const importBatchDetailSchema = importBatchSummarySchema
  .extend({ rows: pageOf(importRowSchema, 'ImportRowPage') })
  .meta({ id: 'ImportBatchDetail' });
export type ImportBatchDetail = z.infer<typeof importBatchDetailSchema>;
export const importRowQuerySchema = z.object({
  status: z.enum(['PENDING', 'FILED', 'FAILED']).optional(),
  ...pageFields(200),
});
export const importListQuerySchema = z.object({ ...pageFields() });

/** The supervisor's approval of several prior notices at once, with one opinion; each case as the list showed it. */
export const batchNoticeApprovalSchema = z.object({
  cases: z
    .array(
      z.object({
        id: z.string().min(1).max(64),
        updatedAt: instant.meta({ description: 'The case as the list showed it: changed since, it is refused as stale' }),
      }),
    )
    .min(1, 'batchApproval.none')
    .max(100, 'batchApproval.tooMany:100'),
  reasons: storable().trim().max(2000, 'text.max:2000').default(''),
});
export const batchNoticeApprovalResultSchema = z
  .object({
    results: z.array(
      z.object({
        id: z.string(),
        caseNumber: z.string().nullable(),
        ok: z.boolean(),
        status: z.number().int(),
        code: z.string().nullable(),
        message: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'BatchNoticeApprovalResult' });
export type BatchNoticeApprovalResult = z.infer<typeof batchNoticeApprovalResultSchema>;
