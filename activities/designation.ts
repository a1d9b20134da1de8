// Activities of the designation procedure: each writes the read model and the audit trail
// idempotently (a retried activity finds its own earlier write and returns the same result).
import {
  designationWorkflowId,
  type DeadlineView,
  type DesignationWorkflowInput,
  type NoticeIssued,
  type ReviewDecisionRequest,
  type FileStatementRequest,
} from '../domain/procedure';
import { addCalendarDays, addCalendarMonths, addWorkingDays, shanghaiDate, startOfShanghaiDay } from '../domain/workdays';
import type { PolicyTerms } from '../domain/policy';
import type { Actor } from '../domain/vocabulary';
import { loadCalendar } from './calendar';
import type { Db } from './db';
import { documentNumber, nextNumber } from './numbering';
import type { Prisma } from '../generated/prisma/client';

export const SYSTEM_ACTOR: Actor = { userId: 'system', name: '系统（定时任务）', role: 'ADMINISTRATOR', departmentId: null };

async function recordEvent(
  tx: Prisma.TransactionClient,
  caseId: string,
  stepKey: string,
  at: Date,
  actor: Actor,
  action: string,
  detail: Record<string, unknown> = {},
  reason?: string,
) {
  await tx.caseEvent.upsert({
    where: { caseId_stepKey: { caseId, stepKey } },
    create: {
      caseId,
      stepKey,
      at,
      actorId: actor.userId === 'system' ? null : actor.userId,
      actorName: actor.name,
      actorRole: actor.role,
      action,
      detail: detail as Prisma.InputJsonValue,
      reason,
    },
    update: {},
  });
}

/**
 * The policy a new case starts under: the newest version of the policy its department's
 * jurisdiction follows, specific to the list type where one exists. The case keeps it for good.
 */
async function currentPolicy(db: Db, departmentId: string, listType: string) {
  const { policyCode } = await db.department.findUniqueOrThrow({ where: { id: departmentId }, select: { policyCode: true } });
  const policy =
    (await db.policy.findFirst({ where: { code: policyCode, listType }, orderBy: { version: 'desc' } })) ??
    (await db.policy.findFirst({ where: { code: policyCode, listType: null }, orderBy: { version: 'desc' } }));
  if (!policy) throw new Error(`No policy ${policyCode} is configured for department ${departmentId}`);
  return policy;
}

/**
 * The decision carries every mandatory measure of the list type and the recommended ones chosen;
 * the listing is pushed to each cooperating unit that implements one of them (发起响应、信息推送).
 */
async function attachMeasuresAndPush(tx: Prisma.TransactionClient, caseId: string, listType: string, at: Date) {
  const mandatory = await tx.measure.findMany({
    where: { active: true, mandatory: true, listTypes: { has: listType } },
    select: { id: true },
  });
  for (const m of mandatory) {
    await tx.caseMeasure.upsert({
      where: { caseId_measureId: { caseId, measureId: m.id } },
      create: { caseId, measureId: m.id, chosen: false },
      update: {},
    });
  }
  const attached = await tx.caseMeasure.findMany({
    where: { caseId },
    include: { measure: { include: { implementingDepartment: true } } },
  });
  const byUnit = new Map<string, { name: string; measureIds: string[] }>();
  for (const { measure } of attached) {
    const unit = byUnit.get(measure.implementingDepartmentId) ?? { name: measure.implementingDepartment.name, measureIds: [] };
    unit.measureIds.push(measure.id);
    byUnit.set(measure.implementingDepartmentId, unit);
  }
  for (const [departmentId, unit] of byUnit) {
    await tx.push.upsert({
      where: { caseId_departmentId_kind: { caseId, departmentId, kind: 'LISTING' } },
      create: { caseId, departmentId, kind: 'LISTING', measureIds: unit.measureIds, pushedAt: at },
      update: {},
    });
    await recordEvent(tx, caseId, `push-${departmentId}`, at, SYSTEM_ACTOR, 'PUSHED', { department: unit.name, measures: unit.measureIds });
  }
}

