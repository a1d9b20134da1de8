// Reference data every installation needs (list types, policy presets, the PRC working-day
// calendar from chinese-days) and the demo departments and accounts of the embedded default.
// Idempotent: running it again changes nothing that is already there.
import { createRequire } from 'node:module';
import type { Db } from '../activities/db';
import { POLICY_PRESETS } from '../domain/policy';
import type { Role } from '../domain/vocabulary';
import { hashPassword } from '../api/passwords';

// The lists: black lists of serious dishonesty, each in its field, and red lists of trustworthy
// subjects (守信联合激励, 000 §三, 002 §10-13, 004 §二) with their validity. The seeds name red-list
// subjects (信用状况良好的行政相对人、诚信道德模范、行业协会商会推荐的诚信会员…) but no validity: the
// months below are this installation's choice, stated as such.
const LIST_TYPES = [
  { code: 'TAX', name: '重大税收违法失信主体', nameEn: 'Major tax violation', field: 'TAXATION' },
  { code: 'WAGES', name: '拖欠农民工工资失信联合惩戒对象', nameEn: "Arrears of migrant workers' wages", field: 'LABOUR' },
  { code: 'SAFETY', name: '安全生产严重失信主体', nameEn: 'Serious work-safety dishonesty', field: 'WORK_SAFETY' },
  { code: 'MARKET', name: '市场监督管理严重违法失信名单', nameEn: 'Serious market-regulation violation', field: 'MARKET_REGULATION' },
  {
    code: 'PROCUREMENT',
    name: '政府采购严重违法失信行为记录名单',
    nameEn: 'Serious government-procurement violation',
    field: 'PUBLIC_PROCUREMENT',
  },
  {
    code: 'RED-TAX-A',
    name: '纳税信用A级纳税人',
    nameEn: 'A-grade taxpayers',
    kind: 'RED',
    field: 'TAXATION',
    validityMonths: 12,
    legalBasis:
      '《关于对纳税信用A级纳税人实施联合激励措施的合作备忘录》（发改财金〔2016〕1467号，004 附件第5项）；有效期按年度评价结果，12个月',
  },
  {
    code: 'RED-CONTRACT',
    name: '守合同重信用企业',
    nameEn: 'Contract-honouring and trustworthy enterprises',
    kind: 'RED',
    field: 'MARKET_REGULATION',
    validityMonths: 24,
    legalBasis: '003 二（一）1（守合同重信用单位公示）；有效期24个月为本地设定',
  },
  {
    code: 'RED-MODEL',
    name: '诚信典型（诚信道德模范、诚信会员等）',
    nameEn: 'Exemplars of integrity',
    kind: 'RED',
    field: 'ALL_FIELDS',
    validityMonths: 24,
    legalBasis: '000 三.1；002（十）；004 二（一）；有效期24个月为本地设定',
  },
] as const;

export async function seedReferenceData(db: Db): Promise<void> {
  // The kind and field of a list are reference data: an installation seeded before they existed gets them.
  for (const t of LIST_TYPES) {
    await db.listType.upsert({ where: { code: t.code }, create: t, update: { kind: 'kind' in t ? t.kind : 'BLACK', field: t.field } });
  }
  for (const p of POLICY_PRESETS) {
    const { publicationMonths, valueSources, ...terms } = p;
    await db.policy.upsert({
      where: { code_version: { code: p.code, version: 1 } },
      create: { ...terms, version: 1, publicationMonths, valueSources },
      // A preset's first version keeps its terms; where it lacks the sources of its values, it gets them.
      update: { valueSources },
    });
  }
  await seedCalendar(db);
}

/** The official holiday and make-up working-day schedules of 2004–2026, from chinese-days. */
async function seedCalendar(db: Db): Promise<void> {
  const require = createRequire(import.meta.url);
  const data = require('chinese-days/dist/chinese-days.json') as {
    holidays: Record<string, string>;
    workdays: Record<string, string>;
  };
  const known = new Set((await db.calendarYear.findMany({ select: { year: true } })).map((y) => y.year));
  const rows = [
    ...Object.entries(data.holidays).map(([date, label]) => ({ date, kind: 'HOLIDAY' as const, label })),
    ...Object.entries(data.workdays).map(([date, label]) => ({ date, kind: 'MAKEUP_WORKDAY' as const, label })),
  ].filter((r) => !known.has(Number(r.date.slice(0, 4))));
  if (rows.length === 0) return;
  const years = [...new Set(rows.map((r) => Number(r.date.slice(0, 4))))];
  await db.$transaction([
    db.calendarDay.createMany({
      data: rows.map((r) => ({ date: new Date(`${r.date}T00:00:00Z`), kind: r.kind, name: r.label.split(',')[1] ?? r.label })),
      skipDuplicates: true,
    }),
    db.calendarYear.createMany({ data: years.map((year) => ({ year, source: 'chinese-days' })), skipDuplicates: true }),
  ]);
}

export const DEMO_PASSWORD = 'Xinyong@2026';
/** A real company's code shape is used for the demo party: 9135… is valid under GB 32100. */
export const DEMO_PARTY_CODE = '91350100M000100Y43';

