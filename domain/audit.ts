// The audit trail's events (办理记录): each action with the schema of its detail, once. Activities
// write only these (activities/audit.ts is typed by them); the API sends them as a discriminated
// union on `action`, and the case timeline renders each from its own fields, without guessing.
import { z } from 'zod';
import {
  ATTACHMENT_PURPOSES,
  DEADLINE_KINDS,
  DOCUMENT_KINDS,
  INTERVIEW_KINDS,
  FEEDBACK_OUTCOMES,
  LENIENCY_GROUNDS,
  OBJECTION_CONCERNS,
  OBJECTION_REMEDIES,
  OBJECTION_SOURCES,
  REMOVAL_KINDS,
  REPAIR_METHODS,
  SERVICE_METHODS,
  UNIT_DEADLINE_KINDS,
} from './vocabulary';

const day = z.string().meta({ description: 'A date in Asia/Shanghai, YYYY-MM-DD' });
const none = z.object({});
const objection = z.object({ objectionId: z.string() });
const application = z.object({ applicationId: z.string() });
/** A deadline as an event states it: which one, its last day, its length in working days. */
const deadline = z.object({
  deadline: z.enum(DEADLINE_KINDS),
  deadlineDate: day,
  workingDays: z.number().int(),
});
/** Told to every cooperating unit the listing was pushed to. */
const pushed = z.object({
  department: z.string(),
  measures: z.array(z.string()),
  correction: z.string().optional(),
  upheld: z.boolean().optional(),
  removalKind: z.enum(REMOVAL_KINDS).optional(),
});
const removed = z.object({ reference: z.string().optional() });
const remedies = z.literal('RECONSIDERATION_OR_LITIGATION').meta({ description: 'The party was told of reconsideration and litigation' });

