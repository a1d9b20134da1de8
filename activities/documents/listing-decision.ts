// The listing decision (失信主体认定决定书) and, served with it, the credit-repair notice
// (信用修复告知书) — "两书同达" under the 2025 national rules. The decision states the reasons, the
// basis, the measures, the conditions and procedure for removal, and the remedies (001 §(五)3).
import { chineseDate, type OfficialDocument } from './render';
import { addressee, basisSentence, periodText, servedOnPersons, zh, type DesignationFacts } from './prior-notice';
import type { StatementFacts } from './review-reply';

export interface ListingFacts extends DesignationFacts {
  decisionNumber: string;
  repairNoticeNumber: string;
  /** Each measure with whom it restrains (a responsible person's role and name; null: the subject) and why it was chosen. */
  measures: { content: string; mandatory: boolean; legalBasis: string; unit: string; person: string | null; reasons: string | null }[];
  /** Published on the credit website; a minor-tier record only with the reasons why it must be. */
  published: boolean;
  publicationReasons: string | null;
  decidedOn: string;
  /** The day publication counts from: the decision's, or the basis document's where the policy says so. */
  publicationStartsOn?: string;
  publicationEndsOn: string;
  minimumPublicationMonths: number;
  repairEligibleFrom: string | null;
  repairAcceptanceWorkingDays: number;
  repairDecisionWorkingDays: number;
  /** The statements made in the notice period and how they were handled; null if none was made. */
  hearing: { statements: StatementFacts[]; reviewedOn: string; reasons: string; replyNumber: string | null } | null;
}

export function listingDecision(f: ListingFacts): OfficialDocument {
  return {
    title: '失信主体认定决定书',
    number: f.decisionNumber,
    addressee: addressee(f.subjectName, f.subjectCode),
    paragraphs: [
      `事由：${f.reasons}`,
      basisSentence(f.basis),
      f.hearing
        ? `本机关已依法告知你（单位）拟作出认定的事由、依据和权利。你（单位）在告知期内提出的${f.hearing.statements
            .map((s) => `${chineseDate(s.filedOn)}的${s.kind === 'OBJECTION' ? '异议' : '陈述申辩'}`)
            .join('、')}，本机关已于${chineseDate(f.hearing.reviewedOn)}逐一复核，认为：${f.hearing.reasons}意见不成立，不予采纳${
            f.hearing.replyNumber ? `（见《陈述申辩复核意见告知书》（${f.hearing.replyNumber}））` : ''
          }。`
        : '本机关已依法告知你（单位）拟作出认定的事由、依据和权利，你（单位）在规定期限内未提出陈述申辩。',
      f.published
        ? `决定：将你（单位）列入${f.listTypeName}，失信等级为${zh(f.tier)}，自${chineseDate(f.publicationStartsOn ?? f.decidedOn)}起公示至${chineseDate(f.publicationEndsOn)}。${
            f.publicationReasons
              ? `本条信息属轻微失信信息，原则上不予公示；因${f.publicationReasons.replace(/[。.]$/, '')}，确有必要予以公示。`
              : ''
          }`
        : `决定：将你（单位）列入${f.listTypeName}，失信等级为${zh(f.tier)}，记录期限至${chineseDate(f.publicationEndsOn)}。本条信息属轻微失信信息，不予公示。`,
      f.measures.length > 0
        ? `惩戒措施：${f.measures.map((m, i) => `${i + 1}. ${m.person ? `对${m.person}` : ''}${m.content}（${m.mandatory ? '强制性' : '推荐性'}措施，实施单位：${m.unit}，依据：${m.legalBasis}${m.reasons ? `；选择理由：${m.reasons.replace(/[。.]$/, '')}` : ''}）`).join('；')}。`
        : '惩戒措施：无。',
      `移出条件和程序：公示期满，本机关依职权将你（单位）移出名单，停止公示并解除惩戒措施，无需申请。公示满${periodText(f.minimumPublicationMonths)}后，你（单位）纠正失信行为、履行相关义务的，可按照随附的《信用修复告知书》申请提前移出。`,
      '救济途径：如不服本决定，可以自收到本决定书之日起六十日内依法申请行政复议，或者自收到本决定书之日起六个月内依法向人民法院提起行政诉讼。',
      ...servedOnPersons(f, '可以就对其本人实施的惩戒措施提出异议、申请信用修复，并享有同等的救济权利'),
    ],
    issuer: f.departmentName,
    date: chineseDate(f.decidedOn),
  };
}

export function creditRepairNotice(f: ListingFacts): OfficialDocument {
  return {
    title: '信用修复告知书',
    number: f.repairNoticeNumber,
    addressee: addressee(f.subjectName, f.subjectCode),
    paragraphs: [
      `本机关已于${chineseDate(f.decidedOn)}作出《失信主体认定决定书》（${f.decisionNumber}）。根据《信用修复管理办法》，现将信用修复有关事项告知如下：`,
      f.repairEligibleFrom
        ? `一、申请时间：自${chineseDate(f.repairEligibleFrom)}起（最短公示期${periodText(f.minimumPublicationMonths)}届满后），你（单位）可以申请信用修复。法律、法规和党中央、国务院政策文件明确规定不可修复的除外。`
        : '一、申请时间：你（单位）纠正失信行为、履行相关义务后即可申请信用修复。法律、法规和党中央、国务院政策文件明确规定不可修复的除外。',
      '二、申请材料：失信行为已纠正、相关义务已履行的证明材料，以及信用承诺书。',
      `三、办理时限：本机关自收到申请之日起${f.repairAcceptanceWorkingDays}个工作日内作出是否受理的决定；自受理之日起${f.repairDecisionWorkingDays}个工作日内作出修复决定。情况复杂需要延长的，将告知延长理由。`,
      '四、修复效果：准予修复的，移出名单，停止公示和共享相关失信信息，解除相应惩戒措施，并将修复结果推送至各配合单位。',
      `五、申请方式：通过本系统在线提交，或向${f.departmentName}提交书面申请。信用修复不收取任何费用。`,
    ],
    issuer: f.departmentName,
    date: chineseDate(f.decidedOn),
  };
}
