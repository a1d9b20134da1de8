// Activities of an active listing: objections (异议), credit repair (信用修复) and removal (移出).
// Each writes the read model, the deadlines, the pushes to cooperating units and the audit trail
// in one transaction, idempotently.
import type {
  FileObjectionRequest,
  KeptDeadline,
  ObjectionAcceptanceRequest,
  ObjectionOutcomeRequest,
  Removal,
  RepairAcceptanceRequest,
  RepairApplicationRequest,
  RepairDecisionRequest,
  RepairExtensionRequest,
} from '../domain/procedure';
import { objectionSourceOf, type CaseState, type ObjectionState, type RepairState } from '../domain/vocabulary';
import { caseState, updateCase } from './designation';
import { addCalendarDays, shanghaiDate, startOfShanghaiDay } from '../domain/workdays';
import type { AuditDetail } from '../domain/audit';
import { SYSTEM_ACTOR, recordEvent, recordEvents } from './audit';
import { linkAttachments } from './attachments';
import { recordPushes } from './units';
import { chineseDate } from './documents/render';
import { closeDeadline, computeDeadline, keptDeadline, openDeadline, policyWorkingDays, syncCaseDeadline } from './deadlines';
import type { Db } from './db';
import type { PushKind, Prisma } from '../generated/prisma/client';

export const objectionDeadline = (objectionId: string, step: 'acceptance' | 'verification') => `objection-${objectionId}-${step}`;
export const repairDeadline = (applicationId: string, step: 'acceptance' | 'decision') => `repair-${applicationId}-${step}`;

/**
 * Tells every cooperating unit the listing was pushed to (推送): a suspension, resumption,
 * correction, objection result or removal, each recorded as a push awaiting acknowledgement.
 */
async function pushToUnits(
  tx: Prisma.TransactionClient,
  caseId: string,
  kind: Exclude<PushKind, 'LISTING'>,
  reference: string,
  at: Date,
  detail: Pick<AuditDetail<'REMOVAL_PUSHED'>, 'correction' | 'upheld' | 'removalKind'> = {},
) {
  const listings = await tx.push.findMany({ where: { caseId, kind: 'LISTING' }, include: { department: true } });
  await recordPushes(tx, { caseId, kind, reference, at, units: listings });
  await recordEvents(
    tx,
    caseId,
    at,
    SYSTEM_ACTOR,
    `${kind}_PUSHED`,
    listings.map((p) => ({
      stepKey: `push-${kind}-${reference}-${p.departmentId}`,
      detail: { department: p.department.name, measures: p.measureIds, ...detail },
    })),
  );
}

/** Verification of an objection from `at` (its receipt, or its acceptance); measures suspended meanwhile where the policy says so. */
async function verifyFrom(tx: Prisma.TransactionClient, caseId: string, objectionId: string, at: Date) {
  const { policy } = await tx.case.findUniqueOrThrow({ where: { id: caseId }, select: { policy: true } });
  const suspended = policy.suspendMeasuresDuringVerification;
  if (suspended) {
    await tx.objection.update({ where: { id: objectionId }, data: { measuresSuspended: true } });
    await setSuspended(tx, caseId, objectionId, true, at);
  }
  const deadline = await openDeadline(tx, caseId, objectionDeadline(objectionId, 'verification'), 'OBJECTION_VERIFICATION', at);
  return { deadline, suspended };
}

/** What the public lookup says of an upheld objection, for the policy's period (恢复名誉). */
function publicNoticeText(request: ObjectionOutcomeRequest, day: string): string {
  const on = chineseDate(day);
  switch (request.remedy) {
    case 'REVOKE':
      return `经核实，本条失信信息有误，已于${on}撤销列入并停止公示，相关惩戒措施已解除。`;
    case 'GRANT_REPAIR':
      return `经核实，已于${on}准予信用修复并移出名单，相关惩戒措施已解除。`;
    case 'SHORTEN_PERIOD':
      return `经核实，本条信息的公示期限已于${on}调整至${chineseDate(request.publicationEndsOn!)}止。`;
    default:
      return `经核实，本条信息已于${on}更正。`;
  }
}

