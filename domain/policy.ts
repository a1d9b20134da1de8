// Policies are data: every period and switch of the procedure, per jurisdiction and list type,
// versioned. A case keeps the version it started under (domain.md, "Policies differ by jurisdiction").
import type { Tier } from './vocabulary';

export interface PolicyTerms {
  noticeWorkingDays: number; // 告知期（陈述申辩期）
  objectionAcceptanceWorkingDays: number; // 异议受理
  objectionVerificationWorkingDays: number; // 异议核实
  suspendMeasuresDuringVerification: boolean; // 核实期间是否中止惩戒
  repairAcceptanceWorkingDays: number; // 修复受理
  repairDecisionWorkingDays: number; // 修复决定
  /** Minimum and maximum publication per tier, in calendar months from the decision date. */
  publicationMonths: Record<Tier, { min: number; max: number }>;
}

export interface PolicyPreset extends PolicyTerms {
  code: string;
  name: string;
  jurisdiction: string;
  source: string;
}

const NATIONAL_TIERS: PolicyTerms['publicationMonths'] = {
  MINOR: { min: 0, max: 3 },
  GENERAL: { min: 3, max: 12 },
  SERIOUS: { min: 12, max: 36 },
};

// The seeds' values. Periods the seeds leave open take the national 2025 value.
export const POLICY_PRESETS: PolicyPreset[] = [
  {
    code: 'NATIONAL-2025',
    name: '全国 2025（信用修复管理办法）',
    jurisdiction: '全国',
    source: '国家发展改革委令2025年第36号；国办发〔2025〕22号',
    noticeWorkingDays: 5,
    objectionAcceptanceWorkingDays: 3,
    objectionVerificationWorkingDays: 20,
    suspendMeasuresDuringVerification: true,
    repairAcceptanceWorkingDays: 3,
    repairDecisionWorkingDays: 10,
    publicationMonths: NATIONAL_TIERS,
  },
  {
    code: 'FUJIAN-2017',
    name: '福建省 2017',
    jurisdiction: '福建省',
    source: '002_f7e7050038ea9267.txt 第二十四条',
    noticeWorkingDays: 5,
    objectionAcceptanceWorkingDays: 3,
    objectionVerificationWorkingDays: 20,
    suspendMeasuresDuringVerification: true,
    repairAcceptanceWorkingDays: 3,
    repairDecisionWorkingDays: 10,
    publicationMonths: NATIONAL_TIERS,
  },
  {
    code: 'JINAN-2017',
    name: '济南市 2017',
    jurisdiction: '济南市',
    source: '004_68a1a42ccddb019e.txt 四（三）',
    noticeWorkingDays: 5,
    objectionAcceptanceWorkingDays: 3,
    objectionVerificationWorkingDays: 20,
    suspendMeasuresDuringVerification: false,
    repairAcceptanceWorkingDays: 3,
    repairDecisionWorkingDays: 10,
    publicationMonths: NATIONAL_TIERS,
  },
  {
    code: 'QINGHAI-2021',
    name: '青海省 2021',
    jurisdiction: '青海省',
    source: '001_bac89f56941921b5.txt （七）1',
    noticeWorkingDays: 5,
    objectionAcceptanceWorkingDays: 3,
    objectionVerificationWorkingDays: 20,
    suspendMeasuresDuringVerification: true,
    repairAcceptanceWorkingDays: 3,
    repairDecisionWorkingDays: 10,
    publicationMonths: NATIONAL_TIERS,
  },
];
