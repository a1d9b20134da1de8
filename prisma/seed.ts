// Reference data every installation needs (list types, policy presets, the PRC working-day
// calendar from chinese-days) and the demo departments and accounts of the embedded default.
// Idempotent: running it again changes nothing that is already there.
import { createRequire } from 'node:module';
import type { Db } from '../activities/db';
import { POLICY_PRESETS } from '../domain/policy';
import type { Role } from '../domain/vocabulary';
import { hashPassword } from '../api/passwords';

const LIST_TYPES = [
  { code: 'TAX', name: '重大税收违法失信主体', nameEn: 'Major tax violation' },
  { code: 'WAGES', name: '拖欠农民工工资失信联合惩戒对象', nameEn: "Arrears of migrant workers' wages" },
  { code: 'SAFETY', name: '安全生产严重失信主体', nameEn: 'Serious work-safety dishonesty' },
  { code: 'MARKET', name: '市场监督管理严重违法失信名单', nameEn: 'Serious market-regulation violation' },
  { code: 'PROCUREMENT', name: '政府采购严重违法失信行为记录名单', nameEn: 'Serious government-procurement violation' },
];

export async function seedReferenceData(db: Db): Promise<void> {
  for (const t of LIST_TYPES) await db.listType.upsert({ where: { code: t.code }, create: t, update: {} });
  for (const p of POLICY_PRESETS) {
    const { publicationMonths, ...terms } = p;
    await db.policy.upsert({
      where: { code_version: { code: p.code, version: 1 } },
      create: { ...terms, version: 1, publicationMonths },
      update: {},
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
];

const ACCOUNTS: { username: string; displayName: string; role: Role; dept?: string; subjectCode?: string }[] = [
  { username: 'caseworker', displayName: '张经办', role: 'CASEWORKER', dept: 'CREDIT' },
  { username: 'supervisor', displayName: '李审核', role: 'SUPERVISOR', dept: 'CREDIT' },
  { username: 'unit', displayName: '王配合（市场监管局）', role: 'COOPERATING_UNIT', dept: 'SAMR' },
  { username: 'party', displayName: '某某建设工程有限公司', role: 'PARTY', subjectCode: DEMO_PARTY_CODE },
  { username: 'admin', displayName: '系统管理员', role: 'ADMINISTRATOR', dept: 'CREDIT' },
  { username: 'tax-caseworker', displayName: '赵经办（税务局）', role: 'CASEWORKER', dept: 'TAXBUREAU' },
];

export async function seedDemoAccounts(db: Db): Promise<{ username: string; password: string; role: Role; displayName: string }[]> {
  for (const d of DEPARTMENTS) await db.department.upsert({ where: { code: d.code }, create: d, update: {} });
  const depts = new Map((await db.department.findMany()).map((d) => [d.code, d.id]));
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
      },
      update: {},
    });
  }
  return ACCOUNTS.map((a) => ({ username: a.username, password: DEMO_PASSWORD, role: a.role, displayName: a.displayName }));
}
