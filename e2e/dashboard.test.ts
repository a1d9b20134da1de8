// The supervisor's dashboard in the browser: from the menu and from the workbench, the office's
// figures as charts drawn on the page, a listed case counted, states and lists by their names (no
// codes), the figures and the month's report downloadable.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { fileListed, startStack, type Stack } from '../tests/support/stack';
import { designationForm } from '../tests/support/fixtures';
import { button, launchChromium, reportPagesOnFailure, signIn } from './browser';

let stack: Stack;
let browser: Browser;
beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack('e2e_dashboard'), launchChromium()]);
});
reportPagesOnFailure(() => browser);
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

/** At a width, once the charts have redrawn to fit it (G2 redraws 300 ms after the window is resized): the page no wider than the window. */
async function fitted(page: Page, width: number): Promise<void> {
  await page.setViewportSize({ width, height: 900 });
  await expect.poll(() => page.locator('html').evaluate((html) => html.scrollWidth), { timeout: 10_000 }).toBeLessThanOrEqual(width);
  await page.waitForTimeout(1_000);
}

/** As `screenshots` (e2e/browser.ts) has them, each taken once the charts fit the width. */
async function shots(page: Page, name: string, ...focus: Locator[]): Promise<void> {
  const dir = process.env.E2E_SHOTS;
  if (!dir) return;
  for (const width of [1366, 390]) {
    await fitted(page, width);
    await page.screenshot({ path: `${dir}/${name}-${width}.png`, fullPage: true });
    for (const [i, part] of focus.entries()) await part.screenshot({ path: `${dir}/${name}-${width}-part${i + 1}.png` });
  }
  await page.setViewportSize({ width: 1366, height: 900 });
}

describe("the supervisor's dashboard", () => {
  it('shows the office its figures as charts, a listed case counted, and offers the sheet and the report', async () => {
    const { caseNumber } = await fileListed(stack.baseUrl, designationForm());
    const page = await browser.newPage({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1366, height: 900 } });
    await signIn(page, stack.baseUrl, 'supervisor');
    // From the workbench, and in the menu.
    await page.getByTestId('open-dashboard').click();
    await page.waitForURL(/\/dashboard$/);
    expect(await page.getByTestId('sidebar').getByRole('link', { name: '统计分析' }).count()).toBe(1);
    const dashboard = page.getByTestId('dashboard');
    await expect.poll(() => page.getByTestId('dash-scope').textContent(), { timeout: 20_000 }).toBe('市发展和改革委员会（市信用办）');

    // The figures: the case filed and listed this month, on the list now.
    await expect.poll(() => page.getByTestId('figure-filed').textContent()).toContain('1');
    expect(await page.getByTestId('figure-listed').textContent()).toContain('1');
    expect(await page.getByTestId('figure-onList').textContent()).toContain('1');

    // Each chart with something to show drawn (G2 draws on a canvas), with its figures beside the steps' and the units'.
    for (const chart of ['chart-byState', 'chart-flow', 'chart-deadlines', 'chart-steps', 'chart-units']) {
      await expect.poll(() => page.getByTestId(chart).locator('canvas').count(), { timeout: 20_000, message: chart }).toBeGreaterThan(0);
      const box = await page.getByTestId(chart).locator('canvas').first().boundingBox();
      expect(box?.width, chart).toBeGreaterThan(200);
      expect(box?.height, chart).toBeGreaterThan(150);
    }
    // Each chart's key names its series: the listed case's list by its name.
    expect(await page.getByTestId('chart-byState').getByTestId('legend').innerText()).toBe('重大税收违法失信主体');
    expect(await page.getByTestId('chart-deadlines').getByTestId('legend').innerText()).toMatch(/按期\s+逾期\s+进行中/);
    // No objection or repair decided yet: said so, not an empty frame of axes.
    expect(await page.getByTestId('chart-outcomes').innerText()).toContain('本期间暂无数据');
    expect(await page.getByTestId('chart-outcomes').locator('canvas').count()).toBe(0);
    expect(await page.getByTestId('steps-table').textContent()).toContain('立案至列入（全程）');
    expect(await page.getByTestId('units-table').textContent()).toContain('市场监督管理局');
    // No codes on the page: states and list types go by their names.
    const text = (await dashboard.innerText()).replace(caseNumber, '');
    expect(text).not.toMatch(/\b(LISTED|TAX|BLACK|NOTICE_APPROVAL|FILING_TO_LISTING)\b/);

    // The sheet and the report are downloads of this period and this month.
    const month = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(new Date());
    expect(await page.getByTestId('dash-export').getAttribute('href')).toBe('/api/dashboard/export.xlsx?');
    expect(await page.getByTestId('dash-report').getAttribute('href')).toBe(`/api/dashboard/report.pdf?month=${month}`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('dash-report').click()]);
    expect(download.suggestedFilename()).toBe(`月度报告-${month}.pdf`);

    // In English, every word in English.
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.getByTestId('steps-table').textContent()).toContain('Filing to listing (whole designation)');
    const english = await dashboard.innerText();
    expect(english).toContain('Filed in the period');
    expect(await page.getByTestId('chart-byState').getByTestId('legend').innerText()).toMatch(/^[A-Za-z ,()-]+$/);
    for (const word of ['统计分析', '本期立案', '环节', '反馈率', '本期间暂无数据']) expect(english).not.toContain(word);
    if (process.env.E2E_SHOTS) await page.screenshot({ path: `${process.env.E2E_SHOTS}/dashboard-en-1366.png`, fullPage: true });
    await button(page, '中文').click();
    await expect.poll(() => page.getByTestId('steps-table').textContent()).toContain('立案至列入（全程）');

    // On a phone the charts redraw to its width: nothing runs off the side.
    await fitted(page, 390);
    await shots(page, 'dashboard', page.getByTestId('chart-byState'), page.getByTestId('chart-steps'));
    await page.close();
  });

  it('is not offered to a cooperating unit', async () => {
    const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1366, height: 900 } });
    await signIn(page, stack.baseUrl, 'unit');
    expect(await page.getByTestId('sidebar').getByRole('link', { name: '统计分析' }).count()).toBe(0);
    await page.goto(`${stack.baseUrl}/dashboard`);
    await expect.poll(() => page.locator('body').innerText()).toContain('页面不存在');
    await page.close();
  });
});
