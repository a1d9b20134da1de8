// The lists in the browser, each as the case list is: the deadline watch (a supervisor), the units'
// inbox (a unit's user), the audit trail (a supervisor) and the public lookup (anyone) — searched,
// paged on the server with their totals, and exported to .xlsx as downloaded files.
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { fileListed, startStack, type Stack } from '../tests/support/stack';
import { designationForm } from '../tests/support/fixtures';
import type { Prisma } from '../generated/prisma/client';
import { chooseOption, launchChromium, reportPagesOnFailure, screenshots, signIn } from './browser';

let stack: Stack;
let browser: Browser;
let first: { id: string; caseNumber: string };
let second: { id: string; caseNumber: string };
beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack('e2e-lists'), launchChromium()]);
  first = await fileListed(stack.baseUrl, designationForm());
  second = await fileListed(stack.baseUrl, designationForm({ subjectName: '某某贸易有限公司', subjectCode: '9144030071526726XG' }));
  // More than a page of each: running deadlines on the first case (one overdue), and published
  // listings of other companies found by the same words.
  const at = (days: number) => new Date(Date.now() + days * 86_400_000);
  for (let i = 0; i < 22; i++) {
    // The first one overdue since yesterday; the others due from tomorrow on.
    const due = at(i === 0 ? -1 : i);
    await stack.db.caseDeadline.create({
      data: {
        caseId: first.id,
        key: `e2e-${i}`,
        kind: i % 2 ? 'REPAIR_DECISION' : 'OBJECTION_ACCEPTANCE',
        startedAt: at(-10),
        workingDays: 10,
        dueDate: new Date(`${due.toISOString().slice(0, 10)}T00:00:00Z`),
        dueAt: due,
        provisional: false,
      },
    });
  }
  const listed = await stack.db.case.findUniqueOrThrow({ where: { id: second.id } });
  for (let i = 1; i <= 21; i++) {
    const id = randomUUID();
    await stack.db.case.create({
      data: {
        ...listed,
        id,
        caseNumber: `${listed.caseNumber}-${i}`,
        workflowId: `e2e-${id}`,
        activeListingKey: null,
        noticeNumber: null,
        subjectName: `某某贸易${i}号有限公司`,
        form: listed.form as Prisma.InputJsonValue,
      },
    });
  }
}, 240_000);
reportPagesOnFailure(() => browser);
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

/** Presses the export and answers the downloaded file's name and its sheet's rows (the header first). */
async function exported(page: Page): Promise<{ name: string; rows: unknown[][] }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export').click()]);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile((await download.path())!);
  const rows: unknown[][] = [];
  book.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return { name: download.suggestedFilename(), rows };
}

const rowsOf = (page: Page, testId: string) => page.getByTestId(testId).locator('.ant-table-row');
const totalOf = (page: Page) => page.locator('.ant-pagination-total-text').first().textContent();
const search = (page: Page, form: string) =>
  page
    .getByTestId(form)
    .getByRole('button', { name: /查\s?询/ })
    .click();

