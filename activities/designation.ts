// Activities of the designation procedure: each writes the read model and the audit trail
// idempotently (a retried activity finds its own earlier write and returns the same result).
import { ApplicationFailure } from '@temporalio/activity';
import {
  NOTICE_DEADLINE,
  REVIEW_DEADLINE,
  designationWorkflowId,
  type KeptDeadline,
  type ApprovalRequest,
  type DesignationWorkflowInput,
  type FileStatementRequest,
  type Listed,
  type NoticeIssued,
  type ReviewDecisionRequest,
} from '../domain/procedure';
import type { DesignationInput } from '../domain/schemas';
import { addCalendarDays, addCalendarMonths, shanghaiDate, startOfShanghaiDay } from '../domain/workdays';
import { listingTerms, type PolicyTerms } from '../domain/policy';
import { CLOSED_CASE_STATES, type Actor, type CaseState } from '../domain/vocabulary';
import { SYSTEM_ACTOR, recordEvent, recordEvents } from './audit';
import { recordPushes } from './units';
import { tellRedListings } from './red-listing';
import { linkAttachments } from './attachments';
import { closeDeadline, openDeadline, syncCaseDeadline } from './deadlines';
import type { Db } from './db';
import { documentNumber, nextNumber } from './numbering';
import type { Prisma } from '../generated/prisma/client';

/**
 * The policy a new case starts under: the newest version of the policy its department's
 * jurisdiction follows, specific to the list type where one exists. The case keeps it for good.
 */
export async function currentPolicy(db: Db, departmentId: string, listType: string) {
  const { policyCode } = await db.department.findUniqueOrThrow({ where: { id: departmentId }, select: { policyCode: true } });
  const policy =
    (await db.policy.findFirst({ where: { code: policyCode, listType }, orderBy: { version: 'desc' } })) ??
    (await db.policy.findFirst({ where: { code: policyCode, listType: null }, orderBy: { version: 'desc' } }));
  if (!policy) throw new Error(`No policy ${policyCode} is configured for department ${departmentId}`);
  return policy;
}

/** Whether a record is published: a minor-tier one only where the decision says why (22号). */
export const isPublished = (form: Pick<DesignationInput, 'tier' | 'minorPublicationReasons'>) =>
  form.tier !== 'MINOR' || form.minorPublicationReasons !== '';

/**
 * The measures a designation carries, proportionate to it (过惩相当, 001 §(六)2): every mandatory
 * measure of the list type and the recommended ones chosen (with the reasons for each), where the
 * catalogue item suits the tier; each applied to whom it targets — the listed organisation or
 * person, or each of an organisation's responsible persons (002 §18) — and publication only to a
 * published record. Fixed with the draft, so that approvers and the decision state them.
 */
async function measureRows(tx: Prisma.TransactionClient, form: DesignationInput) {
  const reasons = new Map(form.recommendedMeasures.map((m) => [m.measureId, m.reasons]));
  const catalogue = await tx.measure.findMany({
    where: {
      active: true,
      listTypes: { has: form.listType },
      tiers: { has: form.tier },
      OR: [{ mandatory: true }, { id: { in: [...reasons.keys()] } }],
    },
    orderBy: { id: 'asc' },
  });
  const persons = [...new Set(form.responsiblePersons.map((p) => p.idNumber))];
  const rows: { measureId: string; subjectCode: string; chosen: boolean; reasons: string | null }[] = [];
  for (const m of catalogue) {
    if (m.discloses && !isPublished(form)) continue;
    const whom =
      form.subjectType === 'PERSON'
        ? m.targets.includes('PERSON')
          ? [form.subjectCode]
          : []
        : [...(m.targets.includes('ORGANISATION') ? [form.subjectCode] : []), ...(m.targets.includes('RESPONSIBLE_PERSON') ? persons : [])];
    for (const subjectCode of whom) rows.push({ measureId: m.id, subjectCode, chosen: !m.mandatory, reasons: reasons.get(m.id) ?? null });
  }
  return rows;
}

