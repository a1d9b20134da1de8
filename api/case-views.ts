// What each role reads of a case, in one place (issue 13 §4; 001 §(八)2: 查询使用登记和审查制度):
// - the office's caseworkers and supervisors: their own department's cases, whole;
// - a party: its own cases (as the subject or a responsible person), without the office's internal
//   approvals, opinions and staff names, and without the units' table;
// - a cooperating unit: the cases pushed to it while listed — the listing facts, the decision it
//   acts on, its own measures, pushes and feedback, and its own objections; not the party's
//   statements, objections and repair applications, the other units' measures, the service records
//   or the office's deadlines;
// - the administrator runs the system and reads no case; the auditor reads the logs, not the cases.
import type { Prisma } from '../generated/prisma/client';
import type { DocumentKind, Role } from '../domain/vocabulary';
import { maskSubjectCode } from '../domain/codes';
import type { OpenStep } from '../domain/progress';
import { STEPS } from '../domain/steps';
import { redListingWorkflowId } from '../domain/procedure';
import type { SessionUser } from './auth';

/** Which cases a user may see. */
export function visibleTo(user: SessionUser): Prisma.CaseWhereInput {
  switch (user.role) {
    case 'CASEWORKER':
    case 'SUPERVISOR':
      return { departmentId: user.departmentId ?? '-' };
    case 'PARTY':
      // A draft is internal to the office until its notice is served.
      // The subject, or a responsible person of it: a party in their own right (002 §18).
      // A red listing is internal until it is approved (it has no notice: it restrains no one).
      return {
        OR: [{ subjectCode: user.subjectCode ?? '-' }, { responsiblePersons: { some: { personCode: user.subjectCode ?? '-' } } }],
        state: { notIn: ['AWAITING_NOTICE_APPROVAL', 'DRAFT_RETURNED'] },
        NOT: { workflowId: { startsWith: redListingWorkflowId('') }, state: { in: ['AWAITING_DECISION_APPROVAL', 'CLOSED_NOT_LISTED'] } },
      };
    case 'COOPERATING_UNIT':
      // Removal stops sharing: a unit keeps its inbox record that a measure was lifted, not the
      // case's facts and documents.
      return { pushes: { some: { departmentId: user.departmentId ?? '-' } }, state: { not: 'REMOVED' } };
    case 'ADMINISTRATOR':
    case 'AUDITOR':
      // Refused by role before this; and were a route to forget, nothing matches.
      return { id: { in: [] } };
  }
}

/** The documents a unit acts on: the decisions that list and remove (the rest are the party's). */
const UNIT_DOCUMENTS: ReadonlySet<DocumentKind> = new Set([
  'LISTING_DECISION',
  'REMOVAL_NOTICE',
  'RED_LISTING_DECISION',
  'RED_REMOVAL_NOTICE',
]);

/** The documents of a case a user may download; `ownObjections`: the unit's own objections' ids (their results are addressed to it). */
export function documentsVisibleTo(user: SessionUser, ownObjections: readonly string[] = []): Prisma.DocumentWhereInput {
  if (user.role !== 'COOPERATING_UNIT') return {};
  return {
    OR: [{ kind: { in: [...UNIT_DOCUMENTS] } }, { kind: 'OBJECTION_RESULT', reference: { in: [...ownObjections] } }],
  };
}

/** The office's internal steps, not the party's to read. */
const INTERNAL_ACTIONS = new Set(['NOTICE_APPROVED', 'NOTICE_RETURNED', 'DRAFT_REVISED', 'DECISION_SUBMITTED', 'DECISION_APPROVED']);
/** What a unit reads of the trail besides its own: the listing and its end. */
const UNIT_MILESTONES = new Set([
  'LISTED',
  'RED_LISTED',
  'REMOVED_EXPIRY',
  'REMOVED_EARLY',
  'REMOVED_REPAIRED',
  'REMOVED_REVOKED',
  'REMOVED_DISHONESTY',
]);

interface Event {
  action: string;
  actorId: string | null;
  actorName: string;
  actorRole: string;
  reason: string | null;
  detail: unknown;
}

