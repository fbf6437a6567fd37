/**
 * 已办 in the browser: after 通过 the case leaves food-zhao's 待办 and stays in 已办 (the navigation
 * marks 已办, not 待办), found by its 办件编号, opened read-only with the 办理记录 newest first and
 * its numbers past 9 whole; the window officer's 已办 keeps the cases they received.
 */
import { expect } from 'chai';
import { CaseDriver } from '../../support/case-driver.js';
import { eventually, useWorkspace } from '../support/browser.js';

describe('Workspace: 已办 and the 办理记录 (browser)', function () {
  this.timeout(120_000);
  const web = useWorkspace();

  it('food-zhao finds the case they approved in 已办 and reads its history newest first, numbers intact', async () => {
    const driver = new CaseDriver(web.server);
    const other = await driver.acceptedFoodCase();
    const { caseId, review } = await driver.acceptedFoodCase();
    // Enough steps for more than nine entries: 签收 and 取消签收 twice, then 通过.
    for (let i = 0; i < 2; i += 1) {
      await driver.operate('food-zhao', caseId, 'task.claim', { taskId: review });
      await driver.operate('food-zhao', caseId, 'task.unclaim', { taskId: review });
    }
    await driver.operate('food-zhao', caseId, 'task.complete', {
      taskId: review,
      opinion: { decision: '通过', text: '经审查符合条件' },
      variables: { 需要现场核查: false },
    });
    const { number } = await driver.get<{ number: string }>('auditor-wu', `/api/cases/${caseId}`);

    const page = await web.loginAs('food-zhao');
    await page.locator(`tr[data-case-id="${other.caseId}"]`).waitFor();
    expect(await page.locator(`tr[data-case-id="${caseId}"]`).count()).to.equal(0);
    await Promise.all([
      page.waitForURL((url) => url.pathname === '/worklist/handled'),
      page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '已办' }).click(),
    ]);
    expect(await page.locator('.mf-nav a.active').allTextContents()).to.deep.equal(['已办']);
    const row = page.locator(`tr[data-case-id="${caseId}"]`);
    await row.waitFor();
    expect(await row.textContent())
      .to.contain('办理「审查」：通过，意见：经审查符合条件')
      .and.contain('审查中')
      .and.contain('决定');
    // The other case was never touched by food-zhao: not theirs to list.
    expect(await page.locator(`tr[data-case-id="${other.caseId}"]`).count()).to.equal(0);

    await page.getByLabel('搜索已办').fill(number);
    await page.getByRole('button', { name: '查询' }).click();
    await eventually(() => page.locator('tbody tr').count(), 1);
    await Promise.all([
      page.waitForURL((url) => url.pathname === `/worklist/cases/${caseId}`),
      page.getByRole('link', { name: number }).click(),
    ]);
    const history = page.getByRole('list', { name: '办理记录（最新在前）' });
    await history.waitFor();
    const entries = history.locator('li');
    const count = await entries.count();
    expect(count).to.be.greaterThan(9);
    // Newest first, numbered in the order things happened, and no number cut off.
    expect(await entries.first().textContent()).to.contain('环节「决定」开始');
    expect(await entries.first().locator('.wl-history-n').textContent()).to.equal(`${count}.`);
    expect(await entries.last().locator('.wl-history-n').textContent()).to.equal('1.');
    expect((await entries.allTextContents()).slice(-2).join()).to.contain('收件（窗口）');
    const clipped = await entries
      .first()
      .locator('.wl-history-n')
      .evaluate((element) => element.scrollWidth > element.clientWidth);
    expect(clipped).to.equal(false);
  });

  it('window-li’s 已办 keeps the cases they received after they left the window', async () => {
    const driver = new CaseDriver(web.server);
    const { caseId } = await driver.acceptedFoodCase();
    const page = await web.loginAs('window-li');
    await page.goto(web.url('/worklist/handled'));
    const row = page.locator(`tr[data-case-id="${caseId}"]`);
    await row.waitFor();
    expect(await row.textContent())
      .to.contain('受理')
      .and.contain('审查');
  });
});
