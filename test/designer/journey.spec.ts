/**
 * One 食品经营许可 through the workspace, every role in its own browser session, nothing but the
 * pages (and the test clock): 收件 with one 容缺 material at the window → 审查 passed by the 许可科
 * → 决定 left past its limit → 黄牌 on the supervision board → the auditor replays the case and
 * finds the diagram as the engine's replay has it → a tampered event shows where the chain breaks.
 */
import { expect } from 'chai';
import request from 'supertest';
import { useWorkspace } from './support/browser.js';
import { expectedMarkers, openReplay, position, shownMarkers, SUPERVISION } from './replay/replay-support.js';

const FOOD = '330106-SJ-000105013';
const BUREAU = '西湖区市场监督管理局';

describe('Workspace: a 食品经营许可 from the window to the auditor (browser, every role)', function () {
  this.timeout(240_000);
  const web = useWorkspace({ supervision: SUPERVISION });
  let caseId = '';

  it('the window receives it with one 容缺 material and accepts it (容缺受理)', async () => {
    const page = await web.loginAs('window-li');
    await page.goto(web.url('/reception'));
    await page.getByLabel('办理事项').selectOption(FOOD);
    await page.getByLabel('申请人（法定代表人）姓名').fill('林晓雯');
    await page.getByLabel('证件类型').selectOption('居民身份证');
    await page.getByLabel('证件号码').fill('330106199405203326');
    await page.getByLabel('经营者名称（与营业执照一致）').fill('杭州晓雯茶饮有限公司');
    await page.getByLabel('经营场所', { exact: true }).fill('杭州市西湖区文二路 88 号');
    await page.getByLabel('主体业态').selectOption('餐饮服务经营者');
    await page.getByLabel('热食类食品制售').check();
    await page.getByLabel('联系电话').fill('13857100001');
    // Every material but the premises layout, which is 容缺-eligible (the licence and the ID are shared: 免提交).
    for (const name of ['食品经营许可申请书', '食品安全管理制度文本']) await page.getByLabel(`已收取：${name}`).check();
    await page.getByLabel('容缺受理', { exact: true }).check();
    await page.getByLabel('容缺受理承诺书内容').fill('本人承诺于 10 个工作日内补交经营场所平面布局图及设备布局图。');
    await Promise.all([
      page.waitForURL((url) => url.pathname.startsWith('/worklist/tasks/')),
      page.getByRole('button', { name: '收件并容缺受理' }).click(),
    ]);
    await page.getByText('已受理', { exact: true }).waitFor();
    caseId = (await page.locator('.wl-case-header .wl-case-id').textContent())!.trim();
    expect(caseId).to.match(/^BJ-/);
  });

  it('the 许可科 finds it in its worklist, signs for 审查 and passes it with an opinion', async () => {
    const page = await web.loginAs('food-zhao');
    const row = page.locator(`tr[data-case-id="${caseId}"]`);
    await row.waitFor();
    expect(await row.textContent())
      .to.contain('审查')
      .and.contain('计时中');
    await Promise.all([
      page.waitForURL((url) => url.pathname.startsWith('/worklist/tasks/')),
      row.getByRole('link').click(),
    ]);
    expect(await page.locator('tr', { hasText: '经营场所平面布局图及设备布局图' }).textContent()).to.contain(
      '容缺待补',
    );
    await page.getByRole('button', { name: '签收', exact: true }).click();
    await page.getByText('签收人 food-zhao').waitFor();
    await page.getByRole('button', { name: '通过 / 不通过' }).click();
    await page.getByLabel('通过', { exact: true }).check();
    await page.getByLabel('办理意见').fill('材料齐全（平面布局图容缺待补），符合法定形式，同意。');
    await Promise.all([
      page.waitForURL((url) => url.pathname === '/worklist'),
      page.getByRole('button', { name: '确认提交' }).click(),
    ]);
    const stored = await web.server.store.getCase(caseId);
    expect(Object.values(stored!.instances).map((instance) => instance.elementId)).to.include('decision');
  });

  it('left past its 3-working-day limit, the 局’s 决定 is a 黄牌 on the supervisor’s board', async () => {
    // 决定 started Monday 2 November 09:30 (Beijing), due Thursday 17:30; Friday 09:30 is past it.
    const admin = { Authorization: `Bearer ${web.server.tokens['admin']}` };
    await request(web.server.app).post('/api/test/clock').set(admin).send({ advance: 'P4D' }).expect(200);
    const page = await web.loginAs('supervisor-sun');
    await page.goto(web.url('/supervision'));
    const table = page.getByRole('table', { name: '未解除的监察信号（按部门、事项、级别）' });
    await table.getByRole('link', { name: `${BUREAU} 食品经营许可（新办） 黄牌 1 个时限` }).waitFor();
  });

  it('the auditor steps through the whole case; at three events the diagram is the engine’s replay; nothing to act on', async () => {
    const events = await web.server.store.getEvents(caseId);
    const page = await web.loginAs('auditor-wu');
    await openReplay(page, web.url(`/audit/cases/${caseId}`));
    expect(await page.getByTestId('verification').getAttribute('data-ok')).to.equal('true');
    // Every event, the flow's bookkeeping included (the timeline lists the officers' record first).
    await page.getByLabel('显示').selectOption('all');
    await page.getByRole('button', { name: '首条' }).click();
    for (let seq = 2; seq <= events.length; seq += 1) await page.getByRole('button', { name: '下一条' }).click();
    expect(await position(page)).to.deep.equal([events.length, events.length]);

    const completed = (elementId: string) =>
      events.findIndex(
        (event) => event.type === 'element.completed' && (event.data as { elementId?: string }).elementId === elementId,
      ) + 1;
    const accepted = completed('windowAcceptance');
    const reviewed = completed('review');
    const yellow = events.findLastIndex((event) => event.type === 'alert.raised') + 1;
    expect(
      [accepted, reviewed, yellow].every((seq) => seq > 0),
      'the three chosen events exist',
    ).to.equal(true);
    for (const seq of [accepted, reviewed, yellow]) {
      await page.getByLabel('跳转到序号').fill(String(seq));
      await page.getByRole('button', { name: '跳转' }).click();
      await page
        .getByTestId('position')
        .filter({ hasText: new RegExp(`第\\s*${seq}\\s*/`) })
        .waitFor();
      expect(await shownMarkers(page), `the diagram after event ${seq}`).to.deep.equal(
        expectedMarkers(await web.server.store.replay(caseId, { upToSeq: seq })),
      );
    }
    // 决定 has raised its 预警 and then its 黄牌, each shown in its colour.
    const signals = page.locator('[data-testid="signal"][data-element-id="decision"]');
    expect(
      await signals.evaluateAll((found) => found.map((element) => element.getAttribute('data-level'))),
    ).to.deep.equal(['预警', '黄牌']);

    const offered = (await page.getByRole('button').allTextContents()).map((text) => text.trim());
    expect(
      offered.filter(
        (text) => !['首条', '上一条', '下一条', '末条', '跳转', '定位', '退出', '关闭', '×'].includes(text),
      ),
    ).to.deep.equal([]);
    const refused = await request(web.server.app)
      .post(`/api/cases/${caseId}/operations`)
      .set({ Authorization: `Bearer ${web.server.tokens['auditor-wu']}` })
      .send({ operation: 'case.withdraw', data: { reason: '审计' } });
    expect(refused.status).to.equal(403);
  });

  it('after one stored event is altered, the replay shows the chain broken at that seq', async () => {
    const knex = web.server.db.database.knex;
    const row = (await knex('case_events').where({ case_id: caseId, seq: 3 }).first()) as { data: string };
    await knex('case_events')
      .where({ case_id: caseId, seq: 3 })
      .update({ data: JSON.stringify({ ...(JSON.parse(row.data) as object), tampered: true }) });
    const page = await web.loginAs('auditor-wu');
    await openReplay(page, web.url(`/audit/cases/${caseId}`));
    const verification = page.getByTestId('verification');
    expect(await verification.getAttribute('data-ok')).to.equal('false');
    expect(await verification.getAttribute('data-broken-at')).to.equal('3');
    expect(await page.locator('tr[data-seq="3"] [data-testid="chain-break"]').textContent()).to.equal('链断裂');
  });
});