const DEPARTMENTS = [
  { code: 'CREDIT', name: '市发展和改革委员会（市信用办）', docPrefix: '市信用办' },
  { code: 'TAXBUREAU', name: '国家税务总局某市税务局', docPrefix: '市税' },
  { code: 'SAMR', name: '市市场监督管理局', docPrefix: '市市监' },
  { code: 'FINANCE', name: '市财政局', docPrefix: '市财' },
  { code: 'PBOC', name: '中国人民银行某市分行', docPrefix: '银' },
  { code: 'HOUSING', name: '市住房和城乡建设局', docPrefix: '市住建' },
];

const ALL_LISTS = ['TAX', 'WAGES', 'SAFETY', 'MARKET', 'PROCUREMENT'];
const RED_LISTS = ['RED-TAX-A', 'RED-CONTRACT', 'RED-MODEL'];
const ORG_AND_PERSON = ['ORGANISATION', 'PERSON'] as const;
const ALL_TIERS = ['MINOR', 'GENERAL', 'SERIOUS'] as const;
// The measures catalogue: content, category, mandatory or recommended, legal basis, implementing unit,
// whom it restrains and the tiers it is proportionate to (过惩相当, 001 §(六)2).
const MEASURES = [
  {
    id: 'M-SOC-01',
    content: '通过“信用中国”网站及本地信用网站向社会公示失信信息',
    category: 'SOCIAL',
    mandatory: true,
    legalBasis: '《国务院办公厅关于进一步完善失信约束制度构建诚信建设长效机制的指导意见》（国办发〔2020〕49号）',
    dept: 'CREDIT',
    listTypes: ALL_LISTS,
    targets: ORG_AND_PERSON,
    tiers: ALL_TIERS,
    discloses: true,
  },
  {
    id: 'M-MKT-01',
    content: '依法限制参加政府采购活动',
    category: 'MARKET',
    mandatory: true,
    legalBasis: '《中华人民共和国政府采购法》第二十二条',
    dept: 'FINANCE',
    listTypes: ALL_LISTS,
    targets: ORG_AND_PERSON,
    tiers: ['SERIOUS'],
  },
  {
    id: 'M-ADM-01',
    content: '限制申请财政性资金项目和财政补助补贴',
    category: 'ADMINISTRATIVE',
    mandatory: false,
    legalBasis: '《国务院关于建立完善守信联合激励和失信联合惩戒制度加快推进社会诚信建设的指导意见》（国发〔2016〕33号）',
    dept: 'FINANCE',
    listTypes: ALL_LISTS,
    targets: ORG_AND_PERSON,
    tiers: ['GENERAL', 'SERIOUS'],
  },
  {
    id: 'M-ADM-02',
    content: '在行政许可审批中从严审核，不适用告知承诺制',
    category: 'ADMINISTRATIVE',
    mandatory: false,
    legalBasis: '国发〔2016〕33号',
    dept: 'SAMR',
    listTypes: ALL_LISTS,
    targets: ORG_AND_PERSON,
    tiers: ['GENERAL', 'SERIOUS'],
  },
  {
    id: 'M-ADM-03',
    content: '列为重点监管对象，提高抽查比例和检查频次',
    category: 'ADMINISTRATIVE',
    mandatory: false,
    legalBasis: '国发〔2016〕33号',
    dept: 'SAMR',
    listTypes: ALL_LISTS,
    targets: ORG_AND_PERSON,
    tiers: ALL_TIERS,
  },
  {
    id: 'M-IND-01',
    content: '限制担任企业法定代表人、董事、监事、高级管理人员',
    category: 'INDUSTRY',
    mandatory: true,
    legalBasis: '《企业信息公示暂行条例》第十八条',
    dept: 'SAMR',
    listTypes: ['MARKET'],
    targets: ['RESPONSIBLE_PERSON', 'PERSON'],
    tiers: ['SERIOUS'],
  },
  {
    id: 'M-IND-02',
    content: '限制参与政府投资工程建设项目招标投标',
    category: 'INDUSTRY',
    mandatory: true,
    legalBasis: '《保障农民工工资支付条例》第四十八条',
    dept: 'HOUSING',
    listTypes: ['WAGES'],
    targets: ['ORGANISATION'],
    tiers: ['SERIOUS'],
  },
  {
    id: 'M-MKT-02',
    content: '作为金融机构融资授信的重要参考',
    category: 'MARKET',
    mandatory: false,
    legalBasis: '《征信业管理条例》',
    dept: 'PBOC',
    listTypes: ALL_LISTS,
    targets: ORG_AND_PERSON,
    tiers: ALL_TIERS,
  },
  {
    id: 'M-ADM-04',
    content: '停止增值税专用发票供应，限制发票领用',
    category: 'ADMINISTRATIVE',
    mandatory: true,
    legalBasis: '《重大税收违法失信主体信息公布管理办法》（国家税务总局令第54号）',
    dept: 'TAXBUREAU',
    listTypes: ['TAX'],
    targets: ['ORGANISATION'],
    tiers: ['SERIOUS'],
  },
  // The incentives catalogue (守信联合激励措施清单): the same catalogue, for the red lists.
  {
    id: 'I-SOC-01',
    content: '在“信用中国”网站及本地信用网站公示优良信用信息，在会展、银企对接等活动中重点推介',
    category: 'SOCIAL',
    mandatory: true,
    legalBasis: '002（十二）；004 二（二）6',
    dept: 'CREDIT',
    listTypes: RED_LISTS,
    targets: ORG_AND_PERSON,
    tiers: ALL_TIERS,
    discloses: true,
  },
  {
    id: 'I-ADM-01',
    content: '行政审批“绿色通道”，部分材料不齐备而书面承诺限期补正的，容缺受理',
    category: 'ADMINISTRATIVE',
    mandatory: false,
    legalBasis: '002（十一）；004 二（二）2；000 三.2（2）',
    dept: 'SAMR',
    listTypes: RED_LISTS,
    targets: ORG_AND_PERSON,
    tiers: ALL_TIERS,
  },
  {
    id: 'I-ADM-02',
    content: '在日常检查、专项检查中减少检查频次',
    category: 'ADMINISTRATIVE',
    mandatory: false,
    legalBasis: '002（十三）；004 二（二）4',
    dept: 'SAMR',
    listTypes: RED_LISTS,
    targets: ['ORGANISATION'],
    tiers: ALL_TIERS,
  },
  {
    id: 'I-ADM-03',
    content: '在财政性资金项目安排、招商引资配套优惠政策中优先考虑',
    category: 'ADMINISTRATIVE',
    mandatory: false,
    legalBasis: '002（十二）；004 二（二）3',
    dept: 'FINANCE',
    listTypes: RED_LISTS,
    targets: ORG_AND_PERSON,
    tiers: ALL_TIERS,
  },
  {
    id: 'I-MKT-01',
    content: '提供“信易贷”等融资便利，降低融资成本',
    category: 'MARKET',
    mandatory: false,
    legalBasis: '002（十二）；004 二（二）5；000 三.2（6）',
    dept: 'PBOC',
    listTypes: RED_LISTS,
    targets: ORG_AND_PERSON,
    tiers: ALL_TIERS,
  },
  {
    id: 'I-TAX-01',
    content: '增值税专用发票按需领用，办税绿色通道',
    category: 'ADMINISTRATIVE',
    mandatory: true,
    legalBasis: '发改财金〔2016〕1467号',
    dept: 'TAXBUREAU',
    listTypes: ['RED-TAX-A'],
    targets: ['ORGANISATION'],
    tiers: ALL_TIERS,
  },
] as const;

