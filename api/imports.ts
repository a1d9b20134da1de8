// Reading an import file (批量导入): .xlsx with exceljs, CSV with csv-parse; each row read into the
// designation form (domain/import.ts) and checked with the filing's own schema and catalogue check,
// then against the other rows of the file and the cases already active. Nothing is written here.
import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import ExcelJS from 'exceljs';
import multer from 'multer';
import { parse as parseCsv } from 'csv-parse/sync';
import type { Db } from '../activities/db';
import { activeListingKey } from '../activities/designation';
import { catalogueIssues, importCaseId, loadCatalogue } from '../activities/filing';
import {
  IMPORT_COLUMNS,
  IMPORT_MAX_BYTES,
  IMPORT_MAX_ROWS,
  columnHeader,
  columnOfField,
  columnOfHeader,
  formOfRow,
  type ImportCells,
  type ImportColumnKey,
  type RowIssue,
} from '../domain/import';
import { designationSchema, type DesignationInput } from '../domain/schemas';
import { translate, type Locale } from '../domain/i18n';
import { translateMessage } from '../domain/messages';
import { Problem, localeOf, say } from './problem';

/** A file read: its rows (numbered as the sheet numbers them), its name and its SHA-256. */
export interface ImportFile {
  fileName: string;
  sha256: string;
  rows: { rowNumber: number; cells: ImportCells }[];
}

const upload = multer({
  storage: multer.memoryStorage(),
  limits: { fileSize: IMPORT_MAX_BYTES, files: 1, fields: 0, parts: 1 },
  defParamCharset: 'utf8',
}).single('file');

const importProblem = (req: Request, status: number, key: string) =>
  new Problem(status, translateMessage(key, localeOf(req)), undefined, {
    errors: [{ field: 'file', code: key, message: translateMessage(key, localeOf(req)) }],
  });

/** Reads the uploaded file (field `file`): .xlsx or CSV, at most 10 MB and 20,000 rows. */
export async function readImportFile(req: Request, res: Response): Promise<ImportFile> {
  if (!req.is('multipart/form-data')) throw importProblem(req, 415, 'attachment.multipart');
  await new Promise<void>((resolve, reject) =>
    upload(req, res, (err: unknown) => {
      if (!err) return resolve();
      if (err instanceof multer.MulterError && err.code === 'LIMIT_FILE_SIZE')
        return reject(importProblem(req, 413, `import.tooLarge:${IMPORT_MAX_BYTES / 1024 / 1024}`));
      reject(importProblem(req, 400, 'attachment.missing'));
    }),
  );
  const file = req.file;
  if (!file) throw importProblem(req, 400, 'attachment.missing');
  if (file.size === 0) throw importProblem(req, 400, 'attachment.empty');
  const bytes = file.buffer;
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  // By content: an .xlsx is a ZIP (PK\x03\x04); anything else is read as CSV text.
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  const table = isZip ? await xlsxTable(req, bytes) : csvTable(req, bytes);
  const [header, ...body] = table;
  const columns = (header?.cells ?? []).map((h) => columnOfHeader(h));
  const missing = IMPORT_COLUMNS.filter((c) => c.required && !columns.includes(c.key));
  if (!header || missing.length > 0) {
    const names = missing.map((c) => columnHeader(c.key, localeOf(req))).join('、');
    throw new Problem(400, say(req, 'importColumnsMissing', names), undefined, {
      errors: [{ field: 'file', code: 'import.columns', message: say(req, 'importColumnsMissing', names) }],
    });
  }
  const rows = body
    .filter((r) => r.cells.some((c) => c.trim() !== ''))
    .map((r) => {
      const cells: ImportCells = {};
      columns.forEach((key, i) => {
        if (key) cells[key] = r.cells[i] ?? '';
      });
      return { rowNumber: r.rowNumber, cells };
    });
  if (rows.length === 0) throw importProblem(req, 400, 'import.empty');
  if (rows.length > IMPORT_MAX_ROWS) throw importProblem(req, 413, `import.tooManyRows:${IMPORT_MAX_ROWS}`);
  return { fileName: file.originalname.split(/[\\/]/).pop()!.slice(0, 200), sha256, rows };
}

type Table = { rowNumber: number; cells: string[] }[];

/** The first sheet of a workbook, each cell as text (a date as YYYY-MM-DD). */
async function xlsxTable(req: Request, bytes: Buffer): Promise<Table> {
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw importProblem(req, 415, 'import.type');
  }
  const sheet = book.worksheets[0];
  if (!sheet) throw importProblem(req, 400, 'import.empty');
  if (sheet.actualRowCount > IMPORT_MAX_ROWS + 1) throw importProblem(req, 413, `import.tooManyRows:${IMPORT_MAX_ROWS}`);
  const table: Table = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let i = 1; i <= row.cellCount; i++) cells.push(cellText(row.getCell(i).value));
    table.push({ rowNumber, cells });
  });
  return table;
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10); // exceljs reads a date cell as UTC midnight
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('text' in v) return String(v.text);
    if ('error' in v) return '';
  }
  return String(v);
}

