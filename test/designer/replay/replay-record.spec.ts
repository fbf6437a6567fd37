/**
 * The replay as people read it: the timeline shows the officers' record by default (the flow's
 * bookkeeping one choice away), every event by its Chinese name — 一件事's 子事项 events and 退回
 * included, never a code; the payload masks the name, telephone and address its label says it
 * masks; the print view is a document (case, steps with officers and opinions, the record in
 * words, Beijing times), not JSON.
 */
import { expect } from 'chai';
import { useWorkspace } from '../support/browser.js';
import { CaseDriver, openReplay, position, STARTUP_APPLICATION, SUPERVISION } from './replay-support.js';

/** A code of an event type (`case.completed`, `flow.taken`) or an ISO instant on the page. */
const CODE = /\b[a-z]+\.[a-z][A-Za-z]+\b|\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

describe('Workspace: the replay’s record and print view (browser)', function () {
  this.timeout(180_000);
  const web = useWorkspace({ supervision: SUPERVISION });
  let driver: CaseDriver;
  let food = '';
  let returned = '';

  before(async function () {
    this.timeout(60_000);
    driver = new CaseDriver(web.server);
    const atReview = await driver.foodCaseAtReview();
    food = atReview.caseId;
    await driver.finishFoodCase(food, atReview.reviewTaskId);
    // A case 退回 from 审查 to 受理.
    const accepted = await driver.acceptedFoodCase();
    returned = accepted.caseId;
    await driver.operate('food-zhao', returned, 'case.modify', {
      taskId: accepted.review,
      activate: 'windowAcceptance',
      reason: '申请书经营项目填写不全',
    });
  });

  it('lists the officers’ record by default, every event by its Chinese name, and all events on demand', async () => {
    const total = (await web.server.store.getEvents(food)).length;
    const page = await web.loginAs('auditor-wu');
    await openReplay(page, web.url(`/audit/cases/${food}`));
    const rows = page.locator('.mf-replay-table tbody tr');
    const shown = await rows.count();
    expect(shown).to.be.lessThan(total);
    const texts = await rows.allTextContents();
    expect(texts.join('\n')).to.not.match(CODE);
    expect(texts.join('\n'))
      .to.contain('收件（窗口）')
      .and.contain('受理')
      .and.contain('办结：出证')
      .and.contain('送达（窗口领取）')
      .and.not.contain('流转');
    // Stepping follows the record: from the first entry, 下一条 lands on the next listed one.
    await page.getByRole('button', { name: '首条' }).click();
    const [first] = await position(page);
    await page.getByRole('button', { name: '下一条' }).click();
    const [second] = await position(page);
    const listed = await rows.evaluateAll((all) => all.map((row) => Number(row.getAttribute('data-seq'))));
    expect([first, second]).to.deep.equal(listed.slice(0, 2));

    await page.getByLabel('显示').selectOption('all');
    expect(await rows.count()).to.equal(total);
    const all = (await rows.allTextContents()).join('\n');
    expect(all).to.not.match(CODE);
    expect(all).to.contain('流转');
    // The detail names the event in Chinese only, and says exactly what its payload masks.
    await page.getByRole('button', { name: '末条' }).click();
    expect(await page.getByTestId('event-detail').locator('h2').textContent()).to.not.match(CODE);
    expect(await page.getByTestId('event-detail').locator('summary').textContent()).to.equal(
      '事件内容（姓名、电话、地址、证件号码已脱敏）',
    );
  });

  it('masks the applicant’s name, telephone, address and 证件号码 in every payload, as its label says', async () => {
    const events = await web.server.store.getEvents(food);
    const page = await web.loginAs('auditor-wu');
    for (const type of ['case.started', 'case.received']) {
      const seq = events.findIndex((e) => e.type === type) + 1;
      await openReplay(page, web.url(`/audit/cases/${food}?seq=${seq}`));
      const payload = (await page.getByTestId('event-payload').textContent()) ?? '';
      expect(payload, type).to.not.contain('张三').and.not.contain('330102199001011234').and.not.contain('某某路88号');
    }
    const received = (await page.getByTestId('event-payload').textContent()) ?? '';
    expect(received).to.contain('"name": "张*"').and.contain('330102********1234');
    expect(await page.locator('.mf-replay-header').textContent()).to.contain('张*（居民身份证 330102********1234）');
  });

  it('names 退回 with whom it returned to, and 一件事’s 子事项 events in Chinese', async () => {
    const page = await web.loginAs('supervisor-sun');
    await openReplay(page, web.url(`/audit/cases/${returned}`));
    const record = (await page.locator('.mf-replay-table tbody').textContent()) ?? '';
    expect(record).to.contain('退回').and.contain('退回至「受理」').and.contain('申请书经营项目填写不全');

    const startup = await driver.receive(STARTUP_APPLICATION);
    await driver.operate('window-li', startup.caseId, 'case.accept', {
      taskId: driver.task(startup, 'windowAcceptance'),
    });
    await openReplay(page, web.url(`/audit/cases/${startup.caseId}`));
    const parts = (await page.locator('.mf-replay-table tbody').textContent()) ?? '';
    expect(parts).to.contain('子事项开始办理').and.contain('子事项「营业执照」').and.not.contain('其他事件');
  });

  it('prints a document: the case, its steps with officers, times and opinions, the record in words', async () => {
    const page = await web.loginAs('auditor-wu');
    await page.goto(web.url(`/audit/cases/${food}?view=print`));
    await page.getByTestId('print-steps').waitFor();
    const text = (await page.locator('.mf-print').textContent()) ?? '';
    expect(text).to.not.match(CODE);
    expect(text).to.not.contain('{"');
    expect(text).to.contain('办件办理过程记录').and.contain('食品经营许可证 JY13301060000001');
    const steps = await page
      .getByTestId('print-steps')
      .locator('tbody tr')
      .evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent)));
    expect(steps.map((cells) => [cells[1], cells[3], cells[6]])).to.deep.equal([
      ['受理', 'window-li', '受理'],
      ['审查', 'food-zhao', '已办理'],
      ['决定', 'chief-zhou', '办结：出证（食品经营许可证 JY13301060000001）'],
      ['送达许可证', 'window-li', '已办理'],
    ]);
    // 受理 at 09:30 Beijing time on Monday 2026-11-02 (01:30 UTC).
    expect(steps[0]![4]).to.equal('2026-11-02 09:30');
    expect(await page.getByTestId('print-events').textContent()).to.contain('办结：出证');
  });
});
