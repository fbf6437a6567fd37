import { expect } from 'chai';
import { fileURLToPath } from 'node:url';
import { MemoryEngine } from '../../../support/memory-engine.js';
import { testCalendar } from '../../../support/test-calendar.js';
import { expectReplayMatches } from '../helpers.js';

const bpmn = fileURLToPath(new URL('./approval.bpmn', import.meta.url));

describe('runtime: 挂起 and 恢复', () => {
  let engine: MemoryEngine;
  beforeEach(async () => {
    // Monday 2026-03-02 09:00 Beijing time.
    engine = new MemoryEngine({ clock: '2026-03-02T01:00:00.000Z', calendar: testCalendar() });
    await engine.deploy(bpmn);
  });

  const state = (caseId: string) => engine.get(caseId).state;
  const stepClock = (caseId: string) => Object.values(state(caseId).clocks)[0]!;
  const code = (run: () => unknown): string => {
    try {
      run();
      return 'accepted';
    } catch (error) {
      return (error as { code: string }).code;
    }
  };

  it('should refuse completion and 签收 while suspended and pause the step clock; 恢复 restores both', () => {
    // given 审查 with its 3-working-day clock, due Thursday
    const caseId = engine.start('approval');
    const review = Object.values(state(caseId).tasks)[0]!;
    const dueBefore = stepClock(caseId).dueAt;
    // when the case is suspended
    engine.run(caseId, { type: 'case.suspend', actor: '科长', data: { reason: '等待上级批复' } });
    // then the clock stands still and the task can neither be claimed nor completed
    expect(state(caseId).suspended).to.deep.equal({
      at: '2026-03-02T01:00:00.000Z',
      reason: '等待上级批复',
      by: '科长',
    });
    expect(stepClock(caseId)).to.include({ running: false });
    expect(stepClock(caseId).stops[0]).to.include({ kind: '挂起', reason: '等待上级批复' });
    expect(code(() => engine.run(caseId, { type: 'task.claim', actor: '李四', data: { taskId: review.id } }))).to.equal(
      'CASE_SUSPENDED',
    );
    expect(
      code(() => engine.run(caseId, { type: 'task.complete', actor: '李四', data: { taskId: review.id } })),
    ).to.equal('CASE_SUSPENDED');
    // when two working days pass and the case is resumed
    engine.advance('P2D');
    engine.run(caseId, { type: 'case.resume', actor: '科长', data: {} });
    // then the clock runs again, due two working days later, and the task can be completed
    expect(state(caseId).suspended).to.equal(null);
    expect(stepClock(caseId)).to.include({ running: true, paused: 2 });
    // Thursday 03-05 + 2 working days (Friday, then Monday after the weekend).
    expect([dueBefore, stepClock(caseId).dueAt]).to.deep.equal([
      '2026-03-05T01:00:00.000Z',
      '2026-03-09T01:00:00.000Z',
    ]);
    engine.run(caseId, { type: 'task.complete', actor: '李四', data: { taskId: review.id } });
    expect(Object.values(state(caseId).tasks).map((t) => t.elementId)).to.deep.equal(['decide']);
    expectReplayMatches(engine, caseId);
  });

  it('should hold back a BPMN timer that comes due while suspended and fire it after 恢复', () => {
    // given a case waiting one hour (公示)
    const caseId = engine.start('waiting');
    engine.run(caseId, { type: 'case.suspend', actor: '科长', data: { reason: '信访' } });
    // when the hour passes while suspended, then the timer is refused and still pending
    engine.advance('PT2H');
    expect(Object.values(state(caseId).timers)).to.have.length(1);
    const timerId = Object.keys(state(caseId).timers)[0]!;
    expect(code(() => engine.run(caseId, { type: 'timer.fire', actor: 'timer', data: { timerId } }))).to.equal(
      'CASE_SUSPENDED',
    );
    // when the case is resumed and the poller tries again, then it fires
    engine.run(caseId, { type: 'case.resume', actor: '科长', data: {} });
    engine.advance('PT1M');
    expect(Object.values(state(caseId).tasks).map((t) => t.elementId)).to.deep.equal(['afterPause']);
    expectReplayMatches(engine, caseId);
  });

  it('should NOT suspend a suspended case nor resume a running one', () => {
    const caseId = engine.start('approval');
    expect(code(() => engine.run(caseId, { type: 'case.resume', actor: '科长', data: {} }))).to.equal(
      'CASE_NOT_SUSPENDED',
    );
    engine.run(caseId, { type: 'case.suspend', actor: '科长', data: { reason: '等待' } });
    expect(code(() => engine.run(caseId, { type: 'case.suspend', actor: '科长', data: { reason: '再次' } }))).to.equal(
      'CASE_SUSPENDED',
    );
    expectReplayMatches(engine, caseId);
  });

  it('should keep a clock stopped for 补正 stopped after 恢复', () => {
    const caseId = engine.start('approval');
    engine.run(caseId, { type: 'clock.pause', actor: '窗口', data: { kind: '补正', reason: '补正材料' } });
    engine.run(caseId, { type: 'case.suspend', actor: '科长', data: { reason: '等待' } });
    engine.run(caseId, { type: 'case.resume', actor: '科长', data: {} });
    expect(stepClock(caseId)).to.include({ running: false });
    expect(stepClock(caseId).stops.map((s) => s.kind)).to.deep.equal(['补正']);
    expectReplayMatches(engine, caseId);
  });
});