/** A CSV file: UTF-8 (with or without its BOM), or GB18030 as Excel in China saves "CSV" by default. */
function csvTable(req: Request, bytes: Buffer): Table {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    try {
      text = new TextDecoder('gb18030', { fatal: true }).decode(bytes);
    } catch {
      throw importProblem(req, 415, 'import.type');
    }
  }
  let records: string[][];
  try {
    records = parseCsv(text, { bom: true, relax_column_count: true, skip_empty_lines: false, to: IMPORT_MAX_ROWS + 2 }) as string[][];
  } catch {
    throw importProblem(req, 400, 'import.csv');
  }
  // A spreadsheet numbers the header row 1: the n-th record is row n.
  return records.map((cells, i) => ({ rowNumber: i + 1, cells }));
}

export interface RowError {
  column: string | null;
  field: string;
  code: string;
  message: string;
}
export interface CheckedRow {
  rowNumber: number;
  subjectName: string;
  subjectCode: string;
  status: 'VALID' | 'INVALID' | 'IMPORTED';
  errors: RowError[];
  /** The case it duplicates, or that this file's import filed. */
  caseId: string | null;
  caseNumber: string | null;
  form?: DesignationInput;
}

/**
 * Every row checked as a filing is: the designation schema, the catalogue, a second row of the file
 * on the same subject, list type and basis, and an active case already on it (or the case this very
 * row was filed as, when the file was imported before).
 */
export async function checkRows(db: Db, req: Request, file: ImportFile, departmentId: string): Promise<CheckedRow[]> {
  const locale = localeOf(req);
  const listTypes = await db.listType.findMany({ select: { code: true, name: true, nameEn: true } });
  const byName = new Map<string, string>();
  for (const l of listTypes) for (const n of [l.code, l.name, l.nameEn]) byName.set(n.trim().toLowerCase(), l.code);
  const lists = { codeOf: (v: string) => byName.get(v.trim().toLowerCase()) };
  const catalogue = await loadCatalogue(db);
  const message = (code: string) => translateMessage(code, locale);
  const checked: CheckedRow[] = file.rows.map(({ rowNumber, cells }) => {
    const { form, issues } = formOfRow(cells, lists);
    const parsed = designationSchema.safeParse(form);
    const found: RowIssue[] = [...issues];
    // Each field's problem said once: a value that is none of a column's choices as such.
    const said = new Set(issues.map((i) => i.field));
    const add = (field: string, code: string) => {
      if (said.has(field)) return;
      said.add(field);
      found.push({ column: columnOfField(field, cells), field, code });
    };
    if (!parsed.success) for (const issue of parsed.error.issues) add(issue.path.join('.'), issue.message);
    else for (const issue of catalogueIssues(catalogue, parsed.data)) add(issue.field, issue.code);
    return {
      rowNumber,
      subjectName: String(form.subjectName ?? ''),
      subjectCode: String(form.subjectCode ?? '').toUpperCase(),
      status: found.length ? 'INVALID' : 'VALID',
      errors: found.map((i) => rowError(i, locale, message)),
      caseId: null,
      caseNumber: null,
      ...(parsed.success && found.length === 0 ? { form: parsed.data } : {}),
    };
  });
  // The same subject, list type and basis twice in the file: the first row stands.
  const firstRow = new Map<string, number>();
  for (const row of checked) {
    if (!row.form) continue;
    const key = activeListingKey(row.form);
    const first = firstRow.get(key);
    if (first === undefined) firstRow.set(key, row.rowNumber);
    else invalidate(row, { column: 'basisNumber', field: 'basis.number', code: `import.duplicateInFile:${first}` }, locale, message);
  }
  // Already active: another case (refused, naming it), or this row's own case from an earlier import.
  const keys = [...firstRow.keys()];
  for (let i = 0; i < keys.length; i += 1000) {
    const existing = await db.case.findMany({
      where: { activeListingKey: { in: keys.slice(i, i + 1000) } },
      select: { id: true, caseNumber: true, activeListingKey: true },
    });
    const byKey = new Map(existing.map((c) => [c.activeListingKey!, c]));
    for (const row of checked) {
      const c = row.form && row.status === 'VALID' ? byKey.get(activeListingKey(row.form)) : undefined;
      if (!c) continue;
      row.caseId = c.id;
      row.caseNumber = c.caseNumber;
      if (c.id === importCaseId(departmentId, file.sha256, row.rowNumber)) {
        row.status = 'IMPORTED';
        delete row.form;
      } else {
        invalidate(row, { column: 'basisNumber', field: 'basis.number', code: `import.duplicateListing:${c.caseNumber}` }, locale, message);
      }
    }
  }
  return checked;
}

function invalidate(row: CheckedRow, issue: RowIssue, locale: Locale, message: (code: string) => string) {
  row.status = 'INVALID';
  row.errors.push(rowError(issue, locale, message));
  delete row.form;
}

function rowError(i: RowIssue, locale: Locale, message: (code: string) => string): RowError {
  return {
    column: i.column ? columnHeader(i.column as ImportColumnKey, locale) : null,
    field: i.field,
    code: i.code,
    message: i.code === 'listType.unknown' ? translate(locale, 'problem', 'unknownListType') : message(i.code),
  };
}
