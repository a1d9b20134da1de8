// Execution feedback (执行反馈): a cooperating unit records, per measure of a listing it was pushed
// and per subject the measure restrains, that it applied it (when, in what matter), that it does
// not apply (why), or that it lifted it (when) — from its inbox or its own system. The same rules
// either way; a refusal names what is wrong and changes nothing.
import type { Request } from 'express';
import type { Db } from '../activities/db';
import { recordEvent } from '../activities/audit';
import { settleFeedback } from '../activities/units';
import type { ExecutionFeedbackInput } from '../domain/schemas';
import type { Actor } from '../domain/vocabulary';
import { shanghaiDate } from '../domain/workdays';
import type { ExecutionFeedback, Prisma } from '../generated/prisma/client';
import { Problem, say } from './problem';

/** Who records it: a user of the unit, or the unit's system by one of its keys. */
export interface FeedbackAuthor {
  departmentId: string;
  departmentName: string;
  actor: Actor;
  apiKeyId: string | null;
}

export const feedbackView = (f: ExecutionFeedback) => ({ ...f, byApiKey: f.apiKeyId !== null });

/** Where a measure stands for one subject: lifted (for them or by removal), suspended, or in force. */
export function standingOf(
  c: { state: string; measuresSuspended: boolean; removedAt: Date | null },
  m: { liftedAt: Date | null },
): 'IN_FORCE' | 'SUSPENDED' | 'LIFTED' {
  if (c.state === 'REMOVED' || m.liftedAt) return 'LIFTED';
  return c.measuresSuspended ? 'SUSPENDED' : 'IN_FORCE';
}

/** The measures a unit implements on a case, on each subject, with its latest feedback on each. */
export async function targetsOf(db: Db | Prisma.TransactionClient, caseId: string, departmentId: string) {
  const listing = await db.push.findFirst({ where: { caseId, departmentId, kind: 'LISTING' } });
  if (!listing) return [];
  const c = await db.case.findUniqueOrThrow({
    where: { id: caseId },
    select: { state: true, measuresSuspended: true, removedAt: true, subjectCode: true, subjectName: true, responsiblePersons: true },
  });
  const names = new Map([[c.subjectCode, c.subjectName], ...c.responsiblePersons.map((p) => [p.personCode, p.name] as const)]);
  const measures = await db.caseMeasure.findMany({
    where: { caseId, measureId: { in: listing.measureIds } },
    include: { measure: { select: { content: true } } },
    orderBy: [{ measureId: 'asc' }, { subjectCode: 'asc' }],
  });
  const feedback = await db.executionFeedback.findMany({ where: { caseId, departmentId }, orderBy: { recordedAt: 'asc' } });
  return measures.map((m) => {
    const mine = feedback.filter((f) => f.measureId === m.measureId && f.subjectCode === m.subjectCode);
    const latest = mine[mine.length - 1];
    return {
      measureId: m.measureId,
      content: m.measure.content,
      subjectCode: m.subjectCode,
      subjectName: names.get(m.subjectCode) ?? m.subjectCode,
      standing: standingOf(c, m),
      latest: latest ? feedbackView(latest) : null,
    };
  });
}

/** Whether a push's own deadlines have passed undone. */
export function overdueOf(
  p: {
    status: string;
    acknowledgeBy: Date | null;
    feedbackBy: Date | null;
    feedbackDoneAt: Date | null;
    acknowledgementOverdueAt: Date | null;
    feedbackOverdueAt: Date | null;
  },
  now = Date.now(),
) {
  // Recorded by the push's deadline watch, or passed a moment ago and about to be.
  const passed = (due: Date | null, recorded: Date | null) => !!recorded || (!!due && due.getTime() <= now);
  return {
    acknowledgementOverdue: p.status === 'PENDING' && passed(p.acknowledgeBy, p.acknowledgementOverdueAt),
    feedbackOverdue: !p.feedbackDoneAt && passed(p.feedbackBy, p.feedbackOverdueAt),
  };
}

const refuse = (req: Request, status: number, field: string, key: Parameters<typeof say>[1]) => {
  const message = say(req, key);
  return new Problem(status, message, `${field}: ${message}`, { errors: [{ field, code: key, message }] });
};

