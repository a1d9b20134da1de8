// The procedure's fixed vocabulary. Labels live in ./messages.ts (zh-CN first, English second).

export const SUBJECT_TYPES = ['ORGANISATION', 'PERSON'] as const; // 法人和非法人组织 / 自然人
export type SubjectType = (typeof SUBJECT_TYPES)[number];

// Tiers of dishonesty information (国办发〔2025〕22号): 轻微 / 一般 / 严重.
export const TIERS = ['MINOR', 'GENERAL', 'SERIOUS'] as const;
export type Tier = (typeof TIERS)[number];

// Legally effective documents a designation may rest on (001 §(三)2).
export const BASIS_KINDS = [
  'COURT_JUDGMENT', // 人民法院生效判决、裁定
  'ARBITRAL_AWARD', // 仲裁裁决
  'ADMINISTRATIVE_PENALTY', // 行政处罚决定
  'ADMINISTRATIVE_RULING', // 行政裁决
  'OTHER_LEGAL_DOCUMENT', // 法律、法规规定的其他文书
] as const;
export type BasisKind = (typeof BASIS_KINDS)[number];

// Responsible persons of an organisation recorded with its listing (002 §18, 003 §(二)7).
export const RESPONSIBLE_ROLES = ['LEGAL_REPRESENTATIVE', 'PRINCIPAL', 'DIRECTLY_RESPONSIBLE'] as const; // 法定代表人 / 主要负责人 / 直接责任人员
export type ResponsibleRole = (typeof RESPONSIBLE_ROLES)[number];

// Grounds for lenient handling (001 §(一)2): 未成年人 / 不可抗力 / 非主观故意且情节轻微.
export const LENIENCY_GROUNDS = ['MINOR_PERSON', 'FORCE_MAJEURE', 'NON_INTENTIONAL_MINOR'] as const;
export type LeniencyGround = (typeof LENIENCY_GROUNDS)[number];

export const STATEMENT_KINDS = ['STATEMENT', 'OBJECTION'] as const; // 陈述申辩 / 异议
export type StatementKind = (typeof STATEMENT_KINDS)[number];

export const ROLES = ['CASEWORKER', 'SUPERVISOR', 'COOPERATING_UNIT', 'PARTY', 'ADMINISTRATOR'] as const;
export type Role = (typeof ROLES)[number];

// States of a designation case as the workflow moves it.
export const CASE_STATES = [
  'NOTICE_PERIOD', // 告知期内：等待陈述申辩
  'IN_REVIEW', // 陈述申辩复核中
  'LISTED', // 已列入名单
  'CLOSED_NOT_LISTED', // 复核采纳，不予列入
  'REMOVED', // 已移出（公示期满）
] as const;
export type CaseState = (typeof CASE_STATES)[number];

/** Who acts on a case; carried into every workflow update and every audit entry. */
export interface Actor {
  userId: string;
  name: string;
  role: Role;
  departmentId: string | null;
}
