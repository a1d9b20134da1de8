// Every page of every role, as each user reaches it from the menu: at a desk's width for the staff
// and the units, and on a phone for the party and the public. Each page must show no raw code (a
// state, a kind, a list type, a measure or policy code as the system stores it), no "undefined",
// "null", "NaN" or "Invalid Date", and no error; with E2E_SHOTS=<dir> each is photographed for a
// person to look at.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import * as vocabulary from '../domain/vocabulary';
import { Session, fileListed, startStack, type Stack } from '../tests/support/stack';
import { designationForm } from '../tests/support/fixtures';
import { launchChromium, openTab, reportPagesOnFailure, signIn } from './browser';

let stack: Stack;
let browser: Browser;
let listed: { id: string; caseNumber: string };
let draft: string;
/** Every code the system stores that a person must never read as such. */
let codes: Set<string>;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack('e2e_roles'), launchChromium()]);
  listed = await fileListed(stack.baseUrl, designationForm());
  const caseworker = new Session(stack.baseUrl);
  await caseworker.login('caseworker');
  draft = (
    await caseworker.request(
      'POST',
      '/api/cases',
      designationForm({ subjectName: '某某贸易有限公司', subjectCode: '9144030071526726XG', listType: 'SAFETY' }),
    )
  ).body.id;
  const [lists, measures, policies] = await Promise.all([
    stack.db.listType.findMany({ select: { code: true } }),
    stack.db.measure.findMany({ select: { id: true } }),
    stack.db.policy.findMany({ select: { code: true } }),
  ]);
  codes = new Set([
    ...Object.values(vocabulary).flatMap((v) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [])),
    ...lists.map((l) => l.code),
    ...measures.map((m) => m.id),
    ...policies.map((p) => p.code),
  ]);
  // The check knows the codes it looks for: states, kinds, list types, measures, policies.
  for (const code of ['NOTICE_PERIOD', 'LISTED', 'TAX', 'M-ADM-03', 'NATIONAL-2025']) expect(codes.has(code)).toBe(true);
}, 120_000);
reportPagesOnFailure(() => browser);
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

/** What is wrong with what the page shows a person: raw codes, empty values printed, errors. */
async function problemsOn(page: Page): Promise<string[]> {
  // The page has settled: its requests answered and nothing still loading.
  await page.waitForLoadState('networkidle');
  await expect.poll(() => page.locator('.ant-spin-spinning').count(), { timeout: 20_000 }).toBe(0);
  const text = await page.locator('body').innerText();
  const found = new Set<string>();
  for (const token of text.split(/[^A-Za-z0-9_-]+/)) if (token.length > 1 && codes.has(token)) found.add(`raw code ${token}`);
  for (const m of text.match(/\b(undefined|null|NaN|Invalid Date)\b/g) ?? []) found.add(`printed ${m}`);
  if (text.includes('页面不存在')) found.add('not found');
  return [...found];
}

async function photograph(page: Page, name: string) {
  const dir = process.env.E2E_SHOTS;
  if (dir) await page.screenshot({ path: `${dir}/role-${name}.png`, fullPage: true });
}

/** The menu's own pages (not the Temporal UI, which opens elsewhere). */
async function menuPages(page: Page): Promise<string[]> {
  const links = page.locator('[data-testid="sidebar"] a:not([target="_blank"]), .ant-drawer a:not([target="_blank"])');
  await links.first().waitFor({ state: 'attached' });
  return [...new Set(await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')!)))];
}

/** Visits every page of the menu and every tab of the listed case; answers what was wrong, by page. */
async function walk(page: Page, name: string, cases: string[]): Promise<Record<string, string[]>> {
  const wrong: Record<string, string[]> = {};
  const look = async (where: string) => {
    const problems = await problemsOn(page);
    if (problems.length) wrong[where] = problems;
    await photograph(page, `${name}${where.replace(/[/?=]+/g, '-')}`);
  };
  for (const path of await menuPages(page)) {
    await page.goto(`${stack.baseUrl}${path}`);
    await look(path);
  }
  for (const id of cases) {
    await page.goto(`${stack.baseUrl}/cases/${id}`);
    await page.getByTestId('case-number').waitFor({ timeout: 20_000 });
    const tabs = await page.locator('[data-testid^="tab-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.slice(4)));
    for (const tab of tabs) {
      await openTab(page, tab as Parameters<typeof openTab>[1]);
      await look(`/cases/${id === listed.id ? 'listed' : 'draft'}?tab=${tab}`);
    }
  }
  return wrong;
}

describe('every page of every role', () => {
  for (const [role, width] of [
    ['caseworker', 1366],
    ['supervisor', 1366],
    ['unit', 1366],
    ['admin', 1366],
    ['auditor', 1366],
    ['party', 1366],
    ['party', 390],
  ] as const) {
    it(`shows the ${role} every page of its menu at ${width} px with no raw code, no empty value and no error`, async () => {
      const page = await browser.newPage({ locale: 'zh-CN', viewport: { width, height: 900 } });
      await signIn(page, stack.baseUrl, role);
      if (width < 600) await page.getByRole('button', { name: '菜单' }).click(); // on a phone the menu opens from the header
      // The administrator's own pages are in the walk (from the menu), and the change record is the auditor's too.
      if (role === 'admin')
        expect(await menuPages(page)).toEqual(
          expect.arrayContaining(['/admin/users', '/admin/departments', '/admin/measures', '/admin/list-types', '/admin/changes']),
        );
      if (role === 'auditor') expect(await menuPages(page)).toContain('/admin/changes');
      // (The auditor reads the logs, not the cases.)
      const cases =
        role === 'admin' || role === 'auditor' ? [] : role === 'caseworker' || role === 'supervisor' ? [listed.id, draft] : [listed.id];
      expect(await walk(page, `${role}-${width}`, cases)).toEqual({});
      await page.close();
    });
  }

  it('shows the public lookup at a desk and on a phone with no raw code', async () => {
    for (const width of [1366, 390]) {
      const page = await browser.newPage({ locale: 'zh-CN', viewport: { width, height: 900 } });
      await page.goto(`${stack.baseUrl}/public`);
      await page.getByPlaceholder(/名称|代码/).fill('91350100M000100Y43');
      await page.getByPlaceholder(/名称|代码/).press('Enter');
      await expect.poll(() => page.getByTestId('public-results').locator('.ant-table-row').count(), { timeout: 20_000 }).toBe(1);
      expect(await problemsOn(page)).toEqual([]);
      await photograph(page, `public-${width}`);
      await page.close();
    }
  });
});