/** Records one feedback entry on a case pushed to the author's unit, in the case's timeline too. */
export async function recordFeedback(db: Db, req: Request, author: FeedbackAuthor, caseId: string, input: ExecutionFeedbackInput) {
  return db.$transaction(async (tx) => {
    // Serialises the unit's feedback on the case: the rules below read the history they extend.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`feedback|${caseId}|${author.departmentId}`}))`;
    const listing = await tx.push.findFirst({ where: { caseId, departmentId: author.departmentId, kind: 'LISTING' } });
    if (!listing) throw new Problem(404, say(req, 'noSuchCase'));
    if (!listing.measureIds.includes(input.measureId)) throw refuse(req, 422, 'measureId', 'feedbackNotYourMeasure');
    const target = await tx.caseMeasure.findUnique({
      where: { caseId_measureId_subjectCode: { caseId, measureId: input.measureId, subjectCode: input.subjectCode } },
    });
    if (!target) throw refuse(req, 422, 'subjectCode', 'feedbackNotRestrained');
    const c = await tx.case.findUniqueOrThrow({ where: { id: caseId } });
    const standing = standingOf(c, target);
    const history = await tx.executionFeedback.findMany({
      where: { caseId, departmentId: author.departmentId, measureId: input.measureId, subjectCode: input.subjectCode },
      orderBy: { recordedAt: 'asc' },
    });
    const latest = history[history.length - 1];
    let pushId = listing.id;
    if (input.outcome === 'LIFTED') {
      if (latest?.outcome !== 'APPLIED') throw refuse(req, 409, 'outcome', 'feedbackNothingToLift');
      if (standing === 'IN_FORCE') throw refuse(req, 409, 'outcome', 'feedbackStillInForce');
      if (input.on! < shanghaiDate(latest.on ?? latest.recordedAt)) throw refuse(req, 422, 'on', 'feedbackLiftedBeforeApplied');
      // The suspension or removal (or a person's correction) the lifting answers: the unit's newest.
      const cause = await tx.push.findFirst({
        where: { caseId, departmentId: author.departmentId, kind: { in: ['SUSPENSION', 'REMOVAL', 'CORRECTION'] } },
        orderBy: { pushedAt: 'desc' },
      });
      pushId = cause?.id ?? listing.id;
    } else {
      if (standing !== 'IN_FORCE') throw refuse(req, 409, 'outcome', 'feedbackNotInForce');
      if (input.outcome === 'APPLIED' && c.listedAt && input.on! < shanghaiDate(c.listedAt))
        throw refuse(req, 422, 'on', 'feedbackBeforeListing');
    }
    const at = new Date();
    const row = await tx.executionFeedback.create({
      data: {
        caseId,
        departmentId: author.departmentId,
        pushId,
        measureId: input.measureId,
        subjectCode: input.subjectCode,
        outcome: input.outcome,
        on: input.outcome === 'NOT_APPLICABLE' ? null : new Date(`${input.on}T00:00:00Z`),
        matter: input.outcome === 'APPLIED' ? input.matter : null,
        reason: input.outcome === 'NOT_APPLICABLE' ? input.reason : null,
        recordedAt: at,
        recordedById: author.apiKeyId ? null : author.actor.userId,
        recordedByName: author.actor.name,
        apiKeyId: author.apiKeyId,
      },
    });
    await recordEvent(
      tx,
      caseId,
      `feedback-${row.id}`,
      at,
      author.actor,
      'EXECUTION_FEEDBACK',
      {
        department: author.departmentName,
        measureId: input.measureId,
        subjectCode: input.subjectCode,
        outcome: input.outcome,
        on: input.outcome === 'NOT_APPLICABLE' ? undefined : input.on,
        matter: input.outcome === 'APPLIED' ? input.matter : undefined,
        byApiKey: author.apiKeyId !== null,
      },
      input.outcome === 'NOT_APPLICABLE' ? input.reason : undefined,
    );
    await settleFeedback(tx, caseId, author.departmentId, at);
    return feedbackView(row);
  });
}
