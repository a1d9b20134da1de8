// Bulk import in the browser: the caseworker uploads an .xlsx list, sees each row checked (one with
// its errors by column), confirms, and watches the batch's progress reach 100%; the supervisor then
// approves the batch's prior notices together, with one opinion, each case answering for itself.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startStack, type Stack } from '../tests/support/stack';
import { enterpriseRow, importXlsx } from '../tests/support/import';
import { button, launchChromium, reportPagesOnFailure, screenshots, settled, signIn } from './browser';

let stack: Stack;
let browser: Browser;
beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack('e2e-import'), launchChromium()]);
}, 240_000);
reportPagesOnFailure(() => browser);
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('bulk import', () => {
  it('previews a file with an error row, imports the valid rows with a live progress bar, and the supervisor approves them in a batch', async () => {
    const file = await importXlsx([
      enterpriseRow(501),
      enterpriseRow(502, { subjectCode: '914403001922038217', tier: '很严重' }),
      enterpriseRow(503),
      enterpriseRow(504),
    ]);
    const caseworker = await browser.newPage();
    await signIn(caseworker, stack.baseUrl, 'caseworker');
    await caseworker.getByRole('menuitem', { name: '批量导入' }).click();
    await caseworker.locator('input[type=file]').setInputFiles({
      name: '税务稽查失信名单.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: Buffer.from(file),
    });
    const preview = caseworker.getByTestId('import-preview');
    await expect.poll(() => caseworker.getByTestId('preview-valid').textContent()).toBe('有效 3 行');
    await expect.poll(() => caseworker.getByTestId('preview-invalid').textContent()).toBe('有误 1 行');
    const errors = caseworker.getByTestId('row-errors-3');
    await expect.poll(() => errors.innerText()).toContain('统一社会信用代码/身份证号：统一社会信用代码校验位错误，请核对');
    expect(await errors.innerText()).toContain('失信等级：应为“严重”“一般”或“轻微”');
    expect(await stack.db.case.count()).toBe(0);
    await screenshots(caseworker, 'import-preview', preview);

    await caseworker.getByTestId('import-confirm').click();
    const dialogue = caseworker.locator('.ant-modal-confirm:visible');
    const ok = button(dialogue, '确认');
    await settled(dialogue, ok);
    await ok.click();
    // The batch's page: the bar moves while the rows are filed, and reaches 100%.
    await caseworker.waitForURL(/\/imports\/[0-9a-f-]{36}$/);
    await expect
      .poll(() => caseworker.getByTestId('import-progress').first().getAttribute('aria-valuenow'), { timeout: 60_000 })
      .toBe('100');
    await expect.poll(() => caseworker.getByTestId('import-status').textContent()).toContain('已完成');
    expect(await caseworker.locator('.ant-table-row').count()).toBe(3);
    expect(await caseworker.locator('.ant-table-row').first().innerText()).toMatch(/市信用办认〔\d{4}〕\d+号/);
    await screenshots(caseworker, 'import-batch');
    const batchUrl = caseworker.url();

    // The supervisor approves the batch's notices together.
    const supervisor = await (await browser.newContext()).newPage();
    await signIn(supervisor, stack.baseUrl, 'supervisor');
    await supervisor.goto(batchUrl);
    await supervisor.getByTestId('approve-batch').click();
    await supervisor.getByTestId('import-batch-filter').waitFor();
    await expect.poll(() => supervisor.locator('.ant-table-row').count()).toBe(3);
    await supervisor.locator('.ant-table-thead .ant-checkbox-input').check();
    await expect.poll(() => supervisor.getByTestId('batch-approve').innerText()).toMatch(/批量同意告知书（3）/);
    await supervisor.getByTestId('batch-approve').click();
    await supervisor.getByTestId('batch-opinion').fill('经核对税务稽查处罚决定，同意送达告知书。');
    await supervisor.getByTestId('batch-approve-ok').click();
    await supervisor.getByTestId('batch-approve-confirm').click();
    await expect.poll(() => supervisor.getByTestId('batch-summary').textContent(), { timeout: 60_000 }).toBe('已同意 3 件，未能办理 0 件');
    await screenshots(supervisor, 'import-batch-approval', supervisor.locator('.ant-modal:visible'));
    await supervisor.getByTestId('batch-close').click();

    const cases = await stack.db.case.findMany({ include: { events: true } });
    expect(cases).toHaveLength(3);
    for (const c of cases) {
      expect(c.state).not.toBe('AWAITING_NOTICE_APPROVAL');
      expect(c.events.find((e) => e.action === 'NOTICE_APPROVED')?.reason).toBe('经核对税务稽查处罚决定，同意送达告知书。');
    }
  }, 300_000);
});
