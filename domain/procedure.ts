// Messages exchanged between the procedure workflows, their activities and the API.
import type {
  AcceptanceInput,
  ApprovalInput,
  DesignationInput,
  EarlyRemovalInput,
  ObjectionInput,
  ObjectionOutcomeInput,
  RepairApplicationInput,
  RepairDecisionInput,
  RepairExtensionInput,
  ReviewDecisionInput,
  StatementInput,
  RedListingInput,
} from './schemas';
import type { CaseProgress, KeptDeadline } from './progress';
import type { Actor, DocumentKind, RemovalKind } from './vocabulary';

export type {
  CaseProgress,
  DeadlineView,
  KeptDeadline,
  ObjectionStage,
  OpenObjection,
  OpenRepair,
  OpenStep,
  RepairStage,
} from './progress';

export interface DesignationWorkflowInput {
  caseId: string;
  departmentId: string;
  filedBy: Actor;
  form: DesignationInput;
}

export interface RedListingWorkflowInput {
  caseId: string;
  departmentId: string;
  filedBy: Actor;
  form: RedListingInput;
}

/** A black listing in force in a conflicting field, which keeps a subject off a red list or takes it off. */
export interface DishonestyRecorded {
  caseNumber: string;
  listTypeName: string;
}

export interface NoticeIssued {
  caseNumber: string;
  noticeNumber: string;
}

/** A document served: the day service counts from, and the notice period it opened, if any. */
export interface Served {
  servedOn: string;
  deadline: KeptDeadline | null;
}

/** A document just made, waiting for its service on the party to be recorded. */
export interface MadeDocument {
  id: string;
  kind: DocumentKind;
}
/** A document to be served on one recipient: the subject, or one of its responsible persons (by code). */
export interface Addressed extends MadeDocument {
  recipient: string;
  /** The day it was made (Asia/Shanghai): its service cannot be dated before it. */
  madeOn?: string;
}
/** The service of a document on one recipient is a matter of its own: `<document id>:<recipient code>`. */
export const serviceMatter = (documentId: string, recipient: string) => `${documentId}:${recipient}`;
export function parseServiceMatter(matterId: string): { documentId: string; recipient: string } {
  const at = matterId.lastIndexOf(':');
  return { documentId: matterId.slice(0, at), recipient: matterId.slice(at + 1) };
}

/** The key of a case's notice-period deadline (CaseDeadline.key). */
export const NOTICE_DEADLINE = 'notice';
/** The key of the deadline for reviewing the statements made in the notice period. */
export const REVIEW_DEADLINE = 'statement-review';

/** The kinds of filing a party is given a receipt (回执) for, as its number names them. */
const RECEIPT_KINDS = { STATEMENT: '陈述', OBJECTION: '异议', REPAIR: '修复' } as const;
/**
 * A filing's receipt number: the case number, the kind of filing and its place among the case's
 * filings of that kind (市信用办立〔2026〕1号-异议01). Read from what is on file, so it is the same
 * every time the receipt is shown and needs no counter of its own.
 */
export const receiptNumber = (caseNumber: string, kind: keyof typeof RECEIPT_KINDS, ordinal: number) =>
  `${caseNumber}-${RECEIPT_KINDS[kind]}${String(ordinal).padStart(2, '0')}`;

/** Who takes a human step, and the case revision their form was filled in on. */
interface Step {
  actor: Actor;
}

export type PartyActor = Actor & { subjectCode?: string | null };
export interface FileStatementRequest extends StatementInput {
  actor: PartyActor;
}
export type ReviewDecisionRequest = ReviewDecisionInput & Step;
export type ApprovalRequest = ApprovalInput & Step;
export type ReviseDraftRequest = Step & { revision: number; form: DesignationInput };
export type EarlyRemovalRequest = EarlyRemovalInput & Step;
export interface FileObjectionRequest extends ObjectionInput {
  actor: PartyActor;
}
export type ObjectionAcceptanceRequest = AcceptanceInput & Step & { objectionId: string };
export type ObjectionOutcomeRequest = ObjectionOutcomeInput & Step & { objectionId: string };
export interface RepairApplicationRequest extends RepairApplicationInput {
  actor: PartyActor;
}
export type RepairAcceptanceRequest = AcceptanceInput & Step & { applicationId: string };
export type RepairExtensionRequest = RepairExtensionInput & Step & { applicationId: string };
export type RepairDecisionRequest = RepairDecisionInput & Step & { applicationId: string };