/** The listing pushed to each cooperating unit that implements one of its measures (发起响应、信息推送). */
export async function pushToImplementingUnits(tx: Prisma.TransactionClient, caseId: string, at: Date) {
  const attached = await tx.caseMeasure.findMany({
    where: { caseId },
    include: { measure: { include: { implementingDepartment: true } } },
  });
  const byUnit = new Map<string, { name: string; measureIds: string[] }>();
  for (const { measure } of attached) {
    const unit = byUnit.get(measure.implementingDepartmentId) ?? { name: measure.implementingDepartment.name, measureIds: [] };
    if (!unit.measureIds.includes(measure.id)) unit.measureIds.push(measure.id);
    byUnit.set(measure.implementingDepartmentId, unit);
  }
  const units = [...byUnit].map(([departmentId, unit]) => ({ departmentId, measureIds: unit.measureIds }));
  await recordPushes(tx, { caseId, kind: 'LISTING', reference: '', at, units });
  await recordEvents(
    tx,
    caseId,
    at,
    SYSTEM_ACTOR,
    'PUSHED',
    [...byUnit].map(([departmentId, unit]) => ({
      stepKey: `push-${departmentId}`,
      detail: { department: unit.name, measures: unit.measureIds },
    })),
  );
}

/** The key of an active listing: one subject, list type and basis at a time (Case.activeListingKey). */
export const activeListingKey = (form: { subjectCode: string; listType: string; basis: { number: string } }) =>
  `${form.subjectCode}|${form.listType}|${form.basis.number}`;

/**
 * Filed twice at the same instant, the database lets one through (Case.activeListingKey): the
 * other is refused, once, naming the first. Any other error is thrown as it was.
 */
export async function refuseDuplicate(db: Db, form: Parameters<typeof activeListingKey>[0], err: unknown): Promise<never> {
  if ((err as { code?: string }).code !== 'P2002') throw err;
  const first = await db.case.findUnique({ where: { activeListingKey: activeListingKey(form) }, select: { id: true, caseNumber: true } });
  if (!first) throw err;
  throw ApplicationFailure.create({ type: 'DUPLICATE_LISTING', message: first.caseNumber, details: [first], nonRetryable: true });
}

/** The state the workflow hands an activity to persist (only the workflow decides it). */
export interface Moved {
  state: CaseState;
}

/** A case's state as the workflow decided it; a closed case no longer holds its subject's place on the list. */
export const caseState = (state: CaseState) => ({ state, ...(CLOSED_CASE_STATES.includes(state) && { activeListingKey: null }) });

/**
 * Writes what an activity decided of the case, and reads nothing back: Prisma's update otherwise
 * returns the whole row (the filed form's JSON among some fifty columns) to every caller, and none
 * of them reads it.
 */
export async function updateCase(db: Prisma.TransactionClient, caseId: string, data: Prisma.CaseUncheckedUpdateInput): Promise<void> {
  await db.case.update({ where: { id: caseId }, data, select: { id: true } });
}

/** The case's fields from the designation form (its persons and chosen measures aside). */
function caseFields(form: DesignationInput) {
  return {
    subjectName: form.subjectName,
    subjectType: form.subjectType,
    subjectCode: form.subjectCode,
    listType: form.listType,
    tier: form.tier,
    basisKind: form.basis.kind,
    basisNumber: form.basis.number,
    activeListingKey: activeListingKey(form),
    basisIssuer: form.basis.issuer,
    basisDate: new Date(`${form.basis.date}T00:00:00Z`),
    reasons: form.reasons,
    leniencyGrounds: form.leniency.grounds,
    leniencyReasons: form.leniency.grounds.length ? form.leniency.reasons : null,
    published: isPublished(form),
    publicationReasons: form.tier === 'MINOR' && form.minorPublicationReasons ? form.minorPublicationReasons : null,
    unrepairable: form.unrepairable,
    form: form as unknown as Prisma.InputJsonValue,
  };
}

/** The subject registry: the subject and each responsible person has a record of their own. */
async function registerSubjects(tx: Prisma.TransactionClient, form: DesignationInput) {
  await tx.subject.upsert({
    where: { code: form.subjectCode },
    create: { code: form.subjectCode, type: form.subjectType, name: form.subjectName },
    update: { name: form.subjectName },
  });
  // Each person once; one already registered keeps the record it has.
  await tx.subject.createMany({
    data: form.responsiblePersons.map((p) => ({ code: p.idNumber, type: 'PERSON' as const, name: p.name })),
    skipDuplicates: true,
  });
}

