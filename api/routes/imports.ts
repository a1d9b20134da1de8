// Bulk import (批量导入) of court and penalty lists: the template, a preview of a file (every row checked
// as a filing is, nothing created), the import confirmed (a batch whose workflow files each valid row
// as a draft), and the batch's progress and rows.
import { Router, type Request } from 'express';
import ExcelJS from 'exceljs';
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type { Db } from '../../activities/db';
import { importBatchId } from '../../activities/filing';
import {
  importBatchDetailSchema,
  importBatchPageSchema,
  importListQuerySchema,
  importPreviewSchema,
  importRowQuerySchema,
  type ImportBatchSummary,
} from '../../domain/api';
import { IMPORT_COLUMNS } from '../../domain/import';
import { TASK_QUEUE, importWorkflowId } from '../../domain/procedure';
import { BLACK_BASIS_KINDS, RESPONSIBLE_ROLES, SUBJECT_TYPES, TIERS } from '../../domain/vocabulary';
import { translateCode, type Locale } from '../../domain/i18n';
import type { importBatchWorkflow } from '../../workflows/import';
import { XLSX, endpoint } from '../endpoints';
import { checkRows, readImportFile, type CheckedRow, type ImportFile } from '../imports';
import { pageAnswer, pageArgs, searchOf } from '../lists';
import { Problem, localeOf, say } from '../problem';

const UPLOAD_TYPES =
  '.xlsx (the first sheet) or CSV (UTF-8, with or without a BOM, or GB18030), at most 10 MB and 20,000 rows, headed as the template';