/** Records a step the system took by itself (no human actor) in the case's timeline. */
export async function recordSystemEvent(
  db: Prisma.TransactionClient,
  caseId: string,
  stepKey: string,
  at: Date,
  action: string,
  detail: Record<string, unknown>,
): Promise<void> {
  await recordEvent(db, caseId, stepKey, at, SYSTEM_ACTOR, action, detail);
}

/** The case's columns for the deadline it currently waits on (none: all cleared). */
function deadlineColumns(deadline: DeadlineView | null) {
  return deadline
    ? {
        deadlineKind: deadline.kind,
        deadlineDate: new Date(`${deadline.date}T00:00:00Z`),
        deadlineAt: new Date(deadline.endsAt),
        deadlineProvisional: deadline.provisional,
      }
    : { deadlineKind: null, deadlineDate: null, deadlineAt: null, deadlineProvisional: false };
}

/** The notice period runs N working days from the day after the notice is served. */
async function noticeDeadline(db: Db, servedAt: Date, workingDays: number): Promise<DeadlineView> {
  const servedOn = shanghaiDate(servedAt);
  const calendar = await loadCalendar(db, Number(servedOn.slice(0, 4)));
  const due = addWorkingDays(calendar, servedOn, workingDays);
  return { kind: 'NOTICE_PERIOD', date: due.date, endsAt: due.endsAt.toISOString(), workingDays, provisional: due.provisional };
}

