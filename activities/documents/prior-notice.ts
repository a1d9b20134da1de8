// The prior notice (失信行为认定告知书): before listing, the party is told the reasons, the basis
// and its rights, with the deadline for a statement or objection (001 §(五)3; 国办发〔2020〕49号).
import { chineseDate, type OfficialDocument } from './render';

export const BASIS_NAMES: Record<string, string> = {
  COURT_JUDGMENT: '人民法院生效判决、裁定',
  ARBITRAL_AWARD: '仲裁裁决',
  ADMINISTRATIVE_PENALTY: '行政处罚决定',
  ADMINISTRATIVE_RULING: '行政裁决',
  OTHER_LEGAL_DOCUMENT: '法律、法规规定的其他文书',
};
export const TIER_NAMES: Record<string, string> = { MINOR: '轻微', GENERAL: '一般', SERIOUS: '严重' };

export interface PriorNoticeFacts {
  noticeNumber: string;
  subjectName: string;
  subjectCode: string;
  listTypeName: string;
  tier: string;
  basis: { kind: string; number: string; issuer: string; date: string };
  reasons: string;
  departmentName: string;
  servedOn: string;
  deadline: { date: string; workingDays: number; provisional: boolean };
  publicationMonths: number;
}

export function priorNotice(f: PriorNoticeFacts): OfficialDocument {
  const years = f.publicationMonths % 12 === 0 ? `${f.publicationMonths / 12}年` : `${f.publicationMonths}个月`;
  return {
    title: '失信行为认定告知书',
    number: f.noticeNumber,
    addressee: `${f.subjectName}（统一社会信用代码/身份证号码：${f.subjectCode}）`,
    paragraphs: [
      `事由：${f.reasons}`,
      `依据：${f.basis.issuer}于${chineseDate(f.basis.date)}作出的${BASIS_NAMES[f.basis.kind] ?? f.basis.kind}（${f.basis.number}）。`,
      `根据上述事实和依据，本机关拟将你（单位）列入${f.listTypeName}，失信等级为${TIER_NAMES[f.tier] ?? f.tier}，公示期限为${years}，自认定决定作出之日起计算。列入后将按照联合惩戒措施清单实施相应惩戒措施。`,
      `根据《国务院办公厅关于进一步完善失信约束制度构建诚信建设长效机制的指导意见》（国办发〔2020〕49号），你（单位）享有陈述、申辩和提出异议的权利。如有异议，请于${chineseDate(f.deadline.date)}24时前（本告知书送达之日起${f.deadline.workingDays}个工作日内，送达当日不计入${f.deadline.provisional ? '；该期限所在年度的法定节假日安排尚未公布，期限为暂定' : ''}）通过本系统在线提交，或向${f.departmentName}提交书面陈述申辩材料。逾期未提出的，视为放弃上述权利。`,
      '你（单位）在纠正失信行为、履行相关义务后，可按照国家有关规定申请信用修复，信用修复不收取任何费用。',
    ],
    issuer: f.departmentName,
    date: chineseDate(f.servedOn),
  };
}
