// The red list in the browser: the caseworker files a contract-honouring enterprise (守合同重信用)
// with an incentive chosen and why, the supervisor approves it, the case page names the red list and
// its decision, and the public lookup shows it marked as a red listing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startStack, type Stack } from '../tests/support/stack';
import {
  button,
  chooseOption,
  take,
  launchChromium,
  reportPagesOnFailure,
  screenshots,
  signIn,
  stateAfterReload,
  openTab,
} from './browser';

let stack: Stack;
let browser: Browser;
beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack('e2e-red'), launchChromium()]);
});
reportPagesOnFailure(() => browser);
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const INCENTIVE = '行政审批“绿色通道”，部分材料不齐备而书面承诺限期补正的，容缺受理（市市场监督管理局）';

describe('the red list in the browser', () => {
  it('files a red listing with its incentives, the supervisor approves it, and the public sees it as a red listing', async () => {
    const page = await browser.newPage({ locale: 'zh-CN' });
    await signIn(page, stack.baseUrl, 'caseworker');
    await page.getByTestId('todo-OVERDUE').waitFor();
    await screenshots(page, 'workbench-caseworker');
    await page.getByRole('button', { name: '新建守信激励（红名单）' }).click();
    await page.getByLabel('主体名称').fill('某某建设工程有限公司');
    await page.getByLabel('统一社会信用代码 / 公民身份号码').fill('91350100M000100Y43');
    await chooseOption(page, '名单类型', '守合同重信用企业');
    // The list says how long a listing lasts and on what it rests; the black lists are not offered.
    await expect.poll(() => page.getByTestId('red-validity').textContent()).toContain('有效期 24 个月');
    await page.getByLabel('名单类型').click();
    expect(await page.locator('.ant-select-dropdown:visible').getByTitle('重大税收违法失信主体').count()).toBe(0);
    await page.keyboard.press('Escape');
    await page.getByLabel('文书编号').fill('市市监字〔2026〕8号');
    await page.getByLabel('作出机关').fill('市市场监督管理局');
    await page.getByLabel('文书日期').fill('2026-02-10');
    await page.getByLabel('文书日期').press('Enter');
    await page
      .getByLabel('列入事由（符合的激励对象条件）')
      .fill('该企业连续三年合同履约率100%，经市市场监督管理局公示为守合同重信用企业。');
    await expect.poll(() => page.getByTestId('measures').textContent()).toContain('在“信用中国”网站及本地信用网站公示优良信用信息');
    await page.getByLabel(INCENTIVE).check();
    await page.getByLabel(/^选择理由/).fill('企业申报事项较多，适用容缺受理。');
    await screenshots(page, 'red-form', page.getByTestId('measures'));
    await button(page, '提交审核').click();

    await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    await expect.poll(() => page.getByTestId('case-number').textContent()).toMatch(/^市信用办红〔2026〕\d+号$/);
    expect(await page.getByTestId('list-name').first().textContent()).toBe('红名单守合同重信用企业');
    // What the case waits for, and for whom: the supervisor's approval.
    await expect.poll(() => page.getByTestId('next-steps').textContent(), { timeout: 20_000 }).toContain('审批列入守信激励名单审核人');
    const caseUrl = page.url();

    const supervisor = await browser.newPage({ locale: 'zh-CN' });
    await signIn(supervisor, stack.baseUrl, 'supervisor');
    await supervisor.goto(caseUrl);
    await take(supervisor.getByTestId('step-decideRedListing'), '同意列入');
    await expect.poll(() => stateAfterReload(supervisor), { timeout: 20_000 }).toBe('LISTED');
    await openTab(supervisor, 'documents');
    // Its decision is made as it is listed, and takes effect as made: no service is awaited.
    const decision = supervisor.getByTestId('document-RED_LISTING_DECISION');
    await expect.poll(async () => (await stateAfterReload(supervisor), decision.count()), { timeout: 20_000 }).toBe(1);
    expect(await decision.textContent()).toMatch(/^列入守信激励对象名单决定书（市信用办励〔2026〕\d+号）$/);
    expect(await supervisor.getByTestId('served-RED_LISTING_DECISION').count()).toBe(0);
    await screenshots(supervisor, 'red-case');

    const visitor = await browser.newPage({ locale: 'zh-CN' });
    await visitor.goto(`${stack.baseUrl}/public`);
    await visitor.getByPlaceholder(/名称|代码/).fill('91350100M000100Y43');
    await visitor.getByPlaceholder(/名称|代码/).press('Enter');
    const row = visitor.getByTestId('public-results').locator('.ant-table-row').first();
    await expect.poll(() => row.textContent()).toContain('红名单守合同重信用企业');
    await screenshots(visitor, 'red-public');
  });
});
