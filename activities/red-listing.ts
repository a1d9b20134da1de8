// Activities of a red listing (守信激励对象名单, 000 §三, 002 §10-13, 004 §二): the draft, the listing
// (published, the incentives pushed to the units that grant them) and what keeps a red listing
// apart from a black one of the same field. Removal is the black listing's own activity
// (removeFromList): the same state, events and pushes. Each writes idempotently.
import { Context } from '@temporalio/activity';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { redListingWorkflowId, type DishonestyRecorded, type RedListingWorkflowInput } from '../domain/procedure';
import { addCalendarDays, addCalendarMonths, shanghaiDate, startOfShanghaiDay } from '../domain/workdays';
import { fieldsConflict } from '../domain/vocabulary';
import { dishonestyRecorded } from '../workflows/messages';
import { SYSTEM_ACTOR, recordEvent } from './audit';
import { linkAttachments } from './attachments';
import {
  activeListingKey,
  caseState,
  updateCase,
  currentPolicy,
  pushToImplementingUnits,
  refuseDuplicate,
  type Moved,
} from './designation';
import type { Db } from './db';
import { documentNumber, nextNumber } from './numbering';
import type { Prisma } from '../generated/prisma/client';

/** The black listings in force on a subject in a field that conflicts with `field` (the same, or all fields). */
export async function blackListingsInField(tx: Prisma.TransactionClient, subjectCode: string, field: Parameters<typeof fieldsConflict>[0]) {
  const blackLists = (await tx.listType.findMany({ where: { kind: 'BLACK' } })).filter((t) => fieldsConflict(t.field, field));
  const names = new Map(blackLists.map((t) => [t.code, t.name]));
  const cases = await tx.case.findMany({
    where: { subjectCode, listType: { in: [...names.keys()] }, state: { in: ['LISTED'] } },
    select: { id: true, caseNumber: true, listType: true },
    orderBy: { listedAt: 'asc' },
  });
  return cases.map((c) => ({ id: c.id, caseNumber: c.caseNumber, listTypeName: names.get(c.listType)! }));
}

/**
 * The incentives a red listing carries: every mandatory one of its list and the recommended ones
 * chosen (with why), where the catalogue item suits the subject (an organisation or a person).
 */
async function incentiveRows(tx: Prisma.TransactionClient, form: RedListingWorkflowInput['form']) {
  const reasons = new Map(form.recommendedMeasures.map((m) => [m.measureId, m.reasons]));
  const catalogue = await tx.measure.findMany({
    where: {
      active: true,
      listTypes: { has: form.listType },
      targets: { has: form.subjectType },
      OR: [{ mandatory: true }, { id: { in: [...reasons.keys()] } }],
    },
    orderBy: { id: 'asc' },
  });
  return catalogue.map((m) => ({
    measureId: m.id,
    subjectCode: form.subjectCode,
    chosen: !m.mandatory,
    reasons: reasons.get(m.id) ?? null,
  }));
}

