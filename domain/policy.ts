// Policies are data: every period and switch of the procedure, per jurisdiction and list type,
// versioned. A case keeps the version it started under (domain.md, "Policies differ by jurisdiction").
import type { Tier } from './vocabulary';
import { addCalendarDays, addCalendarMonths, shanghaiDate, startOfShanghaiDay } from './workdays';

/**
 * The seed documents policies, lists and measures cite, by the number their sources use (000–004;
 * ../shared/seeds): each as a reader knows it — its short title and document number.
 */
export const SOURCE_DOCUMENTS: Record<string, string> = {
  '000': '《肥城市建立完善守信联合激励和失信联合惩戒制度实施方案》（肥政办发〔2019〕9号）',
  '001': '《青海省进一步完善失信约束制度构建诚信建设长效机制实施方案》（青政办〔2021〕36号）',
  '002': '《福建省建立完善守信联合激励和失信联合惩戒制度加快推进社会诚信建设的实施方案》（闽政〔2017〕3号）',
  '003': '《贺州市建立完善守信联合激励和失信联合惩戒制度加快推进社会诚信建设实施方案》（贺州市人民政府办公室，2018年）',
  '004': '《济南市建立完善守信联合激励和失信联合惩戒制度实施方案》（济政字〔2017〕35号）',
};

