/**
 * 行政许可法 §32: an application nobody answers within 5 working days counts as accepted from its
 * receipt. The window's acceptance step is then completed by the system (受理结果 受理), so the
 * flow goes on to 审查, and the promised limit counts from 收件, not from the day the period ran out.
 */
import { expect } from 'chai';
import type { TestEngine } from '../../support/test-engine.js';
import { domainEngine, receive, windowTask } from './support.js';

describe('domain: deemed acceptance (行政许可法 §32) moves the case on', () => {
  let engine: TestEngine;
  beforeEach(async () => {
    engine = await domainEngine();
  });
  afterEach(() => engine.close());

  const caseClock = async (caseId: string) =>
    Object.values((await engine.state(caseId)).clocks).find((c) => c.kind === 'case');

  it('should complete the open acceptance step as 受理 by the system, so that 审查 waits', async () => {
    // given a case received Tue 09-29 10:00 that nobody answers
    await receive(engine, 'c1');
    const acceptance = await windowTask(engine, 'c1');

    // when the 5 working days run out (Mon 10-12 at the close of office)
    await engine.advance('P14D');

    // then the case is accepted by law, the acceptance step is done and 审查 is open
    const state = await engine.state('c1');
    expect(state.domain).to.deep.include({ status: '已受理' });
    expect(state.domain?.acceptance).to.deep.include({ auto: true, by: 'system' });
    expect((await engine.store.listTasks({ caseId: 'c1' })).map((t) => t.elementId)).to.deep.equal(['review']);
    const completed = (await engine.events('c1')).find(
      (e) => e.type === 'task.completed' && e.data.taskId === acceptance,
    );
    expect(completed).to.deep.include({ actor: 'system' });
    expect(completed?.data).to.deep.include({ variables: { 受理结果: '受理' } });
    await engine.expectConsistent('c1');
  });

  it('should count the promised limit from 收件: due 10 working days after receipt, not after the answer period', async () => {
    await receive(engine, 'c1');
    const receivedAt = (await engine.state('c1')).domain!.receivedAt;

    await engine.advance('P14D');

    // 10 working days from Tue 09-29, not counting that day: 09-30, 10-08, 10-09, 10-10 (a Saturday
    // worked), 10-12 .. 10-16, 10-19 at the close of office (17:30 Beijing); counted from the deemed
    // acceptance on 10-12 it would have been 10-26.
    const clock = (await caseClock('c1'))!;
    expect(clock.startedAt).to.equal(receivedAt);
    expect(clock.dueAt).to.equal('2026-10-19T09:30:00.000Z');
    const started = (await engine.events('c1')).find((e) => e.type === 'clock.started' && e.data.kind === 'case');
    expect(started?.data).to.deep.include({ startedAt: receivedAt, dueAt: '2026-10-19T09:30:00.000Z' });
    await engine.expectConsistent('c1');
  });

  it('should NOT accept by law a case the window answered in time, nor move its flow again', async () => {
    await receive(engine, 'c1');
    await engine.store.dispatch('c1', {
      type: 'case.accept',
      actor: '窗口-王五',
      data: { taskId: await windowTask(engine, 'c1') },
    });

    await engine.advance('P14D');

    const accepted = (await engine.events('c1')).filter((e) => e.type === 'case.accepted');
    expect(accepted.map((e) => e.data)).to.deep.equal([{ officer: '窗口-王五', documentNo: null, auto: false }]);
    expect((await caseClock('c1'))?.startedAt).to.equal('2026-09-29T02:00:00.000Z');
    await engine.expectConsistent('c1');
  });
});
