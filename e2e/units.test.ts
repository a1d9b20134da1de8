// The cooperating units in the browser: the administrator makes a unit's API key (its token shown
// once), revokes it (the key then refused) and sets the unit's webhook; the unit acknowledges a
// listing and records that it applied a measure, in what matter; the office reads it on the case
// page, and the administrator reads the webhook's delivery, attempt by attempt.
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { fileListed, startStack, type Stack } from '../tests/support/stack';
import { designationForm } from '../tests/support/fixtures';
import { shanghaiDate } from '../domain/workdays';
import { button, confirm, launchChromium, pressUntilGone, reportPagesOnFailure, signIn, openTab } from './browser';

const COMPANY = '91350100M000100Y43';
const MATTER = '某招标项目资格审查不予通过';

/** The unit's receiver on 127.0.0.1: down (503) on the first attempt, then accepting. */
let receiver: Server;
let receiverUrl = '';
let received = 0;
let stack: Stack;
let browser: Browser;
beforeAll(async () => {
  receiver = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(++received === 1 ? 503 : 200).end());
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/credit-events`;
  [stack, browser] = await Promise.all([startStack('e2e-units'), launchChromium()]);
});
reportPagesOnFailure(() => browser);
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  await new Promise((r) => receiver?.close(r));
});

/** A day (YYYY-MM-DD) as the pages print it: 2026年11月30日. */
const printed = (day: string) => {
  const [y, m, d] = day.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

const lookUp = (token: string) =>
  fetch(`${stack.baseUrl}/api/unit-api/v1/subjects/${COMPANY}`, { headers: { authorization: `Bearer ${token}` } });

async function unitsPage(page: Page) {
  await signIn(page, stack.baseUrl, 'admin');
  await page.getByRole('link', { name: '配合单位接口' }).click();
  const samr = page.getByTestId('unit-SAMR');
  await samr.waitFor();
  return samr;
}

describe('the cooperating units in the browser', () => {
  it("the administrator creates a unit's key, sees it once, revokes it — the key is refused — and sets the webhook", async () => {
    const admin = await browser.newPage({ locale: 'zh-CN' });
    const samr = await unitsPage(admin);
    expect(await samr.locator('.ant-card-head').first().textContent()).toContain('市市场监督管理局');
    // The administrator's many header links each stay on one line inside the header, on a desk and
    // on a phone (they used to break mid-word and spill out of its 64 px, over the title and the page).
    for (const width of [1366, 390]) {
      await admin.setViewportSize({ width, height: 900 });
      const header = (await admin.locator('.ant-layout-header').boundingBox())!;
      for (const link of await admin.locator('.ant-layout-header a').all()) {
        const box = (await link.boundingBox())!;
        expect(box.y + box.height, `${await link.textContent()} at ${width}px`).toBeLessThanOrEqual(header.y + header.height);
        expect(box.height, `${await link.textContent()} at ${width}px`).toBeLessThan(30);
      }
    }
    await admin.setViewportSize({ width: 1280, height: 720 });
    expect(await samr.textContent()).toContain('尚无接口密钥');

    // Too short a name is refused beside the field, and nothing is made.
    await samr.getByLabel('密钥用途').fill('系');
    await button(samr, '创建密钥').click();
    await expect.poll(() => samr.locator('[data-field-error="name"]').textContent()).toContain('至少');
    expect(await stack.db.unitApiKey.count()).toBe(0);

    await samr.getByLabel('密钥用途').fill('行政许可审批系统');
    await button(samr, '创建密钥').click();
    const once = admin.getByTestId('shown-once');
    await once.waitFor();
    expect(await admin.locator('.ant-modal-title').textContent()).toBe('新接口密钥“行政许可审批系统”');
    expect(await once.textContent()).toContain('此密钥只显示这一次，关闭后无法再次查看');
    expect(await once.getByRole('button', { name: '复制' }).count()).toBe(1);
    const token = (await admin.getByTestId('once-value').innerText()).trim();
    expect(token).toMatch(/^cuk_[\w-]{43}$/);
    expect((await lookUp(token)).status).toBe(200);

    // Closed, it is gone: the page shows only its prefix.
    await pressUntilGone(button(admin, '我已妥善保存，关闭'), once);
    const row = samr.locator('.ant-table-row', { hasText: '行政许可审批系统' });
    await expect.poll(() => row.textContent()).toContain(`${token.slice(0, 10)}…`);
    expect(await row.textContent()).toContain('有效');
    expect(await admin.content()).not.toContain(token);

    // Revoking says what stops working, and asks first.
    await button(row, '吊销').click();
    const asked = admin.locator('.ant-popconfirm:visible');
    expect(await asked.textContent()).toContain('吊销密钥“行政许可审批系统”？');
    expect(await asked.textContent()).toContain('查询主体、提交执行反馈都将被拒绝（401），且不能恢复');
    await confirm(admin, '吊销');
    await expect.poll(() => samr.getByTestId('unit-notice').textContent()).toBe('密钥“行政许可审批系统”已吊销');
    await expect.poll(() => row.getByTestId('key-status').textContent()).toMatch(/^已吊销 · .+ · 系统管理员$/);
    expect(await button(row, '吊销').count()).toBe(0);
    const refused = await lookUp(token);
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { title: string }).title).toBe('接口密钥已被吊销');

    // The webhook: a URL that is not http(s) is refused beside the field; a good one gives a secret, once.
    const save = async () => {
      await button(samr, '保存回调地址').click();
      await confirm(admin, '保存回调地址');
    };
    await samr.getByLabel('回调地址（URL）').fill('ftp://example.com/x');
    await save();
    await expect.poll(() => samr.locator('[data-field-error="url"]').textContent()).toBe('请填写 http 或 https 开头的完整地址');
    expect(await stack.db.unitWebhook.count()).toBe(0);
    await samr.getByLabel('回调地址（URL）').fill(receiverUrl);
    await save();
    await once.waitFor();
    expect(await once.textContent()).toContain('此签名密钥只显示这一次');
    const secret = (await admin.getByTestId('once-value').innerText()).trim();
    expect(secret).toBe((await stack.db.unitWebhook.findFirstOrThrow()).secret);
    await pressUntilGone(button(admin, '我已妥善保存，关闭'), once);
    await expect.poll(() => samr.getByTestId('webhook-current').textContent()).toContain(`启用中${receiverUrl}`);
    expect(await samr.getByTestId('deliveries').textContent()).toContain('尚无投递记录');
  });

  it('the unit acknowledges a listing and records a measure applied; the office sees it, and the administrator the delivery', async () => {
    const listed = await fileListed(stack.baseUrl, designationForm());

    const unit = await browser.newPage({ locale: 'zh-CN' });
    await signIn(unit, stack.baseUrl, 'unit');
    await unit.getByRole('link', { name: '推送名单（待办）' }).click();
    const row = unit.locator('.ant-table-row', { has: unit.getByRole('link', { name: listed.caseNumber }) });
    await expect.poll(() => row.textContent()).toContain('列为重点监管对象，提高抽查比例和检查频次');
    // A colleague at the same unit acknowledges it first: this page, not yet read again, is told so.
    const colleague = await browser.newPage({ locale: 'zh-CN' });
    await signIn(colleague, stack.baseUrl, 'unit');
    await colleague.getByRole('link', { name: '推送名单（待办）' }).click();
    const theirs = colleague.locator('.ant-table-row', { has: colleague.getByRole('link', { name: listed.caseNumber }) });
    await button(theirs, '签收').click();
    await expect.poll(() => theirs.textContent()).toContain('已签收');
    await button(row, '签收').click();
    await expect.poll(() => unit.getByTestId('inbox-refusal').textContent()).toBe('该推送已签收');
    await expect.poll(() => row.textContent()).toContain('已签收');

    await row.getByRole('button', { name: '展开行' }).click();
    const form = unit.getByTestId(`feedback-M-ADM-03-${COMPANY}`);
    const latest = unit.getByTestId(`latest-M-ADM-03-${COMPANY}`);
    expect(await latest.count()).toBe(0);
    // Not applicable for now: no day asked (none kept from the form's start), the reason recorded.
    await form.getByLabel('反馈', { exact: true }).click();
    await unit.locator('.ant-select-dropdown:visible').getByTitle('不适用').click();
    expect(await form.getByLabel('日期').count()).toBe(0);
    await form.getByLabel('不适用理由').fill('本单位暂无该主体的在办事项。');
    await button(form, '提交反馈').click();
    await expect.poll(() => latest.textContent(), { timeout: 20_000 }).toMatch(/^不适用\s+本单位暂无该主体的在办事项。$/);
    // Applied, with no matter named: refused beside the field, nothing recorded.
    // The day entered, kept: the test may run across midnight in Shanghai.
    const appliedOn = shanghaiDate(new Date());
    await form.getByLabel('日期').fill(appliedOn);
    await button(form, '提交反馈').click();
    await expect
      .poll(() => form.locator('[data-field-error="matter"]').textContent())
      .toBe('请写明实施所涉事项（至少 5 个字，如某项目投标资格被拒绝）');
    expect(await stack.db.executionFeedback.count()).toBe(1);
    await form.getByLabel('所涉事项').fill(MATTER);
    await button(form, '提交反馈').click();
    await expect.poll(() => latest.textContent(), { timeout: 20_000 }).toBe(`已实施 ${printed(appliedOn)} ${MATTER}`);

    // The office reads, on the case page, who applied which measure, when and in what matter.
    const caseworker = await browser.newPage({ locale: 'zh-CN' });
    await signIn(caseworker, stack.baseUrl, 'caseworker');
    await caseworker.goto(`${stack.baseUrl}/cases/${listed.id}`);
    await openTab(caseworker, 'units');
    const execution = caseworker.getByTestId('execution');
    await execution.waitFor();
    expect(await execution.textContent()).toContain('市市场监督管理局');
    expect(await execution.getByTestId(`office-latest-M-ADM-03-${COMPANY}`).textContent()).toBe(
      `已实施 ${printed(appliedOn)} ${MATTER} · 王配合（市场监管局）`,
    );

    // The listing went to the unit's webhook: refused once, then delivered; each attempt on the page.
    await expect
      .poll(async () => (await stack.db.webhookDelivery.findFirst({ where: { push: { caseId: listed.id } } }))?.status, {
        timeout: 30_000,
      })
      .toBe('DELIVERED');
    const admin = await browser.newPage({ locale: 'zh-CN' });
    const samr = await unitsPage(admin);
    const delivery = samr.getByTestId('deliveries').locator('.ant-table-row').first();
    await expect.poll(() => delivery.textContent()).toContain('已送达');
    expect(await delivery.textContent()).toContain('列入');
    await delivery.getByRole('button', { name: '展开行' }).click();
    const attempts = samr.getByTestId('deliveries').locator('.ant-table-expanded-row');
    await expect.poll(() => attempts.textContent()).toContain('第 1 次');
    expect(await attempts.textContent()).toMatch(/第 1 次.+503.+第 2 次.+200/);
  });
});
