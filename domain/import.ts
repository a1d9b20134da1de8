// Bulk import (批量导入) of court and penalty lists: the template's columns, each mapped to a field of
// the designation form, and one row of a file read into that form. Each row is then checked with the
// very schema a single filing is (designationSchema), so a row's errors read as the form's do — and
// each error is put back on the column it came from. Shared by the API (which reads the files) and
// the web app (which shows the columns).
import { BLACK_BASIS_KINDS, RESPONSIBLE_ROLES, SUBJECT_TYPES, TIERS } from './vocabulary';
import { translateCode, type Locale } from './i18n';

/** The largest file taken, and the most rows one may hold. */
export const IMPORT_MAX_BYTES = 10 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 20_000;
/** How many cases one batch approval takes at once. */
export const BATCH_APPROVAL_MAX = 100;

/** The template's columns, in order, each with a made-up example (no real subject's data). */
export const IMPORT_COLUMNS = [
  { key: 'subjectName', header: '主体名称', en: 'Subject name', required: true, width: 30, example: '示例商贸有限公司' },
  { key: 'subjectType', header: '主体类型', en: 'Subject type', required: true, width: 16, example: '法人和非法人组织' },
  {
    key: 'subjectCode',
    header: '统一社会信用代码/身份证号',
    en: 'Credit code / ID number',
    required: true,
    width: 24,
    example: '91350100000000019E',
  },
  { key: 'listType', header: '名单类型', en: 'List type', required: true, width: 24, example: '重大税收违法失信主体' },
  { key: 'tier', header: '失信等级', en: 'Tier', required: true, width: 10, example: '严重' },
  { key: 'basisKind', header: '认定依据文书种类', en: 'Basis document kind', required: true, width: 22, example: '行政处罚决定' },
  {
    key: 'basisNumber',
    header: '认定依据文书文号',
    en: 'Basis document number',
    required: true,
    width: 24,
    example: '市税稽罚〔2026〕1号',
  },
  { key: 'basisIssuer', header: '作出机关', en: 'Issued by', required: true, width: 28, example: '国家税务总局某市税务局稽查局' },
  { key: 'basisDate', header: '文书日期', en: 'Document date', required: true, width: 14, example: '2026-09-01' },
  {
    key: 'reasons',
    header: '列入事由',
    en: 'Reasons',
    required: true,
    width: 50,
    example: '（示例）该公司虚开增值税专用发票，偷税数额较大，经行政处罚决定书认定，属重大税收违法失信行为。',
  },
  { key: 'legalRepName', header: '法定代表人/负责人姓名', en: 'Legal representative', required: false, width: 18, example: '张示例' },
  {
    key: 'legalRepId',
    header: '法定代表人/负责人身份证号',
    en: "Legal representative's ID number",
    required: false,
    width: 22,
    example: '110105198001010016',
  },
  {
    key: 'otherPersons',
    header: '其他责任人员（身份:姓名:身份证号，多人以；分隔）',
    en: 'Other responsible persons (role:name:ID; …)',
    required: false,
    width: 40,
    example: '',
  },
  {
    key: 'measures',
    header: '建议惩戒措施（措施编号，以、或；分隔）',
    en: 'Recommended measures (ids, separated by 、 or ;)',
    required: false,
    width: 24,
    example: 'M-ADM-03',
  },
  {
    key: 'measureReasons',
    header: '建议措施理由',
    en: 'Why the measures',
    required: false,
    width: 30,
    example: '多次违法，需提高抽查比例和检查频次。',
  },
  {
    key: 'minorPublicationReasons',
    header: '轻微失信公示理由',
    en: 'Why a minor record is published',
    required: false,
    width: 20,
    example: '',
  },
  { key: 'unrepairable', header: '不可修复（是/否）', en: 'Unrepairable (yes/no)', required: false, width: 12, example: '否' },
] as const;
export type ImportColumnKey = (typeof IMPORT_COLUMNS)[number]['key'];
export type ImportCells = Partial<Record<ImportColumnKey, string>>;

