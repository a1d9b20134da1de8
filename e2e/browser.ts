// Debian's Chromium driven by playwright-core (no browser download), headless on loopback.
import { expect } from 'vitest';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** Signs in on the login page as one of the demo users (demo password) and waits for the header to name them. */
export async function signIn(page: Page, baseUrl: string, username: string) {
  await page.goto(baseUrl);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill('Xinyong@2026');
  await page
    .getByRole('button', { name: '登 录' })
    .or(page.getByRole('button', { name: '登录' }))
    .click();
  await expect.poll(() => page.getByTestId('who').textContent()).toContain('（');
}

/**
 * A button by its label. antd spaces out a two-character label (提 交), and a button that was just
 * busy may still carry its fading loading icon (accessible name "loading 提交"): match either way.
 */
export const button = (scope: Page | Locator, name: string) =>
  scope.getByRole('button', { name: new RegExp(`(^|\\s)${[...name].join('\\s?')}$`) });
