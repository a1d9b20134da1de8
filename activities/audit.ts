// The audit trail (办理记录): every action on a case — who, when, what, why. One entry per step key,
// so a retried activity never writes an entry twice.
import { randomUUID } from 'node:crypto';
import type { AuditAction, AuditDetail } from '../domain/audit';
import type { Actor } from '../domain/vocabulary';
import { Prisma } from '../generated/prisma/client';

export const SYSTEM_ACTOR: Actor = { userId: 'system', name: '系统（定时任务）', role: 'ADMINISTRATOR', departmentId: null };

/** Records one event of the audit trail: an action of domain/audit.ts with its detail. */
export async function recordEvent<A extends AuditAction>(
  tx: Prisma.TransactionClient,
  caseId: string,
  stepKey: string,
  at: Date,
  actor: Actor,
  action: A,
  detail: AuditDetail<A>,
  reason?: string,
): Promise<void> {
  await recordEvents(tx, caseId, at, actor, action, [{ stepKey, detail, reason }]);
}

/**
 * Records events of one action by one actor at one time (each unit told of a push, say) in one
 * statement: one entry per step key, as recordEvent.
 */
export async function recordEvents<A extends AuditAction>(
  tx: Prisma.TransactionClient,
  caseId: string,
  at: Date,
  actor: Actor,
  action: A,
  events: readonly { stepKey: string; detail: AuditDetail<A>; reason?: string }[],
): Promise<void> {
  if (events.length === 0) return;
  const actorId = actor.userId === 'system' ? null : actor.userId;
  // Once per step: a retry finds its entry there and adds nothing (the trail is append-only, so
  // never an update either), and the trigger chains each entry in the order given. Written by a
  // statement of its own rather than by createMany, whose query plan Prisma never keeps and compiles
  // afresh each time (about 0.7 ms of CPU, on each of the twenty-odd entries of a case).
  const rows = events.map(
    ({ stepKey, detail, reason }) =>
      Prisma.sql`(${randomUUID()}, ${caseId}, ${stepKey}, ${at}, ${actorId}, ${actor.name}, ${actor.role}, ${action},
                  ${JSON.stringify(detail ?? {})}::jsonb, ${reason || null})`,
  );
  await tx.$executeRaw`
    INSERT INTO "CaseEvent" ("id", "caseId", "stepKey", "at", "actorId", "actorName", "actorRole", "action", "detail", "reason")
    VALUES ${Prisma.join(rows)}
    ON CONFLICT DO NOTHING`;
}

/** Records a step the system took by itself (no human actor) in the case's timeline. */
export async function recordSystemEvent<A extends AuditAction>(
  tx: Prisma.TransactionClient,
  caseId: string,
  stepKey: string,
  at: Date,
  action: A,
  detail: AuditDetail<A>,
): Promise<void> {
  await recordEvent(tx, caseId, stepKey, at, SYSTEM_ACTOR, action, detail);
}
