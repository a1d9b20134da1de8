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
  'COMMENDATION', // 表彰决定、荣誉称号（红名单）
  'CREDIT_EVALUATION', // 信用评价或分类结果（红名单，如纳税信用A级）
] as const;
export type BasisKind = (typeof BASIS_KINDS)[number];
/** What a black listing may rest on (legally effective documents), and what a red listing may. */
export const BLACK_BASIS_KINDS = [
  'COURT_JUDGMENT',
  'ARBITRAL_AWARD',
  'ADMINISTRATIVE_PENALTY',
  'ADMINISTRATIVE_RULING',
  'OTHER_LEGAL_DOCUMENT',
] as const;
export const RED_BASIS_KINDS = ['COMMENDATION', 'CREDIT_EVALUATION', 'OTHER_LEGAL_DOCUMENT'] as const;

// A list punishes serious dishonesty or rewards trustworthiness (守信联合激励, 000 §三, 002 §10-13, 004 §二).
export const LIST_KINDS = ['BLACK', 'RED'] as const; // 严重失信主体名单 / 守信激励对象名单
export type ListKind = (typeof LIST_KINDS)[number];
// The field a list belongs to: no red listing while on a black list of the same field (one of all fields conflicts with any).
export const CREDIT_FIELDS = ['ALL_FIELDS', 'TAXATION', 'LABOUR', 'WORK_SAFETY', 'MARKET_REGULATION', 'PUBLIC_PROCUREMENT'] as const;
export type CreditField = (typeof CREDIT_FIELDS)[number];
/** Whether a red list and a black list conflict: the same field, or either covers all fields. */
export const fieldsConflict = (a: CreditField, b: CreditField) => a === b || a === 'ALL_FIELDS' || b === 'ALL_FIELDS';

// Responsible persons of an organisation recorded with its listing (002 §18, 003 §(二)7).
export const RESPONSIBLE_ROLES = ['LEGAL_REPRESENTATIVE', 'PRINCIPAL', 'DIRECTLY_RESPONSIBLE'] as const; // 法定代表人 / 主要负责人 / 直接责任人员
export type ResponsibleRole = (typeof RESPONSIBLE_ROLES)[number];

// Grounds for lenient handling (001 §(一)2): 未成年人 / 不可抗力 / 非主观故意且情节轻微.
export const LENIENCY_GROUNDS = ['MINOR_PERSON', 'FORCE_MAJEURE', 'NON_INTENTIONAL_MINOR'] as const;
export type LeniencyGround = (typeof LENIENCY_GROUNDS)[number];

export const STATEMENT_KINDS = ['STATEMENT', 'OBJECTION', 'WAIVER'] as const; // 陈述申辩 / 异议 / 书面放弃（告知期随即结束）
export type StatementKind = (typeof STATEMENT_KINDS)[number];

// What an evidence file is attached to: the filing's scanned basis document, or a statement,
// objection or repair application.
export const ATTACHMENT_PURPOSES = ['BASIS_DOCUMENT', 'STATEMENT', 'OBJECTION', 'REPAIR_APPLICATION'] as const;
export type AttachmentPurpose = (typeof ATTACHMENT_PURPOSES)[number];

// 审计员 (AUDITOR): reads the access log (查询使用登记) and the audit trail of every department, nothing else.
export const ROLES = ['CASEWORKER', 'SUPERVISOR', 'COOPERATING_UNIT', 'PARTY', 'ADMINISTRATOR', 'AUDITOR'] as const;
export type Role = (typeof ROLES)[number];

// States of a designation case as the workflow moves it.
export const CASE_STATES = [
  'AWAITING_NOTICE_APPROVAL', // 告知书待审核
  'DRAFT_RETURNED', // 退回修改
  'AWAITING_NOTICE_SERVICE', // 告知书待送达
  'NOTICE_PERIOD', // 告知期内：等待陈述申辩
  'IN_REVIEW', // 陈述申辩复核中
  'AWAITING_DECISION_APPROVAL', // 认定决定待审批
  'AWAITING_DECISION_SERVICE', // 认定决定书和信用修复告知书待送达（送达前不公示、不推送、不实施惩戒）
  'LISTED', // 已列入名单
  'CLOSED_NOT_LISTED', // 不予列入（复核采纳或审批不予列入）
  'REMOVED', // 已移出（期满、提前、修复或异议成立撤销）
] as const;
export type CaseState = (typeof CASE_STATES)[number];
/** The states in which a case no longer holds its subject's place on the list (Case.activeListingKey). */
export const CLOSED_CASE_STATES: readonly CaseState[] = ['CLOSED_NOT_LISTED', 'REMOVED'];

