// The public lookup and the signed-in pages under the Content-Security-Policy the server sends: the
// built app, antd's CSS-in-JS, the dashboard's charts and the API reference (Swagger UI) work with
// no violation reported, at a desk's and a phone's width. The lookup offers its two ways to search,
// each explained, with field errors in Chinese; a person is found by full name and ID number only;
// an organisation's reasons show a phone number masked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { fileListed, startStack, type Stack } from '../tests/support/stack';
import { designationForm, personDesignationForm } from '../tests/support/fixtures';
import { launchChromium, reportPagesOnFailure, screenshots, signIn } from './browser';

let stack: Stack;
let browser: Browser;
let company: { id: string; caseNumber: string };
beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack('e2e-public'), launchChromium()]);
  company = await fileListed(stack.baseUrl, designationForm());
  await fileListed(stack.baseUrl, personDesignationForm());
  // Reasons as a caseworker might have written them, with a person's mobile number in them.
  await stack.db.case.update({
    where: { id: company.id },
    data: { reasons: '该公司虚开增值税专用发票，偷税数额达 120 万元；举报人联系电话 13800138000。' },
  });
}, 240_000);
reportPagesOnFailure(() => browser);
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

/** A page at a width whose console is watched for Content-Security-Policy violations (and uncaught errors). */
async function watchedPage(width: number): Promise<{ page: Page; violations: string[] }> {
  const page = await browser.newPage({ locale: 'zh-CN', viewport: { width, height: 900 } });
  const violations: string[] = [];
  page.on('console', (m) => {
    if (m.text().includes('Content Security Policy')) violations.push(m.text());
  });
  page.on('pageerror', (e) => violations.push(`uncaught: ${e.message}`));
  return { page, violations };
}

const rows = (page: Page) => page.getByTestId('public-results').locator('.ant-table-row');
const fieldError = (page: Page, name: string) => page.locator(`[data-field-error="${name}"]`);
const lookUp = (page: Page) =>
  page
    .getByTestId('public-lookup')
    .getByRole('button', { name: /查\s?询/ })
    .click();

describe('under the Content-Security-Policy', () => {
  for (const width of [1366, 390]) {
    it(`the public lookup searches an organisation and a person as explained, at ${width} px`, async () => {
      const { page, violations } = await watchedPage(width);
      const response = await page.goto(`${stack.baseUrl}/public`);
      expect(response?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
      // An organisation: by code or name, as the hint says; its reasons with the phone number masked.
      await expect.poll(() => page.getByTestId('lookup-hint').textContent()).toContain('统一社会信用代码，或企业、组织的名称');
      await lookUp(page);
      await expect.poll(() => fieldError(page, 'q').textContent()).toBe('必填项');
      await page.getByPlaceholder('输入主体名称或统一社会信用代码').fill('某某建设');
      await lookUp(page);
      await expect.poll(() => rows(page).count(), { timeout: 20_000 }).toBe(1);
      const found = await rows(page).first().textContent();
      expect(found).toContain('91350100M000100Y43');
      expect(found).toContain('举报人联系电话 138****8000');
      expect(found).not.toContain('13800138000');
      if (width === 1366) await screenshots(page, 'public-organisation'); // both widths

      // A person: both fields, exactly; the page says so, and refuses each field in Chinese.
      await page.getByText('查自然人').click();
      await expect.poll(() => page.getByTestId('lookup-hint').textContent()).toContain('须同时输入完整姓名和 18 位公民身份号码');
      await lookUp(page);
      await expect.poll(() => fieldError(page, 'name').textContent()).toBe('必填项');
      expect(await fieldError(page, 'idNumber').textContent()).toBe('必填项');
      await page.getByLabel('姓名（全名）').fill('张某某');
      await page.getByLabel('公民身份号码').fill('110105194912310021');
      await lookUp(page);
      await expect.poll(() => fieldError(page, 'idNumber').textContent()).toBe('公民身份号码校验码错误，请核对');
      if (width === 1366) await screenshots(page, 'public-person-refused'); // both widths
      // The surname and part of the name find nothing, with the right ID number.
      await page.getByLabel('公民身份号码').fill('11010519491231002X');
      await page.getByLabel('姓名（全名）').fill('张某');
      await lookUp(page);
      await expect.poll(() => page.getByTestId('public-results').textContent()).toContain('未查询到公示中的失信主体');
      await page.getByLabel('姓名（全名）').fill('张某某');
      await lookUp(page);
      await expect.poll(() => rows(page).count()).toBe(1);
      expect(await rows(page).first().textContent()).toContain('张**');
      expect(await rows(page).first().textContent()).toContain('110105***********X');
      if (width === 1366) await screenshots(page, 'public-person'); // both widths
      expect(violations).toEqual([]);
      await page.close();
    });
  }

  it('a signed-in caseworker works on the case page and the dashboard, at a desk and on a phone', async () => {
    const { page, violations } = await watchedPage(1366);
    await signIn(page, stack.baseUrl, 'caseworker');
    await page.goto(`${stack.baseUrl}/cases/${company.id}`);
    await expect.poll(() => page.getByTestId('case-number').textContent(), { timeout: 20_000 }).toContain(company.caseNumber);
    await screenshots(page, 'csp-case'); // at 1366 and 390 px
    await page.goto(`${stack.baseUrl}/dashboard`);
    await expect.poll(() => page.locator('canvas').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await screenshots(page, 'csp-dashboard');
    expect(violations).toEqual([]);
    await page.close();
  });

  it('the API reference (Swagger UI) renders', async () => {
    const { page, violations } = await watchedPage(1366);
    await page.goto(`${stack.baseUrl}/api/docs/`);
    await expect.poll(() => page.locator('.swagger-ui .info .title').textContent(), { timeout: 20_000 }).toContain('API');
    await expect.poll(() => page.locator('.opblock').count()).toBeGreaterThan(10);
    await screenshots(page, 'csp-api-docs');
    expect(violations).toEqual([]);
    await page.close();
  });
});