/** A source as cited in the data ("002 第二十四条", "004_68a1….txt（济南市，2017）") with each seed named by its title. */
export function citeSources(text: string): string {
  return text
    .replace(/\b(00[0-4])_[0-9a-f]+\.txt(（[^）]*）)?/g, (_m, n: string) => SOURCE_DOCUMENTS[n] ?? n)
    .replace(
      /(^|[；;，,\s（(])(00[0-4])(?=\s|（|[一二三四五六七八九十])\s?/g,
      (_m, before: string, n: string) => `${before}${SOURCE_DOCUMENTS[n] ?? n}`,
    );
}

export interface PolicyTerms {
  noticeWorkingDays: number; // 告知期（陈述申辩期）
  statementReviewWorkingDays: number; // 陈述申辩复核
  announcementServiceDays: number; // 公告送达：公告之日起经过该天数视为送达
  /** Whether acceptance of an objection is decided first (Hezhou); without it, verification runs from receipt (Fujian). */
  objectionAcceptanceStep: boolean; // 异议先决定是否受理
  objectionAcceptanceWorkingDays: number; // 异议受理
  objectionVerificationWorkingDays: number; // 异议核实
  suspendMeasuresDuringVerification: boolean; // 核实期间是否中止惩戒
  repairAcceptanceWorkingDays: number; // 修复受理
  repairDecisionWorkingDays: number; // 修复决定
  /** Days an upheld objection's correction or revocation notice stays on the public listing (恢复名誉). */
  correctionNoticeDays: number; // 更正（撤销）说明公示天数
  /** Months a listed subject has to rectify before it is called to an interview (约谈). */
  rectificationMonths: number; // 整改期限（逾期未整改的约谈）
  /** A cooperating unit's own deadlines, from the push (000 §五.1, 002 §19/§21, 004 §四(二) require them; no seed fixes a number). */
  unitAcknowledgementWorkingDays: number; // 配合单位签收
  unitFeedbackWorkingDays: number; // 配合单位首次执行反馈
  unitLiftingWorkingDays: number; // 中止或移出后解除惩戒
  /** Minimum and maximum publication per tier, in calendar months from the start below. */
  publicationMonths: Record<Tier, { min: number; max: number }>;
  /** The day publication is counted from: the listing decision's, or the basis document's. */
  publicationStartsFrom: PublicationStart;
}

export const PUBLICATION_STARTS = ['DECISION', 'BASIS'] as const; // 认定决定作出之日 / 据以认定的文书作出之日
export type PublicationStart = (typeof PUBLICATION_STARTS)[number];

/** Where a value comes from: the document and article that fixes it, or 地方自定 (local choice) where no source gives it. */
export type ValueSources = Record<keyof PolicyTerms, string>;
const LOCAL = '地方自定（所依据文件未规定具体数值）';

export interface PolicyPreset extends PolicyTerms {
  code: string;
  name: string;
  jurisdiction: string;
  source: string;
  valueSources: ValueSources;
}

const NATIONAL_TIERS: PolicyTerms['publicationMonths'] = {
  MINOR: { min: 0, max: 3 },
  GENERAL: { min: 3, max: 12 },
  SERIOUS: { min: 12, max: 36 },
};

/** What every preset shares: the national 2025 rules, and the Civil Procedure Law on announcements. */
const NATIONAL_BASE = {
  noticeWorkingDays: 5,
  statementReviewWorkingDays: 10,
  announcementServiceDays: 30,
  objectionAcceptanceStep: true,
  objectionAcceptanceWorkingDays: 3,
  objectionVerificationWorkingDays: 20,
  repairAcceptanceWorkingDays: 3,
  repairDecisionWorkingDays: 10,
  correctionNoticeDays: 30,
  rectificationMonths: 3,
  unitAcknowledgementWorkingDays: 3,
  unitFeedbackWorkingDays: 10,
  unitLiftingWorkingDays: 5,
  publicationMonths: NATIONAL_TIERS,
  publicationStartsFrom: 'DECISION' as const,
};
const NATIONAL_SOURCES: ValueSources = {
  noticeWorkingDays: `${LOCAL}；国办发〔2020〕49号要求告知并听取陈述申辩，未规定期限`,
  statementReviewWorkingDays: LOCAL,
  announcementServiceDays: '《中华人民共和国民事诉讼法》（2021年修正）第九十五条（经《行政处罚法》第六十一条适用）',
  objectionAcceptanceStep: `${LOCAL}；国家规定未涉及异议受理程序`,
  objectionAcceptanceWorkingDays: LOCAL,
  objectionVerificationWorkingDays: `${LOCAL}；参照福建省（002）第二十四条的20个工作日`,
  suspendMeasuresDuringVerification: `${LOCAL}；国家规定未涉及`,
  repairAcceptanceWorkingDays: '国办发〔2025〕22号',
  repairDecisionWorkingDays: '国办发〔2025〕22号',
  correctionNoticeDays: `${LOCAL}；000 五.2、002 第二十四条要求恢复信誉、消除不良影响，未规定方式和期限`,
  rectificationMonths: `${LOCAL}；000 五.3 要求在规定期限内整改，整改不到位的约谈，未规定期限`,
  unitAcknowledgementWorkingDays: `${LOCAL}；000 五.1、004 四（二）要求及时接收推送信息，未规定期限`,
  unitFeedbackWorkingDays: `${LOCAL}；000 五.1、002 第十九条和第二十一条、004 四（二）要求实施惩戒并反馈执行情况，未规定期限`,
  unitLiftingWorkingDays: `${LOCAL}；002 第二十四条（核实期间暂停惩戒）、《信用修复管理办法》第三条（修复后解除惩戒）未规定解除期限`,
  publicationMonths: '国家发展改革委令2025年第36号；国办发〔2025〕22号',
  publicationStartsFrom: '国办发〔2025〕22号（自认定决定作出之日起计算）',
};

// The seeds' values, each with its source; where a seed says nothing, the national value or a
// local choice, and the value's source says which.
export const POLICY_PRESETS: PolicyPreset[] = [
  {
    code: 'NATIONAL-2025',
    name: '全国 2025（信用修复管理办法）',
    jurisdiction: '全国',
    source: '国家发展改革委令2025年第36号；国办发〔2025〕22号',
    ...NATIONAL_BASE,
    suspendMeasuresDuringVerification: true,
    valueSources: NATIONAL_SOURCES,
  },
  {
    code: 'FUJIAN-2017',
    name: '福建省 2017',
    jurisdiction: '福建省',
    source: SOURCE_DOCUMENTS['002']!,
    ...NATIONAL_BASE,
    objectionAcceptanceStep: false,
    suspendMeasuresDuringVerification: true,
    valueSources: {
      ...NATIONAL_SOURCES,
      objectionAcceptanceStep: '002 第二十四条（告知信息提供单位即核实，无受理环节）',
      objectionVerificationWorkingDays: '002 第二十四条（20个工作日内核实，自告知之日起）',
      suspendMeasuresDuringVerification: '002 第二十四条（核实期间暂停惩戒）',
    },
  },
  {
    code: 'JINAN-2017',
    name: '济南市 2017',
    jurisdiction: '济南市',
    source: SOURCE_DOCUMENTS['004']!,
    ...NATIONAL_BASE,
    objectionAcceptanceStep: false,
    suspendMeasuresDuringVerification: false,
    valueSources: {
      ...NATIONAL_SOURCES,
      objectionAcceptanceStep: '004 四（三）（由发起部门及时审查，成立的纠正、不成立的驳回，无单独受理环节）',
      suspendMeasuresDuringVerification: '004 四（三）（异议期间不停止惩戒）',
    },
  },
  {
    code: 'QINGHAI-2021',
    name: '青海省 2021',
    jurisdiction: '青海省',
    source: SOURCE_DOCUMENTS['001']!,
    ...NATIONAL_BASE,
    suspendMeasuresDuringVerification: true,
    valueSources: {
      ...NATIONAL_SOURCES,
      repairDecisionWorkingDays: '001 （七）1（受理后10个工作日内移出）',
      suspendMeasuresDuringVerification: `${LOCAL}；001 未涉及`,
    },
  },
  {
    code: 'FEICHENG-2019',
    name: '肥城市 2019',
    jurisdiction: '肥城市',
    source: SOURCE_DOCUMENTS['000']!,
    ...NATIONAL_BASE,
    objectionAcceptanceStep: false,
    suspendMeasuresDuringVerification: true,
    valueSources: {
      ...NATIONAL_SOURCES,
      objectionAcceptanceStep: '000 五.2（告知发起单位，发起单位尽快核实并反馈，无受理环节）',
      suspendMeasuresDuringVerification: `${LOCAL}；000 五.2 仅要求发起单位尽快核实并反馈`,
    },
  },
  {
    code: 'HEZHOU-2018',
    name: '贺州市 2018',
    jurisdiction: '贺州市',
    source: SOURCE_DOCUMENTS['003']!,
    ...NATIONAL_BASE,
    suspendMeasuresDuringVerification: true,
    valueSources: {
      ...NATIONAL_SOURCES,
      objectionAcceptanceStep: '003 （三）7（先决定是否受理，受理的在规定期限内核实）',
      objectionAcceptanceWorkingDays: `${LOCAL}；003 （三）7 要求先决定是否受理，期限自定`,
      objectionVerificationWorkingDays: `${LOCAL}；003 （三）7 要求在规定期限内核实`,
      suspendMeasuresDuringVerification: '003 （三）8（核实期间暂停惩戒）',
    },
  },
];

/**
 * A listing's terms if decided at `decidedAt`: publication runs for the tier's maximum period from
 * the decision date (or, where the policy says so, the basis document's date), counted as the Civil
 * Code counts periods in months (第二百条至第二百零三条): the first day is not counted and the
 * period's last day is the corresponding day of the last month; removal falls at 24:00
 * Asia/Shanghai of that day. Repair may be applied for once the tier's minimum has run out in the
 * same way.
 */
export function listingTerms(
  policy: Pick<PolicyTerms, 'publicationMonths' | 'publicationStartsFrom'>,
  tier: Tier,
  basisDate: string,
  decidedAt: Date,
) {
  const { min, max } = policy.publicationMonths[tier];
  const decidedOn = shanghaiDate(decidedAt);
  const startsOn = policy.publicationStartsFrom === 'BASIS' ? basisDate : decidedOn;
  const publicationEndsOn = addCalendarMonths(startsOn, max);
  return {
    decidedOn,
    startsOn,
    publicationEndsOn,
    removalAt: startOfShanghaiDay(addCalendarDays(publicationEndsOn, 1)).toISOString(),
    repairEligibleFrom: (min === 0 ? decidedAt : startOfShanghaiDay(addCalendarDays(addCalendarMonths(startsOn, min), 1))).toISOString(),
    max,
  };
}
