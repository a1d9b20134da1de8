// Activities that generate, number and store the documents served on the party. Each is
// idempotent: a retry finds the stored document and returns it.
import { createHash } from 'node:crypto';
import type { PolicyTerms } from '../../domain/policy';
import { shanghaiDate } from '../../domain/workdays';
import type { Db } from '../db';
import { documentNumber, nextNumber } from '../numbering';
import type { DocumentKind, Prisma } from '../../generated/prisma/client';
import { creditRepairNotice, listingDecision, type ListingFacts } from './listing-decision';
import { objectionResult, repairResult } from './results';
import { reviewReply } from './review-reply';
import { priorNotice, type DesignationFacts } from './prior-notice';
import { renderPdf } from './render';
import { translate } from '../../domain/i18n';
import type { recordSystemEvent } from '../audit';

// Passed in rather than imported, so that the documents can be rendered and tested on their own.
type RecordSystemEvent = typeof recordSystemEvent;

async function storeDocument(
  tx: Prisma.TransactionClient,
  caseId: string,
  kind: DocumentKind,
  number: string,
  pdf: Buffer,
  reference = '',
) {
  return tx.document.upsert({
    where: { caseId_kind_reference: { caseId, kind, reference } },
    create: {
      caseId,
      kind,
      reference,
      number,
      fileName: `${translate('zh-CN', 'document', kind)}-${number}.pdf`,
      content: new Uint8Array(pdf),
      sha256: createHash('sha256').update(pdf).digest('hex'),
    },
    update: {},
  });
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

export function createDocumentActivities(db: Db, recordSystemEvent: RecordSystemEvent) {
  async function caseFacts(caseId: string) {
    const c = await db.case.findUniqueOrThrow({
      where: { id: caseId },
      include: { department: true, policy: true, measures: { include: { measure: { include: { implementingDepartment: true } } } } },
    });
    const listType = await db.listType.findUnique({ where: { code: c.listType } });
    const tiers = c.policy.publicationMonths as unknown as PolicyTerms['publicationMonths'];
    const common: DesignationFacts = {
      subjectName: c.subjectName,
      subjectCode: c.subjectCode,
      listTypeName: listType?.name ?? c.listType,
      tier: c.tier,
      basis: { kind: c.basisKind, number: c.basisNumber, issuer: c.basisIssuer, date: isoDay(c.basisDate) },
      reasons: c.reasons,
      departmentName: c.department.name,
    };
    return { c, common, tier: tiers[c.tier] };
  }

  /** The statements made in the notice period and the review of them, if any were made. */
  async function hearingOf(caseId: string) {
    const statements = await db.statement.findMany({ where: { caseId, kind: { not: 'WAIVER' } }, orderBy: { filedAt: 'asc' } });
    const review = await db.caseEvent.findUnique({ where: { caseId_stepKey: { caseId, stepKey: 'review-decision' } } });
    if (statements.length === 0 || !review) return null;
    const reply = await db.document.findUnique({ where: { caseId_kind_reference: { caseId, kind: 'REVIEW_REPLY', reference: '' } } });
    return {
      statements: statements.map((s) => ({
        filedOn: shanghaiDate(s.filedAt),
        kind: s.kind as 'STATEMENT' | 'OBJECTION',
        content: s.content,
      })),
      accepted: review.action === 'STATEMENT_ACCEPTED',
      reasons: review.reason ?? '',
      reviewedOn: shanghaiDate(review.at),
      replyNumber: reply?.number ?? null,
    };
  }

  return {
    /** Generates and stores the prior notice PDF of a case. */
    async issuePriorNoticeDocument(args: { caseId: string; at: string }): Promise<{ documentId: string; number: string }> {
      const existing = await db.document.findUnique({
        where: { caseId_kind_reference: { caseId: args.caseId, kind: 'PRIOR_NOTICE', reference: '' } },
      });
      if (existing) return { documentId: existing.id, number: existing.number };
      const { c, common, tier } = await caseFacts(args.caseId);
      const pdf = await renderPdf(
        priorNotice({
          ...common,
          noticeNumber: c.noticeNumber!,
          issuedOn: shanghaiDate(new Date(args.at)),
          workingDays: c.policy.noticeWorkingDays,
          publicationMonths: tier.max,
        }),
      );
      return db.$transaction(async (tx) => {
        const doc = await storeDocument(tx, args.caseId, 'PRIOR_NOTICE', c.noticeNumber!, pdf);
        await recordSystemEvent(tx, args.caseId, 'document-prior-notice', new Date(args.at), 'DOCUMENT_ISSUED', {
          documentId: doc.id,
          number: doc.number,
          kind: 'PRIOR_NOTICE',
        });
        return { documentId: doc.id, number: doc.number };
      });
    },

    /** The written reply on the statements, once the caseworker has reviewed them. */
    async issueReviewReply(args: { caseId: string; at: string }): Promise<{ number: string }> {
      const existing = await db.document.findUnique({
        where: { caseId_kind_reference: { caseId: args.caseId, kind: 'REVIEW_REPLY', reference: '' } },
      });
      if (existing) return { number: existing.number };
      const { c, common } = await caseFacts(args.caseId);
      const hearing = await hearingOf(args.caseId);
      const decidedOn = shanghaiDate(new Date(args.at));
      const year = Number(decidedOn.slice(0, 4));
      return db.$transaction(
        async (tx) => {
          const number = documentNumber(c.department.docPrefix, '复', year, await nextNumber(tx, c.departmentId, 'REVIEW_REPLY', year));
          const pdf = await renderPdf(reviewReply({ ...common, number, noticeNumber: c.noticeNumber!, ...hearing!, decidedOn }));
          const doc = await storeDocument(tx, args.caseId, 'REVIEW_REPLY', number, pdf);
          await recordSystemEvent(tx, args.caseId, 'document-REVIEW_REPLY', new Date(args.at), 'DOCUMENT_ISSUED', {
            documentId: doc.id,
            number: doc.number,
            kind: 'REVIEW_REPLY',
          });
          return { number: doc.number };
        },
        { timeout: 30_000 },
      );
    },

    /** The listing decision and the credit-repair notice, numbered and served together (两书同达). */
    async issueListingDocuments(args: { caseId: string; at: string }): Promise<{ numbers: string[] }> {
      const existing = await db.document.findMany({
        where: { caseId: args.caseId, kind: { in: ['LISTING_DECISION', 'CREDIT_REPAIR_NOTICE'] } },
      });
      if (existing.length === 2) return { numbers: existing.map((d) => d.number) };
      const { c, common, tier } = await caseFacts(args.caseId);
      const decidedOn = shanghaiDate(c.decidedAt!);
      const year = Number(decidedOn.slice(0, 4));
      return db.$transaction(
        async (tx) => {
          const serial = await nextNumber(tx, c.departmentId, 'DECISION', year);
          const facts: ListingFacts = {
            decisionNumber: documentNumber(c.department.docPrefix, '决', year, serial),
            repairNoticeNumber: documentNumber(c.department.docPrefix, '修告', year, serial),
            ...common,
            measures: c.measures.map(({ measure: m }) => ({
              content: m.content,
              mandatory: m.mandatory,
              legalBasis: m.legalBasis,
              unit: m.implementingDepartment.name,
            })),
            decidedOn,
            publicationEndsOn: isoDay(c.publicationEndsOn!),
            minimumPublicationMonths: tier.min,
            // The first day on which repair may be applied for (the minimum has run out at 24:00 the day before).
            repairEligibleFrom: tier.min > 0 && c.repairEligibleFrom ? shanghaiDate(c.repairEligibleFrom) : null,
            repairAcceptanceWorkingDays: c.policy.repairAcceptanceWorkingDays,
            repairDecisionWorkingDays: c.policy.repairDecisionWorkingDays,
            hearing: await hearingOf(args.caseId),
          };
          const [decisionPdf, repairPdf] = await Promise.all([renderPdf(listingDecision(facts)), renderPdf(creditRepairNotice(facts))]);
          const decision = await storeDocument(tx, args.caseId, 'LISTING_DECISION', facts.decisionNumber, decisionPdf);
          const repair = await storeDocument(tx, args.caseId, 'CREDIT_REPAIR_NOTICE', facts.repairNoticeNumber, repairPdf);
          for (const doc of [decision, repair]) {
            await recordSystemEvent(tx, args.caseId, `document-${doc.kind}`, new Date(args.at), 'DOCUMENT_ISSUED', {
              documentId: doc.id,
              number: doc.number,
              kind: doc.kind,
            });
          }
          return { numbers: [decision.number, repair.number] };
        },
        { timeout: 30_000 },
      );
    },

    /**
     * The written result of an objection or a repair application, served on the party once the
     * matter is decided (not accepted, upheld or rejected; granted or refused), numbered and stored.
     */
    async issueResultDocument(args: {
      caseId: string;
      at: string;
      matter: 'OBJECTION' | 'REPAIR';
      id: string;
    }): Promise<{ number: string } | null> {
      const kind: DocumentKind = args.matter === 'OBJECTION' ? 'OBJECTION_RESULT' : 'REPAIR_RESULT';
      const existing = await db.document.findUnique({
        where: { caseId_kind_reference: { caseId: args.caseId, kind, reference: args.id } },
      });
      if (existing) return { number: existing.number };
      const { c, common } = await caseFacts(args.caseId);
      const decidedOn = shanghaiDate(new Date(args.at));
      const year = Number(decidedOn.slice(0, 4));
      const base = { ...common, caseNumber: c.caseNumber, decidedOn };
      return db.$transaction(
        async (tx) => {
          let pdf: Buffer;
          const serial = await nextNumber(tx, c.departmentId, kind, year);
          const number = documentNumber(c.department.docPrefix, args.matter === 'OBJECTION' ? '异' : '修决', year, serial);
          if (args.matter === 'OBJECTION') {
            const o = await tx.objection.findUniqueOrThrow({ where: { id: args.id } });
            if (o.state !== 'NOT_ACCEPTED' && o.state !== 'UPHELD' && o.state !== 'REJECTED') return null;
            pdf = await renderPdf(
              objectionResult({
                ...base,
                number,
                filedOn: shanghaiDate(o.filedAt),
                outcome: o.state,
                grounds: o.grounds,
                reasons: (o.state === 'NOT_ACCEPTED' ? o.refusalReasons : o.outcomeReasons) ?? '',
                remedy: o.remedy,
                correction: o.correction,
                measuresWereSuspended: o.measuresSuspended,
              }),
            );
          } else {
            const r = await tx.repairApplication.findUniqueOrThrow({ where: { id: args.id } });
            if (r.state !== 'NOT_ACCEPTED' && r.state !== 'GRANTED' && r.state !== 'REFUSED') return null;
            pdf = await renderPdf(
              repairResult({
                ...base,
                number,
                filedOn: shanghaiDate(r.filedAt),
                outcome: r.state,
                reasons: (r.state === 'NOT_ACCEPTED' ? r.refusalReasons : r.decisionReasons) ?? '',
                extensionReason: r.extensionReason,
              }),
            );
          }
          const doc = await storeDocument(tx, args.caseId, kind, number, pdf, args.id);
          await recordSystemEvent(tx, args.caseId, `document-${kind}-${args.id}`, new Date(args.at), 'DOCUMENT_ISSUED', {
            documentId: doc.id,
            number: doc.number,
            kind,
          });
          return { number: doc.number };
        },
        { timeout: 30_000 },
      );
    },
  };
}
