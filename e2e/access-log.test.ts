// 查询使用登记 in the browser: a caseworker opening a natural person's record is asked why, once per
// record, and reads it once the purpose is given; the auditor, whose menu is the logs, finds that
// read in the access log with its purpose, exports it, and reads nothing of the case itself.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { fileListed, startStack, type Stack } from '../tests/support/stack';
import { designationForm } from '../tests/support/fixtures';
import { button, launchChromium, reportPagesOnFailure, screenshots, settled, signIn } from './browser';

let stack: Stack;
let browser: Browser;
let listed: { id: string; caseNumber: string };
const form = designationForm({ listType: 'MARKET' });
const PERSON = form.responsiblePersons[0]!.idNumber;
const NOTE = '核对法定代表人任职限制';

beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack('e2e_access_log'), launchChromium()]);
  listed = await fileListed(stack.baseUrl, form);
}, 180_000);
reportPagesOnFailure(() => browser);
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const rowsOf = (page: Page) => page.getByTestId('access-list').locator('.ant-table-row');

describe('the access log in the browser', () => {
  it("asks the caseworker the purpose of reading a person's record, once, and shows it", async () => {
    const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1366, height: 900 } });
    await signIn(page, stack.baseUrl, 'caseworker');
    // The company's case and record ask nothing.
    await page.goto(`${stack.baseUrl}/cases/${listed.id}`);
    await page.getByTestId('subject-record-link').click();
    await page.getByTestId('subject-record').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('purpose-modal').isVisible()).toBe(false);

    // The legal representative's record, by ID number: the purpose first.
    await page.goto(`${stack.baseUrl}/subjects/${PERSON}`);
    const modal = page.locator('.ant-modal:visible');
    await modal.waitFor({ timeout: 20_000 });
    expect(await modal.textContent()).toContain('登记查询事由');
    expect(await page.getByTestId('purpose-record').textContent()).toContain(PERSON);
    expect(await page.getByTestId('subject-record').count()).toBe(0);
    await modal.getByText('其他', { exact: true }).click();
    const ok = page.getByTestId('purpose-ok');
    await settled(modal, ok);
    await ok.click();
    // "Other" needs its words.
    await expect.poll(() => modal.textContent()).toContain('选择“其他”时须写明事由');
    await page.getByTestId('purpose-note').fill(NOTE);
    await screenshots(page, 'access-purpose', modal);
    await ok.click();
    const record = page.getByTestId('subject-record');
    await record.waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('subject-listings').textContent()).toContain('法定代表人');
    await screenshots(page, 'access-person-record');

    // Kept for the browser session: the same record again asks nothing.
    await page.reload();
    await record.waitFor({ timeout: 20_000 });
    expect(await page.locator('.ant-modal:visible').count()).toBe(0);

    // Cancelled, the record is not shown and the page offers to ask again.
    await page.evaluate('sessionStorage.clear()');
    await page.reload();
    await modal.waitFor({ timeout: 20_000 });
    await settled(modal, button(modal, '取消'));
    await button(modal, '取消').click();
    await page.getByTestId('purpose-refused').waitFor();
    expect(await page.getByTestId('purpose-refused').textContent()).toContain('须登记查询事由');
    await page.getByTestId('purpose-refused').getByRole('button').click();
    await modal.waitFor();
    await modal.getByText('信用审查', { exact: true }).click();
    await settled(modal, ok);
    await ok.click();
    await record.waitFor({ timeout: 20_000 });
    await page.close();
  });

  it('shows the auditor that read in the access log, with its purpose, and exports it; nothing of the case', async () => {
    const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1366, height: 900 } });
    await signIn(page, stack.baseUrl, 'auditor');
    // The auditor lands on the access log; its menu is the three logs.
    await expect.poll(() => new URL(page.url()).pathname).toBe('/access-log');
    const menu = await page.getByTestId('sidebar').locator('a').allTextContents();
    expect(menu).toEqual(['查询使用登记', '审计日志', '管理变更记录']);

    await page.getByLabel('查询人').fill('张经办');
    await page.getByLabel('查询对象').fill(PERSON);
    await page
      .getByTestId('access-search')
      .getByRole('button', { name: /查\s?询/ })
      .click();
    await expect.poll(() => page.url()).toContain('who=');
    // Newest first: the purpose given after the cancelled dialogue and the two refusals before it;
    // the record read again in the same session, and the first read with its purpose; the first refusal.
    await expect.poll(() => rowsOf(page).count(), { timeout: 20_000 }).toBe(6);
    const rows = await rowsOf(page).allTextContents();
    expect(rows.map((r) => /已查询|已拒绝/.exec(r)![0])).toEqual(['已查询', '已拒绝', '已拒绝', '已查询', '已查询', '已拒绝']);
    expect(rows[0]).toContain('信用审查');
    expect(rows[1]).toContain('已拒绝 400');
    const first = rows[4]!;
    for (const shown of ['张经办', '经办人', '主体信用记录', PERSON, '其他', NOTE, '127.0.0.1', '已查询 200'])
      expect(first).toContain(shown);
    await screenshots(page, 'access-log');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export').click()]);
    expect(download.suggestedFilename()).toMatch(/^查询使用登记-.*\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile((await download.path())!);
    const sheet: unknown[][] = [];
    book.worksheets[0]!.eachRow((row) => sheet.push((row.values as unknown[]).slice(1)));
    expect(sheet).toHaveLength(7);
    expect(sheet.flat()).toContain(NOTE);

    // The audit trail: every department's, the case numbers not links to the case.
    await page.getByTestId('sidebar').getByRole('link', { name: '审计日志' }).click();
    await expect.poll(() => page.getByTestId('audit-list').locator('.ant-table-row').count(), { timeout: 20_000 }).toBeGreaterThan(5);
    expect(await page.getByTestId('audit-list').locator(`a[href^="/cases/"]`).count()).toBe(0);
    await screenshots(page, 'access-auditor-audit');
    // No case page for the auditor.
    await page.goto(`${stack.baseUrl}/cases/${listed.id}`);
    await page.getByTestId('not-found').waitFor();
    await page.close();
  });
});
