// The prior notice (失信行为认定告知书): before listing, the party is told the reasons, the basis
// and its rights, with the deadline for a statement or objection (001 §(五)3; 国办发〔2020〕49号).
import { chineseDate, type OfficialDocument } from './render';
import { translateCode } from '../../domain/i18n';

/** The documents are in Chinese: the procedure's words from the one catalogue. */
export const zh = (code: string) => translateCode('zh-CN', 'label', code) ?? code;

export interface BasisFacts {
  kind: string;
  number: string;
  issuer: string;
  date: string;
}

/** The addressee line: the subject and its code. */
export const addressee = (name: string, code: string) => `${name}（统一社会信用代码/身份证号码：${code}）`;

/** 依据：the legally effective document the designation rests on. */
export const basisSentence = (b: BasisFacts) => `依据：${b.issuer}于${chineseDate(b.date)}作出的${zh(b.kind)}（${b.number}）。`;

/** A publication period in months, said as Chinese documents say it: 3年, 6个月. */
export const periodText = (months: number) => (months % 12 === 0 ? `${months / 12}年` : `${months}个月`);

/** What every document of a designation says of the subject, the designation and its author. */
export interface DesignationFacts {
  subjectName: string;
  subjectCode: string;
  listTypeName: string;
  tier: string;
  basis: BasisFacts;
  reasons: string;
  departmentName: string;
  /** An organisation's responsible persons, served in their own right (role in Chinese, name). */
  responsiblePersons?: { role: string; name: string }[];
}

/** The responsible persons are served the same document and have the same rights (002 §18). */
export const servedOnPersons = (f: DesignationFacts, rights: string) =>
  f.responsiblePersons?.length
    ? [`本文书同时送达你单位${f.responsiblePersons.map((p) => `${p.role}${p.name}`).join('、')}，其本人${rights}。`]
    : [];

export interface PriorNoticeFacts extends DesignationFacts {
  noticeNumber: string;
  /** The day the notice is made; the period for a statement runs from its service, not from this. */
  issuedOn: string;
  /** The notice period, in working days from service. */
  workingDays: number;
  publicationMonths: number;
  /** What publication counts from (the policy's): the decision's day, or the basis document's. */
  publicationStartsFrom?: 'DECISION' | 'BASIS';
}

export function priorNotice(f: PriorNoticeFacts): OfficialDocument {
  return {
    title: '失信行为认定告知书',
    number: f.noticeNumber,
    addressee: addressee(f.subjectName, f.subjectCode),
    paragraphs: [
      `事由：${f.reasons}`,
      basisSentence(f.basis),
      `根据上述事实和依据，本机关拟将你（单位）列入${f.listTypeName}，失信等级为${zh(f.tier)}，公示期限为${periodText(f.publicationMonths)}，自${f.publicationStartsFrom === 'BASIS' ? `${zh(f.basis.kind)}作出之日（${chineseDate(f.basis.date)}）` : '认定决定作出之日'}起计算。列入后将按照联合惩戒措施清单实施相应惩戒措施。`,
      `根据《国务院办公厅关于进一步完善失信约束制度构建诚信建设长效机制的指导意见》（国办发〔2020〕49号），你（单位）享有陈述、申辩和提出异议的权利。如有异议，请自本告知书送达之日起${f.workingDays}个工作日内（送达当日不计入，法定节假日不计入）通过本系统在线提交，或向${f.departmentName}提交书面陈述申辩材料。逾期未提出的，视为放弃上述权利。`,
      '你（单位）在纠正失信行为、履行相关义务后，可按照国家有关规定申请信用修复，信用修复不收取任何费用。',
      ...servedOnPersons(f, '享有同等的陈述、申辩和提出异议的权利，期限自本告知书向其本人送达之日起计算'),
    ],
    issuer: f.departmentName,
    date: chineseDate(f.issuedOn),
  };
}
