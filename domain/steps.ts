// The step catalogue: every human step of a case, once. Each entry says who may take the step, on
// which matter, what its request carries (the shared zod schema) and what it is called in Chinese
// and English. The workflows' Update validators, the API's routes and role checks, the OpenAPI
// document and the web's step forms are all built from these entries; what is open at a given
// moment is the workflow's to say (workflows/steps.ts).
import { z } from 'zod';
import {
  acceptanceSchema,
  approvalSchema,
  designationSchema,
  earlyRemovalSchema,
  interviewRecordSchema,
  interviewScheduleSchema,
  objectionOutcomeSchema,
  objectionSchema,
  repairApplicationSchema,
  repairDecisionSchema,
  repairExtensionSchema,
  reviewDecisionSchema,
  revisionSchema,
  serviceSchema,
  statementSchema,
} from './schemas';
import type { Actor, Role } from './vocabulary';
import { parseServiceMatter } from './procedure';

/** The matters a listing runs beside it, each with its own id: an objection, a repair application. */
export const MATTERS = {
  objection: { idField: 'objectionId', path: 'objections' },
  repair: { idField: 'applicationId', path: 'repairs' },
  /** An interview with a subject that has not rectified (约谈): scheduled, then recorded as held. */
  interview: { idField: 'interviewId', path: 'interviews' },
  /** A document served on the party: its service is recorded on it. */
  document: { idField: 'documentId', path: 'documents' },
} as const;
export type MatterKind = keyof typeof MATTERS;

export interface StepEntry {
  /** The step as the user reads it: [zh-CN, en], e.g. ['审核告知书', 'approve a prior notice']. */
  label: readonly [string, string];
  /** Who may take it; caseworkers and supervisors only on their own department's cases. */
  roles: readonly Role[];
  /** A party takes it only on its own case; staff may take it on the party's behalf. */
  partysOwn?: boolean;
  /** The matter it is taken on: its id comes from the URL (…/objections/:matterId/…). */
  matter?: MatterKind;
  /** POST /api/cases/:id/<path>, or /api/cases/:id/<matter path>/:matterId/<path> on a matter. */
  path: string;
  /** The request body, as the form fills it in and the API checks it. */
  schema: z.ZodType<{ revision: number }>;
  /** A decision that takes a yes/no field; the form shows it as a choice with reasons. */
  decides?: string;
  /** The answer usually given (its button comes first and stands out); by default yes. */
  usualAnswer?: boolean;
  /** Fields the form shows only for some answers: field → the values other fields must have. */
  show?: Record<string, Record<string, unknown>>;
  /** A decision that cannot be taken back: the form asks to confirm it and shows it as grave. */
  grave?: boolean;
  /** A step whose form is a page of its own (the whole designation form again), relative to the case. */
  page?: string;
  /** What a party's own form sends without asking (its fields hidden): a value, or 'today' for today's date. */
  partyTakes?: Record<string, string>;
  /** A step that opens a matter answers with the new matter's id in this field; any other, with the case's progress. */
  creates?: 'statementId' | 'objectionId' | 'applicationId' | 'interviewId';
}

// Kept literal (const), so that each step's matter and answer are known to the type checker too.
const entry = <const E extends StepEntry>(e: E) => e;

/** A returned draft revised: the whole designation form again. */
export const draftRevisionSchema = z.object({ revision: revisionSchema, form: designationSchema });

