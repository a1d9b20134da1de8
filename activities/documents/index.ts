// Activities that generate, number and store the documents served on the party. Each is
// idempotent: a retry finds the stored document and returns it.
import { citeSources } from '../../domain/policy';
import { createHash } from 'node:crypto';
import { listingTerms, type PolicyTerms } from '../../domain/policy';
import { addCalendarMonths, shanghaiDate } from '../../domain/workdays';
import type { Db } from '../db';
import { listTypeOf } from '../reference-data';
import { documentNumber, nextNumber } from '../numbering';
import type { DocumentKind, Prisma } from '../../generated/prisma/client';
import { creditRepairNotice, listingDecision, type ListingFacts } from './listing-decision';
import { correctionNotice, objectionResult, removalNotice, repairResult, type RemovalNoticeFacts } from './results';
import type { MadeDocument } from '../../domain/procedure';
import { reviewReply } from './review-reply';
import { priorNotice, type DesignationFacts } from './prior-notice';
import { renderPdf } from './render';
import { redListingDecision, redRemovalNotice } from './red-list';
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
  // Once per case, kind and reference, in one statement: a retry finds the one stored and takes it as it is.
  const select = { id: true, number: true, kind: true } as const;
  const [stored] = await tx.document.createManyAndReturn({
    data: {
      caseId,
      kind,
      reference,
      number,
      fileName: `${translate('zh-CN', 'document', kind)}-${number}.pdf`,
      content: new Uint8Array(pdf),
      sha256: createHash('sha256').update(pdf).digest('hex'),
    },
    skipDuplicates: true,
    select,
  });
  if (stored) return stored;
  const found = await tx.document.findUnique({ where: { caseId_kind_reference: { caseId, kind, reference } }, select });
  // Skipped, yet not this case's: the number is another document's (no conflict target can say which).
  if (!found) throw new Error(`${kind} of case ${caseId}: number ${number} is already another document's`);
  return found;
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** What the activities read of a document made: its PDF (tens of kilobytes) is read only to be sent. */
const MADE = { id: true, kind: true, number: true } as const;

async function caseFactsOf(db: Db, caseId: string) {
  const c = await db.case.findUniqueOrThrow({
    where: { id: caseId },
    include: {
      department: true,
      policy: true,
      responsiblePersons: true,
      measures: {
        include: { measure: { include: { implementingDepartment: true } } },
        orderBy: [{ measureId: 'asc' }, { subjectCode: 'asc' }],
      },
    },
  });
  const listType = await listTypeOf(db, c.listType);
  const tiers = c.policy.publicationMonths as unknown as PolicyTerms['publicationMonths'];
  const common: DesignationFacts = {
    subjectName: c.subjectName,
    subjectCode: c.subjectCode,
    listTypeName: listType?.name ?? c.listType,
    tier: c.tier!, // the documents of a black listing, which always has a tier
    basis: { kind: c.basisKind, number: c.basisNumber, issuer: c.basisIssuer, date: isoDay(c.basisDate) },
    reasons: c.reasons,
    departmentName: c.department.name,
    responsiblePersons: c.responsiblePersons.map((p) => ({ role: translate('zh-CN', 'label', p.role), name: p.name })),
  };
  return { c, common, tier: tiers[c.tier!] };
}

/** What every document of a red listing says of the subject, the list and the office. */
async function redFactsOf(db: Db, caseId: string) {
  const c = await db.case.findUniqueOrThrow({
    where: { id: caseId },
    include: {
      department: true,
      measures: { include: { measure: { include: { implementingDepartment: true } } }, orderBy: { measureId: 'asc' } },
    },
  });
  const list = await listTypeOf(db, c.listType);
  if (!list) throw new Error(`case ${caseId}: no list type ${c.listType}`);
  const facts = {
    subjectName: c.subjectName,
    subjectCode: c.subjectCode,
    listTypeName: list.name,
    departmentName: c.department.name,
    caseNumber: c.caseNumber,
    basis: { kind: c.basisKind, number: c.basisNumber, issuer: c.basisIssuer, date: isoDay(c.basisDate) },
    reasons: c.reasons,
  };
  return { c, list, facts };
}