describe('the lists in the browser', () => {
  it('the supervisor searches the deadline watch, pages it and exports what it found', async () => {
    const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1366, height: 900 } });
    await signIn(page, stack.baseUrl, 'supervisor');
    await page.getByTestId('sidebar').getByRole('link', { name: '期限监控' }).click();
    await expect.poll(() => totalOf(page)).toBe('共 22 个期限');
    expect(await rowsOf(page, 'deadline-watch').count()).toBe(20);
    await expect.poll(() => rowsOf(page, 'deadline-watch').first().textContent()).toContain('已超期');
    await screenshots(page, 'deadline-watch');
    await page.locator('.ant-pagination-item-2').first().click();
    await expect.poll(() => rowsOf(page, 'deadline-watch').count()).toBe(2);
    expect(page.url()).toContain('page=2');

    await page.getByTestId('deadline-search').getByText('已超期').click();
    await search(page, 'deadline-search');
    await expect.poll(() => totalOf(page)).toBe('共 1 个期限');
    await chooseOption(page, '期限种类', '修复决定期限');
    await search(page, 'deadline-search');
    await expect.poll(() => rowsOf(page, 'deadline-watch').count()).toBe(0);
    await expect.poll(() => page.getByTestId('deadline-watch').textContent()).toContain('没有符合条件的期限');

    await page
      .getByTestId('deadline-search')
      .getByRole('button', { name: /重\s?置/ })
      .click();
    // Reset: every filter cleared, and every deadline listed again.
    await expect.poll(() => totalOf(page)).toBe('共 22 个期限');
    await page.getByLabel('名称或代码').fill(first.caseNumber);
    await chooseOption(page, '期限种类', '修复决定期限');
    await search(page, 'deadline-search');
    await expect.poll(() => totalOf(page)).toBe('共 11 个期限');
    const file = await exported(page);
    expect(file.name).toMatch(/^期限监控查询结果-\d{4}-\d{2}-\d{2}\.xlsx$/);
    expect(file.rows[0]).toContain('截止日期');
    expect(file.rows).toHaveLength(12);
    expect(new Set(file.rows.slice(1).map((r) => r[5]))).toEqual(new Set(['修复决定期限']));
  });

  it('the unit searches its inbox and exports it; what it found stays in the address', async () => {
    const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1366, height: 900 } });
    await signIn(page, stack.baseUrl, 'unit');
    await page.getByTestId('sidebar').getByRole('link', { name: '推送名单' }).click();
    await expect.poll(() => totalOf(page)).toBe('共 2 条推送');
    await screenshots(page, 'inbox');
    await page.getByLabel('名称或代码').fill('贸易');
    await search(page, 'inbox-search');
    await expect.poll(() => totalOf(page)).toBe('共 1 条推送');
    expect(await rowsOf(page, 'inbox').first().textContent()).toContain(second.caseNumber);
    await page.reload();
    await expect.poll(() => totalOf(page)).toBe('共 1 条推送');
    expect(await page.getByLabel('名称或代码').inputValue()).toBe('贸易');

    await page
      .getByTestId('inbox-search')
      .getByRole('button', { name: /重\s?置/ })
      .click();
    await chooseOption(page, '签收情况', '未签收');
    await search(page, 'inbox-search');
    await expect.poll(() => totalOf(page)).toBe('共 2 条推送');
    const file = await exported(page);
    expect(file.name).toMatch(/^推送名单查询结果-.*\.xlsx$/);
    expect(file.rows.slice(1).map((r) => r[0])).toEqual([second.caseNumber, first.caseNumber]);
    expect(file.rows[1]![9]).toBe('未签收');
  });

  it('the supervisor reads the audit trail: actions and actors by name, the system as the system, paged and exported', async () => {
    const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1366, height: 900 } });
    await signIn(page, stack.baseUrl, 'supervisor');
    await page.getByTestId('sidebar').getByRole('link', { name: '审计日志' }).click();
    await expect.poll(() => rowsOf(page, 'audit-list').count()).toBe(20);
    const total = Number((await totalOf(page))!.match(/\d+/)![0]);
    expect(total).toBeGreaterThan(20);
    const text = await page.getByTestId('audit-list').textContent();
    expect(text).toContain('系统自动');
    expect(text).not.toMatch(/[A-Z]{3,}_[A-Z]+/); // no raw codes
    await screenshots(page, 'audit');
    await page.locator('.ant-pagination-item-2').first().click();
    await expect.poll(() => page.url()).toContain('page=2');

    await chooseOption(page, '办理事项', '立案登记');
    await page.keyboard.press('Escape');
    await search(page, 'audit-search');
    await expect.poll(() => totalOf(page)).toBe('共 2 条记录');
    expect(await rowsOf(page, 'audit-list').first().textContent()).toContain('张经办');
    const file = await exported(page);
    expect(file.name).toMatch(/^审计日志查询结果-.*\.xlsx$/);
    expect(file.rows.slice(1).map((r) => r[4])).toEqual(['立案登记', '立案登记']);

    await page
      .getByTestId('audit-search')
      .getByRole('button', { name: /重\s?置/ })
      .click();
    await page.getByLabel('办理人').fill('系统');
    await search(page, 'audit-search');
    await expect.poll(() => rowsOf(page, 'audit-list').first().textContent()).toContain('系统自动');
  });

  it('anyone searches the public lookup, pages it and exports what it found, on a desk and a phone', async () => {
    const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1366, height: 900 } });
    await page.goto(`${stack.baseUrl}/public`);
    await page.getByPlaceholder(/名称|代码/).fill('某某贸易');
    await page.getByPlaceholder(/名称|代码/).press('Enter');
    await expect.poll(() => totalOf(page)).toBe('共 22 条');
    expect(await rowsOf(page, 'public-results').count()).toBe(20);
    await screenshots(page, 'public-lookup');
    await page.locator('.ant-pagination-item-2').click();
    await expect.poll(() => rowsOf(page, 'public-results').count()).toBe(2);
    const file = await exported(page);
    expect(file.name).toMatch(/^信用公示查询结果-.*\.xlsx$/);
    expect(file.rows).toHaveLength(23);
    expect(file.rows[0]).toEqual(expect.arrayContaining(['主体名称', '认定事由', '认定部门']));
  });
});