export function createRedListingActivities(db: Db) {
  return {
    /** Records the caseworker's red-listing draft (立案), numbered, with its incentives, for the supervisor. */
    async recordRedDraft(input: RedListingWorkflowInput & Moved & { at: string }): Promise<{ caseNumber: string }> {
      const at = new Date(input.at);
      const existing = await db.case.findUnique({ where: { id: input.caseId }, select: { caseNumber: true } });
      if (existing) return { caseNumber: existing.caseNumber };
      const { form } = input;
      const year = Number(shanghaiDate(at).slice(0, 4));
      // The case keeps a policy for its units' deadlines (acknowledgement, feedback, lifting).
      const policy = await currentPolicy(db, input.departmentId, form.listType);
      const filed = db.$transaction(async (tx) => {
        const dept = await tx.department.findUniqueOrThrow({ where: { id: input.departmentId } });
        const caseNumber = documentNumber(dept.docPrefix, '红', year, await nextNumber(tx, dept.id, 'RED_CASE', year));
        await tx.subject.upsert({
          where: { code: form.subjectCode },
          create: { code: form.subjectCode, type: form.subjectType, name: form.subjectName },
          update: { name: form.subjectName },
        });
        await tx.case.create({
          data: {
            id: input.caseId,
            caseNumber,
            workflowId: redListingWorkflowId(input.caseId),
            departmentId: dept.id,
            createdById: input.filedBy.userId,
            subjectName: form.subjectName,
            subjectType: form.subjectType,
            subjectCode: form.subjectCode,
            listType: form.listType,
            tier: null,
            basisKind: form.basis.kind,
            basisNumber: form.basis.number,
            basisIssuer: form.basis.issuer,
            basisDate: new Date(`${form.basis.date}T00:00:00Z`),
            activeListingKey: activeListingKey(form),
            reasons: form.reasons,
            form: form as unknown as Prisma.InputJsonValue,
            measures: { create: await incentiveRows(tx, form) },
            ...caseState(input.state),
            policyId: policy.id,
          },
          select: { id: true }, // not the row read back whole, with the form just written
        });
        await recordEvent(tx, input.caseId, 'filed', at, input.filedBy, 'CASE_FILED', {
          caseNumber,
          policy: `${policy.code} v${policy.version}`,
          leniencyGrounds: [],
        });
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

    /**
     * The approved red listing takes effect at once (it restrains no one: nothing waits for service):
     * published and valid for its list's months, counted as the Civil Code counts them, and the
     * incentives pushed to the units that grant them. Unless the subject is now on a black list of
     * the same field: then it closes without listing, saying which.
     */
    async listRedSubject(
      args: Moved & { caseId: string; at: string },
    ): Promise<{ validUntil: string; removalAt: string } | DishonestyRecorded> {
      const at = new Date(args.at);
      return db.$transaction(
        async (tx) => {
          const c = await tx.case.findUniqueOrThrow({ where: { id: args.caseId } });
          const list = await tx.listType.findUniqueOrThrow({ where: { code: c.listType } });
          if (c.state !== 'LISTED') {
            const [black] = await blackListingsInField(tx, c.subjectCode, list.field);
            if (black) {
              await updateCase(tx, c.id, caseState('CLOSED_NOT_LISTED'));
              await recordEvent(tx, c.id, 'red-closed', at, SYSTEM_ACTOR, 'RED_PROPOSAL_CLOSED', {
                blackCase: black.caseNumber,
                listType: black.listTypeName,
              });
              return { caseNumber: black.caseNumber, listTypeName: black.listTypeName };
            }
          }
          const months = list.validityMonths ?? 12;
          const listedOn = shanghaiDate(c.listedAt ?? at);
          const validUntil = addCalendarMonths(listedOn, months);
          if (c.state !== 'LISTED') {
            await updateCase(tx, c.id, {
              ...caseState(args.state),
              decidedAt: at,
              listedAt: at,
              publicationEndsOn: new Date(`${validUntil}T00:00:00Z`),
            });
            await recordEvent(tx, c.id, 'listed', at, SYSTEM_ACTOR, 'RED_LISTED', { validUntil, validityMonths: months });
            await pushToImplementingUnits(tx, c.id, at);
          }
          return { validUntil, removalAt: startOfShanghaiDay(addCalendarDays(validUntil, 1)).toISOString() };
        },
        { timeout: 30_000 },
      );
    },

    /** A red listing not yet approved closes: the subject has since been black-listed in the same field. */
    async closeRedProposal(args: Moved & { caseId: string; at: string; black: DishonestyRecorded }): Promise<void> {
      await db.$transaction(async (tx) => {
        await updateCase(tx, args.caseId, caseState(args.state));
        await recordEvent(tx, args.caseId, 'red-closed', new Date(args.at), SYSTEM_ACTOR, 'RED_PROPOSAL_CLOSED', {
          blackCase: args.black.caseNumber,
          listType: args.black.listTypeName,
        });
      });
    },
  };
}

/**
 * A black listing has taken effect: every red listing of the subject in a conflicting field — in
 * force, or awaiting approval — is told, and its workflow takes it off. Called after the listing
 * commits; a signal repeated by a retry changes nothing (the red workflow acts on the first).
 */
export async function tellRedListings(db: Db, blackCaseId: string): Promise<void> {
  let client: Client;
  try {
    client = Context.current().client as Client;
  } catch {
    return; // not inside a worker's activity
  }
  const black = await db.case.findUniqueOrThrow({
    where: { id: blackCaseId },
    select: { subjectCode: true, caseNumber: true, listType: true },
  });
  const blackList = await db.listType.findUniqueOrThrow({ where: { code: black.listType } });
  const redLists = (await db.listType.findMany({ where: { kind: 'RED' } })).filter((t) => fieldsConflict(t.field, blackList.field));
  const reds = await db.case.findMany({
    where: {
      subjectCode: black.subjectCode,
      listType: { in: redLists.map((t) => t.code) },
      state: { in: ['AWAITING_DECISION_APPROVAL', 'LISTED'] },
    },
    select: { workflowId: true },
  });
  for (const red of reds) {
    try {
      await client.workflow
        .getHandle(red.workflowId)
        .signal(dishonestyRecorded, { caseNumber: black.caseNumber, listTypeName: blackList.name });
    } catch (err) {
      if (!(err instanceof WorkflowNotFoundError)) throw err; // ended meanwhile: nothing to take off
    }
  }
}