export function createDesignationActivities(db: Db) {
  return {
    /** Records the case, picks its policy version, numbers it and serves the prior notice (告知). */
    async recordCaseAndIssueNotice(input: DesignationWorkflowInput & { noticeAt: string }): Promise<NoticeIssued> {
      const noticeAt = new Date(input.noticeAt);
      const year = Number(shanghaiDate(noticeAt).slice(0, 4));
      const policy = await currentPolicy(db, input.departmentId, input.form.listType);
      const deadline = await noticeDeadline(db, noticeAt, policy.noticeWorkingDays);

      const existing = await db.case.findUnique({ where: { id: input.caseId }, include: { policy: true } });
      if (existing) {
        return {
          caseNumber: existing.caseNumber,
          noticeNumber: existing.noticeNumber!,
          policy: { id: existing.policy.id, code: existing.policy.code, version: existing.policy.version },
          deadline,
        };
      }
      const { form } = input;
      return db.$transaction(async (tx) => {
        const dept = await tx.department.findUniqueOrThrow({ where: { id: input.departmentId } });
        const serial = await nextNumber(tx, dept.id, 'CASE', year);
        const caseNumber = documentNumber(dept.docPrefix, '认', year, serial);
        const noticeNumber = documentNumber(dept.docPrefix, '告', year, serial);
        // The subject registry: the subject and each responsible person has a record of their own.
        await tx.subject.upsert({
          where: { code: form.subjectCode },
          create: { code: form.subjectCode, type: form.subjectType, name: form.subjectName },
          update: { name: form.subjectName },
        });
        for (const p of form.responsiblePersons) {
          await tx.subject.upsert({ where: { code: p.idNumber }, create: { code: p.idNumber, type: 'PERSON', name: p.name }, update: {} });
        }
        await tx.case.create({
          data: {
            id: input.caseId,
            caseNumber,
            workflowId: designationWorkflowId(input.caseId),
            departmentId: dept.id,
            createdById: input.filedBy.userId,
            subjectName: form.subjectName,
            subjectType: form.subjectType,
            subjectCode: form.subjectCode,
            listType: form.listType,
            tier: form.tier,
            basisKind: form.basis.kind,
            basisNumber: form.basis.number,
            basisIssuer: form.basis.issuer,
            basisDate: new Date(`${form.basis.date}T00:00:00Z`),
            reasons: form.reasons,
            leniencyGrounds: form.leniency.grounds,
            leniencyReasons: form.leniency.grounds.length ? form.leniency.reasons : null,
            responsiblePersons: { create: form.responsiblePersons.map((p) => ({ role: p.role, personCode: p.idNumber, name: p.name })) },
            measures: { create: [...new Set(form.recommendedMeasures)].map((measureId) => ({ measureId, chosen: true })) },
            state: 'NOTICE_PERIOD',
            policyId: policy.id,
            noticeNumber,
            noticeServedAt: noticeAt,
            ...deadlineColumns(deadline),
          },
        });
        await recordEvent(
          tx,
          input.caseId,
          'filed',
          noticeAt,
          input.filedBy,
          'CASE_FILED',
          { caseNumber, policy: `${policy.code} v${policy.version}`, leniencyGrounds: form.leniency.grounds },
          form.leniency.grounds.length ? form.leniency.reasons : undefined,
        );
        await recordEvent(tx, input.caseId, 'notice-served', noticeAt, SYSTEM_ACTOR, 'NOTICE_SERVED', {
          noticeNumber,
          deadlineDate: deadline.date,
          workingDays: deadline.workingDays,
          provisional: deadline.provisional,
        });
        return { caseNumber, noticeNumber, policy: { id: policy.id, code: policy.code, version: policy.version }, deadline };
      });
    },

    /**
     * Recomputes the notice deadline from the day the notice was served, on the calendar as it is
     * now (an administrator may have entered a year that was provisional). A moved deadline is
     * written to the case and its timeline.
     */
    async recomputeNoticeDeadline(args: { caseId: string; at: string }): Promise<DeadlineView> {
      const c = await db.case.findUniqueOrThrow({ where: { id: args.caseId }, include: { policy: true } });
      const deadline = await noticeDeadline(db, c.noticeServedAt!, c.policy.noticeWorkingDays);
      const before = c.deadlineDate?.toISOString().slice(0, 10) ?? null;
      if (before !== deadline.date || c.deadlineProvisional !== deadline.provisional) {
        await db.$transaction(async (tx) => {
          await tx.case.updateMany({
            where: { id: args.caseId, state: 'NOTICE_PERIOD' },
            data: deadlineColumns(deadline),
          });
          await recordEvent(
            tx,
            args.caseId,
            `deadline-${deadline.date}-${deadline.provisional ? 'p' : 'f'}`,
            new Date(args.at),
            SYSTEM_ACTOR,
            'DEADLINE_RECOMPUTED',
            {
              from: before,
              deadlineDate: deadline.date,
              workingDays: deadline.workingDays,
              provisional: deadline.provisional,
            },
          );
        });
      }
      return deadline;
    },

    /** Records a statement or objection filed within the notice period; the case goes to review. */
    async recordStatement(args: { caseId: string; statementId: string; at: string; request: FileStatementRequest }): Promise<void> {
      const { request } = args;
      const at = new Date(args.at);
      await db.$transaction(async (tx) => {
        await tx.statement.upsert({
          where: { id: args.statementId },
          create: {
            id: args.statementId,
            caseId: args.caseId,
            kind: request.kind,
            content: request.content,
            filedById: request.actor.userId,
            filedByRole: request.actor.role,
            filedAt: at,
          },
          update: {},
        });
        await tx.case.update({
          where: { id: args.caseId },
          data: { state: 'IN_REVIEW', ...deadlineColumns(null) },
        });
        await recordEvent(
          tx,
          args.caseId,
          `statement-${args.statementId}`,
          at,
          request.actor,
          request.kind === 'OBJECTION' ? 'OBJECTION_FILED' : 'STATEMENT_FILED',
          {
            statementId: args.statementId,
            onBehalfOfParty: request.actor.role !== 'PARTY',
          },
          request.content,
        );
      });
    },

    /** Records the caseworker's review of the statement: accepted closes the case without listing. */
    async recordReviewDecision(args: { caseId: string; at: string; request: ReviewDecisionRequest }): Promise<void> {
      const { request } = args;
      await db.$transaction(async (tx) => {
        if (request.accepted) await tx.case.update({ where: { id: args.caseId }, data: { state: 'CLOSED_NOT_LISTED' } });
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

    /**
     * Lists the subject. Publication runs for the tier's maximum period from the decision date,
     * counted as the Civil Code counts periods in months (第二百条至第二百零三条): the decision day is
     * not counted and the period's last day is the corresponding day of the last month; removal
     * falls at 24:00 Asia/Shanghai of that day.
     */
    async listSubject(args: {
      caseId: string;
      listedAt: string;
      automatic: boolean;
    }): Promise<{ publicationEndsOn: string; removalAt: string }> {
      const listedAt = new Date(args.listedAt);
      const c = await db.case.findUniqueOrThrow({ where: { id: args.caseId }, include: { policy: true } });
      const months = (c.policy.publicationMonths as unknown as PolicyTerms['publicationMonths'])[c.tier].max;
      const publicationEndsOn = addCalendarMonths(shanghaiDate(listedAt), months);
      const removalAt = startOfShanghaiDay(addCalendarDays(publicationEndsOn, 1)).toISOString();
      await db.$transaction(async (tx) => {
        await tx.case.update({
          where: { id: args.caseId },
          data: {
            state: 'LISTED',
            listedAt,
            publicationEndsOn: new Date(`${publicationEndsOn}T00:00:00Z`),
            ...deadlineColumns(null),
          },
        });
        await recordEvent(tx, args.caseId, 'listed', listedAt, SYSTEM_ACTOR, 'LISTED', {
          automatic: args.automatic,
          publicationEndsOn,
          publicationMonths: months,
        });
        await attachMeasuresAndPush(tx, args.caseId, c.listType, listedAt);
      });
      return { publicationEndsOn, removalAt };
    },

    /**
     * Removes the subject from the list: by the workflow's timer when the publication period has
     * run out (到期自动移出), or early by a supervisor with a recorded reason. Publication stops, the
     * measures are lifted, and every unit the listing was pushed to is told (移出推送).
     */
    async removeFromList(args: { caseId: string; removedAt: string; early?: { actor: Actor; reason: string } }): Promise<void> {
      const removedAt = new Date(args.removedAt);
      await db.$transaction(async (tx) => {
        await tx.case.update({
          where: { id: args.caseId },
          data: { state: 'REMOVED', removedAt, removalReason: args.early?.reason ?? null, ...deadlineColumns(null) },
        });
        if (args.early) {
          await recordEvent(tx, args.caseId, 'removed', removedAt, args.early.actor, 'REMOVED_EARLY', {}, args.early.reason);
        } else {
          await recordEvent(tx, args.caseId, 'removed', removedAt, SYSTEM_ACTOR, 'REMOVED_ON_EXPIRY');
        }
        const listings = await tx.push.findMany({ where: { caseId: args.caseId, kind: 'LISTING' }, include: { department: true } });
        for (const p of listings) {
          await tx.push.upsert({
            where: { caseId_departmentId_kind: { caseId: args.caseId, departmentId: p.departmentId, kind: 'REMOVAL' } },
            create: { caseId: args.caseId, departmentId: p.departmentId, kind: 'REMOVAL', measureIds: p.measureIds, pushedAt: removedAt },
            update: {},
          });
          await recordEvent(tx, args.caseId, `removal-push-${p.departmentId}`, removedAt, SYSTEM_ACTOR, 'REMOVAL_PUSHED', {
            department: p.department.name,
            measures: p.measureIds,
          });
        }
      });
    },
  };
}

export type DesignationActivities = ReturnType<typeof createDesignationActivities>;