/** A case as read from the database, with what the views below shape. */
export interface FullCase<E extends Event> {
  department: { name: string };
  form: unknown;
  stuck: unknown[];
  statements: unknown[];
  objections: { id: string; filedByDepartmentId: string | null }[];
  repairApplications: unknown[];
  responsiblePersons: { personCode: string }[];
  documents: { kind: DocumentKind; reference: string; services: { recipientCode: string }[] }[];
  measures: { measure: { implementingDepartmentId: string } }[];
  pushes: { departmentId: string }[];
  deadlines: unknown[];
  events: E[];
}

/** Words the view needs in the reader's language. */
export interface ViewWords {
  system: string;
  aUnit: string;
}

/**
 * The case as the user may read it. Staff read it whole (the system's own steps said as such); the
 * party and a unit read only what is theirs (see the head of this file).
 */
export function caseViewFor<E extends Event, C extends FullCase<E>>(user: SessionUser, full: C, words: ViewWords): C {
  const events = full.events.map((e) => (e.actorId === null ? { ...e, actorName: words.system, actorRole: 'SYSTEM' } : e));
  switch (user.role) {
    case 'CASEWORKER':
    case 'SUPERVISOR':
      return { ...full, events };
    case 'PARTY': {
      // A responsible person reads the case as a party in their own right, not the others' ID numbers.
      const others = new Set(full.responsiblePersons.map((p) => p.personCode).filter((code) => code !== user.subjectCode));
      const shown = (code: string) => (others.has(code) ? maskSubjectCode(code, 'PERSON') : code);
      return {
        ...full,
        responsiblePersons: full.responsiblePersons.map((p) => ({ ...p, personCode: shown(p.personCode) })),
        documents: full.documents.map((d) => ({
          ...d,
          services: d.services.map((x) => ({ ...x, recipientCode: shown(x.recipientCode) })),
        })),
        // The office's working material stays with the office: the draft form as submitted (persons'
        // ID numbers among it) and the system's own errors.
        form: null,
        stuck: [],
        pushes: [],
        events: events
          .filter((e) => !INTERNAL_ACTIONS.has(e.action))
          .map((e) =>
            e.actorRole === 'PARTY' || e.actorRole === 'SYSTEM'
              ? e
              : {
                  ...e,
                  actorName: e.actorRole === 'COOPERATING_UNIT' ? words.aUnit : full.department.name,
                  actorRole: 'OFFICE',
                  // A supervisor's opinion is internal; what the party is owed is in the documents served on it.
                  reason: e.actorRole === 'SUPERVISOR' ? null : e.reason,
                },
          ),
      };
    }
    case 'COOPERATING_UNIT': {
      const ours = user.departmentId ?? '-';
      const objections = full.objections.filter((o) => o.filedByDepartmentId === ours);
      const own = new Set(objections.map((o) => o.id));
      const department = (e: E) => (e.detail as { department?: unknown } | null)?.department;
      return {
        ...full,
        form: null,
        stuck: [],
        statements: [],
        repairApplications: [],
        deadlines: [],
        objections,
        documents: full.documents
          .filter((d) => UNIT_DOCUMENTS.has(d.kind) || (d.kind === 'OBJECTION_RESULT' && own.has(d.reference)))
          // To whom and where the office served its documents is the party's, not the unit's.
          .map((d) => ({ ...d, services: [] })),
        measures: full.measures.filter((m) => m.measure.implementingDepartmentId === ours),
        pushes: full.pushes.filter((p) => p.departmentId === ours),
        events: events.filter(
          (e) =>
            UNIT_MILESTONES.has(e.action) ||
            (user.departmentName !== null && department(e) === user.departmentName) ||
            (e.action === 'LISTING_OBJECTION_FILED' && own.has(String((e.detail as { objectionId?: unknown }).objectionId))),
        ),
      };
    }
    case 'ADMINISTRATOR':
    case 'AUDITOR':
      throw new Error(`${user.role} reads no case`);
  }
}

/**
 * The steps open on a case that the user is told of (the next-step panel: what waits, for whom, by
 * when). A unit is told only of those it may take itself: not that the party's objection or repair
 * application is open, nor the office's deadline on it.
 */
export function openStepsFor(user: SessionUser, steps: readonly OpenStep[]): OpenStep[] {
  return user.role === 'COOPERATING_UNIT'
    ? steps.filter((s) => (STEPS[s.step].roles as readonly Role[]).includes('COOPERATING_UNIT'))
    : [...steps];
}
