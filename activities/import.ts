// The import batch's activities (批量导入): the rows still to file, a page at a time, and each row filed
// as a draft through the single filing's own path (activities/filing.ts) under a case id derived from
// the file's SHA-256 and the row — so a retry, a crash and a second import of the same file all name
// the same case and file nothing twice. Each row is counted once, as filed or failed, in the batch.
import { Context } from '@temporalio/activity';
import { ApplicationFailure, WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { Db } from './db';
import { activeListingKey } from './designation';
import { catalogueIssues, duplicateOf, importCaseId, loadCatalogue, startDesignation } from './filing';
import { LOCALES, translate } from '../domain/i18n';
import { translateMessage } from '../domain/messages';
import { designationSchema } from '../domain/schemas';
import type { Actor } from '../domain/vocabulary';
import type { Prisma } from '../generated/prisma/client';

/** Why a row was not filed, in every language. */
type Said = Record<string, string>;
const saidAll = (text: (locale: (typeof LOCALES)[number]) => string): Said => Object.fromEntries(LOCALES.map((l) => [l, text(l)]));

export function createImportActivities(db: Db, given?: Client) {
  const client = () => given ?? (Context.current().client as Client);

  /** Records a row's outcome once: the batch counts it only if it was still pending. */
  async function settle(
    batchId: string,
    rowNumber: number,
    data: Prisma.ImportRowUncheckedUpdateManyInput & { status: 'FILED' | 'FAILED' },
  ) {
    await db.$transaction(async (tx) => {
      const { count } = await tx.importRow.updateMany({ where: { batchId, rowNumber, status: 'PENDING' }, data });
      if (count === 1)
        await tx.importBatch.update({
          where: { id: batchId },
          data: data.status === 'FILED' ? { done: { increment: 1 } } : { failed: { increment: 1 } },
        });
    });
  }

  return {
    /** The numbers of the next rows still pending after `after`, in order. */
    async pendingImportRows(args: { batchId: string; after: number; limit: number }): Promise<number[]> {
      const rows = await db.importRow.findMany({
        where: { batchId: args.batchId, status: 'PENDING', rowNumber: { gt: args.after } },
        orderBy: { rowNumber: 'asc' },
        take: args.limit,
        select: { rowNumber: true },
      });
      return rows.map((r) => r.rowNumber);
    },

    /**
     * Files one row as a draft (the case workflow's update-with-start), or records why it cannot be
     * filed (the form no longer fits the catalogue; the subject already has an active case on the same
     * list and basis). A failure of the system (the database, Temporal) is thrown, and retried.
     */
    async fileImportRow(args: { batchId: string; rowNumber: number }): Promise<'FILED' | 'FAILED' | 'SETTLED'> {
      const row = await db.importRow.findUnique({
        where: { batchId_rowNumber: { batchId: args.batchId, rowNumber: args.rowNumber } },
        include: { batch: true },
      });
      if (!row || row.status !== 'PENDING') return 'SETTLED';
      const fail = async (error: Said) => {
        await settle(args.batchId, args.rowNumber, { status: 'FAILED', error });
        return 'FAILED' as const;
      };
      const parsed = designationSchema.safeParse(row.form);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        return fail(saidAll((l) => `${issue.path.join('.')}: ${translateMessage(issue.message, l)}`));
      }
      const form = parsed.data;
      const b = row.batch;
      const caseId = importCaseId(b.departmentId, b.sha256, row.rowNumber);
      // The catalogue may have changed since the preview: checked again, as a filing is.
      const [issue] = catalogueIssues(
        await loadCatalogue(
          db,
          form.recommendedMeasures.map((m) => m.measureId),
        ),
        form,
      );
      if (issue) return fail(saidAll((l) => `${issue.field}: ${translateMessage(issue.code, l)}`));
      const existing = await db.case.findUnique({
        where: { activeListingKey: activeListingKey(form) },
        select: { id: true, caseNumber: true },
      });
      if (existing && existing.id !== caseId) return fail(saidAll((l) => translate(l, 'refusal', 'duplicateListing', existing.caseNumber)));
      const actor: Actor = { userId: b.createdById, name: b.createdByName, role: 'CASEWORKER', departmentId: b.departmentId };
      try {
        const done = await startDesignation(client(), { caseId, departmentId: b.departmentId, actor, form });
        await settle(args.batchId, args.rowNumber, { status: 'FILED', caseId, caseNumber: done.caseNumber });
        return 'FILED';
      } catch (err) {
        const duplicate = duplicateOf(err);
        if (duplicate) return fail(saidAll((l) => translate(l, 'refusal', 'duplicateListing', duplicate.caseNumber)));
        // Filed before (a retry after the answer was lost), and its workflow has moved on since.
        const recorded = await db.case.findUnique({ where: { id: caseId }, select: { caseNumber: true } });
        if (recorded) {
          await settle(args.batchId, args.rowNumber, { status: 'FILED', caseId, caseNumber: recorded.caseNumber });
          return 'FILED';
        }
        if (err instanceof WorkflowNotFoundError) throw ApplicationFailure.retryable(String(err));
        throw err;
      }
    },

    /** A row whose filing kept failing (its retries spent): recorded as failed, the others go on. */
    async failImportRow(args: { batchId: string; rowNumber: number; error: string }): Promise<void> {
      // Its filing may have gone through before the answer was lost: a case recorded is a row filed.
      const row = await db.importRow.findFirst({ where: { batchId: args.batchId, rowNumber: args.rowNumber }, include: { batch: true } });
      const caseId = row && importCaseId(row.batch.departmentId, row.batch.sha256, row.rowNumber);
      const recorded = caseId ? await db.case.findUnique({ where: { id: caseId }, select: { caseNumber: true } }) : null;
      if (caseId && recorded)
        return void (await settle(args.batchId, args.rowNumber, { status: 'FILED', caseId, caseNumber: recorded.caseNumber }));
      await settle(args.batchId, args.rowNumber, {
        status: 'FAILED',
        error: saidAll((l) => `${translate(l, 'problem', 'internal')} (${args.error.slice(0, 300)})`),
      });
    },

    async finishImport(args: { batchId: string; at: string }): Promise<void> {
      await db.importBatch.update({ where: { id: args.batchId }, data: { status: 'FINISHED', finishedAt: new Date(args.at) } });
    },
  };
}