/** Who acts for themselves as a responsible person (not for the subject): their code, else null. */
async function applicantOf(tx: Prisma.TransactionClient, caseId: string, actor: { role: string; subjectCode?: string | null }) {
  if (actor.role !== 'PARTY' || !actor.subjectCode) return null;
  const { subjectCode } = await tx.case.findUniqueOrThrow({ where: { id: caseId }, select: { subjectCode: true } });
  return actor.subjectCode === subjectCode ? null : actor.subjectCode;
}

/**
 * A responsible person's record cleared (their repair granted, or their objection upheld): the
 * measures on that person are lifted and every unit is told; the organisation stays listed.
 */
async function liftPersonMeasures(tx: Prisma.TransactionClient, caseId: string, personCode: string, reference: string, at: Date) {
  const lifted = await tx.caseMeasure.findMany({ where: { caseId, subjectCode: personCode, liftedAt: null } });
  await tx.caseMeasure.updateMany({ where: { caseId, subjectCode: personCode, liftedAt: null }, data: { liftedAt: at } });
  const person = await tx.caseResponsiblePerson.findFirst({ where: { caseId, personCode } });
  const correction = `解除对${person?.name ?? personCode}的惩戒措施`;
  await recordEvent(tx, caseId, `person-lifted-${reference}`, at, SYSTEM_ACTOR, 'PERSON_MEASURES_LIFTED', {
    person: person?.name ?? personCode,
    measures: lifted.map((m) => m.measureId),
  });
  await pushToUnits(tx, caseId, 'CORRECTION', reference, at, { correction });
}

async function setSuspended(tx: Prisma.TransactionClient, caseId: string, objectionId: string, suspended: boolean, at: Date) {
  await updateCase(tx, caseId, { measuresSuspended: suspended });
  await pushToUnits(tx, caseId, suspended ? 'SUSPENSION' : 'RESUMPTION', objectionId, at);
}

