import { expect } from 'chai';
import { useWorkspace } from '../support/browser.js';
import {
  CaseDriver,
  expectedMarkers,
  openReplay,
  position,
  shownMarkers,
  STARTUP_APPLICATION,
  SUPERVISION,
} from './replay-support.js';

/** The buttons a read-only auditor may see: stepping, jumping, the shell's 退出 and notice close. */
const READ_ONLY_BUTTONS = new Set(['首条', '上一条', '下一条', '末条', '跳转', '定位', '退出', '关闭', '×']);

describe('Workspace: case replay (browser)', function () {
  this.timeout(180_000);
  const web = useWorkspace({ supervision: SUPERVISION });
  let driver: CaseDriver;
  let caseId = '';

  before(async function () {
    this.timeout(60_000);
    driver = new CaseDriver(web.server);
    const atReview = await driver.foodCaseAtReview();
    caseId = atReview.caseId;
    await driver.finishFoodCase(caseId, atReview.reviewTaskId);
  });

  it('an auditor steps from the first to the last event (buttons and keys) and the diagram matches the engine’s replay at three events', async () => {
    const events = await web.server.store.getEvents(caseId);
    const total = events.length;
    const page = await web.loginAs('auditor-wu');
    await openReplay(page, web.url(`/audit/cases/${caseId}`));
    expect(await position(page)).to.deep.equal([total, total]);
    expect(await page.getByTestId('verification').getAttribute('data-ok')).to.equal('true');
    expect(await page.getByTestId('definition').textContent())
      .to.contain('food-licence')
      .and.contain('第 1 版');
    // Every event, the flow's bookkeeping included, to step through them all.
    await page.getByLabel('显示').selectOption('all');

    await page.getByRole('button', { name: '首条' }).click();
    expect(await position(page)).to.deep.equal([1, total]);
    expect(new URL(page.url()).searchParams.get('seq')).to.equal('1');
    expect(await page.getByTestId('event-actor').textContent()).to.equal(
      events[0]!.actor === 'system' ? '系统' : events[0]!.actor,
    );
    // Keyboard: → through every event to the last; the selected row follows.
    await page.locator('h1').first().click();
    for (let seq = 2; seq <= total; seq += 1) {
      await page.keyboard.press('ArrowRight');
      expect((await position(page))[0], `after → to ${seq}`).to.equal(seq);
    }
    expect(await page.locator('tr.selected').getAttribute('data-seq')).to.equal(String(total));
    await page.keyboard.press('ArrowRight');
    expect(await position(page)).to.deep.equal([total, total]);
    await page.keyboard.press('ArrowLeft');
    expect((await position(page))[0]).to.equal(total - 1);
    await page.keyboard.press('Home');
    expect((await position(page))[0]).to.equal(1);
    // Buttons the whole way back up.
    for (let seq = 2; seq <= total; seq += 1) await page.getByRole('button', { name: '下一条' }).click();
    expect(await position(page)).to.deep.equal([total, total]);
    expect(await page.getByRole('button', { name: '下一条' }).isDisabled()).to.equal(true);
    await page.getByRole('button', { name: '上一条' }).click();
    expect((await position(page))[0]).to.equal(total - 1);
    await page.getByRole('button', { name: '末条' }).click();
    expect((await position(page))[0]).to.equal(total);

    // Three events: review's task created (审查 active), the 预警 raised, the last.
    const reviewCreated = events.findIndex((e) => e.type === 'task.created' && e.data.elementId === 'review') + 1;
    const warned = events.findIndex((e) => e.type === 'alert.raised') + 1;
    expect(reviewCreated).to.be.greaterThan(0);
    expect(warned).to.be.greaterThan(reviewCreated);
    for (const seq of [reviewCreated, warned, total]) {
      await page.getByLabel('跳转到序号').fill(String(seq));
      await page.getByRole('button', { name: '跳转' }).click();
      expect((await position(page))[0]).to.equal(seq);
      const expected = expectedMarkers(await web.server.store.replay(caseId, { upToSeq: seq }));
      expect(await shownMarkers(page), `markers after seq ${seq}`).to.deep.equal(expected);
    }
    // Mid-way: 审查 is the active task with its 预警, and the page says so in its colours.
    await page.getByLabel('跳转到序号').fill(String(warned));
    await page.getByRole('button', { name: '跳转' }).click();
    expect((await shownMarkers(page)).active).to.include('review');
    const signal = page.locator('[data-testid="signal"][data-element-id="review"]');
    expect(await signal.getAttribute('data-level')).to.equal('预警');
    expect(await signal.getAttribute('class')).to.contain('mf-signal-warning');
    expect(await page.getByTestId('state-signals').textContent()).to.contain('预警');
    expect(await page.locator('[data-testid="timers"][data-element-id="review"]').textContent()).to.contain('黄牌时点');
    expect(await page.locator('[data-testid="visits"][data-element-id="review"]').textContent()).to.equal('1次');
    expect(await page.getByTestId('event-actor').textContent()).to.equal('定时器');
    // The payload as the audit API masks it.
    const receivedAt = events.findIndex((e) => e.type === 'case.received') + 1;
    await page.getByLabel('跳转到序号').fill(String(receivedAt));
    await page.getByRole('button', { name: '跳转' }).click();
    const payload = (await page.getByTestId('event-payload').textContent()) ?? '';
    expect(payload).to.contain('330102********1234').and.not.contain('330102199001011234');

    // The end: the whole path green, nothing active.
    await page.getByRole('button', { name: '末条' }).click();
    const finalMarkers = await shownMarkers(page);
    expect(finalMarkers.active).to.deep.equal([]);
    expect(finalMarkers.completed).to.include.members(['windowAcceptance', 'review', 'decision', 'deliverLicence']);

    const buttons = await page.getByRole('button').allTextContents();
    expect(
      buttons.map((b) => b.trim()).filter((b) => !READ_ONLY_BUTTONS.has(b)),
      'action buttons offered to an auditor',
    ).to.deep.equal([]);
  });

  it('a link with ?seq= reproduces the view, and a time jumps to the last event at or before it', async () => {
    const events = await web.server.store.getEvents(caseId);
    const page = await web.loginAs('supervisor-sun');
    await openReplay(page, web.url(`/audit/cases/${caseId}?seq=5`));
    expect((await position(page))[0]).to.equal(5);
    expect(await shownMarkers(page)).to.deep.equal(
      expectedMarkers(await web.server.store.replay(caseId, { upToSeq: 5 })),
    );
    // The 预警 fired at 2026-11-05 17:30 Beijing time (4 days after 受理 at 09:30): 17:29 lands before it, 17:30 on the last event then.
    const warned = events.findIndex((e) => e.type === 'alert.raised');
    const warnedAt = events[warned]!.time;
    const beijing = (iso: string, minutes = 0) =>
      new Date(Date.parse(iso) + 8 * 3_600_000 + minutes * 60_000).toISOString().slice(0, 16);
    await page.getByLabel('跳转到时间（北京时间）').fill(beijing(warnedAt, -1));
    await page.getByRole('button', { name: '定位' }).click();
    const before = events.filter((e) => Date.parse(e.time) <= Date.parse(warnedAt) - 60_000).length;
    expect((await position(page))[0]).to.equal(before);
    await page.getByLabel('跳转到时间（北京时间）').fill(beijing(warnedAt));
    await page.getByRole('button', { name: '定位' }).click();
    const upTo = events.filter((e) => Date.parse(e.time) <= Date.parse(warnedAt)).length;
    expect((await position(page))[0]).to.equal(upTo);
    expect(upTo).to.be.greaterThan(warned);
    expect(new URL(page.url()).searchParams.get('seq')).to.equal(String(upTo));
    await page.getByLabel('跳转到时间（北京时间）').fill('2020-01-01T08:00');
    await page.getByRole('button', { name: '定位' }).click();
    await page.getByText('之前没有任何事件').waitFor();
    await page.getByLabel('跳转到序号').fill('9999');
    await page.getByRole('button', { name: '跳转' }).click();
    await page.getByText(`请输入 1 到 ${events.length} 之间的整数`).waitFor();
  });

  it('a tampered event breaks the chain at its seq, and the timeline marks it', async () => {
    const atReview = await driver.foodCaseAtReview();
    const knex = web.server.db.database.knex;
    const row = (await knex('case_events').where({ case_id: atReview.caseId, seq: 6 }).first()) as { data: string };
    await knex('case_events')
      .where({ case_id: atReview.caseId, seq: 6 })
      .update({ data: JSON.stringify({ ...(JSON.parse(row.data) as object), assignee: 'someone-else' }) });
    const page = await web.loginAs('auditor-wu');
    await openReplay(page, web.url(`/audit/cases/${atReview.caseId}`));
    const verification = page.getByTestId('verification');
    expect(await verification.getAttribute('data-ok')).to.equal('false');
    expect(await verification.getAttribute('data-broken-at')).to.equal('6');
    expect(await verification.textContent()).to.contain('第 6 条');
    expect(await page.locator('tr[data-seq="6"]').getAttribute('class')).to.contain('mf-broken');
    expect(await page.locator('tr.mf-broken').count()).to.equal(1);
    expect(await page.locator('tr[data-seq="6"] [data-testid="chain-break"]').textContent()).to.equal('链断裂');
    await page.locator('tr[data-seq="6"]').click();
    expect((await position(page))[0]).to.equal(6);
    expect(await page.getByTestId('event-payload').textContent()).to.contain('someone-else');
  });

  it('a 一件事 parent links to its child case, the child back to the parent, and its call activity opens the child', async () => {
    const received = await driver.receive(STARTUP_APPLICATION);
    await driver.operate('window-li', received.caseId, 'case.accept', {
      taskId: driver.task(received, 'windowAcceptance'),
    });
    const [child] = await web.server.store.listCases({ parentCaseId: received.caseId });
    expect(child).to.not.equal(undefined);
    const page = await web.loginAs('auditor-wu');
    await openReplay(page, web.url(`/audit/cases/${received.caseId}`));
    const childLink = page.getByTestId('child-link');
    expect(await childLink.count()).to.equal(1);
    expect(await childLink.textContent()).to.equal('营业执照');
    await childLink.click();
    await page.waitForURL((url) => url.pathname === `/audit/cases/${child!.caseId}`);
    await page.locator('[data-testid="replay-diagram"][data-ready="true"]').waitFor();
    expect(await page.getByTestId('definition').textContent()).to.contain('business-startup-licence');
    expect(await shownMarkers(page)).to.deep.equal(expectedMarkers((await web.server.store.getCase(child!.caseId))!));
    await page.getByTestId('parent-link').click();
    await page.waitForURL((url) => url.pathname === `/audit/cases/${received.caseId}`);
    await page.locator('[data-testid="replay-diagram"][data-ready="true"]').waitFor();
    // The call activity on the diagram opens its child's replay.
    await page.locator('[data-testid="replay-diagram"] .djs-element[data-element-id="businessLicence"]').click();
    await page.waitForURL((url) => url.pathname === `/audit/cases/${child!.caseId}`);
  });
});
