// Debian's Chromium driven by playwright-core (no browser download), headless on loopback.
import { beforeEach, expect } from 'vitest';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

export async function launchChromium(): Promise<Browser> {
  const browser = await chromium.launch({
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
  // The pages honour a user's wish for less motion (prefers-reduced-motion). Every page here asks
  // for it, so antd's menus, popovers and dialogues open at once, with no animation a click could
  // land in the middle of. (browser.newPage opens its context through newContext.)
  const newContext = browser.newContext.bind(browser);
  browser.newContext = (options) => newContext({ reducedMotion: 'reduce', ...options });
  return browser;
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

/**
 * Answers the confirmation a decision asks for (antd Popconfirm): waits for it to be in place,
 * presses its button once, and waits until it has closed. (A press while it is still moving into
 * place lands outside it, and a click outside a popover closes it without answering.)
 */
export async function confirm(page: Page, name: string): Promise<void> {
  const pop = page.locator('.ant-popconfirm:visible');
  await pop.waitFor();
  const ok = button(pop, name);
  await settled(pop, ok);
  await ok.click();
  await expect.poll(() => pop.count(), { timeout: 30_000 }).toBe(0);
}

/**
 * Waits until a dialogue that has just opened is in place: its opening animation over (antd's
 * motion classes gone) and its button where it was a moment ago. On a loaded machine a press sent
 * earlier is delivered where the button is about to be, not where it is.
 */
export async function settled(dialogue: Locator, target: Locator): Promise<void> {
  await expect
    .poll(
      async () => {
        const moving = await dialogue.evaluate((el) => /-(appear|enter)(-active)?\b/.test(el.className));
        const before = await target.boundingBox();
        await new Promise((r) => setTimeout(r, 150));
        const after = await target.boundingBox();
        return !moving && before !== null && JSON.stringify(before) === JSON.stringify(after);
      },
      { timeout: 30_000 },
    )
    .toBe(true);
}

/**
 * Presses a dialogue's button until the dialogue is gone — for a modal, which a click outside does
 * not close: a press lost while it opened is pressed again, as a person would. A second press of a
 * button already at work sends nothing (it is busy).
 */
export async function pressUntilGone(press: Locator, dialogue: Locator): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    if ((await dialogue.count()) === 0) return;
    await press.click().catch((err: unknown) => {
      if (attempt >= 3) throw err;
    });
    try {
      await expect.poll(() => dialogue.count(), { timeout: attempt < 3 ? 10_000 : 30_000 }).toBe(0);
      return;
    } catch (err) {
      if (attempt >= 3) throw err;
    }
  }
}

/** Chooses an option of an antd Select by the field's label and the option's title. */
export async function chooseOption(page: Page, fieldLabel: string, option: string): Promise<void> {
  const field = page.getByLabel(fieldLabel);
  const select = field.locator(`xpath=ancestor::*[contains(concat(' ', normalize-space(@class), ' '), ' ant-select ')][1]`);
  const chosen = async () => (await select.textContent())?.includes(option) ?? false;
  // A click that lands while the list is still opening chooses nothing; the choice is checked on
  // the field and made again until it shows there.
  await expect
    .poll(
      async () => {
        if (await chosen()) return true;
        const dropdown = page.locator('.ant-select-dropdown:visible');
        if ((await dropdown.count()) === 0) await field.click();
        await dropdown
          .getByTitle(option)
          .click({ timeout: 10_000 })
          .catch(() => undefined);
        return chosen();
      },
      { timeout: 40_000 },
    )
    .toBe(true);
}

/**
 * Opens a tab of the case page — overview, documents, units, matters or timeline — as a user clicks
 * it, and waits until it shows. The open step forms stay above the tabs, whichever is open.
 */
export async function openTab(page: Page, key: 'overview' | 'documents' | 'units' | 'matters' | 'timeline'): Promise<void> {
  await page.getByTestId(`tab-${key}`).click({ timeout: 20_000 });
  await page.locator(`.ant-tabs-tab-active [data-testid="tab-${key}"]`).waitFor();
}

/**
 * Answers the dialogue that asks why a natural person's record is read (查询事由) with one of its
 * choices, and waits until it has closed.
 */
export async function givePurpose(page: Page, choice = '案件办理'): Promise<void> {
  const modal = page.locator('.ant-modal:visible');
  await modal.waitFor({ timeout: 20_000 });
  await modal.getByText(choice, { exact: true }).click();
  const ok = page.getByTestId('purpose-ok');
  await settled(modal, ok);
  await ok.click();
  await expect.poll(() => modal.count(), { timeout: 20_000 }).toBe(0);
}

/** The state the case page shows, after a reload (the workflow's steps settle in moments). */
export async function stateAfterReload(page: Page): Promise<string | null> {
  await page.reload();
  await page.getByTestId('case-number').waitFor();
  return page.locator('[data-state]').first().getAttribute('data-state');
}

/** Full-page screenshots at a desk's and a phone's width, and of the parts in focus, where E2E_SHOTS names a directory. */
export async function screenshots(page: Page, name: string, ...focus: Locator[]): Promise<void> {
  const dir = process.env.E2E_SHOTS;
  if (!dir) return;
  const before = page.viewportSize();
  for (const width of [1366, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `${dir}/${name}-${width}.png`, fullPage: true });
    for (const [i, part] of focus.entries()) await part.screenshot({ path: `${dir}/${name}-${width}-part${i + 1}.png` });
  }
  if (before) await page.setViewportSize(before);
}

/**
 * Takes a step: presses its button, confirms in the dialogue that says what will follow, and waits
 * until the dialogue has closed (the answer is in).
 */
export async function take(scope: Page | Locator, name: string): Promise<void> {
  await button(scope, name).click();
  await confirmStep('page' in scope ? scope.page() : scope);
}

/** Confirms the step a dialogue asks about, and waits until it has closed (see `pressUntilGone`). */
export async function confirmStep(page: Page): Promise<void> {
  const ok = page.locator('[data-testid="confirm-ok"]:visible');
  await ok.waitFor();
  // (The dialogue that holds the button: a confirmation may open over a form's own dialogue.)
  await settled(page.locator('.ant-modal:visible', { has: ok }), ok);
  await pressUntilGone(ok, ok);
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