/** A column's title as the file has it: the template's Chinese header (its English one is taken too). */
export function columnOfHeader(header: string): ImportColumnKey | undefined {
  const h = header.replace(/\s+/g, '').replace(/^\uFEFF/, '');
  const short = (s: string) => s.replace(/\s+/g, '').replace(/（.*$/, '');
  return IMPORT_COLUMNS.find(
    (c) => short(c.header) === short(h) || c.en.replace(/\s+/g, '').toLowerCase() === h.toLowerCase() || c.key === h,
  )?.key;
}

/** One problem with a row: the column it is in, the form's field, and the message key (validation namespace). */
export interface RowIssue {
  column: ImportColumnKey | null;
  field: string;
  code: string;
}

/** The values a choice column takes: each code, its Chinese and English label, and a few usual words. */
function choices<T extends string>(codes: readonly T[], extra: Record<string, T> = {}): (v: string) => T | undefined {
  const map = new Map<string, T>();
  for (const c of codes) {
    map.set(c.toLowerCase(), c);
    for (const locale of ['zh-CN', 'en'] as Locale[]) {
      const label = translateCode(locale, 'label', c);
      if (label) map.set(label.toLowerCase(), c);
    }
  }
  for (const [k, v] of Object.entries(extra)) map.set(k.toLowerCase(), v);
  return (v) => map.get(v.trim().toLowerCase());
}
const subjectTypeOf = choices(SUBJECT_TYPES, {
  组织: 'ORGANISATION',
  法人: 'ORGANISATION',
  企业: 'ORGANISATION',
  单位: 'ORGANISATION',
  个人: 'PERSON',
});
const tierOf = choices(TIERS, { 严重失信: 'SERIOUS', 一般失信: 'GENERAL', 轻微失信: 'MINOR' });
const basisKindOf = choices(BLACK_BASIS_KINDS, {
  判决: 'COURT_JUDGMENT',
  裁定: 'COURT_JUDGMENT',
  判决书: 'COURT_JUDGMENT',
  法院判决: 'COURT_JUDGMENT',
  人民法院判决: 'COURT_JUDGMENT',
  仲裁: 'ARBITRAL_AWARD',
  行政处罚: 'ADMINISTRATIVE_PENALTY',
  行政处罚决定书: 'ADMINISTRATIVE_PENALTY',
  行政裁决书: 'ADMINISTRATIVE_RULING',
});
const roleOf = choices(RESPONSIBLE_ROLES, { 法人: 'LEGAL_REPRESENTATIVE', 负责人: 'PRINCIPAL', 责任人: 'DIRECTLY_RESPONSIBLE' });

/** A day as the file writes it (2026-09-01, 2026/9/1, 2026.9.1, 2026年9月1日) as YYYY-MM-DD; anything else as it is. */
export function dayOf(v: string): string {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(v.trim());
  return m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : v.trim();
}

/** The list types a file may name, by code or by name (Chinese or English). */
export interface ListTypeNames {
  codeOf(v: string): string | undefined;
}

/**
 * One row's cells as the designation form (its input, before the schema checks it), and the
 * problems found reading it: a choice that is none of its values, a measure list without reasons.
 */
