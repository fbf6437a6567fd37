/**
 * The shipped 食品经营许可 from 收件 to 送达 through the store: matter from the catalogue, 容缺
 * acceptance, review, decision and delivery, with the 电子监察 clock running throughout.
 */
import { expect } from 'chai';
import { receiveApplication } from '../../../engine/domain-store/index.js';
import { loadShippedMatters } from '../../../processes/index.js';
import { FOOD_LICENCE_APPLICATION, foodLicenceApplication } from '../../support/applications.js';
import { TestEngine } from '../../support/test-engine.js';

describe('domain: a shipped 食品经营许可 from 收件 to 送达', () => {
  let engine: TestEngine;
  beforeEach(async () => {
    engine = await TestEngine.create({ start: '2026-11-02T01:30:00.000Z', calendar: true });
    await loadShippedMatters(engine.store, engine.store.database.knex, { actor: 'admin' });
  });
  afterEach(() => engine.close());

  const task = async (elementId: string, caseId = 'c1') => {
    const found = (await engine.store.listTasks({ caseId })).find((t) => t.elementId === elementId);
    if (!found) throw new Error(`no open ${elementId}`);
    return found.taskId;
  };

  it('容缺受理, review, 出证 once the owed material arrives, then 送达; the case history verifies', async () => {
    await receiveApplication(engine.store, engine.store.database.knex, {
      caseId: 'c1',
      ...foodLicenceApplication({ materials: { 'premises-layout': false } }),
      actor: '窗口-李四',
    });
    await engine.store.dispatch('c1', {
      type: 'case.acceptWithTolerance',
      actor: '窗口-李四',
      data: { commitment: '承诺5个工作日内补交经营场所平面图', taskId: await task('windowAcceptance') },
    });
    expect((await engine.state('c1')).domain?.status).to.equal('已受理');
    await engine.store.dispatch('c1', {
      type: 'task.complete',
      actor: '市场监管-赵六',
      data: { taskId: await task('review'), variables: { 需要现场核查: false } },
    });
    expect((await engine.state('c1')).domain?.status).to.equal('审查中');
    await engine.store.dispatch('c1', {
      type: 'materials.supply',
      actor: '申请人',
      data: { materials: ['premises-layout'] },
    });
    await engine.store.dispatch('c1', {
      type: 'case.conclude',
      actor: '科长-王五',
      data: {
        kind: '出证',
        licence: { name: '食品经营许可证', number: 'JY13301060000001' },
        taskId: await task('decision'),
      },
    });
    await engine.store.dispatch('c1', {
      type: 'task.complete',
      actor: '窗口-李四',
      data: { taskId: await task('deliverLicence') },
    });
    await engine.store.dispatch('c1', { type: 'case.deliver', actor: '窗口-李四', data: { method: '窗口领取' } });
    const state = await engine.state('c1');
    expect(state.status).to.equal('completed');
    expect(state.domain).to.deep.include({ status: '已办结', responsibleOfficer: '窗口-李四' });
    expect(state.domain?.delivery).to.deep.include({ method: '窗口领取' });
    const finished = (await engine.events('c1')).filter((e) => e.type === 'clock.finished');
    expect(finished.length).to.be.greaterThan(0);
    await engine.expectConsistent('c1');
  });

  it('a licence decided on time and collected two weeks later is a case finished on time; only 送达 keeps counting, on its own limit', async () => {
    await receiveApplication(engine.store, engine.store.database.knex, {
      caseId: 'c2',
      ...FOOD_LICENCE_APPLICATION,
      actor: '窗口-李四',
    });
    await engine.store.dispatch('c2', {
      type: 'case.accept',
      actor: '窗口-李四',
      data: { taskId: await task('windowAcceptance', 'c2') },
    });
    await engine.store.dispatch('c2', {
      type: 'task.complete',
      actor: '市场监管-赵六',
      data: { taskId: await task('review', 'c2'), variables: { 需要现场核查: false } },
    });
    await engine.store.dispatch('c2', {
      type: 'case.conclude',
      actor: '科长-王五',
      data: {
        kind: '出证',
        licence: { name: '食品经营许可证', number: 'JY13301060000002' },
        taskId: await task('decision', 'c2'),
      },
    });
    // 办结 on the day of acceptance: the case's 10-working-day promise is met and its clock has ended.
    const atDecision = await engine.state('c2');
    expect(Object.values(atDecision.clocks).map((clock) => clock.kind)).to.deep.equal(['step']);
    const caseClock = (await engine.events('c2')).filter((e) => e.type === 'clock.finished').at(-1);
    expect(caseClock?.data).to.include({ onTime: true, used: 0 });
    // The applicant collects the licence 14 calendar days later (10 working days): past the promise, within 送达's own limit.
    await engine.advance('P14D');
    await engine.store.dispatch('c2', {
      type: 'task.complete',
      actor: '窗口-李四',
      data: { taskId: await task('deliverLicence', 'c2') },
    });
    await engine.store.dispatch('c2', { type: 'case.deliver', actor: '窗口-李四', data: { method: '窗口领取' } });
    const finished = (await engine.events('c2')).filter((e) => e.type === 'clock.finished');
    expect(finished.every((e) => (e.data as { onTime: boolean }).onTime)).to.equal(true);
    expect(
      (await engine.events('c2'))
        .filter((e) => e.type === 'alert.raised')
        .map((e) => (e.data as { level: string }).level),
    ).to.deep.equal([]);
    await engine.expectConsistent('c2');
  });
});