const ACCOUNTS: { username: string; displayName: string; role: Role; dept?: string; subjectCode?: string }[] = [
  { username: 'caseworker', displayName: '张经办', role: 'CASEWORKER', dept: 'CREDIT' },
  { username: 'supervisor', displayName: '李审核', role: 'SUPERVISOR', dept: 'CREDIT' },
  { username: 'unit', displayName: '王配合（市场监管局）', role: 'COOPERATING_UNIT', dept: 'SAMR' },
  { username: 'party', displayName: '某某建设工程有限公司', role: 'PARTY', subjectCode: DEMO_PARTY_CODE },
  { username: 'admin', displayName: '系统管理员', role: 'ADMINISTRATOR', dept: 'CREDIT' },
  { username: 'tax-caseworker', displayName: '赵经办（税务局）', role: 'CASEWORKER', dept: 'TAXBUREAU' },
  // 审计员: the access log (查询使用登记) and every department's audit trail, read-only.
  { username: 'auditor', displayName: '周审计', role: 'AUDITOR', dept: 'CREDIT' },
];

export async function seedDemoAccounts(db: Db): Promise<{ username: string; password: string; role: Role; displayName: string }[]> {
  for (const d of DEPARTMENTS) await db.department.upsert({ where: { code: d.code }, create: d, update: {} });
  const depts = new Map((await db.department.findMany()).map((d) => [d.code, d.id]));
  for (const { dept, listTypes, targets, tiers, ...m } of MEASURES) {
    const scope = { targets: [...targets], tiers: [...tiers] };
    await db.measure.upsert({
      where: { id: m.id },
      create: { ...m, ...scope, listTypes: [...listTypes], implementingDepartmentId: depts.get(dept)! },
      update: {},
    });
  }
  const hash = await hashPassword(DEMO_PASSWORD);
  for (const a of ACCOUNTS) {
    await db.user.upsert({
      where: { username: a.username },
      create: {
        username: a.username,
        displayName: a.displayName,
        role: a.role,
        departmentId: a.dept ? depts.get(a.dept) : null,
        subjectCode: a.subjectCode,
        passwordHash: hash,
        // The demo password is printed and published: wherever the API is reachable beyond
        // loopback, each account must choose its own on first sign-in.
        mustChangePassword: true,
      },
      update: {},
    });
  }
  return ACCOUNTS.map((a) => ({ username: a.username, password: DEMO_PASSWORD, role: a.role, displayName: a.displayName }));
}
