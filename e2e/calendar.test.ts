// The working-day calendar in the browser: the administrator clicks the last day of a running
// case's notice period in the year's month grids and marks it a holiday, is told before saving that
// one running case's deadlines will be recomputed, saves, and finds the mark after a reload; an
// import of lines shows each line's days or its error and saves nothing by itself; a caseworker
// reads the year without a way to change it, in Chinese or English.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { fileApproved, startStack, type Stack } from '../tests/support/stack';
import { designationForm } from '../tests/support/fixtures';
import { button, confirmStep, launchChromium, reportPagesOnFailure, screenshots, settled, signIn } from './browser';

let stack: Stack;
let browser: Browser;
beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack('e2e-calendar'), launchChromium()]);
});
reportPagesOnFailure(() => browser);
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const newPage = () => browser.newPage({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1366, height: 900 } });

/** Shows `year` by typing it into the year field, as the administrator would. */
async function showYear(page: Page, year: number) {
  await page.getByLabel('年度').fill(String(year));
  await page.getByLabel('年度').press('Enter');
  await expect.poll(() => page.getByTestId('calendar-counts').textContent()).toContain(`${year} 年`);
}

describe('the working-day calendar', () => {
  it('lets the administrator mark a day a holiday in the month grid, says how many running cases it moves, saves it and shows it after a reload', async () => {
    const running = await fileApproved(stack.baseUrl, designationForm());
    const notice = await stack.db.caseDeadline.findFirstOrThrow({ where: { caseId: running.id, closedAt: null } });
    const due = notice.dueDate.toISOString().slice(0, 10);
    const year = Number(due.slice(0, 4));
    const [, m, d] = due.split('-').map(Number);

    const page = await newPage();
    await signIn(page, stack.baseUrl, 'admin');
    await page.getByRole('link', { name: '节假日安排（工作日日历）' }).click();
    await showYear(page, year);
    const day = page.locator(`button[data-date="${due}"]`);
    // Dates as Chinese practice writes them, never month/day/year.
    expect(await day.getAttribute('aria-label')).toContain(`${year}年${m}月${d}日`);
    expect(await page.locator('body').innerText()).not.toMatch(/\b\d{1,2}\/\d{1,2}\/\d{4}\b/);

    await day.click();
    const popover = page.locator('.ant-popover:visible');
    await popover.waitFor();
    await settled(popover, popover.getByTestId('mark-ok'));
    expect(await popover.textContent()).toContain(`${year}年${m}月${d}日`);
    await popover.getByLabel('法定节假日（休）').check();
    await popover.getByLabel('节日名称').fill('临时放假');
    await screenshots(page, 'calendar-mark-day', popover);
    await popover.getByTestId('mark-ok').click();
    await expect.poll(() => day.getAttribute('data-kind')).toBe('HOLIDAY');
    expect(await day.textContent()).toContain('休');
    await page.getByTestId('calendar-unsaved').waitFor();

    await page.getByTestId('calendar-save').click();
    const impact = page.getByTestId('calendar-impact');
    await impact.waitFor();
    expect(await impact.textContent()).toContain('将重新计算 1 个进行中案件的期限');
    expect(await impact.textContent()).toContain(running.caseNumber);
    await screenshots(page, 'calendar-confirm', page.locator('.ant-modal:visible'));
    await confirmStep(page);
    await expect
      .poll(() => page.locator('.ant-message').textContent(), { timeout: 30_000 })
      .toContain('已保存；已通知 1 个进行中的案件重新计算期限');

    await page.reload();
    await expect.poll(() => page.locator(`button[data-date="${due}"]`).getAttribute('data-kind')).toBe('HOLIDAY');
    expect(await page.locator(`button[data-date="${due}"]`).getAttribute('aria-label')).toContain('临时放假');
    expect(await page.getByTestId('calendar-status').textContent()).toContain('系统管理员');
    // The running case's notice period now ends a working day later.
    await expect
      .poll(async () => (await stack.db.caseDeadline.findUniqueOrThrow({ where: { id: notice.id } })).dueDate.getTime(), {
        timeout: 20_000,
      })
      .toBeGreaterThan(notice.dueDate.getTime());
    await screenshots(page, 'calendar-year');
  });

  it('offers a make-up working day only on a weekend, and saves a year not entered before', async () => {
    const page = await newPage();
    await signIn(page, stack.baseUrl, 'admin');
    await page.getByRole('link', { name: '节假日安排（工作日日历）' }).click();
    await showYear(page, 2028);
    expect(await page.getByTestId('calendar-status').textContent()).toContain('尚未录入');

    /** Marks a day in its popover: a kind, and the holiday's name. */
    const mark = async (date: string, kind: string, name: string) => {
      await page.locator(`button[data-date="${date}"]`).click();
      const popover = page.locator('.ant-popover:visible');
      await popover.waitFor();
      await settled(popover, popover.getByTestId('mark-ok'));
      await popover.getByLabel(kind).check();
      const named = popover.getByLabel(/节日名称|所属节日/);
      await named.fill(name);
      // 所属节日 suggests the year's holidays in a list that may cover the button: the user leaves
      // the field, and the list closes.
      await named.press('Tab');
      await expect.poll(() => page.locator('.ant-select-dropdown:visible').count()).toBe(0);
      await popover.getByTestId('mark-ok').click();
      await expect.poll(() => popover.count()).toBe(0);
    };
    await mark('2028-01-01', '法定节假日（休）', '元旦');
    // 4 January 2028 is a Tuesday: it cannot be a make-up working day.
    await page.locator('button[data-date="2028-01-04"]').click();
    const popover = page.locator('.ant-popover:visible');
    await popover.waitFor();
    expect(await popover.getByLabel('调休上班日（班）').isDisabled()).toBe(true);
    expect(await popover.textContent()).toContain('调休上班日只能是周六或周日');
    await button(popover, '取消').click();
    await expect.poll(() => popover.count()).toBe(0);
    await mark('2028-01-08', '调休上班日（班）', '元旦');

    await page.getByTestId('calendar-save').click();
    await expect.poll(() => page.getByTestId('calendar-impact').textContent()).toContain('将重新计算');
    await confirmStep(page);
    // (The save answers once the running cases are told, which may take a while on a loaded machine.)
    await expect.poll(() => page.getByTestId('calendar-status').textContent(), { timeout: 30_000 }).toContain('已录入');
    const saved = await stack.db.calendarDay.findMany({
      where: { date: { gte: new Date('2028-01-01T00:00:00Z') } },
      orderBy: { date: 'asc' },
    });
    expect(saved.map((d) => [d.date.toISOString().slice(0, 10), d.kind, d.name])).toEqual([
      ['2028-01-01', 'HOLIDAY', '元旦'],
      ['2028-01-08', 'MAKEUP_WORKDAY', '元旦'],
    ]);
  });

  it('imports a year from lines, showing each line’s days or its error, and saves nothing until the year is saved', async () => {
    const page = await newPage();
    await signIn(page, stack.baseUrl, 'admin');
    await page.goto(`${stack.baseUrl}/calendar?year=2027`);
    await page.getByTestId('calendar-counts').waitFor();
    await button(page, '导入全年安排').click();
    const dialogue = page.locator('.ant-modal:visible');
    await dialogue.waitFor();
    const text = dialogue.getByLabel('录入内容');
    await text.fill(
      [
        '2027-01-01~2027-01-03 元旦',
        '2027-02-30 春节',
        '二、春节：2月6日（周六）至13日（周六）放假调休，共8天。2月20日（周六）上班。',
      ].join('\n'),
    );
    await expect.poll(() => dialogue.locator('[data-line-error="2"]').textContent()).toContain('该日期不存在');
    expect(await dialogue.getByTestId('import-ok').isDisabled()).toBe(true);
    await screenshots(page, 'calendar-import-errors', dialogue);

    await text.fill(
      ['2027-01-01~2027-01-03 元旦', '二、春节：2月6日（周六）至13日（周六）放假调休，共8天。2月20日（周六）上班。'].join('\n'),
    );
    await expect.poll(() => dialogue.getByTestId('import-summary').textContent()).toContain('共 11 个放假日、1 个调休上班日');
    expect(await dialogue.textContent()).toContain('2027年2月6日 – 2027年2月13日');
    await dialogue.getByTestId('import-ok').click();
    await expect.poll(() => dialogue.count()).toBe(0);
    await expect.poll(() => page.locator('button[data-date="2027-02-20"]').getAttribute('data-kind')).toBe('MAKEUP_WORKDAY');
    expect(await page.locator('button[data-date="2027-02-20"]').textContent()).toContain('班');
    expect(await page.getByTestId('calendar-counts').textContent()).toContain('2027 年共 11 个放假日、1 个调休上班日');
    // Nothing is saved by the import.
    expect(await stack.db.calendarYear.findUnique({ where: { year: 2027 } })).toBeNull();
  });

  it('shows a caseworker the year read-only', async () => {
    const page = await newPage();
    await signIn(page, stack.baseUrl, 'caseworker');
    await page.goto(`${stack.baseUrl}/calendar?year=2026`);
    const nationalDay = page.locator('[data-date="2026-10-01"]');
    await expect.poll(() => nationalDay.getAttribute('data-kind')).toBe('HOLIDAY');
    expect(await nationalDay.getAttribute('aria-label')).toBe('2026年10月1日 星期四 国庆节 法定节假日（休）');
    expect(await page.locator('[data-date="2026-10-10"]').getAttribute('data-kind')).toBe('MAKEUP_WORKDAY');
    expect(await page.locator('button[data-date]').count()).toBe(0);
    expect(await page.getByTestId('calendar-save').count()).toBe(0);
    expect(await page.locator('body').textContent()).toContain('此处仅供查看');
    await screenshots(page, 'calendar-read-only');

    // In English, the same grid with English words and the day written the British way, never 10/1/2026.
    await button(page, 'English').click();
    await expect.poll(() => nationalDay.getAttribute('aria-label')).toBe('1 October 2026 Thursday 国庆节 Statutory holiday (off)');
    expect(await page.locator('[data-month="10"]').textContent()).toContain('October');
    await screenshots(page, 'calendar-read-only-en');
  });
});