/** The statements made in the notice period and the review of them, if any were made. */
async function hearingOfCase(db: Db, caseId: string) {
  const statements = await db.statement.findMany({ where: { caseId, kind: { not: 'WAIVER' } }, orderBy: { filedAt: 'asc' } });
  const review = await db.caseEvent.findUnique({ where: { caseId_stepKey: { caseId, stepKey: 'review-decision' } } });
  if (statements.length === 0 || !review) return null;
  const reply = await db.document.findUnique({
    where: { caseId_kind_reference: { caseId, kind: 'REVIEW_REPLY', reference: '' } },
    select: { number: true },
  });
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

/**
 * What the listing decision and the credit-repair notice say: the terms recorded on approval, or,
 * for an approver's preview before it, the terms as they would be if approved now.
 */
async function listingFactsOf(
  db: Db,
  caseId: string,
  numbers: Pick<ListingFacts, 'decisionNumber' | 'repairNoticeNumber'>,
): Promise<ListingFacts> {
  const { c, common, tier } = await caseFactsOf(db, caseId);
  const policy = c.policy as unknown as Pick<PolicyTerms, 'publicationMonths' | 'publicationStartsFrom'>;
  const terms = listingTerms(policy, c.tier!, isoDay(c.basisDate), c.decidedAt ?? new Date());
  const recorded = c.decidedAt !== null && c.publicationEndsOn !== null;
  const repairEligibleFrom = recorded ? c.repairEligibleFrom : new Date(terms.repairEligibleFrom);
  return {
    ...numbers,
    ...common,
    measures: c.measures.map(({ measure: m, subjectCode, reasons }) => {
      const persons = c.responsiblePersons.filter((p) => p.personCode === subjectCode && subjectCode !== c.subjectCode);
      return {
        content: m.content,
        mandatory: m.mandatory,
        legalBasis: citeSources(m.legalBasis),
        unit: m.implementingDepartment.name,
        person: persons.length ? `${persons.map((p) => translate('zh-CN', 'label', p.role)).join('、')}${persons[0]!.name}` : null,
        reasons,
      };
    }),
    published: c.published,
    publicationReasons: c.publicationReasons,
    decidedOn: terms.decidedOn,
    publicationStartsOn: terms.startsOn,
    publicationEndsOn: recorded ? isoDay(c.publicationEndsOn!) : terms.publicationEndsOn,
    minimumPublicationMonths: tier.min,
    // The first day on which repair may be applied for (the minimum has run out at 24:00 the day before).
    repairEligibleFrom: tier.min > 0 && repairEligibleFrom ? shanghaiDate(repairEligibleFrom) : null,
    repairAcceptanceWorkingDays: c.policy.repairAcceptanceWorkingDays,
    repairDecisionWorkingDays: c.policy.repairDecisionWorkingDays,
    hearing: await hearingOfCase(db, caseId),
  };
}

/** A document to be numbered: the series whose counter it takes from, and the letter its number reads with. */
interface Numbering {
  kind: DocumentKind;
  series: string;
  letter: string;
}

const isUniqueViolation = (err: unknown) => (err as { code?: string }).code === 'P2002';

/**
 * The numbers of a case's documents, given once and kept: a retry reads back what an earlier
 * attempt was given rather than taking the next number (a register has no gaps). Taken in a short
 * transaction of their own, so that no lock on a counter is held while a PDF is rendered;
 * documents of one series share a serial (the listing decision and its repair notice, 两书同号).
 */
async function numbersFor(
  db: Db,
  c: { id: string; departmentId: string; department: { docPrefix: string } },
  year: number,
  wanted: Numbering[],
  reference = '',
): Promise<Partial<Record<DocumentKind, string>>> {
  const given = () => db.documentNumber.findMany({ where: { caseId: c.id, reference, kind: { in: wanted.map((w) => w.kind) } } });
  const read = (rows: { kind: DocumentKind; number: string }[]) => Object.fromEntries(rows.map((r) => [r.kind, r.number]));
  const before = await given();
  const missing = wanted.filter((w) => !before.some((b) => b.kind === w.kind));
  if (missing.length === 0) return read(before);
  try {
    const rows = await db.$transaction(async (tx) => {
      const serials = new Map<string, number>();
      const made = [];
      for (const w of missing) {
        if (!serials.has(w.series)) serials.set(w.series, await nextNumber(tx, c.departmentId, w.series, year));
        made.push({
          caseId: c.id,
          kind: w.kind,
          reference,
          number: documentNumber(c.department.docPrefix, w.letter, year, serials.get(w.series)!),
        });
      }
      await tx.documentNumber.createMany({ data: made });
      return made;
    });
    return read([...before, ...rows]);
  } catch (err) {
    // A retry that overlapped an earlier attempt: the earlier one's numbers stand, and its own
    // transaction (counter included) was rolled back.
    if (!isUniqueViolation(err)) throw err;
    return read(await given());
  }
}

/**
 * Stores rendered documents in one short transaction, once: a retry that overlapped an earlier
 * attempt finds the earlier one's documents.
 */
async function storeOnce<T>(db: Db, store: (tx: Prisma.TransactionClient) => Promise<T>, stored: () => Promise<T | null>): Promise<T> {
  try {
    return await db.$transaction(store);
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    const found = await stored();
    if (found === null) throw err;
    return found;
  }
}

/**
 * The activities that make the documents. Each gathers its facts, takes its numbers (short
 * transaction), renders the PDF outside any transaction, then stores it with its event in the
 * case's timeline (short transaction): no row is locked while a core is busy with a PDF.
 */
export function createDocumentActivities(db: Db, recordSystemEvent: RecordSystemEvent) {
  /** A document made: stored with its case, and its making in the case's timeline (once, by its step key). */
  async function issued(
    tx: Prisma.TransactionClient,
    caseId: string,
    kind: DocumentKind,
    number: string,
    pdf: Buffer,
    at: string,
    stepKey = `document-${kind}`,
    reference = '',
  ) {
    const doc = await storeDocument(tx, caseId, kind, number, pdf, reference);
    await recordSystemEvent(tx, caseId, stepKey, new Date(at), 'DOCUMENT_ISSUED', { documentId: doc.id, number: doc.number, kind });
    return doc;
  }
  const caseFacts = (caseId: string) => caseFactsOf(db, caseId);
  const redFacts = (caseId: string) => redFactsOf(db, caseId);
  const hearingOf = (caseId: string) => hearingOfCase(db, caseId);
  /** A case's own document of a kind, if made. */
  const madeDocument = (caseId: string, kind: DocumentKind) =>
    db.document.findUnique({ where: { caseId_kind_reference: { caseId, kind, reference: '' } }, select: MADE });
  /** The same, as the activities answer with it. */
  const made = async (caseId: string, kind: DocumentKind): Promise<MadeDocument | null> => {
    const d = await madeDocument(caseId, kind);
    return d && { id: d.id, kind: d.kind };
  };

  /**
   * A case's own document of one kind, made once: numbered from the series of its kind, rendered
   * (outside any transaction) under that number, then stored with its event.
   */
  async function makeOne(
    c: Parameters<typeof numbersFor>[1],
    year: number,
    kind: DocumentKind,
    letter: string,
    at: string,
    render: (number: string) => Promise<Buffer>,
  ) {
    const number = (await numbersFor(db, c, year, [{ kind, series: kind, letter }]))[kind]!;
    const pdf = await render(number);
    return storeOnce(
      db,
      (tx) => issued(tx, c.id, kind, number, pdf, at),
      () => madeDocument(c.id, kind),
    );
  }

  return {
    /** Generates and stores the prior notice PDF of a case (numbered when the notice was issued). */
    async issuePriorNoticeDocument(args: { caseId: string; at: string }): Promise<{ documentId: string; number: string }> {
      const existing = async () => {
        const d = await madeDocument(args.caseId, 'PRIOR_NOTICE');
        return d && { documentId: d.id, number: d.number };
      };
      const done = await existing();
      if (done) return done;
      const facts = await caseFacts(args.caseId);
      const pdf = await renderPdf(priorNoticeOf(facts, facts.c.noticeNumber!, shanghaiDate(new Date(args.at))));
      return storeOnce(
        db,
        async (tx) => {
          const doc = await issued(tx, args.caseId, 'PRIOR_NOTICE', facts.c.noticeNumber!, pdf, args.at, 'document-prior-notice');
          return { documentId: doc.id, number: doc.number };
        },
        existing,
      );
    },

    /** The written reply on the statements, once the caseworker has reviewed them. */
    async issueReviewReply(args: { caseId: string; at: string }): Promise<{ documentId: string; number: string }> {
      const existing = async () => {
        const d = await madeDocument(args.caseId, 'REVIEW_REPLY');
        return d && { documentId: d.id, number: d.number };
      };
      const done = await existing();
      if (done) return done;
      const { c, common } = await caseFacts(args.caseId);
      const hearing = await hearingOf(args.caseId);
      const decidedOn = shanghaiDate(new Date(args.at));
      const year = Number(decidedOn.slice(0, 4));
      const doc = await makeOne(c, year, 'REVIEW_REPLY', '复', args.at, (number) =>
        renderPdf(reviewReply({ ...common, number, noticeNumber: c.noticeNumber!, ...hearing!, decidedOn })),
      );
      return { documentId: doc.id, number: doc.number };
    },

    /** The listing decision and the credit-repair notice, numbered and served together (两书同达). */
    async issueListingDocuments(args: { caseId: string; at: string }): Promise<{ documents: MadeDocument[] }> {
      const existing = async () => {
        const docs = await db.document.findMany({
          where: { caseId: args.caseId, kind: { in: ['LISTING_DECISION', 'CREDIT_REPAIR_NOTICE'] } },
          orderBy: { kind: 'asc' }, // the decision first
          select: MADE,
        });
        return docs.length === 2 ? { documents: docs.map((d) => ({ id: d.id, kind: d.kind })) } : null;
      };
      const done = await existing();
      if (done) return done;
      const { c } = await caseFacts(args.caseId);
      const year = Number(shanghaiDate(c.decidedAt!).slice(0, 4));
      const numbers = await numbersFor(db, c, year, [
        { kind: 'LISTING_DECISION', series: 'DECISION', letter: '决' },
        { kind: 'CREDIT_REPAIR_NOTICE', series: 'DECISION', letter: '修告' },
      ]);
      const facts = await listingFactsOf(db, args.caseId, {
        decisionNumber: numbers.LISTING_DECISION!,
        repairNoticeNumber: numbers.CREDIT_REPAIR_NOTICE!,
      });
      const [decisionPdf, repairPdf] = await Promise.all([renderPdf(listingDecision(facts)), renderPdf(creditRepairNotice(facts))]);
      return storeOnce(
        db,
        async (tx) => {
          const decision = await issued(tx, args.caseId, 'LISTING_DECISION', facts.decisionNumber, decisionPdf, args.at);
          const repair = await issued(tx, args.caseId, 'CREDIT_REPAIR_NOTICE', facts.repairNoticeNumber, repairPdf, args.at);
          return { documents: [decision, repair].map((d) => ({ id: d.id, kind: d.kind })) };
        },
        existing,
      );
    },

    /**
     * The written result of an objection or a repair application, once the matter is decided (not
     * accepted, upheld or rejected; granted or refused), numbered and stored. It answers with the
     * documents to be served on the party: a result addressed to a cooperating unit that objected is
     * delivered to the unit's inbox (served electronically as it is made), and the party is then
     * told of what the unit's upheld objection changed in a notice of its own.
     */
    async issueResultDocument(args: { caseId: string; at: string; matter: 'OBJECTION' | 'REPAIR'; id: string }): Promise<MadeDocument[]> {
      const kind: DocumentKind = args.matter === 'OBJECTION' ? 'OBJECTION_RESULT' : 'REPAIR_RESULT';
      const existing = async () => {
        const docs = await db.document.findMany({
          where: { caseId: args.caseId, kind: { in: [kind, 'CORRECTION_NOTICE'] }, reference: args.id },
          select: { ...MADE, servedOn: true },
        });
        return docs.some((d) => d.kind === kind) ? docs.filter((d) => !d.servedOn).map((d) => ({ id: d.id, kind: d.kind })) : null;
      };
      const done = await existing();
      if (done) return done;
      const { c, common } = await caseFacts(args.caseId);
      const decidedOn = shanghaiDate(new Date(args.at));
      const year = Number(decidedOn.slice(0, 4));
      const base = { ...common, caseNumber: c.caseNumber, decidedOn };
      /** The responsible person who filed the matter on their own behalf, if one did. */
      const personOf = (code: string | null) => {
        const p = code ? c.responsiblePersons.find((r) => r.personCode === code) : undefined;
        return p ? { name: p.name, code: p.personCode, role: translate('zh-CN', 'label', p.role) } : null;
      };
      const numbering = (wanted: Numbering[]) => numbersFor(db, c, year, wanted, args.id);
      /** What is rendered, by kind; the unit's result is served as it is made. */
      const rendered: { kind: DocumentKind; number: string; pdf: Buffer }[] = [];
      let servedToday = false;
      if (args.matter === 'OBJECTION') {
        const o = await db.objection.findUniqueOrThrow({ where: { id: args.id } });
        if (o.state !== 'NOT_ACCEPTED' && o.state !== 'UPHELD' && o.state !== 'REJECTED') return [];
        const unit =
          o.source === 'COOPERATING_UNIT' && o.filedByDepartmentId
            ? (await db.department.findUniqueOrThrow({ where: { id: o.filedByDepartmentId } })).name
            : null;
        const correcting = unit !== null && o.state === 'UPHELD';
        const numbers = await numbering([
          { kind, series: kind, letter: '异' },
          ...(correcting ? [{ kind: 'CORRECTION_NOTICE' as const, series: 'CORRECTION_NOTICE', letter: '更告' }] : []),
        ]);
        const facts = {
          ...base,
          number: numbers[kind]!,
          filedOn: shanghaiDate(o.filedAt),
          outcome: o.state,
          concerns: o.concerns,
          grounds: o.grounds,
          reasons: (o.state === 'NOT_ACCEPTED' ? o.refusalReasons : o.outcomeReasons) ?? '',
          person: personOf(o.applicantCode),
          remedy: o.remedy,
          correction: o.correction,
          shortenedTo: o.shortenedTo ? isoDay(o.shortenedTo) : null,
          measuresWereSuspended: o.measuresSuspended,
          unit,
          unitsTold: await db.push.count({ where: { caseId: args.caseId, kind: 'LISTING' } }),
          noticeUntil: c.publicNoticeUntil && o.state === 'UPHELD' ? shanghaiDate(new Date(c.publicNoticeUntil.getTime() - 1)) : null,
        };
        // Delivered to the unit's inbox as it is made: served electronically today.
        servedToday = unit !== null;
        rendered.push({ kind, number: facts.number, pdf: await renderPdf(objectionResult(facts)) });
        if (correcting) {
          const number = numbers.CORRECTION_NOTICE!;
          rendered.push({ kind: 'CORRECTION_NOTICE', number, pdf: await renderPdf(correctionNotice({ ...facts, unit: unit!, number })) });
        }
      } else {
        const r = await db.repairApplication.findUniqueOrThrow({ where: { id: args.id } });
        if (r.state !== 'NOT_ACCEPTED' && r.state !== 'GRANTED' && r.state !== 'REFUSED') return [];
        const numbers = await numbering([{ kind, series: kind, letter: '修决' }]);
        const number = numbers[kind]!;
        const pdf = await renderPdf(
          repairResult({
            ...base,
            number,
            filedOn: shanghaiDate(r.filedAt),
            outcome: r.state,
            person: personOf(r.applicantCode),
            reasons: (r.state === 'NOT_ACCEPTED' ? r.refusalReasons : r.decisionReasons) ?? '',
            extensionReason: r.extensionReason,
          }),
        );
        rendered.push({ kind, number, pdf });
      }
      return storeOnce(
        db,
        async (tx) => {
          const toServe: MadeDocument[] = [];
          for (const d of rendered) {
            const doc = await issued(tx, args.caseId, d.kind, d.number, d.pdf, args.at, `document-${d.kind}-${args.id}`, args.id);
            if (d.kind === kind && servedToday) {
              await tx.document.update({
                where: { id: doc.id },
                data: { servedOn: new Date(`${decidedOn}T00:00:00Z`), serviceMethod: 'ELECTRONIC' },
              });
            } else toServe.push({ id: doc.id, kind: doc.kind });
          }
          return toServe;
        },
        existing,
      );
    },

    /** The decision placing a subject on a red list (列入守信激励对象名单决定书), made as it is listed. */
    async issueRedListingDecision(args: { caseId: string; at: string }): Promise<MadeDocument> {
      const existing = () => made(args.caseId, 'RED_LISTING_DECISION');
      const done = await existing();
      if (done) return done;
      const { c, list, facts } = await redFacts(args.caseId);
      const listedOn = shanghaiDate(c.listedAt!);
      const year = Number(listedOn.slice(0, 4));
      const doc = await makeOne(c, year, 'RED_LISTING_DECISION', '励', args.at, (number) =>
        renderPdf(
          redListingDecision({
            ...facts,
            number,
            listedOn,
            validUntil: isoDay(c.publicationEndsOn!),
            validityMonths: list.validityMonths ?? 12,
            incentives: c.measures.map((m) => ({
              content: m.measure.content,
              legalBasis: citeSources(m.measure.legalBasis),
              unit: m.measure.implementingDepartment.name,
              reasons: m.reasons,
            })),
          }),
        ),
      );
      return { id: doc.id, kind: doc.kind };
    },

    /** The notice that a subject has left a red list (移出守信激励对象名单告知书), and why. */
    async issueRedRemovalNotice(args: { caseId: string; at: string }): Promise<MadeDocument> {
      const existing = () => made(args.caseId, 'RED_REMOVAL_NOTICE');
      const done = await existing();
      if (done) return done;
      const { c, facts } = await redFacts(args.caseId);
      const decision = await db.document.findUniqueOrThrow({
        where: { caseId_kind_reference: { caseId: args.caseId, kind: 'RED_LISTING_DECISION', reference: '' } },
        select: MADE,
      });
      const removedOn = shanghaiDate(c.removedAt!);
      const year = Number(removedOn.slice(0, 4));
      const unitsTold = await db.push.count({ where: { caseId: args.caseId, kind: 'LISTING' } });
      const doc = await makeOne(c, year, 'RED_REMOVAL_NOTICE', '励移', args.at, (number) =>
        renderPdf(
          redRemovalNotice({
            ...facts,
            number,
            decisionNumber: decision.number,
            listedOn: shanghaiDate(c.listedAt!),
            removedOn,
            validUntil: isoDay(c.publicationEndsOn!),
            kind: c.removalKind as 'EXPIRY' | 'EARLY' | 'DISHONESTY',
            reason: c.removalReason,
            unitsTold,
          }),
        ),
      );
      return { id: doc.id, kind: doc.kind };
    },

    /** The removal notice (移出名单告知书), made once the subject has left the list, to be served on the party. */
    async issueRemovalNotice(args: { caseId: string; at: string }): Promise<MadeDocument> {
      const existing = () => made(args.caseId, 'REMOVAL_NOTICE');
      const done = await existing();
      if (done) return done;
      const { c, common } = await caseFacts(args.caseId);
      const decision = await db.document.findUniqueOrThrow({
        where: { caseId_kind_reference: { caseId: args.caseId, kind: 'LISTING_DECISION', reference: '' } },
        select: MADE,
      });
      const removedOn = shanghaiDate(c.removedAt!);
      const year = Number(removedOn.slice(0, 4));
      const unitsTold = await db.push.count({ where: { caseId: args.caseId, kind: 'LISTING' } });
      // Matters the removal ended before they were decided: the notice tells the party so.
      const ended = [
        ...(await db.objection.findMany({ where: { caseId: args.caseId, state: { in: ['ENDED'] } } })).map((o) => ({
          matter: '异议' as const,
          filedOn: shanghaiDate(o.filedAt),
        })),
        ...(await db.repairApplication.findMany({ where: { caseId: args.caseId, state: { in: ['ENDED'] } } })).map((r) => ({
          matter: '信用修复申请' as const,
          filedOn: shanghaiDate(r.filedAt),
        })),
      ];
      const doc = await makeOne(c, year, 'REMOVAL_NOTICE', '移', args.at, (number) =>
        renderPdf(
          removalNotice({
            ...common,
            number,
            caseNumber: c.caseNumber,
            decisionNumber: decision.number,
            listedOn: shanghaiDate(c.listedAt!),
            removedOn,
            kind: c.removalKind as RemovalNoticeFacts['kind'],
            publicationEndsOn: isoDay(c.publicationEndsOn!),
            reason: c.removalReason,
            unitsTold,
            ended,
          }),
        ),
      );
      return { id: doc.id, kind: doc.kind };
    },
  };
}

/** The prior notice of a case (失信行为认定告知书), numbered and dated as given. */
function priorNoticeOf({ c, common, tier }: Awaited<ReturnType<typeof caseFactsOf>>, noticeNumber: string, issuedOn: string) {
  return priorNotice({
    ...common,
    noticeNumber,
    issuedOn,
    workingDays: c.policy.noticeWorkingDays,
    publicationMonths: tier.max,
    publicationStartsFrom: c.policy.publicationStartsFrom === 'BASIS' ? 'BASIS' : 'DECISION',
  });
}

/** What a draft document's number reads as, until its approval numbers it. */
export const DRAFT_NUMBER = '（审批后编号）';

/**
 * The document an approver is about to approve, as it will be served (样稿): the prior notice of a
 * draft, or a red listing's decision — its number to be given on approval, dated today. Nothing is
 * stored or numbered.
 */
export async function previewDocument(
  db: Db,
  caseId: string,
  kind: 'PRIOR_NOTICE' | 'LISTING_DECISION' | 'RED_LISTING_DECISION',
  today: string,
): Promise<Buffer> {
  if (kind === 'PRIOR_NOTICE') return renderPdf(priorNoticeOf(await caseFactsOf(db, caseId), DRAFT_NUMBER, today));
  if (kind === 'LISTING_DECISION') {
    return renderPdf(listingDecision(await listingFactsOf(db, caseId, { decisionNumber: DRAFT_NUMBER, repairNoticeNumber: DRAFT_NUMBER })));
  }
  const { c, list, facts } = await redFactsOf(db, caseId);
  const months = list.validityMonths ?? 12;
  return renderPdf(
    redListingDecision({
      ...facts,
      number: DRAFT_NUMBER,
      listedOn: today,
      validUntil: addCalendarMonths(today, months),
      validityMonths: months,
      incentives: c.measures.map((m) => ({
        content: m.measure.content,
        legalBasis: citeSources(m.measure.legalBasis),
        unit: m.measure.implementingDepartment.name,
        reasons: m.reasons,
      })),
    }),
  );
}
