// Import files as a credit office fills them in: valid codes made up by number, rows under the
// template's headers, written as .xlsx (exceljs) or CSV (UTF-8 with a BOM).
import ExcelJS from 'exceljs';
import { IMPORT_COLUMNS, type ImportColumnKey } from '../../domain/import';

const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/** The n-th made-up unified social credit code of an enterprise (91 3501 00 …), both check characters right. */
export function uscc(n: number): string {
  const org = String(n).padStart(8, '0');
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(org[i]) * ORG_WEIGHTS[i]!;
  const c = 11 - (sum % 11);
  const body = `91350100${org}${c === 10 ? 'X' : c === 11 ? '0' : String(c)}`;
  let total = 0;
  for (let i = 0; i < 17; i++) total += USCC_ALPHABET.indexOf(body[i]!) * (3 ** i % 31);
  return body + USCC_ALPHABET[(31 - (total % 31)) % 31]!;
}

/** The n-th made-up resident ID number (Beijing Chaoyang, born 1980), its check digit right. */
export function residentId(n: number): string {
  const body = `11010519800101${String(n % 1000).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body[i]) * weights[i]!;
  return body + '10X98765432'[sum % 11]!;
}

export type ImportLine = Partial<Record<ImportColumnKey, string>>;

/** A row of an enterprise penalised for tax evasion, the n-th of a list. */
export function enterpriseRow(n: number, overrides: ImportLine = {}): ImportLine {
  return {
    subjectName: `某某商贸有限公司第${n}分公司`,
    subjectType: '法人和非法人组织',
    subjectCode: uscc(n),
    listType: '重大税收违法失信主体',
    tier: '严重',
    basisKind: '行政处罚决定',
    basisNumber: `市税稽罚〔2026〕${n}号`,
    basisIssuer: '国家税务总局某市税务局稽查局',
    basisDate: '2026-09-01',
    reasons: '该公司虚开增值税专用发票，偷税数额较大，经行政处罚决定书认定，属重大税收违法失信行为。',
    legalRepName: '王某某',
    legalRepId: '11010519491231002X',
    measures: 'M-ADM-03',
    measureReasons: '多次违法，需提高抽查比例和检查频次。',
    ...overrides,
  };
}

/**
 * An .xlsx of the rows under the template's headers (codes as text cells, as the template sets them).
 * `savedAt` is the workbook's own time: the same rows saved at another time are another file.
 */
export async function importXlsx(rows: ImportLine[], savedAt = new Date()): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  book.created = book.modified = savedAt;
  const sheet = book.addWorksheet('失信主体名单');
  sheet.columns = IMPORT_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width, style: { numFmt: '@' } }));
  for (const r of rows) sheet.addRow(r);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

/** The same rows as CSV, UTF-8 with a byte-order mark (as Excel's "CSV UTF-8" saves it). */
export function importCsv(rows: ImportLine[]): Uint8Array {
  const quote = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = [IMPORT_COLUMNS.map((c) => c.header), ...rows.map((r) => IMPORT_COLUMNS.map((c) => r[c.key] ?? ''))];
  return new TextEncoder().encode(`\uFEFF${lines.map((l) => l.map(quote).join(',')).join('\r\n')}\r\n`);
}
