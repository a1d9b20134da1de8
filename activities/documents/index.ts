// Activities that generate, number and store the documents served on the party.
import { createHash } from 'node:crypto';
import type { PolicyTerms } from '../../domain/policy';
import { shanghaiDate } from '../../domain/workdays';
import type { Db } from '../db';
import { priorNotice } from './prior-notice';
import { renderPdf } from './render';

export function createDocumentActivities(
  db: Db,
  recordSystemEvent: (caseId: string, stepKey: string, at: Date, action: string, detail: Record<string, unknown>) => Promise<void>,
) {
  return {
    /** Generates and stores the prior notice PDF of a case; a retry returns the stored one. */
    async issuePriorNoticeDocument(args: { caseId: string; at: string }): Promise<{ documentId: string; number: string }> {
      const existing = await db.document.findUnique({ where: { caseId_kind: { caseId: args.caseId, kind: 'PRIOR_NOTICE' } } });
      if (existing) return { documentId: existing.id, number: existing.number };
      const c = await db.case.findUniqueOrThrow({ where: { id: args.caseId }, include: { department: true, policy: true } });
      const listType = await db.listType.findUnique({ where: { code: c.listType } });
      const months = (c.policy.publicationMonths as unknown as PolicyTerms['publicationMonths'])[c.tier].max;
      const pdf = await renderPdf(
        priorNotice({
          noticeNumber: c.noticeNumber!,
          subjectName: c.subjectName,
          subjectCode: c.subjectCode,
          listTypeName: listType?.name ?? c.listType,
          tier: c.tier,
          basis: { kind: c.basisKind, number: c.basisNumber, issuer: c.basisIssuer, date: c.basisDate.toISOString().slice(0, 10) },
          reasons: c.reasons,
          departmentName: c.department.name,
          servedOn: shanghaiDate(c.noticeServedAt!),
          deadline: {
            date: c.deadlineDate!.toISOString().slice(0, 10),
            workingDays: c.policy.noticeWorkingDays,
            provisional: c.deadlineProvisional,
          },
          publicationMonths: months,
        }),
      );
      const doc = await db.document.upsert({
        where: { caseId_kind: { caseId: args.caseId, kind: 'PRIOR_NOTICE' } },
        create: {
          caseId: args.caseId,
          kind: 'PRIOR_NOTICE',
          number: c.noticeNumber!,
          fileName: `失信行为认定告知书-${c.noticeNumber}.pdf`,
          content: new Uint8Array(pdf),
          sha256: createHash('sha256').update(pdf).digest('hex'),
        },
        update: {},
      });
      await recordSystemEvent(args.caseId, 'document-prior-notice', new Date(args.at), 'DOCUMENT_ISSUED', {
        documentId: doc.id,
        number: doc.number,
        kind: 'PRIOR_NOTICE',
      });
      return { documentId: doc.id, number: doc.number };
    },
  };
}
