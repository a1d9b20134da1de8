// A caseworker at the desk: signs in, files a designation case in the browser, sees field errors
// in Chinese, and lands on the case page with its state, deadline and timeline.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { fileListed, startStack, type Stack } from '../tests/support/stack';
import { designationForm } from '../tests/support/fixtures';
import { EXE, PDF, PNG } from '../tests/support/files';
import { shanghaiDate } from '../domain/workdays';
import {
  button,
  chooseOption,
  confirmStep,
  take,
  launchChromium,
  openTab,
  reportPagesOnFailure,
  screenshots,
  signIn as signInAs,
  stateAfterReload,
} from './browser';

let stack: Stack;
let browser: Browser;
beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack('e2e'), launchChromium()]);
});
reportPagesOnFailure(() => browser);
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const signIn = (page: Page, username: string) => signInAs(page, stack.baseUrl, username);

async function timelineActions(page: Page): Promise<(string | null)[]> {
  await page.reload();
  await openTab(page, 'timeline');
  await page.getByTestId('timeline').locator('[data-action]').first().waitFor();
  return page
    .getByTestId('timeline')
    .locator('[data-action]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-action')));
}

/** Today as the case page prints a day (Asia/Shanghai): 2026年11月30日. */
const today = () => {
  const [y, m, d] = shanghaiDate(new Date()).split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

/**
 * Records, as the caseworker, the service of the documents awaiting it on every party — the company
 * and its legal representative, one form each — by `method`.
 */
async function serveEach(page: Page, method: string, note?: string) {
  const forms = page.getByTestId('step-recordService');
  await forms.first().waitFor({ timeout: 20_000 });
  for (let left = await forms.count(); left > 0; left = await forms.count()) {
    const form = forms.first();
    await form.getByLabel(method).check();
    if (note) await form.getByLabel('备注').fill(note);
    await take(form, '提交');
    await expect.poll(() => forms.count(), { timeout: 20_000 }).toBeLessThan(left);
  }
}

/**
 * The party acknowledges, in its portal, the one document awaiting service on it: the form names
 * the document and asks neither method nor date (electronic service, today).
 */
async function acknowledgeService(party: Page, title: string, shot?: string) {
  const form = party.getByTestId('step-recordService');
  await expect
    .poll(
      async () => {
        // The document follows the decision by a moment: the party looks again.
        await party.reload();
        await party.getByTestId('case-number').waitFor();
        return form.count();
      },
      { timeout: 20_000 },
    )
    .toBe(1);
  const head = await form.locator('.ant-card-head').textContent();
  expect(head).toContain('签收送达的文书');
  expect(head).toContain(title);
  expect(await form.getByLabel('送达方式').count()).toBe(0);
  expect(await form.locator('input[type=date]').count()).toBe(0);
  expect(await form.getByLabel(/备注/).count()).toBe(0); // nor the caseworker's note on address and signer
  if (shot) {
    await openTab(party, 'matters');
    await screenshots(party, shot, form, party.getByTestId('matters'));
  }
  await take(form, '确认收到（电子送达）');
  await expect.poll(() => form.count(), { timeout: 20_000 }).toBe(0);
}

describe('filing a designation case in the browser', () => {
  it('shows a wrong check character beside the field, then files the case and shows it', async () => {
    const page = await browser.newPage({ locale: 'zh-CN' });
    await signIn(page, 'caseworker');
    await page.getByRole('button', { name: '新建认定案件' }).click();

    await page.getByLabel('主体名称').fill('某某建设工程有限公司');
    await page.getByLabel('统一社会信用代码 / 公民身份号码').fill('91350100m000100y44');
    await page.getByLabel('主体名称').click(); // leave the code field: validated on blur
    await expect.poll(() => page.locator('[data-field-error="subjectCode"]').textContent()).toBe('统一社会信用代码校验位错误，请核对');

    await page.getByLabel('统一社会信用代码 / 公民身份号码').fill('91350100M000100Y43');
    await chooseOption(page, '名单类型', '重大税收违法失信主体');
    await page.getByLabel('文书编号').fill('市税稽罚〔2026〕15号');
    await page.getByLabel('作出机关').fill('国家税务总局某市税务局稽查局');
    await page.getByLabel('文书日期').fill('2026-09-01');
    await page.getByLabel('文书日期').press('Enter');
    // The scan of the basis document: an executable renamed .pdf is refused with the reason, the real PDF taken.
    const scan = page.getByTestId('attachments-input');
    await scan.locator('input[type=file]').setInputFiles({ name: '处罚决定书.pdf', mimeType: 'application/pdf', buffer: EXE });
    await expect.poll(() => scan.getByTestId('upload-error').textContent()).toContain('文件内容不是 PDF、JPG、PNG、TIFF 或 OFD 格式');
    await scan.locator('input[type=file]').setInputFiles({ name: '处罚决定书（扫描件）.pdf', mimeType: 'application/pdf', buffer: PDF });
    await expect.poll(() => scan.locator('.ant-upload-list-item-done').count()).toBe(1);
    await page.getByLabel('认定事由').fill('该公司虚开增值税专用发票，偷税数额达 120 万元，属重大税收违法失信行为。');
    await page.getByLabel('姓名 1').fill('王某某');
    await page.getByLabel('公民身份号码 1').fill('11010519491231002x');
    await expect.poll(() => page.getByTestId('measures').textContent()).toContain('停止增值税专用发票供应，限制发票领用');
    await page.getByLabel('列为重点监管对象，提高抽查比例和检查频次（市市场监督管理局）').check();
    // A recommended measure is chosen with its reasons, which the decision will state (过惩相当).
    await page.getByLabel(/^选择理由/).fill('两年内三次发生同类税收违法行为，需提高抽查频次。');
    await page.getByLabel('不可抗力（自然灾害、疫情等）').check();
    await page.getByLabel('理由', { exact: true }).fill('台风灾害导致停工，未能按期履行。');
    await expect(page.locator('[data-field-error="subjectCode"]').count()).resolves.toBe(0);
    await button(page, '提交审核').click();

    await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    await expect.poll(() => page.getByTestId('case-number').textContent()).toMatch(/^市信用办认〔2026〕\d+号$/);
    await expect.poll(() => stateAfterReload(page), { timeout: 20_000 }).toBe('AWAITING_NOTICE_APPROVAL');
    const caseUrl = page.url();

    // The supervisor sees the leniency grounds before approving, and approves the notice.
    const supervisor = await browser.newPage({ locale: 'zh-CN' });
    await signIn(supervisor, 'supervisor');
    await supervisor.goto(caseUrl);
    expect(await supervisor.getByTestId('leniency').textContent()).toContain('台风灾害导致停工');
    // The notice as it will be served, a draft numbered on approval, is there to read before deciding.
    const preview = supervisor.getByTestId('step-decideNotice').getByTestId('preview');
    expect(await preview.textContent()).toBe('预览失信行为认定告知书（样稿）');
    const draft = await supervisor.request.get(`${stack.baseUrl}${await preview.getAttribute('href')}`);
    expect(draft.headers()['content-type']).toBe('application/pdf');
    await supervisor.getByTestId('step-decideNotice').getByLabel('审核意见').fill('同意送达告知书。');
    await take(supervisor.getByTestId('step-decideNotice'), '同意');
    await expect
      .poll(() => supervisor.locator('[data-state]').first().getAttribute('data-state'), { timeout: 20_000 })
      .toBe('AWAITING_NOTICE_SERVICE');
    await supervisor.close();

    // The caseworker records how and when the notice was served; the notice period runs from then.
    await expect.poll(() => stateAfterReload(page), { timeout: 20_000 }).toBe('AWAITING_NOTICE_SERVICE');
    const service = page.getByTestId('step-recordService');
    await service.first().waitFor({ timeout: 20_000 });
    await openTab(page, 'documents'); // the forms stay above the tabs
    expect(await page.getByTestId('served-PRIOR_NOTICE').textContent()).toBe('待送达');
    // Served on the company and on its legal representative, a party in their own right: one form each.
    expect(await service.count()).toBe(2);
    expect(await service.nth(1).locator('.ant-card-head').textContent()).toContain('失信行为认定告知书 → 法定代表人王某某');
    await serveEach(page, '直接送达', '王某某签收送达回证');
    await expect.poll(() => stateAfterReload(page), { timeout: 20_000 }).toBe('NOTICE_PERIOD');
    expect(await page.getByTestId('served-PRIOR_NOTICE').textContent()).toMatch(/^已送达 \d{4}年\d{1,2}月\d{1,2}日（直接送达）$/);
    const deadline = await page.getByTestId('deadline').textContent();
    expect(deadline).toMatch(/告知期内：\d{4}年\d{1,2}月\d{1,2}日 24:00/);
    expect(deadline).toContain('剩余 5 个工作日');
    expect(await page.getByTestId('document-PRIOR_NOTICE').textContent()).toMatch(/^失信行为认定告知书（市信用办告〔2026〕\d+号）$/);
    // The scan is on file with the case, for download.
    const onFile = page.getByTestId('attachments');
    expect(await onFile.textContent()).toContain('处罚决定书（扫描件）.pdf');
    expect(await onFile.getByRole('link').getAttribute('href')).toMatch(/^\/api\/cases\/[0-9a-f-]{36}\/attachments\/[0-9a-f-]{36}$/);
    await openTab(page, 'overview');
    expect(await page.getByTestId('leniency').textContent()).toContain('不可抗力（自然灾害、疫情等）台风灾害导致停工，未能按期履行。');
    expect(await page.getByTestId('facts').textContent()).toContain('法定代表人：王某某（11010519491231002X）');
    await openTab(page, 'timeline');
    const timeline = page.getByTestId('timeline');
    // The notice document is generated beside the notice; the page shows it without a reload.
    await expect
      .poll(() => timeline.locator('[data-action]').evaluateAll((els) => els.map((e) => e.getAttribute('data-action'))), {
        timeout: 20_000,
      })
      .toEqual([
        'CASE_FILED',
        'ATTACHMENTS_LINKED',
        'NOTICE_APPROVED',
        'NOTICE_ISSUED',
        'DOCUMENT_ISSUED',
        'SERVICE_RECORDED', // on the company
        'SERVICE_RECORDED', // on its legal representative
      ]);
    expect(await timeline.textContent()).toContain('张经办（经办人）');
    expect(await timeline.textContent()).toContain('李审核（审核人）');

    // The case is in the list too.
    await page.getByRole('link', { name: '返回列表' }).click();
    await expect.poll(() => page.locator('table').textContent()).toContain('某某建设工程有限公司');
    expect(await page.getByTestId('row-deadline').first().textContent()).toContain('剩余 5 个工作日');
    await page.close();
  });

  it('lets the party object within the notice period, the caseworker reject it and the supervisor approve the listing', async () => {
    const caseworker = await browser.newPage({ locale: 'zh-CN' });
    await signIn(caseworker, 'caseworker');
    const rows = await stack.db.case.findMany({ orderBy: { createdAt: 'desc' }, take: 1 });
    const id = rows[0]!.id;

    const party = await browser.newPage({ locale: 'zh-CN' });
    await signIn(party, 'party');
    await party.goto(`${stack.baseUrl}/cases/${id}`);
    await party.getByLabel('异议').check();
    await party.getByLabel('内容').fill('短');
    const evidence = party.getByTestId('step-fileStatement').getByTestId('attachments-input');
    await evidence.locator('input[type=file]').setInputFiles({ name: '复议决定书.png', mimeType: 'image/png', buffer: PNG });
    await expect.poll(() => evidence.locator('.ant-upload-list-item-done').count()).toBe(1);
    await party
      .getByRole('button', { name: '提 交' })
      .or(party.getByRole('button', { name: '提交' }))
      .click();
    await expect.poll(() => party.locator('[data-field-error="content"]').textContent()).toBe('至少填写 10 个字');
    await party.getByLabel('内容').fill('处罚决定已被复议机关撤销，认定依据不复存在，请求不予列入。');
    await party
      .getByRole('button', { name: '提 交' })
      .or(party.getByRole('button', { name: '提交' }))
      .click();
    await confirmStep(party);
    // The period runs on; the party has nothing to add and waives the rest of it in writing.
    await openTab(party, 'timeline');
    await expect.poll(() => party.getByTestId('timeline').textContent(), { timeout: 20_000 }).toContain('提出异议');
    // Its receipt: a number, and the day by which the office must answer.
    await openTab(party, 'matters');
    expect(await party.getByTestId('statement').getByTestId('receipt').textContent()).toMatch(
      /^回执编号 市信用办认〔2026〕\d+号-陈述01.+ 收到 · 告知期届满后 10 个工作日内复核并书面答复$/,
    );
    await openTab(party, 'documents');
    await expect
      .poll(() => party.getByTestId('attachments').locator('[data-purpose="STATEMENT"]').textContent(), { timeout: 20_000 })
      .toContain('复议决定书.png');
    expect(await party.locator('[data-state]').first().getAttribute('data-state')).toBe('NOTICE_PERIOD');
    const statementForm = party.getByTestId('step-fileStatement');
    await statementForm.getByLabel('书面放弃陈述申辩').check();
    await statementForm.getByLabel('内容').fill('本单位已充分陈述意见，不再补充，放弃剩余告知期。');
    await take(statementForm, '提交');
    await expect.poll(() => stateAfterReload(party), { timeout: 20_000 }).toBe('IN_REVIEW');

    await caseworker.goto(`${stack.baseUrl}/cases/${id}`);
    await caseworker.getByLabel('复核意见').fill('经核查，复议决定维持原处罚，异议理由不成立。');
    await take(caseworker, '不予采纳，列入名单');
    // The written reply is served on the party before the decision goes to the supervisor.
    const reply = caseworker.getByTestId('step-recordService');
    await expect.poll(async () => (await stateAfterReload(caseworker)) && reply.count(), { timeout: 20_000 }).toBe(2);
    await serveEach(caseworker, '电子送达');
    await expect.poll(() => stateAfterReload(caseworker), { timeout: 20_000 }).toBe('AWAITING_DECISION_APPROVAL');
    await openTab(caseworker, 'documents');
    expect(await caseworker.getByTestId('served-REVIEW_REPLY').textContent()).toMatch(/^已送达/);
    expect(await caseworker.getByTestId('step-decideListing').count()).toBe(0);

    const supervisor = await browser.newPage({ locale: 'zh-CN' });
    await signIn(supervisor, 'supervisor');
    await supervisor.goto(`${stack.baseUrl}/cases/${id}`);
    // The decision as it will be served, and the measures that will apply, are there to read first.
    expect(await supervisor.getByTestId('step-decideListing').getByTestId('preview').textContent()).toBe('预览失信主体认定决定书（样稿）');
    expect(await supervisor.getByTestId('case-measures').textContent()).toContain('停止增值税专用发票供应，限制发票领用');
    await take(supervisor.getByTestId('step-decideListing'), '同意');
    // Nothing is published or pushed until the decision and the credit-repair notice are served together.
    await expect.poll(() => stateAfterReload(caseworker), { timeout: 20_000 }).toBe('AWAITING_DECISION_SERVICE');
    const service = caseworker.getByTestId('step-recordService');
    await service.first().waitFor({ timeout: 20_000 });
    expect(await caseworker.getByTestId('tab-units').count()).toBe(0); // no unit told yet
    await serveEach(caseworker, '电子送达');
    await expect.poll(() => stateAfterReload(caseworker), { timeout: 20_000 }).toBe('LISTED');
    // The decision and the credit-repair notice follow the listing.
    await openTab(caseworker, 'timeline');
    await expect
      .poll(
        async () => {
          await caseworker.reload();
          await caseworker.getByTestId('timeline').locator('[data-action]').first().waitFor();
          return caseworker
            .getByTestId('timeline')
            .locator('[data-action]')
            .evaluateAll((els) => els.map((e) => e.getAttribute('data-action')));
        },
        { timeout: 20_000 },
      )
      .toEqual([
        'CASE_FILED',
        'ATTACHMENTS_LINKED',
        'NOTICE_APPROVED',
        'NOTICE_ISSUED',
        'DOCUMENT_ISSUED',
        'SERVICE_RECORDED',
        'SERVICE_RECORDED',
        'OBJECTION_FILED',
        'ATTACHMENTS_LINKED',
        'STATEMENT_WAIVED',
        'STATEMENTS_IN_REVIEW',
        'STATEMENT_REJECTED',
        'DOCUMENT_ISSUED',
        'SERVICE_RECORDED',
        'SERVICE_RECORDED',
        'DECISION_SUBMITTED',
        'DECISION_APPROVED',
        'DOCUMENT_ISSUED',
        'DOCUMENT_ISSUED',
        'SERVICE_RECORDED',
        'SERVICE_RECORDED',
        'LISTED',
        'PUSHED',
        'PUSHED',
        'PUSHED',
        'PUSHED',
      ]);
    await openTab(caseworker, 'documents');
    expect(await caseworker.getByTestId('document-LISTING_DECISION').textContent()).toMatch(
      /^失信主体认定决定书（市信用办决〔2026〕\d+号）$/,
    );
    expect(await caseworker.getByTestId('document-CREDIT_REPAIR_NOTICE').textContent()).toMatch(
      /^信用修复告知书（市信用办修告〔2026〕\d+号）$/,
    );
    await openTab(caseworker, 'overview');
    expect(await caseworker.getByTestId('case-measures').textContent()).toContain('强制性停止增值税专用发票供应，限制发票领用');

    // The market regulator finds the listing in its inbox and acknowledges it.
    const unit = await browser.newPage({ locale: 'zh-CN' });
    await signIn(unit, 'unit');
    await unit.getByRole('link', { name: '推送名单（待办）' }).click();
    const row = unit.locator('.ant-table-row', { hasText: '某某建设工程有限公司' });
    await expect.poll(() => row.textContent()).toContain('列为重点监管对象，提高抽查比例和检查频次');
    await row
      .getByRole('button', { name: '签 收' })
      .or(row.getByRole('button', { name: '签收' }))
      .click();
    await expect.poll(() => row.textContent()).toContain('已签收');
    await caseworker.reload();
    await openTab(caseworker, 'units');
    await expect.poll(() => caseworker.getByTestId('pushes').textContent()).toContain('已签收 · 王配合（市场监管局）');
  });

  it("takes the party's objection to the listing; the caseworker accepts it (measures suspended) and rejects it", async () => {
    const listed = await stack.db.case.findFirstOrThrow({ where: { state: 'LISTED', subjectName: '某某建设工程有限公司' } });
    const url = `${stack.baseUrl}/cases/${listed.id}`;
    const party = await browser.newPage({ locale: 'zh-CN' });
    await signIn(party, 'party');
    await party.goto(url);
    const form = party.getByTestId('step-fileObjection');
    await form.getByLabel('异议事项和理由').fill('太短');
    await button(form, '提交').click();
    await expect.poll(() => party.locator('[data-field-error="grounds"]').textContent()).toBe('至少填写 10 个字');
    await form.getByLabel('异议事项和理由').fill('列入所依据的处罚决定已被复议机关撤销，请予核实并撤销列入。');
    await take(form, '提交');
    await openTab(party, 'matters');
    await expect.poll(() => party.getByTestId('objection').getAttribute('data-state'), { timeout: 20_000 }).toBe('AWAITING_ACCEPTANCE');
    expect(await party.getByTestId('deadline').textContent()).toContain('异议受理期限');
    // Its receipt names the day the office must decide on acceptance by.
    expect(await party.getByTestId('objection').getByTestId('receipt').textContent()).toMatch(
      /^回执编号 市信用办认〔2026〕\d+号-异议01.* 收到 · 办理机关应于 \d{4}年\d{1,2}月\d{1,2}日 前办结（异议受理期限）$/,
    );

    const caseworker = await browser.newPage({ locale: 'zh-CN' });
    await signIn(caseworker, 'caseworker');
    // The acceptance deadline is on the department's deadline watch, three working days out.
    await caseworker.getByRole('link', { name: '期限监控' }).click();
    const watched = caseworker.getByTestId('deadline-watch').locator('.ant-table-row', { hasText: listed.caseNumber });
    await expect.poll(() => watched.textContent()).toContain('异议受理期限');
    expect(await watched.textContent()).toContain('剩余 3 个工作日');
    await caseworker.goto(url);
    await take(caseworker.getByTestId('step-decideObjectionAcceptance'), '受理');
    await expect.poll(() => caseworker.getByTestId('suspended').count(), { timeout: 20_000 }).toBe(1);
    expect(await caseworker.getByTestId('deadline').textContent()).toContain('异议核实期限');
    await openTab(caseworker, 'units');
    expect(await caseworker.getByTestId('pushes').textContent()).toContain('中止惩戒');

    const outcome = caseworker.getByTestId('step-decideObjection');
    await outcome.getByLabel('异议不成立').check();
    await outcome.getByLabel('核实意见').fill('经核实，复议决定维持原处罚，异议不成立。');
    await take(outcome, '提交');
    await openTab(caseworker, 'matters');
    await expect.poll(() => caseworker.getByTestId('objection').getAttribute('data-state'), { timeout: 20_000 }).toBe('REJECTED');
    expect(await caseworker.getByTestId('suspended').count()).toBe(0);
    await openTab(caseworker, 'units');
    expect(await caseworker.getByTestId('pushes').textContent()).toContain('恢复惩戒');

    // The party is told the result and its remedies.
    await party.reload();
    await expect.poll(() => party.getByTestId('objection').textContent()).toContain('经核实，复议决定维持原处罚，异议不成立。');
    expect(await party.getByTestId('objection').textContent()).toContain('可依法申请行政复议或者提起行政诉讼');
    await expect
      .poll(
        async () => {
          // The written result follows the decision by a moment: the party looks again.
          await party.reload();
          await openTab(party, 'documents');
          const link = party.getByTestId('document-OBJECTION_RESULT');
          return (await link.count()) > 0 ? link.textContent() : null;
        },
        { timeout: 20_000 },
      )
      .toMatch(/^异议处理结果告知书（市信用办异〔2026〕\d+号）$/);
    expect(await timelineActions(party)).toEqual(
      expect.arrayContaining([
        'LISTING_OBJECTION_FILED',
        'OBJECTION_ACCEPTED',
        'SUSPENSION_PUSHED',
        'OBJECTION_REJECTED',
        'RESUMPTION_PUSHED',
      ]),
    );
    // The result waits for its service; the party acknowledges it in its portal.
    await openTab(party, 'documents');
    expect(await party.getByTestId('served-OBJECTION_RESULT').textContent()).toBe('待送达');
    await acknowledgeService(party, '异议处理结果告知书');
    await expect.poll(() => party.getByTestId('served-OBJECTION_RESULT').textContent()).toBe(`已送达 ${today()}（电子送达）`);
  });

  it('takes an objection to the published content with evidence; upheld with a correction, served on the party and published', async () => {
    const listed = await stack.db.case.findFirstOrThrow({ where: { state: 'LISTED', subjectName: '某某建设工程有限公司' } });
    const url = `${stack.baseUrl}/cases/${listed.id}`;
    const party = await browser.newPage({ locale: 'zh-CN' });
    await signIn(party, 'party');
    await party.goto(url);
    const form = party.getByTestId('step-fileObjection');
    // What the objection concerns, as the 2025 rules name it; the listing decision is the usual choice.
    await expect
      .poll(() => form.locator('.ant-radio-wrapper').allTextContents(), { timeout: 20_000 })
      .toEqual(['列入决定', '公示内容', '公示期限', '信用修复结果']);
    expect(await form.getByLabel('列入决定').isChecked()).toBe(true);
    await form.getByLabel('公示内容').check();
    await form.getByLabel('异议事项和理由').fill('公示的失信行为写为偷税 120 万元，经复议决定变更为 80 万元，请予更正。');
    const evidence = form.getByTestId('attachments-input');
    await evidence.locator('input[type=file]').setInputFiles({ name: '复议决定书（变更）.png', mimeType: 'image/png', buffer: PNG });
    await expect.poll(() => evidence.locator('.ant-upload-list-item-done').count()).toBe(1);
    await screenshots(party, 'party-objection-form', form);
    await take(form, '提交');
    await openTab(party, 'matters');
    const objection = party.getByTestId('objection').last();
    await expect.poll(() => objection.getAttribute('data-state'), { timeout: 20_000 }).toBe('AWAITING_ACCEPTANCE');
    expect(await objection.getByTestId('objection-concerns').textContent()).toBe('异议对象：公示内容');
    await openTab(party, 'documents');
    await expect
      .poll(() => party.getByTestId('attachments').locator('[data-purpose="OBJECTION"]').textContent(), { timeout: 20_000 })
      .toContain('复议决定书（变更）.png');

    // The caseworker sees what it concerns and the evidence, accepts it (this policy decides
    // acceptance first) and upholds it with a correction.
    const caseworker = await browser.newPage({ locale: 'zh-CN' });
    await signIn(caseworker, 'caseworker');
    await caseworker.goto(url);
    await openTab(caseworker, 'matters');
    expect(await caseworker.getByTestId('objection').last().getByTestId('objection-concerns').textContent()).toBe('异议对象：公示内容');
    await openTab(caseworker, 'documents');
    expect(await caseworker.getByTestId('attachments').textContent()).toContain('复议决定书（变更）.png');
    await openTab(caseworker, 'matters'); // the objection beside the forms that decide it
    await take(caseworker.getByTestId('step-decideObjectionAcceptance'), '受理');
    const outcome = caseworker.getByTestId('step-decideObjection');
    await outcome.waitFor({ timeout: 20_000 });
    await outcome.getByLabel('异议成立').check();
    // An objection to the published content is answered by a correction: no revocation is offered.
    expect(await outcome.getByLabel('撤销列入').count()).toBe(0);
    expect(await outcome.getByLabel('缩短公示期限').count()).toBe(0);
    await outcome.getByLabel('更正信息').check();
    // Only a shortened period asks for a new last day.
    expect(await outcome.getByLabel('调整后的公示截止日期').count()).toBe(0);
    await outcome.getByLabel('更正后的内容').fill('该公司虚开增值税专用发票，偷税数额 80 万元（经复议变更）。');
    await outcome.getByLabel('核实意见').fill('经核实，复议决定已将偷税数额变更为 80 万元，异议成立，予以更正。');
    await take(outcome, '提交');
    await expect.poll(() => caseworker.getByTestId('objection').last().getAttribute('data-state'), { timeout: 20_000 }).toBe('UPHELD');
    expect(await caseworker.getByTestId('objection').last().textContent()).toContain('更正信息');
    // The overview shows the facts as corrected.
    await openTab(caseworker, 'overview');
    expect(await caseworker.getByTestId('facts-corrected').textContent()).toContain('偷税数额 80 万元（经复议变更）');
    await openTab(caseworker, 'units');
    expect(await caseworker.getByTestId('pushes').textContent()).toContain('信息更正');
    await openTab(caseworker, 'documents');
    // The written result is made and awaits its service on the party.
    await expect
      .poll(
        async () => {
          await caseworker.reload();
          await caseworker.getByTestId('served-OBJECTION_RESULT').first().waitFor();
          return caseworker.getByTestId('served-OBJECTION_RESULT').allTextContents();
        },
        { timeout: 20_000 },
      )
      .toEqual([`已送达 ${today()}（电子送达）`, '待送达']);

    // The party acknowledges it; the case page shows it served electronically today.
    await acknowledgeService(party, '异议处理结果告知书', 'party-acknowledge-form');
    await openTab(party, 'documents');
    await expect
      .poll(() => party.getByTestId('served-OBJECTION_RESULT').allTextContents())
      .toEqual([`已送达 ${today()}（电子送达）`, `已送达 ${today()}（电子送达）`]);
    expect(await party.getByTestId('document-OBJECTION_RESULT').last().textContent()).toMatch(
      /^异议处理结果告知书（市信用办异〔2026〕\d+号）$/,
    );
    await caseworker.reload();
    await caseworker.getByTestId('served-OBJECTION_RESULT').first().waitFor();
    await expect.poll(() => caseworker.getByTestId('served-OBJECTION_RESULT').last().textContent()).toBe(`已送达 ${today()}（电子送达）`);
    expect(await caseworker.getByTestId('step-recordService').count()).toBe(0);
    await screenshots(party, 'party-served', party.locator('.ant-card', { has: party.getByTestId('document-OBJECTION_RESULT') }));

    // The public lookup shows the corrected content and the correction notice.
    const visitor = await browser.newPage({ locale: 'zh-CN' });
    await visitor.goto(`${stack.baseUrl}/public`);
    await visitor.getByPlaceholder('输入主体名称或统一社会信用代码').fill('91350100M000100Y43');
    await visitor.getByPlaceholder('输入主体名称或统一社会信用代码').press('Enter');
    const notice = visitor.getByTestId('public-notice');
    await expect.poll(() => notice.textContent(), { timeout: 20_000 }).toContain('更正说明');
    expect(await notice.textContent()).toContain(`经核实，本条信息已于${today()}更正。`);
    expect(await visitor.getByTestId('public-results').textContent()).toContain('偷税数额 80 万元（经复议变更）');
    for (const p of [party, caseworker, visitor]) await p.close();
  });

  it("takes the party's repair application; the caseworker accepts, extends once with a reason and grants it", async () => {
    // A minor listing may be repaired at once (no minimum publication).
    const { id } = await fileListed(
      stack.baseUrl,
      designationForm({ tier: 'MINOR', listType: 'WAGES', basis: { ...designationForm().basis, number: '市人社罚〔2026〕8号' } }),
    );
    const url = `${stack.baseUrl}/cases/${id}`;

    const party = await browser.newPage({ locale: 'zh-CN' });
    await signIn(party, 'party');
    await expect
      .poll(
        async () => {
          await party.goto(url);
          await party.getByTestId('party-guide').waitFor();
          return party.getByTestId('step-applyForRepair').count();
        },
        { timeout: 20_000 },
      )
      .toBe(1);
    // The party's guide says repair is open now, with the materials it needs.
    const guide = party.getByTestId('guide-repair');
    expect(await guide.textContent()).toContain('现在可以办理');
    expect(await guide.textContent()).toContain('信用承诺书');
    expect(await party.getByTestId('guide-statement').textContent()).toContain('当前不可办理');
    await screenshots(party, 'party-case', party.getByTestId('party-guide'));
    const form = party.getByTestId('step-applyForRepair');
    await form.getByLabel('已纠正失信行为的证明材料').fill('已结清全部拖欠工资，附银行转账凭证。');
    await form.getByLabel('信用承诺书内容').fill('本单位承诺今后按时足额支付劳动者工资。');
    await button(form, '提交').click();
    await expect.poll(() => party.locator('[data-field-error="commitmentSigned"]').textContent()).toBe('请签署信用承诺');
    await form.getByLabel('本人（单位）承诺所提交材料真实，并信守上述承诺').check();
    await form.getByLabel('信用报告').check();
    await take(form, '提交');
    await openTab(party, 'matters');
    await expect.poll(() => party.getByTestId('repair').getAttribute('data-state'), { timeout: 20_000 }).toBe('AWAITING_ACCEPTANCE');
    expect(await party.getByTestId('repair').getByTestId('receipt').textContent()).toContain('前办结（修复受理期限）');

    const caseworker = await browser.newPage({ locale: 'zh-CN' });
    await signIn(caseworker, 'caseworker');
    await caseworker.goto(`${url}?tab=matters`); // the application beside the forms that decide it
    await take(caseworker.getByTestId('step-decideRepairAcceptance'), '受理');
    const extension = caseworker.getByTestId('step-extendRepair');
    await extension.getByLabel('延期理由（将告知申请人）').fill('需向人社部门函询工资支付核查结果。');
    await take(extension, '延长办理期限（仅一次）');
    await expect
      .poll(() => caseworker.getByTestId('repair').textContent(), { timeout: 20_000 })
      .toContain('需向人社部门函询工资支付核查结果。');
    expect(await caseworker.getByTestId('step-extendRepair').count()).toBe(0); // once only
    const decision = caseworker.getByTestId('step-decideRepair');
    await decision.getByLabel('决定理由').fill('已纠正失信行为并作出信用承诺，准予修复。');
    await take(decision, '准予修复');
    await expect.poll(() => stateAfterReload(caseworker), { timeout: 20_000 }).toBe('REMOVED');
    await openTab(caseworker, 'units');
    expect(await caseworker.getByTestId('pushes').textContent()).toContain('移出');

    await party.reload();
    await expect.poll(() => party.getByTestId('repair').getAttribute('data-state')).toBe('GRANTED');
    expect(await party.getByTestId('repair').textContent()).toContain('需向人社部门函询工资支付核查结果。');
    await openTab(party, 'documents');
    expect(await party.getByTestId('document-REPAIR_RESULT').textContent()).toMatch(/^信用修复结果告知书（市信用办修决〔2026〕\d+号）$/);
  });

  it('switches the interface to English', async () => {
    const page = await browser.newPage();
    await page.goto(stack.baseUrl);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByLabel('Username').fill('caseworker');
    await page.getByLabel('Password').fill('wrong-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.locator('.ant-alert').textContent()).toContain('Wrong username or password');
  });
});

describe('the administrator revises a policy', () => {
  it('refuses a notice period of 0 beside the field, then saves a new version', async () => {
    const page = await browser.newPage({ locale: 'zh-CN' });
    await signIn(page, 'admin');
    await page.getByRole('link', { name: '政策参数（各地办法）' }).click();
    await page.getByLabel('政策').click();
    await page.locator('.ant-select-dropdown:visible').getByTitle('全国 2025（信用修复管理办法）').click();
    await expect.poll(() => page.getByLabel('告知期（工作日）').inputValue()).toBe('5');
    await page.getByLabel('告知期（工作日）').fill('0');
    await page.getByRole('button', { name: '保存为新版本' }).click();
    await expect.poll(() => page.locator('[data-field-error="noticeWorkingDays"]').textContent()).toBe('至少为 1');
    await page.getByLabel('告知期（工作日）').fill('7');
    await page.getByRole('button', { name: '保存为新版本' }).click();
    await expect.poll(() => page.locator('.ant-alert').textContent()).toContain('已保存为 全国 2025（信用修复管理办法）（第 2 版）');
    const v2 = await stack.db.policy.findUniqueOrThrow({ where: { code_version: { code: 'NATIONAL-2025', version: 2 } } });
    expect(v2).toMatchObject({ noticeWorkingDays: 7, createdBy: '系统管理员' });
  });
});

describe('the public looks up listings', () => {
  it('finds a published listing without signing in', async () => {
    const page = await browser.newPage({ locale: 'zh-CN' });
    await page.goto(`${stack.baseUrl}/public`);
    await page.getByPlaceholder('输入主体名称或统一社会信用代码').fill('某某建设工程');
    await page.getByPlaceholder('输入主体名称或统一社会信用代码').press('Enter');
    await expect.poll(() => page.getByTestId('public-results').textContent()).toContain('91350100M000100Y43');
    expect(await page.getByTestId('public-results').textContent()).toContain('重大税收违法失信主体');
    expect(await page.getByLabel('用户名').count()).toBe(0);
  });
});