// States of an objection to a listing, and of a credit-repair application, as the workflow moves them.
export const OBJECTION_STATES = [
  'AWAITING_ACCEPTANCE', // 待受理
  'NOT_ACCEPTED', // 不予受理
  'IN_VERIFICATION', // 核实中
  'UPHELD', // 异议成立
  'REJECTED', // 异议不成立
  'ENDED', // 名单已移出，程序终结
] as const;
export type ObjectionState = (typeof OBJECTION_STATES)[number];
export const REPAIR_STATES = [
  'AWAITING_ACCEPTANCE', // 待受理
  'NOT_ACCEPTED', // 不予受理
  'AWAITING_DECISION', // 已受理，待决定
  'GRANTED', // 准予修复
  'REFUSED', // 不予修复
  'ENDED', // 名单已移出，程序终结
] as const;
export type RepairState = (typeof REPAIR_STATES)[number];

/** Who acts on a case; carried into every workflow update and every audit entry. */
export interface Actor {
  userId: string;
  name: string;
  role: Role;
  departmentId: string | null;
}

// How a subject left the list.
export const REMOVAL_KINDS = [
  'EXPIRY', // 公示期满自动移出
  'EARLY', // 审核人决定提前移出
  'REPAIRED', // 信用修复后移出
  'REVOKED', // 异议成立，撤销列入
  'DISHONESTY', // 红名单：其后被列入同一领域的失信名单
] as const;
export type RemovalKind = (typeof REMOVAL_KINDS)[number];

// Who raised an objection after listing (004 §四(三), 000 §五.2).
export const OBJECTION_SOURCES = [
  'PARTY', // 当事人在线提出
  'CASEWORKER_ON_BEHALF', // 经办人代为登记（书面异议）
  'COOPERATING_UNIT', // 配合单位发现信息有误
] as const;
export type ObjectionSource = (typeof OBJECTION_SOURCES)[number];
/** Who an objection came from, by the role of whoever filed it. */
export const objectionSourceOf = (role: Role): ObjectionSource =>
  role === 'PARTY' ? 'PARTY' : role === 'COOPERATING_UNIT' ? 'COOPERATING_UNIT' : 'CASEWORKER_ON_BEHALF';

// What an objection is raised against (国家发展改革委令2025年第36号: the listing, the published
// content, the publication period, or a repair result).
export const OBJECTION_CONCERNS = [
  'LISTING', // 列入决定
  'CONTENT', // 公示内容
  'PERIOD', // 公示期限
  'REPAIR_RESULT', // 信用修复结果
] as const;
export type ObjectionConcern = (typeof OBJECTION_CONCERNS)[number];

// What an upheld objection does to the listing.
export const OBJECTION_REMEDIES = [
  'REVOKE', // 撤销列入
  'CORRECT', // 更正公示信息
  'SHORTEN_PERIOD', // 缩短公示期限
  'GRANT_REPAIR', // 准予信用修复
] as const;
export type ObjectionRemedy = (typeof OBJECTION_REMEDIES)[number];
/** The remedies an upheld objection may take, by what it was raised against. */
export const REMEDIES_FOR: Record<ObjectionConcern, readonly ObjectionRemedy[]> = {
  LISTING: ['REVOKE', 'CORRECT'],
  CONTENT: ['CORRECT'],
  PERIOD: ['SHORTEN_PERIOD'],
  REPAIR_RESULT: ['GRANT_REPAIR'],
};

// Optional repair methods besides proof of correction and the credit commitment (000 §五.4).
export const REPAIR_METHODS = [
  'RECTIFICATION', // 整改
  'CREDIT_VERIFICATION', // 信用核查
  'TRAINING', // 专题培训
  'CREDIT_REPORT', // 信用报告
  'PUBLIC_SERVICE', // 公益服务
] as const;
export type RepairMethod = (typeof REPAIR_METHODS)[number];

// Deadlines the office keeps, one row each in CaseDeadline.
export const DEADLINE_KINDS = [
  'NOTICE_PERIOD', // 告知期（当事人陈述申辩期）
  'STATEMENT_REVIEW', // 陈述申辩复核
  'OBJECTION_ACCEPTANCE', // 异议受理
  'OBJECTION_VERIFICATION', // 异议核实
  'REPAIR_ACCEPTANCE', // 修复受理
  'REPAIR_DECISION', // 修复决定
] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

