// Debian's Chromium driven by playwright-core (no browser download), headless on loopback.
import { beforeEach, expect } from 'vitest';
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

/** Answers the confirmation a decision asks for (antd Popconfirm): waits for it, presses its button, and waits until it has closed. */
export async function confirm(page: Page, name: string): Promise<void> {
  const pop = page.locator('.ant-popconfirm:visible');
  await pop.waitFor();
  await button(pop, name).click();
  await expect.poll(() => pop.count(), { timeout: 30_000 }).toBe(0);
}

/**
 * On a failed test, prints what every open page shows: a failure on a loaded CI machine then says
 * what the user would have seen, not only which element was missing.
 */
export function reportPagesOnFailure(browser: () => Browser | undefined): void {
  beforeEach(({ onTestFailed }) => {
    onTestFailed(async () => {
      for (const context of browser()?.contexts() ?? []) {
        for (const page of context.pages()) {
          const text = await page
            .locator('body')
            .innerText({ timeout: 5_000 })
            .catch((err: unknown) => String(err));
          console.error(`[what ${page.url()} showed]\n${text.slice(0, 3000)}`);
        }
      }
    });
  });
}
