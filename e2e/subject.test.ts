// The subject's credit record in the browser: from a case to the company's record and its legal
// representative's, with the measures in force on each; and the party's own record from its menu.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { fileListed, startStack, type Stack } from '../tests/support/stack';
import { designationForm } from '../tests/support/fixtures';
import { givePurpose, launchChromium, reportPagesOnFailure, signIn } from './browser';

let stack: Stack;
let browser: Browser;
beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack('e2e_subject'), launchChromium()]);
});
reportPagesOnFailure(() => browser);
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

/** With E2E_SHOTS=<dir>, the page at a desk's width and a phone's, for a person to look at. */
async function shots(page: Page, name: string) {
  const dir = process.env.E2E_SHOTS;
  if (!dir) return;
  for (const width of [1366, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `${dir}/${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1366, height: 900 });
}

describe("a subject's credit record", () => {
  it('leads from a case to the company and its legal representative, each with the measures in force on it', async () => {
    const form = designationForm({ listType: 'MARKET' });
    const { id, caseNumber } = await fileListed(stack.baseUrl, form);
    const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1366, height: 900 } });
    await signIn(page, stack.baseUrl, 'caseworker');
    await page.goto(`${stack.baseUrl}/cases/${id}`);
    await page.getByTestId('subject-record-link').click();
    const record = page.getByTestId('subject-record');
    await record.waitFor({ timeout: 20_000 });
    expect(await record.textContent()).toContain('某某建设工程有限公司');
    const listings = page.getByTestId('subject-listings');
    expect(await listings.textContent()).toContain(caseNumber);
    expect(await listings.textContent()).toContain('失信主体');
    const inForce = await page.getByTestId('measures-in-force').textContent();
    expect(inForce).toContain('依法限制参加政府采购活动');
    // The bar on serving as a director restrains the legal representative, not the company.
    expect(inForce).not.toContain('限制担任企业法定代表人');
    await shots(page, 'subject-company');

    // A natural person's record, by ID number: the caseworker says why first (查询事由).
    await page.goto(`${stack.baseUrl}/subjects/${form.responsiblePersons[0]!.idNumber}`);
    await givePurpose(page, '信用审查');
    await record.waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('subject-listings').textContent()).toContain('法定代表人');
    expect(await page.getByTestId('measures-in-force').textContent()).toContain('限制担任企业法定代表人、董事、监事、高级管理人员');
    await shots(page, 'subject-person');
    await page.close();
  });

  it("shows the party its own record from its menu, and no one else's", async () => {
    const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 390, height: 844 } });
    await signIn(page, stack.baseUrl, 'party');
    // On a phone the menu opens from the header.
    await page.getByRole('button', { name: '菜单' }).click();
    await page.getByRole('link', { name: '我的信用记录' }).click();
    await page.getByTestId('subject-record').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('measures-in-force').textContent()).toContain('依法限制参加政府采购活动');
    await page.goto(`${stack.baseUrl}/subjects/11010519491231002X`);
    await expect.poll(() => page.locator('.ant-alert').textContent(), { timeout: 20_000 }).toContain('无权查看');
    await page.close();
  });
});
