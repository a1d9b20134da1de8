// An import batch (批量导入): every valid row of a confirmed file filed as a draft, each through the
// single filing's own path (the case's own workflow, started with its `filed` Update) by an activity
// whose case id is derived from the file's SHA-256 and the row — idempotent, so a retry or a crash
// files nothing twice. Rows are filed a page at a time (bounded concurrency); a row that keeps
// failing is recorded as failed and the others go on; a long batch continues as new.
import { ActivityFailure, continueAsNew, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { createImportActivities } from '../activities/import';

type ImportActivities = ReturnType<typeof createImportActivities>;
const retry = { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds' } as const;
const { pendingImportRows, failImportRow, finishImport } = proxyActivities<ImportActivities>({
  startToCloseTimeout: '1 minute',
  retry,
});
// Filing a row waits for its case's draft to be recorded; a few minutes of retries, then it fails alone.
const { fileImportRow } = proxyActivities<ImportActivities>({
  startToCloseTimeout: '2 minutes',
  retry: { ...retry, maximumAttempts: 8 },
});

/** Rows filed at once: the worker's activity slots are shared with the cases' own activities. */
export const IMPORT_PAGE = 50;

export interface ImportBatchInput {
  batchId: string;
  /** Where a continued run takes up: the last row number handled. */
  after?: number;
}

export async function importBatchWorkflow(input: ImportBatchInput): Promise<void> {
  let after = input.after ?? 0;
  for (;;) {
    const rows = await pendingImportRows({ batchId: input.batchId, after, limit: IMPORT_PAGE });
    if (rows.length === 0) break;
    const settled = await Promise.allSettled(rows.map((rowNumber) => fileImportRow({ batchId: input.batchId, rowNumber })));
    await Promise.all(
      settled.map((s, i) =>
        s.status === 'rejected'
          ? failImportRow({
              batchId: input.batchId,
              rowNumber: rows[i]!,
              error: s.reason instanceof ActivityFailure ? String(s.reason.cause?.message ?? s.reason.message) : String(s.reason),
            })
          : null,
      ),
    );
    after = rows.at(-1)!;
    // About 160 events a page: a run keeps its history short, however long the file.
    if (workflowInfo().historyLength > 2_000 || workflowInfo().continueAsNewSuggested) {
      await continueAsNew<typeof importBatchWorkflow>({ batchId: input.batchId, after });
    }
  }
  await finishImport({ batchId: input.batchId, at: new Date().toISOString() });
}
