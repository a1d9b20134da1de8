// Filing a designation (立案) — one path, whoever files: the API for a caseworker's form, and the
// import batch's activity for each row of a file. Both check the form against the catalogue the same
// way and start the same case workflow with the same update-with-start, under a case id that makes a
// repeat name the same case.
import { createHash } from 'node:crypto';
import { WithStartWorkflowOperation, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import type { Db } from './db';
import { TASK_QUEUE, designationWorkflowId, type DuplicateOf, type Filing } from '../domain/procedure';
import type { DesignationInput } from '../domain/schemas';
import type { Actor, ListKind } from '../domain/vocabulary';
import type { designationWorkflow } from '../workflows/designation';
import { filed } from '../workflows/messages';

/** A case id derived from a text (an Idempotency-Key, a file's SHA-256 and row): the same text, the same case. */
export function derivedId(text: string): string {
  const h = createHash('sha256').update(text).digest('hex');
  // Shaped as a UUID (version 8, RFC 9562: application-defined), as every case id is.
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The case id a row of an imported file is filed under: the department, the file's SHA-256 and the row. */
export const importCaseId = (departmentId: string, sha256: string, rowNumber: number) =>
  derivedId(`import:${departmentId}:${sha256}:${rowNumber}`);
/** An import batch's id: the same file in the same department is the same batch. */
export const importBatchId = (departmentId: string, sha256: string) => derivedId(`import-batch:${departmentId}:${sha256}`);

/** The list types and the recommended measures a form is checked against, read once for many forms. */
export interface Catalogue {
  lists: Map<string, { kind: ListKind; active: boolean }>;
  measures: Map<string, { listTypes: string[]; tiers: string[]; targets: string[] }>;
}

export async function loadCatalogue(db: Db, measureIds?: string[]): Promise<Catalogue> {
  const [lists, measures] = await Promise.all([
    // Read afresh, not kept in memory: a list type retired a moment ago takes no new case.
    db.listType.findMany({ select: { code: true, kind: true, active: true } }),
    db.measure.findMany({
      where: { active: true, mandatory: false, ...(measureIds ? { id: { in: measureIds } } : {}) },
      select: { id: true, listTypes: true, tiers: true, targets: true },
    }),
  ]);
  return { lists: new Map(lists.map((l) => [l.code, l])), measures: new Map(measures.map((m) => [m.id, m])) };
}

/**
 * What the catalogue says against a form: the list type unknown or of the other kind (a designation
 * on a black list, a red listing on a red one) or retired; a chosen measure not a recommended one of the list
 * type, or not proportionate — of another tier, or restraining a subject of another type (过惩相当).
 * Each as the field and its message key; none when it fits.
 */
export function catalogueIssues(
  catalogue: Catalogue,
  form: Pick<DesignationInput, 'listType' | 'subjectType' | 'recommendedMeasures'> &
    Partial<Pick<DesignationInput, 'tier' | 'responsiblePersons'>>,
  kind: ListKind = 'BLACK',
): { field: string; code: string }[] {
  // A retired list type takes no new case (its cases keep it).
  const list = catalogue.lists.get(form.listType);
  if (list?.kind !== kind || !list.active) return [{ field: 'listType', code: 'listType.unknown' }];
  const fits = (targets: string[]) =>
    form.subjectType === 'PERSON'
      ? targets.includes('PERSON')
      : targets.includes('ORGANISATION') || (targets.includes('RESPONSIBLE_PERSON') && (form.responsiblePersons?.length ?? 0) > 0);
  return form.recommendedMeasures.flatMap((chosen, i) => {
    const m = catalogue.measures.get(chosen.measureId);
    const code =
      !m || !m.listTypes.includes(form.listType)
        ? 'measures.notInCatalogue'
        : (form.tier && !m.tiers.includes(form.tier)) || !fits(m.targets)
          ? 'measures.notProportionate'
          : null;
    return code ? [{ field: `recommendedMeasures.${i}.measureId`, code }] : [];
  });
}

/**
 * Starts a designation's workflow and waits until the draft is recorded and numbered (the `filed`
 * Update, with the start): the same case id again finds the same workflow and files nothing twice.
 */
export function startDesignation(
  client: Client,
  filing: { caseId: string; departmentId: string; actor: Actor; form: DesignationInput },
): Promise<Filing> {
  return client.workflow.executeUpdateWithStart(filed, {
    args: [filing.actor],
    startWorkflowOperation: new WithStartWorkflowOperation<typeof designationWorkflow>('designationWorkflow', {
      taskQueue: TASK_QUEUE,
      workflowId: designationWorkflowId(filing.caseId),
      workflowIdConflictPolicy: 'USE_EXISTING',
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      args: [{ caseId: filing.caseId, departmentId: filing.departmentId, filedBy: filing.actor, form: filing.form }],
    }),
  });
}

/** The first case, when the workflow refused a filing as a duplicate of it. */
export function duplicateOf(err: unknown): DuplicateOf | null {
  const cause = (err as { cause?: { type?: string; details?: unknown[] } }).cause;
  return err instanceof WorkflowUpdateFailedError && cause?.type === 'DUPLICATE_LISTING' ? (cause.details?.[1] as DuplicateOf) : null;
}