const personsAndMeasures = async (tx: Prisma.TransactionClient, form: DesignationInput) => ({
  responsiblePersons: { create: form.responsiblePersons.map((p) => ({ role: p.role, personCode: p.idNumber, name: p.name })) },
  measures: { create: await measureRows(tx, form) },
});

export function createDesignationActivities(db: Db) {
  return {
    /** Records the caseworker's draft (立案): numbered, under the current policy, for the supervisor. */
    async recordDraft(input: DesignationWorkflowInput & Moved & { at: string }): Promise<{ caseNumber: string }> {
      const at = new Date(input.at);
      const existing = await db.case.findUnique({ where: { id: input.caseId }, select: { caseNumber: true } });
      if (existing) return { caseNumber: existing.caseNumber };
      const year = Number(shanghaiDate(at).slice(0, 4));
      const policy = await currentPolicy(db, input.departmentId, input.form.listType);
      const { form } = input;
      const filed = db.$transaction(async (tx) => {
        const dept = await tx.department.findUniqueOrThrow({ where: { id: input.departmentId } });
        const caseNumber = documentNumber(dept.docPrefix, '认', year, await nextNumber(tx, dept.id, 'CASE', year));
        await registerSubjects(tx, form);
        await tx.case.create({
          data: {
            id: input.caseId,
            caseNumber,
            workflowId: designationWorkflowId(input.caseId),
            departmentId: dept.id,
            createdById: input.filedBy.userId,
            ...caseFields(form),
            ...(await personsAndMeasures(tx, form)),
            ...caseState(input.state),
            policyId: policy.id,
          },
          select: { id: true }, // not the row read back whole, with the form just written
        });
        await recordEvent(
          tx,
          input.caseId,
          'filed',
          at,
          input.filedBy,
          'CASE_FILED',
          { caseNumber, policy: `${policy.code} v${policy.version}`, leniencyGrounds: form.leniency.grounds },
          form.leniency.grounds.length ? form.leniency.reasons : undefined,
        );
        await linkAttachments(tx, {
          caseId: input.caseId,
          stepKey: 'filed',
          at,
          actor: input.filedBy,
          purpose: 'BASIS_DOCUMENT',
          reference: '',
          ids: form.basis.attachments,
        });
        return { caseNumber };
      });
      return filed.catch((err: unknown) => refuseDuplicate(db, form, err));
    },

    /** The caseworker's revision of a returned draft, resubmitted for approval. */
    async recordDraftRevision(
      args: Moved & { caseId: string; at: string; revision: number; actor: Actor; form: DesignationInput },
    ): Promise<void> {
      const { form } = args;
      await db.$transaction(async (tx) => {
        await registerSubjects(tx, form);
        await tx.caseResponsiblePerson.deleteMany({ where: { caseId: args.caseId } });
        await tx.caseMeasure.deleteMany({ where: { caseId: args.caseId } });
        await updateCase(tx, args.caseId, { ...caseFields(form), ...(await personsAndMeasures(tx, form)), ...caseState(args.state) });
        await recordEvent(tx, args.caseId, `revised-${args.revision}`, new Date(args.at), args.actor, 'DRAFT_REVISED', {});
        await linkAttachments(tx, {
          caseId: args.caseId,
          stepKey: `revised-${args.revision}`,
          at: new Date(args.at),
          actor: args.actor,
          purpose: 'BASIS_DOCUMENT',
          reference: '',
          ids: form.basis.attachments,
        });
      });
    },

    /**
     * A supervisor's approval of the prior notice (returned: back to the caseworker) or of the listing
     * decision (refused: the case closes without listing), with the reasons.
     */
    async recordApproval(
      args: Moved & { caseId: string; at: string; step: 'NOTICE' | 'DECISION'; revision: number; request: ApprovalRequest },
    ) {
      const { request, step } = args;
      const action =
        step === 'NOTICE'
          ? request.approved
            ? 'NOTICE_APPROVED'
            : 'NOTICE_RETURNED'
          : request.approved
            ? 'DECISION_APPROVED'
            : 'DECISION_REFUSED';
      await db.$transaction(async (tx) => {
        await updateCase(tx, args.caseId, caseState(args.state));
        await recordEvent(
          tx,
          args.caseId,
          `${step.toLowerCase()}-approval-${args.revision}`,
          new Date(args.at),
          request.actor,
          action,
          {},
          request.reasons,
        );
      });
    },

    /** Numbers the approved prior notice (告知书); it has no effect until it is served (recordService). */
    async issueNotice(args: Moved & { caseId: string; at: string }): Promise<NoticeIssued> {
      const at = new Date(args.at);
      return db.$transaction(async (tx) => {
        const c = await tx.case.findUniqueOrThrow({
          where: { id: args.caseId },
          select: { id: true, caseNumber: true, noticeNumber: true, departmentId: true, department: { select: { docPrefix: true } } },
        });
        let noticeNumber = c.noticeNumber;
        if (!noticeNumber) {
          const year = Number(shanghaiDate(at).slice(0, 4));
          noticeNumber = documentNumber(c.department.docPrefix, '告', year, await nextNumber(tx, c.departmentId, 'NOTICE', year));
          await updateCase(tx, c.id, { noticeNumber, ...caseState(args.state) });
        }
        await recordEvent(tx, c.id, 'notice-issued', at, SYSTEM_ACTOR, 'NOTICE_ISSUED', { noticeNumber });
        return { caseNumber: c.caseNumber, noticeNumber };
      });
    },

    /** Records a statement or objection filed within the notice period; the case goes to review. */
    async recordStatement(args: Moved & { caseId: string; statementId: string; at: string; request: FileStatementRequest }): Promise<void> {
      const { request } = args;
      const at = new Date(args.at);
      await db.$transaction(async (tx) => {
        await tx.statement.createMany({
          data: {
            id: args.statementId,
            caseId: args.caseId,
            kind: request.kind,
            content: request.content,
            filedById: request.actor.userId,
            filedByRole: request.actor.role,
            filedAt: at,
          },
          skipDuplicates: true, // once by its id: a retry adds nothing
        });
        await updateCase(tx, args.caseId, caseState(args.state));
        await recordEvent(
          tx,
          args.caseId,
          `statement-${args.statementId}`,
          at,
          request.actor,
          request.kind === 'OBJECTION' ? 'OBJECTION_FILED' : request.kind === 'WAIVER' ? 'STATEMENT_WAIVED' : 'STATEMENT_FILED',
          { statementId: args.statementId, onBehalfOfParty: request.actor.role !== 'PARTY' },
          request.content,
        );
        await linkAttachments(tx, {
          caseId: args.caseId,
          stepKey: `statement-${args.statementId}`,
          at,
          actor: request.actor,
          purpose: 'STATEMENT',
          reference: args.statementId,
          ids: request.attachments,
        });
      });
    },

    /**
     * The notice period is over and statements were made: it closes, and their review by the
     * caseworker is due within the policy's period (陈述申辩复核).
     */
    async openStatementReview(args: Moved & { caseId: string; at: string }): Promise<KeptDeadline> {
      const at = new Date(args.at);
      return db.$transaction(async (tx) => {
        await closeDeadline(tx, args.caseId, NOTICE_DEADLINE, at);
        await updateCase(tx, args.caseId, caseState(args.state));
        const deadline = await openDeadline(tx, args.caseId, REVIEW_DEADLINE, 'STATEMENT_REVIEW', at);
        const statements = await tx.statement.count({ where: { caseId: args.caseId, kind: { not: 'WAIVER' } } });
        await recordEvent(tx, args.caseId, 'statements-in-review', at, SYSTEM_ACTOR, 'STATEMENTS_IN_REVIEW', {
          statements,
          deadlineDate: deadline.date,
          workingDays: deadline.workingDays,
        });
        return deadline;
      });
    },

    /** Records the caseworker's review of the statements; the written reply follows (issueReviewReply). */
    async recordReviewDecision(args: Moved & { caseId: string; at: string; request: ReviewDecisionRequest }): Promise<void> {
      const { request } = args;
      await db.$transaction(async (tx) => {
        await closeDeadline(tx, args.caseId, REVIEW_DEADLINE, new Date(args.at));
        await updateCase(tx, args.caseId, caseState(args.state));
        await recordEvent(
          tx,
          args.caseId,
          'review-decision',
          new Date(args.at),
          request.actor,
          request.accepted ? 'STATEMENT_ACCEPTED' : 'STATEMENT_REJECTED',
          {},
          request.reasons,
        );
      });
    },

    /** The notice period is over (or the statement was rejected): the decision goes to the supervisor. */
    async submitDecisionForApproval(args: Moved & { caseId: string; at: string; statementRejected: boolean }): Promise<void> {
      const at = new Date(args.at);
      await db.$transaction(async (tx) => {
        await closeDeadline(tx, args.caseId, NOTICE_DEADLINE, at);
        await updateCase(tx, args.caseId, caseState(args.state));
        await recordEvent(tx, args.caseId, 'decision-submitted', at, SYSTEM_ACTOR, 'DECISION_SUBMITTED', {
          noticePeriodEndedWithoutStatement: !args.statementRejected,
        });
      });
    },

    /**
     * Records the approved listing decision's terms (listingTerms) — nothing takes effect yet: the
     * subject is listed only once the decision and the credit-repair notice are served (listSubject).
     */
    async recordListingDecision(args: Moved & { caseId: string; decidedAt: string }): Promise<Listed> {
      const decidedAt = new Date(args.decidedAt);
      const c = await db.case.findUniqueOrThrow({ where: { id: args.caseId }, include: { policy: true } });
      const policy = c.policy as unknown as Pick<PolicyTerms, 'publicationMonths' | 'publicationStartsFrom'>;
      const { publicationEndsOn, removalAt, repairEligibleFrom } = listingTerms(
        policy,
        c.tier!,
        c.basisDate.toISOString().slice(0, 10),
        decidedAt,
      );
      await updateCase(db, args.caseId, {
        ...caseState(args.state),
        decidedAt,
        publicationEndsOn: new Date(`${publicationEndsOn}T00:00:00Z`),
        repairEligibleFrom: new Date(repairEligibleFrom),
      });
      return { publicationEndsOn, removalAt, repairEligibleFrom, objectionAcceptanceStep: c.policy.objectionAcceptanceStep };
    },

    /**
     * Lists the subject once the decision and the credit-repair notice have been served together
     * (两书同达): published, the measures attached, and pushed to the units that implement them.
     */
    async listSubject(args: Moved & { caseId: string; listedAt: string }): Promise<{ rectificationDueAt: string }> {
      const listedAt = new Date(args.listedAt);
      const c = await db.case.findUniqueOrThrow({ where: { id: args.caseId }, include: { policy: true } });
      const { max } = (c.policy.publicationMonths as unknown as PolicyTerms['publicationMonths'])[c.tier!];
      // Not rectified by 24:00 of the last day of the policy's period from listing, the subject is due an interview.
      const rectificationDueAt = startOfShanghaiDay(
        addCalendarDays(addCalendarMonths(shanghaiDate(listedAt), c.policy.rectificationMonths), 1),
      ).toISOString();
      await db.$transaction(async (tx) => {
        await updateCase(tx, args.caseId, { ...caseState(args.state), listedAt, rectificationDueAt: new Date(rectificationDueAt) });
        await syncCaseDeadline(tx, args.caseId);
        await recordEvent(tx, args.caseId, 'listed', listedAt, SYSTEM_ACTOR, 'LISTED', {
          publicationEndsOn: shanghaiDate(c.publicationEndsOn!),
          publicationMonths: max,
          repairEligibleFrom: shanghaiDate(c.repairEligibleFrom!),
        });
        await pushToImplementingUnits(tx, args.caseId, listedAt);
      });
      // Listed for dishonesty, the subject leaves any red list of the same field (红黑名单不得并存).
      await tellRedListings(db, args.caseId);
      return { rectificationDueAt };
    },
  };
}

export type DesignationActivities = ReturnType<typeof createDesignationActivities>;
