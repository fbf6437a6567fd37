/**
 * 窗口收件 in the browser: window-li receives a 食品经营许可 with one 容缺 material missing and
 * accepts it (容缺受理); shared electronic licences are 免提交 (no 收取 box); the application form
 * is generated from the matter's JSON Schema and its validation speaks Chinese, counting what it
 * lists; a decision the server refuses stores no case, and the corrected submission goes through.
 */
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { useWorkspace } from '../support/browser.js';

const FOOD = '330106-SJ-000105013';

interface CaseBody {
  caseId: string;
  status: string;
  materials: Record<string, boolean>;
  tolerance: { missing: string[]; deadline: string; commitment: string } | null;
  tasks: Array<{ elementId: string }>;
}

async function fillFoodLicence(page: Page): Promise<void> {
  await page.getByLabel('办理事项').selectOption(FOOD);
  await page.getByLabel('申请人（法定代表人）姓名').fill('陈美玲');
  await page.getByLabel('证件类型').selectOption('居民身份证');
  await page.getByLabel('证件号码').fill('330106199203154528');
  await page.getByLabel('经营者名称（与营业执照一致）').fill('杭州美玲轻食餐饮有限公司');
  await page.getByLabel('经营场所', { exact: true }).fill('杭州市西湖区天目山路 176 号 1 层');
  await page.getByLabel('主体业态').selectOption('餐饮服务经营者');
  await page.getByLabel('热食类食品制售').check();
  await page.getByLabel('冷食类食品制售').check();
  await page.getByLabel('联系电话').fill('13957112345');
}

describe('Workspace: 窗口收件 (browser)', function () {
  this.timeout(120_000);
  const web = useWorkspace();

  it('window-li receives a 食品经营许可 missing one 容缺 material and accepts it with 容缺受理, then lands on the new case', async () => {
    const page = await web.loginAs('window-li');
    await page.goto(web.url('/reception'));
    await fillFoodLicence(page);
    // The materials list marks the 容缺-eligible ones; all are ticked but the premises layout.
    expect(
      await page.locator('.wl-materials tr', { hasText: '经营场所平面布局图及设备布局图' }).textContent(),
    ).to.contain('可容缺');
    // The business licence and the ID are fetched as shared electronic licences: nothing to tick.
    for (const shared of ['营业执照', '法定代表人（负责人）身份证明']) {
      const row = page.locator('.wl-materials tbody tr', { hasText: shared });
      expect(await row.locator('td').first().textContent()).to.equal('免提交');
      expect(await row.locator('input[type="checkbox"]').count()).to.equal(0);
    }
    for (const name of ['食品经营许可申请书', '食品安全管理制度文本']) await page.getByLabel(`已收取：${name}`).check();
    await page.getByLabel('容缺受理', { exact: true }).check();
    await page
      .getByLabel('容缺受理承诺书内容')
      .fill('本人承诺于 10 个工作日内补交经营场所平面布局图及设备布局图，逾期未补交的，同意终止办理。');
    await Promise.all([
      page.waitForURL((url) => url.pathname.startsWith('/worklist/tasks/')),
      page.getByRole('button', { name: '收件并容缺受理' }).click(),
    ]);

    // The new case: 已受理, the layout owed (容缺待补) with its deadline; its open step is the department's 审查.
    await page.getByText('已受理', { exact: true }).waitFor();
    const caseId = (await page.locator('.wl-case-header .wl-case-id').textContent())!.trim();
    expect(await page.locator('tr', { hasText: '经营场所平面布局图及设备布局图' }).textContent()).to.contain(
      '容缺待补',
    );
    expect(await page.locator('.wl-case-header').textContent()).to.contain('330106********4528');
    const stored = (await (
      await fetch(web.url(`/api/cases/${caseId}`), {
        headers: { Authorization: `Bearer ${web.server.tokens['auditor-wu']}` },
      })
    ).json()) as CaseBody;
    expect(stored.status).to.equal('已受理');
    expect(stored.tolerance?.missing).to.deep.equal(['premises-layout']);
    expect(stored.tolerance?.commitment).to.contain('10 个工作日内补交');
    expect(stored.tasks.map((t) => t.elementId)).to.deep.equal(['review']);
  });

  it('names what is wrong with the application in Chinese, by field, and receives nothing until it is right', async () => {
    const page = await web.loginAs('window-li');
    await page.goto(web.url('/reception'));
    await page.getByLabel('办理事项').selectOption(FOOD);
    await page.getByLabel('经营者名称（与营业执照一致）').waitFor();
    const before = (await web.server.store.listCases({})).length;
    await page.getByRole('button', { name: '收件并受理' }).click();
    const summary = (await page.getByText(/申请表有 \d+ 处需要修改/).textContent())!;
    // The count is what it lists, and what the form marks.
    const [, count, listed] = /申请表有 (\d+) 处需要修改：(.*)$/.exec(summary)!;
    expect(listed!.split('；')).to.have.length(Number(count));
    expect(await page.locator('.wl-schema-form .wl-field-error').count()).to.equal(Number(count));
    expect(Number(count)).to.be.greaterThan(3);
    expect(await page.locator('[data-schemapath="root.businessName"] .wl-field-error').textContent()).to.equal(
      '必须填写',
    );
    await page.getByLabel('联系电话').fill('12345');
    await page.getByRole('button', { name: '收件并受理' }).click();
    await page.locator('[data-schemapath="root.phone"] .wl-field-error', { hasText: '格式不正确' }).waitFor();
    expect((await web.server.store.listCases({})).length).to.equal(before);
  });

  it('a 受理 the server refuses stores no case (未收件); ticking the material and submitting again receives it', async () => {
    const page = await web.loginAs('window-li');
    await page.goto(web.url('/reception'));
    await fillFoodLicence(page);
    for (const name of ['食品经营许可申请书', '食品安全管理制度文本']) await page.getByLabel(`已收取：${name}`).check();
    const before = (await web.server.store.listCases({})).length;
    await page.getByRole('button', { name: '收件并受理' }).click();
    const refusal = page.locator('.wl-refusal');
    await refusal.waitFor();
    expect(await refusal.textContent()).to.match(/^未收件：材料不齐，不能受理：缺少经营场所平面布局图及设备布局图/);
    expect((await web.server.store.listCases({})).length).to.equal(before);

    // The officer fixes what was refused; the new submission is a new attempt (not the refused one again).
    await page.getByLabel('已收取：经营场所平面布局图及设备布局图').check();
    await Promise.all([
      page.waitForURL((url) => url.pathname.startsWith('/worklist/tasks/')),
      page.getByRole('button', { name: '收件并受理' }).click(),
    ]);
    await page.getByText('已受理', { exact: true }).waitFor();
    expect((await web.server.store.listCases({})).length).to.equal(before + 1);
  });

  it('容缺受理 without the 承诺书 text stores no case and says what to fill in', async () => {
    const page = await web.loginAs('window-li');
    await page.goto(web.url('/reception'));
    await fillFoodLicence(page);
    for (const name of ['食品经营许可申请书', '食品安全管理制度文本']) await page.getByLabel(`已收取：${name}`).check();
    const before = (await web.server.store.listCases({})).length;
    await page.getByLabel('容缺受理', { exact: true }).check();
    await page.getByRole('button', { name: '收件并容缺受理' }).click();
    expect(await page.locator('.wl-refusal').textContent()).to.equal('请填写容缺受理承诺书内容');
    expect((await web.server.store.listCases({})).length).to.equal(before);
  });
});
