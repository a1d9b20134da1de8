// The administrator in the browser: creates a user (each broken rule beside its field, then the
// confirmation saying what follows, then the acknowledgement) who must change the initial password
// at the first sign-in, and edits a measure of the catalogue with its reason, confirmed; each
// record's history shows the change before and after. Screenshots at 1366 and 390 px.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startStack, type Stack } from '../tests/support/stack';
import { button, confirmStep, launchChromium, reportPagesOnFailure, screenshots, signIn } from './browser';

let stack: Stack;
let browser: Browser;
beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack('e2e_admin'), launchChromium()]);
});
reportPagesOnFailure(() => browser);
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('the administrator’s pages', () => {
  it('creates a user who must change the initial password, and edits a measure, each confirmed and recorded', async () => {
    const page = await browser.newPage({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1366, height: 900 } });
    await signIn(page, stack.baseUrl, 'admin');
    await page.locator('[data-testid="sidebar"]').getByText('用户管理', { exact: true }).click();
    await page.getByTestId('user-list').locator('.ant-table-row').first().waitFor();
    await screenshots(page, 'admin-users');

    // A new account: the shared schema refuses what is wrong, beside each field.
    await button(page, '新建用户').first().click();
    const dialogue = page.locator('.ant-modal:visible');
    await dialogue.getByLabel('用户名').fill('qian.jingban');
    await dialogue.getByLabel('姓名').fill('钱经办');
    await dialogue.getByLabel('初始密码').fill('short');
    await button(dialogue, '提交').click();
    await expect.poll(() => dialogue.locator('[data-field-error="initialPassword"]').textContent()).toBe('密码至少 12 个字符');
    expect(await dialogue.locator('[data-field-error="departmentId"]').textContent()).toBe('该角色须属于一个部门');
    expect(await dialogue.locator('[data-field-error="reason"]').textContent()).toBe('至少填写 4 个字');
    await dialogue.getByLabel('部门').click();
    await page.locator('.ant-select-dropdown:visible').getByTitle('市发展和改革委员会（市信用办）').click();
    await dialogue.getByLabel('初始密码').fill('Chushi-Mima-2027a');
    await dialogue.getByLabel('变更理由').fill('新入职经办人员');
    await screenshots(page, 'admin-new-user', dialogue);
    await button(dialogue, '提交').click();
    await expect.poll(() => page.locator('.ant-modal-confirm:visible').textContent()).toContain('确认新建用户“qian.jingban”？');
    await confirmStep(page);
    await page.locator('.ant-message').getByText('用户已创建').waitFor();
    await page.getByTestId('user-list').getByText('qian.jingban').waitFor();
    const row = page.getByTestId('user-list').locator('.ant-table-row', { hasText: 'qian.jingban' });
    expect(await row.textContent()).toContain('待修改初始密码');
    expect(await row.textContent()).toContain('经办人');
    await button(row, '变更历史').click();
    const drawer = page.locator('.ant-drawer:visible');
    await drawer.getByText('新建用户', { exact: true }).waitFor();
    expect(await drawer.textContent()).toContain('新入职经办人员');
    await page.keyboard.press('Escape');

    // The new user signs in and is taken to the change of the initial password, nothing else.
    const user = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1366, height: 900 } });
    await user.goto(stack.baseUrl);
    await user.getByLabel('用户名').fill('qian.jingban');
    await user.getByLabel('密码').fill('Chushi-Mima-2027a');
    await button(user, '登录').click();
    await user.getByTestId('change-password').waitFor();
    await user.close();

    // A measure of the catalogue, edited with its reason and confirmed.
    await page.locator('[data-testid="sidebar"]').getByText('惩戒措施清单管理', { exact: true }).click();
    await page.getByTestId('measure-list').locator('.ant-table-row').first().waitFor();
    await page.getByTestId('edit-M-ADM-02').click();
    const edit = page.locator('.ant-modal:visible');
    const content = edit.getByLabel('措施内容');
    const before = await content.inputValue();
    await content.fill(`${before}（依新备忘录修订）`);
    await edit.getByLabel('变更理由').fill('依据新备忘录修订措施表述');
    await button(edit, '提交').click();
    await expect.poll(() => page.locator('.ant-modal-confirm:visible').textContent()).toContain('确认修改惩戒措施 M-ADM-02？');
    await confirmStep(page);
    await page.locator('.ant-message').getByText('惩戒措施已保存').waitFor();
    const measure = page.getByTestId('measure-list').locator('.ant-table-row', { hasText: '依新备忘录修订' });
    await measure.waitFor();
    await button(measure, '变更历史').click();
    await page.locator('.ant-drawer:visible').getByText('修改惩戒措施', { exact: true }).waitFor();
    await page.locator('.ant-drawer:visible .ant-table-row-expand-icon').first().click();
    const diff = page.getByTestId('before-after');
    await diff.waitFor();
    expect(await diff.textContent()).toContain(`${before}（依新备忘录修订）`);
    await screenshots(page, 'admin-measure-history');
    const changes = await stack.db.adminChange.findMany({ orderBy: { position: 'asc' } });
    expect(changes.map((c) => [c.action, c.reason])).toEqual([
      ['USER_CREATED', '新入职经办人员'],
      ['MEASURE_UPDATED', '依据新备忘录修订措施表述'],
    ]);
    await page.keyboard.press('Escape');
    await page.locator('[data-testid="sidebar"]').getByText('管理变更记录', { exact: true }).click();
    await page.getByTestId('admin-changes').locator('.ant-table-row').nth(1).waitFor();
    await screenshots(page, 'admin-changes');
    await page.close();
  });
});