export const STEPS = {
  // Designation (认定)
  decideNotice: entry({
    label: ['审核告知书', 'approve a prior notice'],
    roles: ['SUPERVISOR'],
    path: 'notice-approval',
    schema: approvalSchema,
    decides: 'approved',
  }),
  reviseDraft: entry({
    label: ['修改退回的认定材料', 'revise a returned draft'],
    roles: ['CASEWORKER'],
    path: 'draft',
    schema: draftRevisionSchema,
    page: 'revise',
  }),
  // Any document served on the party: the caseworker records the receipt, or the party
  // acknowledges it electronically in its portal (电子送达, on the day it does so).
  recordService: entry({
    label: ['登记送达', 'record service of a document'],
    roles: ['CASEWORKER', 'PARTY'],
    partysOwn: true,
    matter: 'document',
    path: 'service',
    schema: serviceSchema,
    partyTakes: { method: 'ELECTRONIC', receivedOn: 'today', note: '' },
  }),
  fileStatement: entry({
    label: ['提交陈述申辩或异议', 'file a statement or objection'],
    roles: ['PARTY', 'CASEWORKER'],
    partysOwn: true,
    path: 'statements',
    schema: statementSchema,
    creates: 'statementId',
  }),
  decideReview: entry({
    label: ['复核陈述申辩', 'review a statement'],
    roles: ['CASEWORKER'],
    path: 'review',
    schema: reviewDecisionSchema,
    decides: 'accepted',
    usualAnswer: false, // most statements do not change the designation
  }),
  decideListing: entry({
    label: ['审批认定决定', 'approve a listing decision'],
    roles: ['SUPERVISOR'],
    path: 'decision-approval',
    schema: approvalSchema,
    decides: 'approved',
  }),
  // A red listing (守信激励): the supervisor approves it, or refuses with reasons.
  decideRedListing: entry({
    label: ['审批列入守信激励名单', 'approve a red listing'],
    roles: ['SUPERVISOR'],
    path: 'red-approval',
    schema: approvalSchema,
    decides: 'approved',
  }),
  // An active listing (列入后)
  fileObjection: entry({
    label: ['提出异议', 'object to a listing'],
    roles: ['PARTY', 'CASEWORKER', 'COOPERATING_UNIT'],
    partysOwn: true,
    path: 'objections',
    schema: objectionSchema,
    creates: 'objectionId',
  }),
  decideObjectionAcceptance: entry({
    label: ['决定是否受理异议', 'decide whether to accept an objection'],
    roles: ['CASEWORKER'],
    matter: 'objection',
    path: 'acceptance',
    schema: acceptanceSchema,
    decides: 'accepted',
  }),
  decideObjection: entry({
    label: ['作出异议核实结果', 'decide an objection'],
    roles: ['CASEWORKER'],
    matter: 'objection',
    path: 'outcome',
    schema: objectionOutcomeSchema,
    decides: 'upheld',
    show: {
      remedy: { upheld: true },
      correction: { upheld: true, remedy: 'CORRECT' },
      publicationEndsOn: { upheld: true, remedy: 'SHORTEN_PERIOD' },
    },
  }),
  applyForRepair: entry({
    label: ['申请信用修复', 'apply for credit repair'],
    roles: ['PARTY', 'CASEWORKER'],
    partysOwn: true,
    path: 'repairs',
    schema: repairApplicationSchema,
    creates: 'applicationId',
  }),
  decideRepairAcceptance: entry({
    label: ['决定是否受理信用修复申请', 'decide whether to accept a repair application'],
    roles: ['CASEWORKER'],
    matter: 'repair',
    path: 'acceptance',
    schema: acceptanceSchema,
    decides: 'accepted',
  }),
  extendRepair: entry({
    label: ['延长信用修复办理期限', 'extend a repair decision period'],
    roles: ['CASEWORKER'],
    matter: 'repair',
    path: 'extension',
    schema: repairExtensionSchema,
  }),
  decideRepair: entry({
    label: ['作出信用修复决定', 'decide a repair application'],
    roles: ['CASEWORKER'],
    matter: 'repair',
    path: 'decision',
    schema: repairDecisionSchema,
    decides: 'granted',
  }),
  // Interview (约谈, 000 §五.3): who listed, interviews (谁认定、谁约谈).
  scheduleInterview: entry({
    label: ['安排约谈', 'schedule an interview'],
    roles: ['CASEWORKER'],
    path: 'interviews',
    schema: interviewScheduleSchema,
    creates: 'interviewId',
  }),
  recordInterview: entry({
    label: ['登记约谈记录', 'record an interview held'],
    roles: ['CASEWORKER'],
    matter: 'interview',
    path: 'record',
    schema: interviewRecordSchema,
  }),
  removeEarly: entry({
    label: ['决定提前移出', 'remove a subject early'],
    roles: ['SUPERVISOR'],
    path: 'removal',
    schema: earlyRemovalSchema,
    grave: true,
  }),
} satisfies Record<string, StepEntry>;

export type StepName = keyof typeof STEPS;
export const STEP_NAMES = Object.keys(STEPS) as StepName[];
/** What the user fills in for a step (before the API adds who they are and the matter's id). */
export type StepBody<N extends StepName> = z.infer<(typeof STEPS)[N]['schema']>;

/** The API path of a step, relative to /api/cases/:id. */
export function stepPath(name: StepName, matterId = ':matterId'): string {
  const e: StepEntry = STEPS[name];
  return e.matter ? `${MATTERS[e.matter].path}/${matterId}/${e.path}` : e.path;
}

/** Whose a case is, as far as who may take its steps goes. */
export interface CaseOwners {
  departmentId: string;
  /** Who may act as the party: the subject and, for an organisation, its responsible persons (by code). */
  parties: readonly string[];
}

/**
 * Whether the actor may take an open step of a case: by role; staff only on their own department's
 * cases; a party only on its own case, and only the service of what was served on itself (a
 * company's and its legal representative's are apart). The workflows' progress and the API's case
 * page both ask it.
 */
export function mayTake(
  actor: Actor & { subjectCode?: string | null },
  step: StepName,
  matterId: string | undefined,
  owners: CaseOwners,
): boolean {
  if (actor.role === 'PARTY' && step === 'recordService' && matterId && parseServiceMatter(matterId).recipient !== actor.subjectCode)
    return false;
  const e: StepEntry = STEPS[step];
  if (!e.roles.includes(actor.role)) return false;
  if ((actor.role === 'CASEWORKER' || actor.role === 'SUPERVISOR') && actor.departmentId !== owners.departmentId) return false;
  return !(e.partysOwn && actor.role === 'PARTY' && !owners.parties.includes(actor.subjectCode ?? ''));
}

/** The id field of the matter a step is taken on (objectionId, applicationId), if any. */
type MatterIdOf<N extends StepName> = (typeof STEPS)[N] extends { matter: infer M extends MatterKind }
  ? Record<(typeof MATTERS)[M]['idField'], string>
  : unknown;
/** What a step's Update carries: the form, who takes the step, and the matter's id. */
export type StepRequest<N extends StepName, A> = StepBody<N> & { actor: A } & MatterIdOf<N>;
/** What a step answers: the new matter's id, or the case as the actor now sees it (P). */
export type StepResult<N extends StepName, P> = (typeof STEPS)[N] extends { creates: infer F extends string } ? Record<F, string> : P;