export function importRoutes(db: Db, temporal: Client): Router {
  const r = Router();
  const staff = ['CASEWORKER', 'SUPERVISOR'] as const;

  endpoint(
    r,
    {
      method: 'get',
      path: '/imports/template.xlsx',
      tag: 'imports',
      roles: staff,
      access: false,
      response: 'xlsx',
      summary: ['下载批量导入模板（.xlsx，含示例行和填写说明）', 'The import template (.xlsx, with an example row and instructions)'],
    },
    async (req, res) => {
      const locale = localeOf(req);
      const book = new ExcelJS.Workbook();
      const sheet = book.addWorksheet(say(req, 'importSheetName'));
      sheet.columns = IMPORT_COLUMNS.map((c) => ({
        header: c.header,
        key: c.key,
        width: c.width,
        // Codes and ID numbers as text: a number cell would lose an 18-digit ID number's last digits.
        style: { numFmt: '@' },
      }));
      sheet.getRow(1).font = { bold: true };
      sheet.getRow(1).eachCell((cell, i) => {
        if (IMPORT_COLUMNS[i - 1]?.required) cell.font = { bold: true, color: { argb: 'FFC00000' } };
      });
      sheet.addRow(Object.fromEntries(IMPORT_COLUMNS.map((c) => [c.key, c.example])));
      sheet.views = [{ state: 'frozen', ySplit: 1 }];
      const help = book.addWorksheet(say(req, 'importHelpSheetName'));
      help.columns = [
        { header: say(req, 'importHelpColumn'), key: 'column', width: 34 },
        { header: say(req, 'importHelpValues'), key: 'values', width: 100 },
      ];
      help.getRow(1).font = { bold: true };
      const labels = (codes: readonly string[]) => codes.map((c) => translateCode(locale, 'label', c) ?? c).join('、');
      const lists = await db.listType.findMany({ where: { kind: 'BLACK' }, orderBy: { code: 'asc' } });
      const measures = await db.measure.findMany({ where: { active: true, mandatory: false }, orderBy: { id: 'asc' } });
      const values: Partial<Record<(typeof IMPORT_COLUMNS)[number]['key'], string>> = {
        subjectType: labels(SUBJECT_TYPES),
        listType: lists.map((l) => `${locale === 'en' ? l.nameEn : l.name}（${l.code}）`).join('；'),
        tier: labels(TIERS),
        basisKind: labels(BLACK_BASIS_KINDS),
        basisDate: 'YYYY-MM-DD',
        otherPersons: `${labels(RESPONSIBLE_ROLES)}: ${say(req, 'importHelpPersons')}`,
        measures: measures.map((m) => `${m.id} ${m.content.slice(0, 30)}`).join('；'),
        unrepairable: say(req, 'importHelpYesNo'),
      };
      for (const c of IMPORT_COLUMNS) {
        help.addRow({ column: `${c.header}${c.required ? ` (${say(req, 'importRequired')})` : ''}`, values: values[c.key] ?? '' });
      }
      res.setHeader('content-type', XLSX);
      res.setHeader('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`${say(req, 'importTemplateName')}.xlsx`)}`);
      await book.xlsx.write(res);
      res.end();
    },
  );

  endpoint(
    r,
    {
      method: 'get',
      path: '/imports/template.csv',
      tag: 'imports',
      roles: staff,
      access: false,
      response: 'csv',
      summary: ['下载批量导入模板（CSV，UTF-8 带 BOM）', 'The import template (CSV, UTF-8 with a BOM)'],
    },
    (req, res) => {
      const quote = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
      const line = (cells: string[]) => cells.map(quote).join(',');
      const text = `\uFEFF${line(IMPORT_COLUMNS.map((c) => c.header))}\r\n${line(IMPORT_COLUMNS.map((c) => c.example))}\r\n`;
      res
        .type('text/csv; charset=utf-8')
        .set('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`${say(req, 'importTemplateName')}.csv`)}`)
        .send(Buffer.from(text, 'utf8'));
    },
  );

  /** A file's rows checked, and how many of each. */
  async function preview(req: Request, file: ImportFile, rows: CheckedRow[]) {
    const count = (s: CheckedRow['status']) => rows.filter((x) => x.status === s).length;
    const batch = await db.importBatch.findUnique({
      where: { departmentId_sha256: { departmentId: req.user!.departmentId!, sha256: file.sha256 } },
      select: { id: true },
    });
    return {
      fileName: file.fileName,
      sha256: file.sha256,
      rows: rows.length,
      valid: count('VALID'),
      invalid: count('INVALID'),
      imported: count('IMPORTED'),
      batchId: batch?.id ?? null,
      results: rows.map(({ form: _form, ...row }) => row),
    };
  }

  endpoint(
    r,
    {
      method: 'post',
      path: '/imports/preview',
      tag: 'imports',
      roles: ['CASEWORKER'],
      upload: true,
      uploadTypes: UPLOAD_TYPES,
      // It reads the department's active cases, naming those the rows duplicate.
      access: { kind: 'IMPORT_PREVIEW' },
      response: importPreviewSchema,
      summary: [
        '预览导入文件（.xlsx 或 CSV）：逐行校验，不创建任何案件',
        'Preview an import file (.xlsx or CSV): every row checked, nothing created',
      ],
    },
    async (req, res) => {
      const file = await readImportFile(req, res);
      const rows = await checkRows(db, req, file, req.user!.departmentId!);
      res.json(await preview(req, file, rows));
    },
  );

  endpoint(
    r,
    {
      method: 'post',
      path: '/imports',
      tag: 'imports',
      roles: ['CASEWORKER'],
      upload: true,
      uploadTypes: UPLOAD_TYPES,
      access: { kind: 'IMPORT_PREVIEW' },
      status: 201,
      response: importBatchDetailSchema,
      summary: [
        '确认导入：有效行逐一立案为草稿（同一文件再次导入不重复立案；?sha256= 须与预览的文件一致）',
        'Import a file: each valid row filed as a draft (the same file again files nothing twice; ?sha256= must match the previewed file)',
      ],
    },
    async (req, res) => {
      const user = req.user!;
      const file = await readImportFile(req, res);
      const expected = typeof req.query.sha256 === 'string' ? req.query.sha256 : undefined;
      if (expected && expected.toLowerCase() !== file.sha256) throw new Problem(409, say(req, 'importNotPreviewed'));
      const departmentId = user.departmentId!;
      const id = importBatchId(departmentId, file.sha256);
      const existing = await db.importBatch.findUnique({ where: { id } });
      if (!existing) {
        const rows = (await checkRows(db, req, file, departmentId)).filter((x) => x.status === 'VALID');
        if (rows.length === 0) throw new Problem(400, say(req, 'importNothingValid'));
        await db
          .$transaction(
            async (tx) => {
              await tx.importBatch.create({
                data: {
                  id,
                  departmentId,
                  createdById: user.userId,
                  createdByName: user.name,
                  fileName: file.fileName,
                  sha256: file.sha256,
                  workflowId: importWorkflowId(id),
                  rowsInFile: file.rows.length,
                  total: rows.length,
                },
              });
              for (let i = 0; i < rows.length; i += 1000) {
                await tx.importRow.createMany({
                  data: rows.slice(i, i + 1000).map((x) => ({
                    batchId: id,
                    rowNumber: x.rowNumber,
                    subjectName: x.subjectName,
                    subjectCode: x.subjectCode,
                    form: x.form as object,
                  })),
                });
              }
            },
            { timeout: 60_000 },
          )
          .catch((err: unknown) => {
            // The same file confirmed twice at once: the other request made the batch.
            if ((err as { code?: string }).code !== 'P2002') throw err;
          });
      }
      // Started once (its id is the batch's); started again after a crash between the two, harmlessly.
      await temporal.workflow
        .start<typeof importBatchWorkflow>('importBatchWorkflow', {
          taskQueue: TASK_QUEUE,
          workflowId: importWorkflowId(id),
          workflowIdConflictPolicy: 'USE_EXISTING',
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
          args: [{ batchId: id }],
        })
        .catch((err: unknown) => {
          if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
        });
      res
        .status(existing ? 200 : 201)
        .location(`/api/imports/${id}`)
        .json(await batchDetail(id, localeOf(req), { page: 1, pageSize: 50 }));
    },
  );

  const summaryOf = async (b: Awaited<ReturnType<typeof db.importBatch.findUniqueOrThrow>>): Promise<ImportBatchSummary> => ({
    ...b,
    createdAt: b.createdAt.toISOString(),
    finishedAt: b.finishedAt?.toISOString() ?? null,
    awaitingApproval: await db.case.count({ where: { state: 'AWAITING_NOTICE_APPROVAL', importRows: { some: { batchId: b.id } } } }),
  });

  async function batchDetail(id: string, locale: Locale, f: { page: number; pageSize: number; status?: 'PENDING' | 'FILED' | 'FAILED' }) {
    const b = await db.importBatch.findUniqueOrThrow({ where: { id } });
    const where = { batchId: id, ...(f.status ? { status: f.status } : {}) };
    const [total, rows] = await Promise.all([
      db.importRow.count({ where }),
      db.importRow.findMany({
        where,
        orderBy: { rowNumber: 'asc' },
        ...pageArgs(f),
        select: {
          rowNumber: true,
          subjectName: true,
          subjectCode: true,
          status: true,
          caseId: true,
          caseNumber: true,
          error: true,
          case: { select: { state: true } },
        },
      }),
    ]);
    return {
      ...(await summaryOf(b)),
      rows: pageAnswer(
        f,
        total,
        rows.map(({ case: c, error, ...row }) => ({
          ...row,
          caseState: c?.state ?? null,
          error: error ? ((error as Record<Locale, string>)[locale] ?? null) : null,
        })),
      ),
    };
  }

  endpoint(
    r,
    {
      method: 'get',
      path: '/imports',
      tag: 'imports',
      roles: staff,
      access: { kind: 'IMPORT_LIST' },
      query: importListQuerySchema,
      response: importBatchPageSchema,
      summary: ['本部门的导入批次', "The department's import batches"],
    },
    async (req, res) => {
      const f = searchOf(req, importListQuerySchema);
      const where = { departmentId: req.user!.departmentId ?? '-' };
      const [total, batches] = await Promise.all([
        db.importBatch.count({ where }),
        db.importBatch.findMany({ where, orderBy: { createdAt: 'desc' }, ...pageArgs(f) }),
      ]);
      res.json(pageAnswer(f, total, await Promise.all(batches.map(summaryOf))));
    },
  );

  endpoint(
    r,
    {
      method: 'get',
      path: '/imports/:id',
      tag: 'imports',
      roles: staff,
      access: { kind: 'IMPORT_BATCH', target: { document: 'id' } },
      query: importRowQuerySchema,
      response: importBatchDetailSchema,
      summary: ['导入批次的进度和逐行结果', "An import batch's progress and each row's result"],
    },
    async (req, res) => {
      const f = searchOf(req, importRowQuerySchema);
      const b = await db.importBatch.findFirst({ where: { id: String(req.params.id), departmentId: req.user!.departmentId ?? '-' } });
      if (!b) throw new Problem(404, say(req, 'noSuchImport'));
      res.json(await batchDetail(b.id, localeOf(req), f));
    },
  );

  return r;
}
