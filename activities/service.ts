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
import { caseState, updateCase, type Moved } from './designation';
import type { Db } from './db';

export function createServiceActivities(db: Db) {
  return {
    /**
     * The service of documents on one recipient (the subject or a responsible person). The last
     * recipient's (`completes`) makes the documents served as of the latest service on any of them —
     * so each party has the whole of a period that runs from service — and opens the notice period.
     */
    async recordService(
      args: Partial<Moved> & {
        caseId: string;
        at: string;
        documentIds: string[];
        recipient: string;
        completes: boolean;
        request: ServiceInput & { actor: Actor };
      },
    ): Promise<Served> {
      const { request } = args;
      const at = new Date(args.at);
      return db.$transaction(async (tx) => {
        const c = await tx.case.findUniqueOrThrow({
          where: { id: args.caseId },
          select: { policy: true, subjectCode: true, subjectName: true, responsiblePersons: true },
        });
        const servedOn =
          request.method === 'ANNOUNCEMENT' ? addCalendarDays(request.receivedOn, c.policy.announcementServiceDays) : request.receivedOn;
        const recipientName =
          args.recipient === c.subjectCode
            ? c.subjectName
            : (c.responsiblePersons.find((p) => p.personCode === args.recipient)?.name ?? args.recipient);
        const service = {
          recipientName,
          method: request.method,
          receivedOn: new Date(`${request.receivedOn}T00:00:00Z`),
          servedOn: new Date(`${servedOn}T00:00:00Z`),
          recordedById: request.actor.userId,
          recordedByName: request.actor.name,
          recordedAt: at,
        };
        // Once per document and recipient, in one statement: a retry adds nothing and changes nothing.
        await tx.documentService.createMany({
          data: args.documentIds.map((documentId) => ({ documentId, recipientCode: args.recipient, ...service })),
          skipDuplicates: true,
        });
        const where = { caseId: args.caseId, id: { in: args.documentIds } };
        const documents: DocumentKind[] = (await tx.document.findMany({ where, select: { kind: true } })).map((d) => d.kind);
        const event = { documents, method: request.method, receivedOn: request.receivedOn, servedOn, recipient: recipientName };
        const stepKey = `service-${args.documentIds[0]}-${args.recipient}`;
        if (!args.completes) {
          await recordEvent(tx, args.caseId, stepKey, at, request.actor, 'SERVICE_RECORDED', event, request.note);
          return { servedOn, deadline: null };
        }
        // Served on everyone: as of the latest service, by the method used on the subject itself.
        const all = await tx.documentService.findMany({ where: { documentId: args.documentIds[0] } });
        const latest = all.reduce((d, s) => (s.servedOn > d ? s.servedOn : d), service.servedOn);
        const servedAll = latest.toISOString().slice(0, 10);
        const method = all.find((s) => s.recipientCode === c.subjectCode)?.method ?? request.method;
        await tx.document.updateMany({ where, data: { servedOn: latest, serviceMethod: method } });
        const servedFrom = startOfShanghaiDay(servedAll);
        const noticeServed = documents.includes('PRIOR_NOTICE');
        // A document served during a listing (a result, the removal notice) leaves the case's state as it is.
        if (args.state || noticeServed)
          await updateCase(tx, args.caseId, {
            ...(args.state ? caseState(args.state) : {}),
            ...(noticeServed ? { noticeServedAt: servedFrom } : {}),
          });
        // The notice period runs from the prior notice's service on the last party, the day of service not counted.
        const deadline = noticeServed ? await openDeadline(tx, args.caseId, NOTICE_DEADLINE, 'NOTICE_PERIOD', servedFrom) : null;
        await recordEvent(
          tx,
          args.caseId,
          stepKey,
          at,
          request.actor,
          'SERVICE_RECORDED',
          {
            ...event,
            ...(deadline ? { deadlineDate: deadline.date, workingDays: deadline.workingDays, provisional: deadline.provisional } : {}),
          },
          request.note,
        );
        return { servedOn: servedAll, deadline };
      });
    },
  };
}
