// Service of documents (送达): a caseworker records how and when a document reached the party.
// Service is what periods run from and what effects wait for: the notice period counts from the
// prior notice's service; the listing takes effect only once the decision and the credit-repair
// notice are served together (两书同达). An announcement counts as service the policy's number of
// days after it is made (Civil Procedure Law Art. 95: 30 days).
import { NOTICE_DEADLINE, type Served } from '../domain/procedure';
import type { ServiceInput } from '../domain/schemas';
import { addCalendarDays, startOfShanghaiDay } from '../domain/workdays';
import type { Actor, DocumentKind } from '../domain/vocabulary';
import { recordEvent } from './audit';
import { openDeadline } from './deadlines';
import { caseState, type Moved } from './designation';
import type { Db } from './db';

export function createServiceActivities(db: Db) {
  return {
    async recordService(
      args: Partial<Moved> & { caseId: string; at: string; documentIds: string[]; request: ServiceInput & { actor: Actor } },
    ): Promise<Served> {
      const { request } = args;
      return db.$transaction(async (tx) => {
        const { policy } = await tx.case.findUniqueOrThrow({ where: { id: args.caseId }, select: { policy: true } });
        const servedOn =
          request.method === 'ANNOUNCEMENT' ? addCalendarDays(request.receivedOn, policy.announcementServiceDays) : request.receivedOn;
        const where = { caseId: args.caseId, id: { in: args.documentIds } };
        const documents: DocumentKind[] = (await tx.document.findMany({ where, select: { kind: true } })).map((d) => d.kind);
        await tx.document.updateMany({ where, data: { servedOn: new Date(`${servedOn}T00:00:00Z`), serviceMethod: request.method } });
        const servedFrom = startOfShanghaiDay(servedOn);
        const noticeServed = documents.includes('PRIOR_NOTICE');
        // A document served during a listing (a result, the removal notice) leaves the case's state as it is.
        if (args.state || noticeServed)
          await tx.case.update({
            where: { id: args.caseId },
            data: { ...(args.state ? caseState(args.state) : {}), ...(noticeServed ? { noticeServedAt: servedFrom } : {}) },
          });
        // The notice period runs from the prior notice's service, the day of service not counted.
        const deadline = noticeServed ? await openDeadline(tx, args.caseId, NOTICE_DEADLINE, 'NOTICE_PERIOD', servedFrom) : null;
        await recordEvent(
          tx,
          args.caseId,
          `service-${args.documentIds[0]}`,
          new Date(args.at),
          request.actor,
          'SERVICE_RECORDED',
          {
            documents,
            method: request.method,
            receivedOn: request.receivedOn,
            servedOn,
            ...(deadline ? { deadlineDate: deadline.date, workingDays: deadline.workingDays, provisional: deadline.provisional } : {}),
          },
          request.note,
        );
        return { servedOn, deadline };
      });
    },
  };
}