// Documents served on the party (Document.kind).
export const DOCUMENT_KINDS = [
  'PRIOR_NOTICE', // 失信行为认定告知书（事先告知）
  'LISTING_DECISION', // 失信主体认定决定书
  'CREDIT_REPAIR_NOTICE', // 信用修复告知书（与决定书同时送达）
  'OBJECTION_RESULT', // 异议处理结果告知书
  'REPAIR_RESULT', // 信用修复结果告知书
  'REVIEW_REPLY', // 陈述申辩复核意见告知书
  'CORRECTION_NOTICE', // 信息更正（撤销）告知书：配合单位的异议成立时告知当事人
  'REMOVAL_NOTICE', // 移出名单告知书
  'RED_LISTING_DECISION', // 列入守信激励对象名单决定书
  'RED_REMOVAL_NOTICE', // 移出守信激励对象名单告知书
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
/** A red listing's documents take effect as made: it restrains no one, so nothing waits for their service. */
export const UNSERVED_DOCUMENT_KINDS: readonly DocumentKind[] = ['RED_LISTING_DECISION', 'RED_REMOVAL_NOTICE'];

// What a cooperating unit is told (Push.kind), and whether it has acknowledged it (Push.status).
export const PUSH_KINDS = [
  'LISTING', // 列入名单，实施惩戒
  'REMOVAL', // 移出名单，解除惩戒
  'SUSPENSION', // 异议核实期间中止惩戒
  'RESUMPTION', // 恢复惩戒
  'CORRECTION', // 异议成立，信息更正
  'OBJECTION_RESULT', // 异议核实结果（不成立）
] as const;
export type PushKind = (typeof PUSH_KINDS)[number];
export const PUSH_STATUSES = ['PENDING', 'ACKNOWLEDGED'] as const; // 待签收 / 已签收

// Interviews the listing department holds with a subject that has not rectified (约谈, 000 §五.3).
export const INTERVIEW_KINDS = ['REMINDER', 'WARNING'] as const; // 提示约谈 / 警示约谈
export type InterviewKind = (typeof INTERVIEW_KINDS)[number];
// A unit's execution feedback on one measure (执行反馈): applied (in a matter), not applicable, lifted.
export const FEEDBACK_OUTCOMES = ['APPLIED', 'NOT_APPLICABLE', 'LIFTED'] as const;
export type FeedbackOutcome = (typeof FEEDBACK_OUTCOMES)[number];
// A unit's own deadlines on a push: acknowledge it, give first feedback on a listing, lift after a suspension or removal.
export const UNIT_DEADLINE_KINDS = ['ACKNOWLEDGEMENT', 'FIRST_FEEDBACK', 'LIFTING'] as const;
export type UnitDeadlineKind = (typeof UNIT_DEADLINE_KINDS)[number];
// Where a measure stands for the one it restrains: in force, suspended during an objection, lifted.
export const MEASURE_STANDINGS = ['IN_FORCE', 'SUSPENDED', 'LIFTED'] as const;
export const WEBHOOK_DELIVERY_STATUSES = ['PENDING', 'DELIVERED', 'FAILED'] as const;

// Whom a measure restrains (Measure.targets): the listed organisation or person, or an organisation's responsible persons.
export const MEASURE_TARGETS = ['ORGANISATION', 'PERSON', 'RESPONSIBLE_PERSON'] as const;

// How a measure restrains (Measure.category).
export const MEASURE_CATEGORIES = ['ADMINISTRATIVE', 'MARKET', 'INDUSTRY', 'SOCIAL'] as const; // 行政性 / 市场性 / 行业性 / 社会性约束

// How a document is served on a party (送达; Administrative Penalty Law Art. 61, Civil Procedure Law).
export const SERVICE_METHODS = [
  'ELECTRONIC', // 电子送达（当事人同意，送达至本系统当事人端）：到达之日
  'IN_PERSON', // 直接送达：送达回证签收之日
  'POST', // 邮寄送达：回执上注明的收件日期
  'ANNOUNCEMENT', // 公告送达（其他方式无法送达时）：公告之日起经过政策规定的天数视为送达
] as const;
export type ServiceMethod = (typeof SERVICE_METHODS)[number];

// The administrator's pages (管理变更记录): what a change was made to, and what was done.
export const ADMIN_ENTITIES = ['USER', 'DEPARTMENT', 'MEASURE', 'LIST_TYPE'] as const;
export type AdminEntity = (typeof ADMIN_ENTITIES)[number];
export const ADMIN_ACTIONS = [
  'USER_CREATED',
  'USER_UPDATED',
  'USER_DISABLED',
  'USER_ENABLED',
  'PASSWORD_RESET',
  'ACCOUNT_UNLOCKED',
  'SECOND_FACTOR_RESET',
  'DEPARTMENT_CREATED',
  'DEPARTMENT_UPDATED',
  'MEASURE_CREATED',
  'MEASURE_UPDATED',
  'MEASURE_RETIRED',
  'MEASURE_REINSTATED',
  'LIST_TYPE_CREATED',
  'LIST_TYPE_UPDATED',
  'LIST_TYPE_RETIRED',
  'LIST_TYPE_REINSTATED',
] as const;
export type AdminAction = (typeof ADMIN_ACTIONS)[number];
/** The roles that may enrol a second factor (TOTP): those who approve and those who administer. */
export const SECOND_FACTOR_ROLES = ['SUPERVISOR', 'ADMINISTRATOR'] as const;
