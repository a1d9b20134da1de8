// A user's own password in the browser: opened from the account menu in the header, each broken
// rule of the policy said beside its field (and a wrong current password, as the server says it),
// then changed, signed out and in again with the new one; a seeded account on a server bound beyond
// loopback is taken to the change first and may open nothing else until it is done.
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createApp } from '../api/app';
import { projectRoot } from '../scripts/temporal-server';
import { startStack, type Stack } from '../tests/support/stack';
import { button, launchChromium, reportPagesOnFailure, screenshots, signIn } from './browser';

const NEW = 'Minjiang-Qiao-2027';

let stack: Stack;
let browser: Browser;
/** The same system served as if bound beyond loopback (HOST=0.0.0.0): seeded accounts must change their password first. */
let exposed: Server;
let exposedUrl = '';
beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack('e2e-accounts'), launchChromium()]);
  const app = createApp({ db: stack.db, temporal: stack.temporal, webDist: `${projectRoot}dist/web`, host: '0.0.0.0' });
  exposed = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  exposedUrl = `http://127.0.0.1:${(exposed.address() as { port: number }).port}`;
});
reportPagesOnFailure(() => browser);
afterAll(async () => {
  await browser?.close();
  await new Promise((r) => exposed?.close(r));
  await stack?.stop();
});

const newPage = () => browser.newPage({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1366, height: 900 } });
const fieldError = (page: Page, name: string) => page.locator(`[data-field-error="${name}"]`);

async function openAccountMenu(page: Page, entry: string) {
  await page.getByTestId('user-menu').click();
  await page.locator('.ant-dropdown:visible').getByText(entry, { exact: true }).click();
}

describe('a password of their own', () => {
  it('a user changes the password from the header menu, sees each rule broken beside its field, then signs in with the new one', async () => {
    const page = await newPage();
    await signIn(page, stack.baseUrl, 'unit');
    await page.getByTestId('user-menu').click();
    await page.locator('.ant-dropdown:visible').waitFor();
    await screenshots(page, 'accounts-user-menu');
    await page.keyboard.press('Escape');
    await openAccountMenu(page, '修改密码');
    await page.getByTestId('change-password').waitFor();
    expect(page.url()).toMatch(/\/account\/password$/);
    expect(await page.getByTestId('breadcrumbs').textContent()).toContain('修改密码');

    // Checked in the browser by the shared policy: too short, fewer than three kinds, the name inside, typed differently twice.
    const form = page.getByTestId('change-password');
    await page.getByLabel('当前密码').fill('Xinyong@2026');
    for (const [password, error] of [
      ['Short-1a', '密码至少 12 个字符'],
      ['alllowercaseletters', '密码应包含小写字母、大写字母、数字、符号中的至少三类'],
      ['Unit-Password-2027', '密码不能包含用户名'],
      ['Xinyong@2026', '新密码不能与当前密码相同'],
    ]) {
      await page.getByLabel('新密码', { exact: true }).fill(password!);
      await page.getByLabel('再次输入新密码').fill(password!);
      await button(form, '确认修改').click();
      await expect.poll(() => fieldError(page, 'newPassword').textContent()).toBe(error);
    }
    await page.getByLabel('新密码', { exact: true }).fill(NEW);
    await page.getByLabel('再次输入新密码').fill(`${NEW}x`);
    await button(form, '确认修改').click();
    await expect.poll(() => fieldError(page, 'confirmPassword').textContent()).toBe('两次输入的新密码不一致');
    await expect.poll(() => fieldError(page, 'newPassword').count()).toBe(0);
    await screenshots(page, 'accounts-password-errors', form);

    // A wrong current password, as the server answers it, beside its field.
    await page.getByLabel('当前密码').fill('Not-My-Password-1');
    await page.getByLabel('再次输入新密码').fill(NEW);
    await button(form, '确认修改').click();
    await expect.poll(() => fieldError(page, 'currentPassword').textContent()).toBe('当前密码不正确');

    await page.getByLabel('当前密码').fill('Xinyong@2026');
    await button(form, '确认修改').click();
    await page.getByText('密码已修改，您在其他设备上的登录已全部退出').waitFor();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/');
    await screenshots(page, 'accounts-password-changed');

    // Signed out from the same menu; the old password no longer opens the account, the new one does.
    await openAccountMenu(page, '退出登录');
    await page.getByLabel('用户名').waitFor();
    await page.getByLabel('用户名').fill('unit');
    await page.getByLabel('密码').fill('Xinyong@2026');
    await button(page, '登录').click();
    await page.getByText('用户名或密码错误').waitFor();
    await page.getByLabel('密码').fill(NEW);
    await button(page, '登录').click();
    await expect.poll(() => page.getByTestId('who').textContent()).toContain('王配合');
    await page.close();
  });

  it('beyond loopback, a seeded account is taken to the change first and opens nothing else until it is done', async () => {
    const page = await newPage();
    await signIn(page, exposedUrl, 'supervisor');
    const form = page.getByTestId('change-password');
    await form.waitFor();
    expect(await form.textContent()).toContain('首次登录须先修改初始密码');
    expect(await page.getByTestId('breadcrumbs').textContent()).toBe('修改密码');
    // The menu offers nothing that would be refused; any address shows the change.
    expect(await page.getByTestId('sidebar').textContent()).not.toContain('案件');
    await page.goto(`${exposedUrl}/cases`);
    await form.waitFor();
    await screenshots(page, 'accounts-first-change', form);

    await page.getByLabel('当前密码').fill('Xinyong@2026');
    await page.getByLabel('新密码', { exact: true }).fill(NEW);
    await page.getByLabel('再次输入新密码').fill(NEW);
    await button(form, '确认修改').click();
    await page.getByText('密码已修改，您在其他设备上的登录已全部退出').waitFor();
    await expect.poll(() => page.getByTestId('sidebar').textContent()).toContain('案件');
    await page.close();
  });
});
