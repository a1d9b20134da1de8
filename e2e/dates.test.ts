// Dates as a Beijing reader reads them, whatever the browser's own zone: a case filed and listed at
// 00:30 on 1 December Beijing time (16:30 on 30 November UTC) shows 1 December on the case list,
// the public lookup and the subject's record; a repair that opens at 00:00 on a Beijing day shows that day.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { fileListed, startStack, type Stack } from '../tests/support/stack';
import { designationForm } from '../tests/support/fixtures';
import { launchChromium, reportPagesOnFailure, screenshots, signIn } from './browser';

let stack: Stack;
let browser: Browser;
beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack('e2e-dates'), launchChromium()]);
});
reportPagesOnFailure(() => browser);
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const HALF_PAST_MIDNIGHT = new Date('2026-11-30T16:30:00Z'); // 2026-12-01 00:30 in Beijing

describe('dates in Asia/Shanghai', () => {
  it('shows the Beijing day of a case filed and listed at 00:30, in a browser set to UTC', async () => {
    const listed = await fileListed(stack.baseUrl, designationForm());
    await stack.db.case.update({
      where: { id: listed.id },
      data: { createdAt: HALF_PAST_MIDNIGHT, listedAt: HALF_PAST_MIDNIGHT, repairEligibleFrom: new Date('2027-11-30T16:00:00Z') },
    });
    const page = await browser.newPage({ locale: 'zh-CN', timezoneId: 'UTC' });
    await signIn(page, stack.baseUrl, 'caseworker');
    await page.getByRole('link', { name: '案件列表' }).click();
    const row = page.locator('.ant-table-row', { hasText: listed.caseNumber });
    await expect.poll(() => row.textContent()).toContain('2026年12月1日');
    expect(await row.textContent()).not.toContain('2026年11月30日');
    await screenshots(page, 'case-list');

    await page.goto(`${stack.baseUrl}/subjects/91350100M000100Y43`);
    await expect.poll(() => page.locator('.ant-table-row', { hasText: listed.caseNumber }).textContent()).toContain('2026年12月1日');

    const party = await browser.newPage({ locale: 'zh-CN', timezoneId: 'UTC' });
    await signIn(party, stack.baseUrl, 'party');
    await party.goto(`${stack.baseUrl}/cases/${listed.id}`);
    await expect.poll(() => party.locator('body').textContent(), { timeout: 20_000 }).toContain('2027年12月1日');

    const visitor = await browser.newPage({ locale: 'zh-CN', timezoneId: 'UTC' });
    await visitor.goto(`${stack.baseUrl}/public`);
    await visitor.getByPlaceholder(/名称|代码/).fill('91350100M000100Y43');
    await visitor.getByPlaceholder(/名称|代码/).press('Enter');
    await expect
      .poll(() => visitor.getByTestId('public-results').locator('.ant-table-row').first().textContent())
      .toContain('2026年12月1日');
  });
});