/** Every action the audit trail records, with the schema of its detail. */
export const AUDIT_EVENTS = {
  CASE_FILED: z.object({ caseNumber: z.string(), policy: z.string(), leniencyGrounds: z.array(z.enum(LENIENCY_GROUNDS)) }),
  DRAFT_REVISED: none,
  NOTICE_APPROVED: none,
  NOTICE_RETURNED: none,
  NOTICE_ISSUED: z.object({ noticeNumber: z.string() }),
  /** A document (or the decision with the credit-repair notice) served: how, when; the notice period it opened. */
  SERVICE_RECORDED: z.object({
    documents: z.array(z.enum(DOCUMENT_KINDS)),
    /** On whom: the subject or a responsible person, by name. */
    recipient: z.string().optional(),
    method: z.enum(SERVICE_METHODS),
    receivedOn: day,
    servedOn: day,
    deadlineDate: day.optional(),
    workingDays: z.number().int().optional(),
    provisional: z.boolean().optional(),
  }),
  STATEMENT_FILED: z.object({ statementId: z.string(), onBehalfOfParty: z.boolean() }),
  OBJECTION_FILED: z.object({ statementId: z.string(), onBehalfOfParty: z.boolean() }),
  STATEMENT_WAIVED: z.object({ statementId: z.string(), onBehalfOfParty: z.boolean() }),
  /** The notice period is over with statements made: the caseworker reviews them by the deadline. */
  STATEMENTS_IN_REVIEW: z.object({ statements: z.number().int(), deadlineDate: day, workingDays: z.number().int() }),
  STATEMENT_ACCEPTED: none,
  STATEMENT_REJECTED: none,
  DECISION_SUBMITTED: z.object({ noticePeriodEndedWithoutStatement: z.boolean() }),
  DECISION_APPROVED: none,
  DECISION_REFUSED: none,
  LISTED: z.object({ publicationEndsOn: day, publicationMonths: z.number().int(), repairEligibleFrom: day }),
  /** A red listing in force: published and pushed, valid until its last day. */
  RED_LISTED: z.object({ validUntil: day, validityMonths: z.number().int() }),
  PUSHED: pushed,
  REMOVAL_PUSHED: pushed,
  SUSPENSION_PUSHED: pushed,
  RESUMPTION_PUSHED: pushed,
  CORRECTION_PUSHED: pushed,
  OBJECTION_RESULT_PUSHED: pushed,
  PUSH_ACKNOWLEDGED: z.object({ department: z.string().nullable(), measures: z.array(z.string()) }),
  /** A unit's execution feedback on one measure, on one subject, from its inbox or its own system. */
  EXECUTION_FEEDBACK: z.object({
    department: z.string(),
    measureId: z.string(),
    subjectCode: z.string(),
    outcome: z.enum(FEEDBACK_OUTCOMES),
    on: day.optional(),
    matter: z.string().optional(),
    byApiKey: z.boolean(),
  }),
  DOCUMENT_ISSUED: z.object({ documentId: z.string(), number: z.string(), kind: z.enum(DOCUMENT_KINDS) }),
  LISTING_OBJECTION_FILED: z.object({
    objectionId: z.string(),
    source: z.enum(OBJECTION_SOURCES),
    concerns: z.enum(OBJECTION_CONCERNS).optional(),
  }),
  OBJECTION_ACCEPTED: objection,
  OBJECTION_NOT_ACCEPTED: objection,
  OBJECTION_UPHELD: z.object({
    objectionId: z.string(),
    remedy: z.enum(OBJECTION_REMEDIES),
    correction: z.string().optional(),
    shortenedTo: day.optional(),
  }),
  OBJECTION_REJECTED: z.object({ objectionId: z.string(), remedies }),
  /** An upheld objection's correction or revocation notice on the public lookup, until its last day (恢复名誉). */
  PUBLIC_NOTICE_POSTED: z.object({ objectionId: z.string(), until: day }),
  /** A responsible person's record cleared: the measures on them lifted, the listing standing. */
  PERSON_MEASURES_LIFTED: z.object({ person: z.string(), measures: z.array(z.string()) }),
  /** An interview (约谈) the listing department calls a subject that has not rectified to. */
  INTERVIEW_SCHEDULED: z.object({ interviewId: z.string(), kind: z.enum(INTERVIEW_KINDS), scheduledFor: day, place: z.string() }),
  INTERVIEW_HELD: z.object({ interviewId: z.string(), heldOn: day, attendees: z.string() }),
  REPAIR_APPLIED: z.object({ applicationId: z.string(), otherMethods: z.array(z.enum(REPAIR_METHODS)) }),
  REPAIR_ACCEPTED: application,
  REPAIR_NOT_ACCEPTED: application,
  REPAIR_EXTENDED: deadline.extend({ applicationId: z.string(), from: day }),
  REPAIR_GRANTED: application,
  REPAIR_REFUSED: z.object({ applicationId: z.string(), remedies }),
  REMOVED_EXPIRY: removed,
  REMOVED_EARLY: removed,
  REMOVED_REPAIRED: removed,
  REMOVED_REVOKED: removed,
  /** A red listing ended because the subject was black-listed in the same field (the black case's number). */
  REMOVED_DISHONESTY: removed,
  /** A red listing not yet approved closed for the same reason. */
  RED_PROPOSAL_CLOSED: z.object({ blackCase: z.string(), listType: z.string() }),
  DEADLINE_RECOMPUTED: deadline.extend({ from: day, provisional: z.boolean() }),
  STEP_OVERDUE: deadline,
  /** A cooperating unit let its own deadline pass (签收、首次反馈或解除逾期): recorded at that instant by the push's watch. */
  UNIT_DEADLINE_OVERDUE: z.object({ department: z.string(), deadline: z.enum(UNIT_DEADLINE_KINDS), due: day, pushKind: z.string() }),
  /** Evidence files filed with a step (or the basis document's scan with the filing), each with its SHA-256. */
  ATTACHMENTS_LINKED: z.object({
    purpose: z.enum(ATTACHMENT_PURPOSES),
    reference: z.string().meta({ description: 'The statement, objection or repair application ("" for the basis document)' }),
    files: z.array(
      z.object({ attachmentId: z.string(), fileName: z.string(), mediaType: z.string(), size: z.number().int(), sha256: z.string() }),
    ),
  }),
} as const;

export type AuditAction = keyof typeof AUDIT_EVENTS;
export type AuditDetail<A extends AuditAction> = z.infer<(typeof AUDIT_EVENTS)[A]>;
export const AUDIT_ACTIONS = Object.keys(AUDIT_EVENTS) as AuditAction[];

/** An audit event, narrowed by its action: `e.action === 'LISTED'` gives `e.detail.publicationEndsOn`. */
export type AuditEvent = {
  [A in AuditAction]: {
    id: string;
    at: string;
    actorName: string;
    actorRole: string;
    reason: string | null;
    action: A;
    detail: AuditDetail<A>;
  };
}[AuditAction];

/** One entry of a case's timeline as the API sends it: who, when, what (with its detail), why. */
export const auditEventSchema = z
  .discriminatedUnion(
    'action',
    AUDIT_ACTIONS.map((action) =>
      z.object({
        id: z.string(),
        at: z.iso.datetime(),
        actorName: z.string(),
        actorRole: z.string(),
        reason: z.string().nullable(),
        action: z.literal(action),
        detail: AUDIT_EVENTS[action],
      }),
    ) as unknown as [z.ZodObject, ...z.ZodObject[]],
  )
  .meta({ id: 'AuditEvent' }) as unknown as z.ZodType<AuditEvent>;
