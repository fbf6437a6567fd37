/**
 * A refused form can be submitted again. The 局's officer concludes a 容缺-accepted 食品经营许可
 * with 出证 while the layout is still owed: refused, with the 补交期限 in Beijing time. Once the
 * window records the layout, the same form submitted again (the same data) is a new attempt and
 * goes through — not the stored refusal replayed under the old idempotency key.
 */
import { expect } from 'chai';
import { createUser } from '../../../engine/users-store/index.js';
import { CaseDriver } from '../../support/case-driver.js';
import { FOOD_LICENCE_APPLICATION } from '../../support/applications.js';
import { passwordOf } from '../../server/support.js';
import { useWorkspace } from '../support/browser.js';

describe('Workspace: a refused form submitted again (browser)', function () {
  this.timeout(120_000);
  const web = useWorkspace();

  it('办结 refused (容缺材料尚未补齐), then the same 出证 submitted again after the layout came: 办结', async () => {
    const driver = new CaseDriver(web.server);
    await createUser(
      web.server.db.database.knex,
      {
        id: 'chief-lin',
        name: '林局',
        roles: ['department'],
        department: '西湖区市场监督管理局',
        password: passwordOf('chief-lin'),
      },
      { actor: 'test', at: '2026-11-01T00:00:00.000Z' },
    );
    const received = await driver.receive({
      ...FOOD_LICENCE_APPLICATION,
      materials: { ...FOOD_LICENCE_APPLICATION.materials, 'premises-layout': false },
    });
    const accepted = await driver.operate('window-li', received.caseId, 'case.acceptWithTolerance', {
      taskId: driver.task(received, 'windowAcceptance'),
      commitment: '承诺 10 个工作日内补交平面布局图',
    });
    const reviewed = await driver.operate('food-zhao', received.caseId, 'task.complete', {
      taskId: driver.task(accepted, 'review'),
      variables: { 需要现场核查: false },
    });
    const decision = driver.task(reviewed, 'decision');

    const page = await web.loginAs('chief-lin');
    await page.goto(web.url(`/worklist/tasks/${decision}`));
    await page.getByRole('button', { name: '办结', exact: true }).click();
    await page.getByLabel('办结结果').selectOption('出证');
    await page.getByLabel('证照编号').fill('JY13301060000009');
    await page.getByRole('button', { name: '确认办结' }).click();
    const refusal = page.locator('.wl-actions > .wl-refusal');
    await refusal.waitFor();
    // 10 working days from Monday 2026-11-02 09:30: Monday 2026-11-16, 17:30 Beijing time.
    expect(await refusal.textContent()).to.equal(
      '容缺材料经营场所平面布局图及设备布局图尚未补齐（补交期限 2026-11-16 17:30），不能出证',
    );

    await driver.operate('window-li', received.caseId, 'materials.supply', { materials: ['premises-layout'] });
    await Promise.all([
      page.waitForURL((url) => url.pathname === '/worklist'),
      page.getByRole('button', { name: '确认办结' }).click(),
    ]);
    const after = await driver.get<{ status: string; result: { kind: string } | null }>(
      'auditor-wu',
      `/api/cases/${received.caseId}`,
    );
    expect(after.result?.kind).to.equal('出证');
  });
});