/** What the listing workflow carries from the designation, and from one run to the next. */
export interface ListingWorkflowInput {
  caseId: string;
  departmentId: string;
  subjectCode: string;
  /** The organisation's responsible persons (by ID number): parties in their own right. */
  responsiblePersons: string[];
  unrepairable: boolean;
  listedAt: string;
  publicationEndsOn: string;
  removalAt: string;
  repairEligibleFrom: string;
  /** Not rectified by this instant, the subject is due an interview (约谈). */
  rectificationDueAt: string;
  /** The policy decides acceptance of an objection first (else verification runs from receipt). */
  objectionAcceptanceStep: boolean;
  /** A repair application has been decided (an objection to its result may be raised). */
  repairDecided?: boolean;
  /** Documents made and not yet served, carried from one run to the next. */
  awaitingService?: Addressed[];
  /** An interview scheduled and not yet held, carried from one run to the next. */
  interview?: { id: string; scheduledFor: string };
  revision: number;
  /** The run's history length at which it continues as new, once no matter is open. */
  historyBound?: number;
}

export interface Listed {
  publicationEndsOn: string;
  removalAt: string;
  repairEligibleFrom: string;
  objectionAcceptanceStep: boolean;
}

export interface Removal {
  kind: RemovalKind;
  actor?: Actor;
  reason?: string;
  /** The objection or repair application that led to it. */
  reference?: string;
}

/** What filing a case answers: its number and the case as the filer sees it (update-with-start). */
export interface Filing {
  caseId: string;
  caseNumber: string;
  progress: CaseProgress;
}

/** The active case of the same subject, list type and basis that a second filing is refused for. */
export interface DuplicateOf {
  id: string;
  caseNumber: string;
}

/** The reason a workflow update was refused, for the API to show the user. */
export type RejectionCode =
  | 'WRONG_ROLE'
  | 'WRONG_STATE'
  | 'LATE'
  | 'NOT_THE_PARTY'
  | 'WRONG_DEPARTMENT'
  | 'STALE'
  | 'NOT_ELIGIBLE'
  | 'ALREADY_OPEN'
  | 'UNKNOWN_MATTER'
  /** The subject already has an active case on the same list and basis. */
  | 'DUPLICATE_LISTING'
  /** A red listing refused: the subject is on a black list of the same field. */
  | 'DISHONEST_IN_FIELD'
  /** A date the step gives is impossible (service dated before the document or in the future). */
  | 'INVALID_DATE'
  /** The same step is being taken by someone else at this moment. */
  | 'IN_PROGRESS'
  /** The step could not be recorded (the database refused it); nothing was decided. */
  | 'NOT_RECORDED';

/** The task queue every procedure workflow and activity runs on, but the documents' rendering. */
export const TASK_QUEUE = 'credit-procedures';
/**
 * The task queue the documents are rendered on: a PDF takes a core for a while, so the renderer can
 * run on processes (machines) of its own and a human step never waits behind one.
 */
export const DOCUMENT_TASK_QUEUE = 'credit-documents';
/** The activities that render a document, run on DOCUMENT_TASK_QUEUE. */
export const DOCUMENT_ACTIVITIES = [
  'issuePriorNoticeDocument',
  'issueReviewReply',
  'issueListingDocuments',
  'issueResultDocument',
  'issueRedListingDecision',
  'issueRedRemovalNotice',
  'issueRemovalNotice',
] as const;
/** One workflow id per case: the designation run, then the listing runs that continue it. */
export const designationWorkflowId = (caseId: string) => `designation-${caseId}`;
/** A red listing's one workflow, from the draft to its removal. */
export const redListingWorkflowId = (caseId: string) => `red-listing-${caseId}`;
export const importWorkflowId = (batchId: string) => `import-${batchId}`;
/** Each listing run's history stays under this many events plus one open matter's (about 80). */
export const LISTING_HISTORY_BOUND = 1000;
