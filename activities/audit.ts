// The audit trail (办理记录): every action on a case — who, when, what, why. One entry per step key,
// so a retried activity never writes an entry twice.
import type { Actor } from '../domain/vocabulary';
import type { Prisma } from '../generated/prisma/client';

export const SYSTEM_ACTOR: Actor = { userId: 'system', name: '系统（定时任务）', role: 'ADMINISTRATOR', departmentId: null };

export async function recordEvent(
  tx: Prisma.TransactionClient,
  caseId: string,
  stepKey: string,
  at: Date,
  actor: Actor,
  action: string,
  detail: Record<string, unknown> = {},
  reason?: string,
): Promise<void> {
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
      reason: reason || undefined,
    },
    update: {},
  });
}

/** Records a step the system took by itself (no human actor) in the case's timeline. */
export async function recordSystemEvent(
  tx: Prisma.TransactionClient,
  caseId: string,
  stepKey: string,
  at: Date,
  action: string,
  detail: Record<string, unknown>,
): Promise<void> {
  await recordEvent(tx, caseId, stepKey, at, SYSTEM_ACTOR, action, detail);
}
