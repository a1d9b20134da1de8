// Evidence files filed with a step: the activity that records the step links them to the case in
// its own transaction, so a step and its evidence are on file together or not at all.
import type { AttachmentPurpose, Actor } from '../domain/vocabulary';
import { recordEvent } from './audit';
import type { Prisma } from '../generated/prisma/client';

/**
 * Links the uploads `ids` to the case as evidence of `purpose` (the statement, objection or repair
 * application `reference`; "" for the basis document) and records it in the audit trail.
 * Idempotent: a retried activity links nothing twice and finds its own event. An upload linked
 * elsewhere meanwhile (the API checked it was free, but two steps raced for it) stays where it is.
 */
export async function linkAttachments(
  tx: Prisma.TransactionClient,
  args: {
    caseId: string;
    stepKey: string;
    at: Date;
    actor: Actor;
    purpose: AttachmentPurpose;
    reference: string;
    ids: readonly string[] | undefined; // absent in a request recorded before attachments existed
  },
): Promise<void> {
  const ids = [...(args.ids ?? [])];
  if (ids.length === 0) return;
  const { caseId, purpose, reference } = args;
  await tx.attachment.updateMany({
    where: { id: { in: ids }, caseId: null, uploadedById: args.actor.userId },
    data: { caseId, purpose, reference, linkedAt: args.at },
  });
  const linked = await tx.attachment.findMany({
    where: { id: { in: ids }, caseId, purpose, reference },
    select: { id: true, fileName: true, mediaType: true, size: true, sha256: true },
    orderBy: { createdAt: 'asc' },
  });
  if (linked.length === 0) return;
  await recordEvent(tx, caseId, `attachments-${args.stepKey}`, args.at, args.actor, 'ATTACHMENTS_LINKED', {
    purpose,
    reference,
    files: linked.map(({ id, ...f }) => ({ attachmentId: id, ...f })),
  });
}