export function createListingActivities(db: Db) {
  return {
    /**
     * An objection to the active listing, received. Where the policy decides acceptance first, its
     * acceptance is due within the policy's period; otherwise verification runs from receipt, and
     * where the policy says so the measures are suspended from receipt and every unit is told.
     */
    async recordObjection(args: {
      caseId: string;
      objectionId: string;
      at: string;
      state: ObjectionState;
      request: FileObjectionRequest;
    }): Promise<{ deadline: KeptDeadline; suspended: boolean }> {
      const { request, objectionId } = args;
      const at = new Date(args.at);
      return db.$transaction(async (tx) => {
        const source = objectionSourceOf(request.actor.role);
        await tx.objection.createMany({
          data: {
            id: objectionId,
            caseId: args.caseId,
            source,
            filedById: request.actor.userId,
            filedByName: request.actor.name,
            filedByDepartmentId: source === 'COOPERATING_UNIT' ? request.actor.departmentId : null,
            applicantCode: await applicantOf(tx, args.caseId, request.actor),
            filedAt: at,
            concerns: request.concerns,
            grounds: request.grounds,
            state: args.state,
          },
          skipDuplicates: true, // once by its id: a retry adds nothing
        });
        await recordEvent(
          tx,
          args.caseId,
          `objection-${objectionId}`,
          at,
          request.actor,
          'LISTING_OBJECTION_FILED',
          { objectionId, source, concerns: request.concerns },
          request.grounds,
        );
        await linkAttachments(tx, {
          caseId: args.caseId,
          stepKey: `objection-${objectionId}`,
          at,
          actor: request.actor,
          purpose: 'OBJECTION',
          reference: objectionId,
          ids: request.attachments,
        });
        if (args.state === 'AWAITING_ACCEPTANCE') {
          const deadline = await openDeadline(tx, args.caseId, objectionDeadline(objectionId, 'acceptance'), 'OBJECTION_ACCEPTANCE', at);
          return { deadline, suspended: false };
        }
        return verifyFrom(tx, args.caseId, objectionId, at);
      });
    },

    /**
     * Acceptance of an objection: refused with reasons, or accepted — verification is then due within
     * the policy's period and, where the policy says so, the measures are suspended meanwhile and
     * every cooperating unit is told.
     */
    async recordObjectionAcceptance(args: {
      caseId: string;
      at: string;
      state: ObjectionState;
      request: ObjectionAcceptanceRequest;
    }): Promise<{ verification: KeptDeadline | null; suspended: boolean }> {
      const { request } = args;
      const id = request.objectionId;
      const at = new Date(args.at);
      return db.$transaction(async (tx) => {
        await closeDeadline(tx, args.caseId, objectionDeadline(id, 'acceptance'), at);
        const action = request.accepted ? 'OBJECTION_ACCEPTED' : 'OBJECTION_NOT_ACCEPTED';
        await recordEvent(tx, args.caseId, `objection-${id}-acceptance`, at, request.actor, action, { objectionId: id }, request.reasons);
        if (!request.accepted) {
          await tx.objection.update({ where: { id }, data: { state: args.state, refusalReasons: request.reasons } });
          return { verification: null, suspended: false };
        }
        await tx.objection.update({ where: { id }, data: { state: args.state, acceptedAt: at } });
        const { deadline, suspended } = await verifyFrom(tx, args.caseId, id, at);
        return { verification: deadline, suspended };
      });
    },

    /**
     * The verified result (核实结果). Upheld: the listing is corrected (pushed as a correction) or
     * revoked (the workflow removes it), and the restoration of the party's reputation is recorded.
     * Rejected: the measures continue — resumed if they were suspended — and the party is told of
     * administrative reconsideration and litigation. Either way every cooperating unit is told.
     */
    async recordObjectionOutcome(args: {
      caseId: string;
      at: string;
      state: ObjectionState;
      request: ObjectionOutcomeRequest;
    }): Promise<{ removalAt: string | null }> {
      const { request } = args;
      const id = request.objectionId;
      const at = new Date(args.at);
      const shortened = request.upheld && request.remedy === 'SHORTEN_PERIOD' ? request.publicationEndsOn! : null;
      return db.$transaction(async (tx) => {
        const objection = await tx.objection.findUniqueOrThrow({ where: { id } });
        const { policy } = await tx.case.findUniqueOrThrow({ where: { id: args.caseId }, select: { policy: true } });
        await closeDeadline(tx, args.caseId, objectionDeadline(id, 'verification'), at);
        await tx.objection.update({
          where: { id },
          data: {
            state: args.state,
            decidedAt: at,
            remedy: request.upheld ? request.remedy : null,
            correction: request.upheld && request.remedy === 'CORRECT' ? request.correction : null,
            shortenedTo: shortened ? new Date(`${shortened}T00:00:00Z`) : null,
            outcomeReasons: request.reasons,
          },
        });
        await recordEvent(
          tx,
          args.caseId,
          `objection-${id}-outcome`,
          at,
          request.actor,
          request.upheld ? 'OBJECTION_UPHELD' : 'OBJECTION_REJECTED',
          request.upheld
            ? { objectionId: id, remedy: request.remedy!, correction: request.correction || undefined, shortenedTo: shortened ?? undefined } // upheld: the schema requires a remedy
            : { objectionId: id, remedies: 'RECONSIDERATION_OR_LITIGATION' },
          request.reasons,
        );
        const forPerson = objection.applicantCode;
        if (request.upheld && forPerson && (request.remedy === 'REVOKE' || request.remedy === 'GRANT_REPAIR')) {
          // A responsible person's own objection: their record is cleared, the listing stays.
          await liftPersonMeasures(tx, args.caseId, forPerson, id, at);
        } else if (request.upheld) {
          // Reputation restored by what is done: the correction (or the new period) pushed to every
          // unit — a revocation or granted repair is pushed as the removal — and a notice of it on
          // the public listing for the policy's period (000 五.2, 002 §24).
          if (request.remedy === 'CORRECT') await pushToUnits(tx, args.caseId, 'CORRECTION', id, at, { correction: request.correction });
          if (shortened) await pushToUnits(tx, args.caseId, 'CORRECTION', id, at, { correction: `公示期限调整至${shortened}止` });
          const lastDay = addCalendarDays(shanghaiDate(at), policy.correctionNoticeDays);
          const until = startOfShanghaiDay(addCalendarDays(lastDay, 1));
          await updateCase(tx, args.caseId, {
            publicNotice: publicNoticeText(request, shanghaiDate(at)),
            publicNoticeUntil: until,
            ...(shortened && { publicationEndsOn: new Date(`${shortened}T00:00:00Z`) }),
          });
          await recordEvent(tx, args.caseId, `objection-${id}-notice`, at, request.actor, 'PUBLIC_NOTICE_POSTED', {
            objectionId: id,
            until: lastDay,
          });
        } else {
          await pushToUnits(tx, args.caseId, 'OBJECTION_RESULT', id, at, { upheld: false });
        }
        // Measures resume unless the listing itself is revoked (the removal lifts them for good).
        if (
          objection.measuresSuspended &&
          !(request.upheld && !forPerson && (request.remedy === 'REVOKE' || request.remedy === 'GRANT_REPAIR'))
        )
          await setSuspended(tx, args.caseId, id, false, at);
        return { removalAt: shortened ? startOfShanghaiDay(addCalendarDays(shortened, 1)).toISOString() : null };
      });
    },

    /** A credit-repair application; its acceptance is due within the policy's period. */
    async recordRepairApplication(args: {
      caseId: string;
      applicationId: string;
      at: string;
      state: RepairState;
      request: RepairApplicationRequest;
    }): Promise<KeptDeadline> {
      const { request, applicationId } = args;
      const at = new Date(args.at);
      return db.$transaction(async (tx) => {
        await tx.repairApplication.createMany({
          data: {
            id: applicationId,
            caseId: args.caseId,
            filedById: request.actor.userId,
            filedByName: request.actor.name,
            applicantCode: await applicantOf(tx, args.caseId, request.actor),
            filedAt: at,
            correctionProof: request.correctionProof,
            commitment: request.commitment,
            otherMethods: request.otherMethods,
            state: args.state,
          },
          skipDuplicates: true, // once by its id: a retry adds nothing
        });
        await recordEvent(tx, args.caseId, `repair-${applicationId}`, at, request.actor, 'REPAIR_APPLIED', {
          applicationId,
          otherMethods: request.otherMethods,
        });
        await linkAttachments(tx, {
          caseId: args.caseId,
          stepKey: `repair-${applicationId}`,
          at,
          actor: request.actor,
          purpose: 'REPAIR_APPLICATION',
          reference: applicationId,
          ids: request.attachments,
        });
        return openDeadline(tx, args.caseId, repairDeadline(applicationId, 'acceptance'), 'REPAIR_ACCEPTANCE', at);
      });
    },

    /** Acceptance of a repair application: refused with reasons, or accepted with its decision due. */
    async recordRepairAcceptance(args: {
      caseId: string;
      at: string;
      state: RepairState;
      request: RepairAcceptanceRequest;
    }): Promise<KeptDeadline | null> {
      const { request } = args;
      const id = request.applicationId;
      const at = new Date(args.at);
      return db.$transaction(async (tx) => {
        await closeDeadline(tx, args.caseId, repairDeadline(id, 'acceptance'), at);
        const action = request.accepted ? 'REPAIR_ACCEPTED' : 'REPAIR_NOT_ACCEPTED';
        await recordEvent(tx, args.caseId, `repair-${id}-acceptance`, at, request.actor, action, { applicationId: id }, request.reasons);
        if (!request.accepted) {
          await tx.repairApplication.update({ where: { id }, data: { state: args.state, refusalReasons: request.reasons } });
          return null;
        }
        await tx.repairApplication.update({ where: { id }, data: { state: args.state, acceptedAt: at } });
        return openDeadline(tx, args.caseId, repairDeadline(id, 'decision'), 'REPAIR_DECISION', at);
      });
    },

    /**
     * The one extension of a complex repair case: the decision period runs once more (the policy's
     * decision period again, counted on from the original deadline); the reason is told to the applicant.
     */
    async recordRepairExtension(args: { caseId: string; at: string; request: RepairExtensionRequest }): Promise<KeptDeadline> {
      const { request } = args;
      const id = request.applicationId;
      const at = new Date(args.at);
      return db.$transaction(async (tx) => {
        const key = repairDeadline(id, 'decision');
        const row = await tx.caseDeadline.findUniqueOrThrow({ where: { caseId_key: { caseId: args.caseId, key } } });
        const app = await tx.repairApplication.findUniqueOrThrow({ where: { id } });
        if (app.extendedAt) return keptDeadline(row);
        const workingDays = row.workingDays + (await policyWorkingDays(tx, args.caseId, 'REPAIR_DECISION'));
        const d = await computeDeadline(tx, 'REPAIR_DECISION', row.startedAt, workingDays);
        const updated = await tx.caseDeadline.update({
          where: { id: row.id },
          data: { workingDays, dueDate: new Date(`${d.date}T00:00:00Z`), dueAt: new Date(d.endsAt), provisional: d.provisional },
        });
        await tx.repairApplication.update({ where: { id }, data: { extendedAt: at, extensionReason: request.reason } });
        await syncCaseDeadline(tx, args.caseId);
        await recordEvent(
          tx,
          args.caseId,
          `repair-${id}-extension`,
          at,
          request.actor,
          'REPAIR_EXTENDED',
          { applicationId: id, deadline: 'REPAIR_DECISION', from: keptDeadline(row).date, deadlineDate: d.date, workingDays },
          request.reason,
        );
        return keptDeadline(updated);
      });
    },

    /** The repair decision: granted (the workflow then removes the subject) or refused with reasons and remedies. */
    async recordRepairDecision(args: { caseId: string; at: string; state: RepairState; request: RepairDecisionRequest }): Promise<void> {
      const { request } = args;
      const id = request.applicationId;
      const at = new Date(args.at);
      await db.$transaction(async (tx) => {
        await closeDeadline(tx, args.caseId, repairDeadline(id, 'decision'), at);
        const app = await tx.repairApplication.update({
          where: { id },
          data: { state: args.state, decidedAt: at, decisionReasons: request.reasons },
        });
        // A responsible person's repair: the measures on that person are lifted; the listing stays.
        if (request.granted && app.applicantCode) await liftPersonMeasures(tx, args.caseId, app.applicantCode, id, at);
        await recordEvent(
          tx,
          args.caseId,
          `repair-${id}-decision`,
          at,
          request.actor,
          request.granted ? 'REPAIR_GRANTED' : 'REPAIR_REFUSED',
          request.granted ? { applicationId: id } : { applicationId: id, remedies: 'RECONSIDERATION_OR_LITIGATION' },
          request.reasons,
        );
      });
    },

    /**
     * Removes the subject from the list — on expiry (by the workflow's timer), early by a supervisor,
     * after a granted repair, or on an upheld objection that revokes the listing. Publication and
     * sharing stop, measures are lifted, every unit the listing was pushed to is told (移出推送), and
     * any matter still open ends with it.
     */
    async removeFromList(args: {
      caseId: string;
      removedAt: string;
      removal: Removal;
      state: CaseState;
      /** What any objection or repair application still open becomes. */
      openMattersTo: ObjectionState & RepairState;
    }): Promise<void> {
      const { removal } = args;
      const removedAt = new Date(args.removedAt);
      await db.$transaction(async (tx) => {
        // The public lookup keeps a notice after removal only where the removal is an upheld
        // objection's own (revoked, or repair granted on it): an earlier correction's notice does
        // not keep a subject repaired (or removed otherwise) on the public lookup.
        const objection = removal.reference ? await tx.objection.findUnique({ where: { id: removal.reference } }) : null;
        const onObjection = objection?.caseId === args.caseId && objection.state === 'UPHELD';
        await updateCase(tx, args.caseId, {
          ...caseState(args.state),
          removedAt,
          removalKind: removal.kind,
          removalReason: removal.reason ?? null,
          measuresSuspended: false,
          ...(onObjection ? {} : { publicNotice: null, publicNoticeUntil: null }),
        });
        await tx.objection.updateMany({
          where: { caseId: args.caseId, state: { in: ['AWAITING_ACCEPTANCE', 'IN_VERIFICATION'] } },
          data: { state: args.openMattersTo },
        });
        await tx.repairApplication.updateMany({
          where: { caseId: args.caseId, state: { in: ['AWAITING_ACCEPTANCE', 'AWAITING_DECISION'] } },
          data: { state: args.openMattersTo },
        });
        for (const d of await tx.caseDeadline.findMany({ where: { caseId: args.caseId, closedAt: null } })) {
          await closeDeadline(tx, args.caseId, d.key, removedAt, 'ENDED');
        }
        await recordEvent(
          tx,
          args.caseId,
          'removed',
          removedAt,
          removal.actor ?? SYSTEM_ACTOR,
          `REMOVED_${removal.kind}`,
          { reference: removal.reference },
          removal.reason,
        );
        await pushToUnits(tx, args.caseId, 'REMOVAL', '', removedAt, { removalKind: removal.kind });
      });
    },
  };
}