export function formOfRow(cells: ImportCells, lists: ListTypeNames): { form: Record<string, unknown>; issues: RowIssue[] } {
  const issues: RowIssue[] = [];
  const cell = (k: ImportColumnKey) => (cells[k] ?? '').trim();
  /**
   * A choice column's value. One that is none of its values is said here, and a stand-in value is
   * put in the form so that the schema still checks the rest of the row (zod runs a form's own
   * refinements — the credit code's check, the persons — only once every field has its type).
   */
  const choice = <T>(k: ImportColumnKey, field: string, read: (v: string) => T | undefined, code: string, standIn: T): T | undefined => {
    const v = cell(k);
    if (!v) return undefined; // the schema says it is required
    const found = read(v);
    if (found !== undefined) return found;
    issues.push({ column: k, field, code });
    return standIn;
  };
  const looksLikePerson = /^\d{17}[\dXx]$/.test(cell('subjectCode'));
  const subjectType = choice(
    'subjectType',
    'subjectType',
    subjectTypeOf,
    'import.subjectType',
    looksLikePerson ? 'PERSON' : 'ORGANISATION',
  );
  const persons: { role: string; name: string; idNumber: string }[] = [];
  if (cell('legalRepName') || cell('legalRepId')) {
    persons.push({ role: 'LEGAL_REPRESENTATIVE', name: cell('legalRepName'), idNumber: cell('legalRepId') });
  }
  for (const part of cell('otherPersons')
    .split(/[;；\n]/)
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [role = '', name = '', idNumber = ''] = part.split(/[:：]/).map((s) => s.trim());
    const r = roleOf(role);
    if (!r) issues.push({ column: 'otherPersons', field: `responsiblePersons.${persons.length}.role`, code: 'import.personFormat' });
    persons.push({ role: r ?? role, name, idNumber });
  }
  const measureIds = cell('measures')
    .split(/[、;；,，\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  const unrepairable = cell('unrepairable');
  const yes = ['是', 'y', 'yes', 'true', '1'].includes(unrepairable.toLowerCase());
  if (unrepairable && !yes && !['否', 'n', 'no', 'false', '0'].includes(unrepairable.toLowerCase())) {
    issues.push({ column: 'unrepairable', field: 'unrepairable', code: 'import.yesNo' });
  }
  const form = {
    subjectName: cell('subjectName'),
    subjectType,
    subjectCode: cell('subjectCode'),
    listType: choice('listType', 'listType', (v) => lists.codeOf(v), 'listType.unknown', 'UNKNOWN') ?? '',
    tier: choice('tier', 'tier', tierOf, 'import.tier', 'SERIOUS'),
    basis: {
      kind: choice('basisKind', 'basis.kind', basisKindOf, 'import.basisKind', 'OTHER_LEGAL_DOCUMENT'),
      number: cell('basisNumber'),
      issuer: cell('basisIssuer'),
      date: dayOf(cell('basisDate')),
    },
    reasons: cell('reasons'),
    // An organisation's legal representative; a person has none (the schema says so if one is given).
    responsiblePersons: persons,
    recommendedMeasures: measureIds.map((measureId) => ({ measureId, reasons: cell('measureReasons') })),
    minorPublicationReasons: cell('minorPublicationReasons'),
    leniency: { grounds: [], reasons: '' },
    unrepairable: yes,
  };
  return { form, issues };
}

/** The column a field of the form was read from (the form's path as the schema names it). */
export function columnOfField(field: string, cells: ImportCells): ImportColumnKey | null {
  const [head, index, leaf] = field.split('.');
  switch (head) {
    case 'basis':
      return (
        ({ kind: 'basisKind', number: 'basisNumber', issuer: 'basisIssuer', date: 'basisDate' } as const)[index as 'kind'] ?? 'basisNumber'
      );
    case 'responsiblePersons': {
      const fromLegalRep = !!(cells.legalRepName?.trim() || cells.legalRepId?.trim());
      if (index === undefined) return 'legalRepName';
      if (index === '0' && fromLegalRep) return leaf === 'idNumber' ? 'legalRepId' : 'legalRepName';
      return 'otherPersons';
    }
    case 'recommendedMeasures':
      return leaf === 'reasons' ? 'measureReasons' : 'measures';
    case 'leniency':
      return null;
    default:
      return IMPORT_COLUMNS.some((c) => c.key === head) ? (head as ImportColumnKey) : null;
  }
}

/** A column's header in the user's language. */
export const columnHeader = (key: ImportColumnKey, locale: Locale) => {
  const c = IMPORT_COLUMNS.find((col) => col.key === key)!;
  return locale === 'en' ? c.en : c.header;
};
