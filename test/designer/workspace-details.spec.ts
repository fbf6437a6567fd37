/**
 * The smaller things officers meet all day: a supervisor lands on 电子监察, which counts the cases
 * open now; an administrator named 系统管理员 is not called 系统管理员（系统管理员）; no page asks for
 * something the server does not have (the icon included); a 补正中 case before 受理 says whose time
 * its step is counting; the 食品经营许可 guide that promises 零跑动 asks for nothing on paper.
 */
import { expect } from 'chai';
import request from 'supertest';
import { CaseDriver } from '../support/case-driver.js';
import { FOOD_LICENCE_APPLICATION } from '../support/applications.js';
import { useWorkspace } from './support/browser.js';

describe('Workspace: details seen all day (browser)', function () {
  this.timeout(120_000);
  const web = useWorkspace();

  it('a supervisor lands on 电子监察, which counts the open cases by 办件状态', async () => {
    const driver = new CaseDriver(web.server);
    await driver.acceptedFoodCase();
    await driver.receive();
    const finished = await driver.foodCaseAtReview();
    await driver.finishFoodCase(finished.caseId, finished.reviewTaskId);
    const open = (
      await request(web.server.app)
        .get('/api/supervision/open-cases')
        .set(driver.authorization('supervisor-sun'))
        .expect(200)
    ).body as { total: number; byStatus: Array<{ status: string; cases: number }> };
    const all = await web.server.store.listCases({});
    expect(open.total).to.equal(all.filter((c) => c.status === 'active').length);
    expect(open.byStatus.map((row) => row.status)).to.not.include('已办结');

    const page = await web.loginAs('supervisor-sun');
    expect(new URL(page.url()).pathname).to.equal('/supervision');
    const count = page.getByTestId('open-cases');
    await count.waitFor();
    expect(await count.textContent()).to.equal(`在办办件 ${open.total} 件`);
    const accepted = page.getByRole('link', { name: /^已受理 \d+ 件$/ });
    expect(await accepted.getAttribute('href')).to.equal(`/audit?status=${encodeURIComponent('已受理')}`);
  });

  it('says 系统管理员 once for an administrator of that name, and loads no page with a 404 (the icon is there)', async () => {
    await web.server.db.database.knex('users').where({ user_id: 'admin' }).update({ name: '系统管理员' });
    const page = await web.loginAs('admin');
    const missing: string[] = [];
    page.on('response', (response) => {
      if (response.status() === 404) missing.push(response.url());
    });
    for (const path of ['/users', '/matters', '/audit', '/supervision', '/calendar', '/guide']) {
      await page.goto(web.url(path));
      await page.waitForLoadState('networkidle');
    }
    expect(missing).to.deep.equal([]);
    expect(await page.locator('.mf-user').textContent()).to.equal('系统管理员');
    const icon = await request(web.server.app).get('/favicon.ico').expect(200);
    expect(icon.headers['content-type']).to.contain('image/svg+xml');
  });

  it('a 补正中 case before 受理 says its step counts the window’s time while the applicant corrects', async () => {
    const driver = new CaseDriver(web.server);
    const received = await driver.receive({
      ...FOOD_LICENCE_APPLICATION,
      materials: { ...FOOD_LICENCE_APPLICATION.materials, 'premises-layout': false },
    });
    await driver.operate('window-li', received.caseId, 'case.noticeCorrection', {
      taskId: driver.task(received, 'windowAcceptance'),
      defects: ['经营场所平面布局图及设备布局图：未提交'],
    });
    const page = await web.loginAs('window-li');
    const row = page.locator(`tr[data-case-id="${received.caseId}"]`);
    await row.waitFor();
    expect(await row.textContent())
      .to.contain('补正中')
      .and.contain('窗口受理时限计时中（待申请人补正）');
    await row.getByRole('link').first().click();
    await page.locator('.wl-case-header').waitFor();
    const header = (await page.locator('.wl-case-header').textContent()) ?? '';
    expect(header).to.contain('窗口受理时限计时中（待申请人补正）').and.contain('受理后起算');
  });

  it('the 食品经营许可 guide promises 零跑动 and asks for no paper copies at a window', async () => {
    const page = await web.anonymousPage();
    await page.goto(web.url('/guide/330106-SJ-000105013'));
    await page.getByRole('heading', { name: '申请材料', level: 2 }).waitFor();
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).to.contain('零跑动');
    expect(text).to.not.contain('纸质');
  });
});
