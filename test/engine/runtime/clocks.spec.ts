import { expect } from 'chai';
import { fileURLToPath } from 'node:url';
import { policyFrom } from '../../../engine/supervision/index.js';
import type { CaseEvent } from '../../../engine/case/index.js';
import { MemoryEngine } from '../../support/memory-engine.js';
import { testCalendar } from '../../support/test-calendar.js';
import { expectReplayMatches } from './helpers.js';

const bpmn = fileURLToPath(new URL('./clocks.bpmn', import.meta.url));
// National Day 2026: 10-01..10-07 off, Sunday 09-27 and Saturday 10-10 worked (调休).
const calendar = testCalendar({
  holidays: ['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07'],
  workdays: ['2026-09-27', '2026-10-10'],
});
const supervision = policyFrom({
  defaults: {
    warning: { remaining: { amount: 1, unit: '工作日' } },
    yellowAtDue: true,
    red: { after: { amount: 2, unit: '工作日' } },
  },
});

describe('runtime: time limits and 电子监察 signals', () => {
  let engine: MemoryEngine;
  beforeEach(async () => {
    // Tuesday 2026-09-29 09:00 Beijing time.
    engine = new MemoryEngine({ clock: '2026-09-29T01:00:00.000Z', calendar, supervision });
    await engine.deploy(bpmn);
  });

  const state = (caseId: string) => engine.get(caseId).state;
  const caseClock = (caseId: string) => Object.values(state(caseId).clocks).find((c) => c.kind === 'case')!;
  const stepClock = (caseId: string) => Object.values(state(caseId).clocks).find((c) => c.kind === 'step');
  const raised = (caseId: string): CaseEvent[] => engine.get(caseId).events.filter((e) => e.type === 'alert.raised');

  it('should give a case accepted before National Day its due date after the holiday', () => {
    const caseId = engine.start('foodLicence');
    engine.run(caseId, {
      type: 'clock.start',
      actor: '窗口-李四',
      data: { officer: '窗口-李四', department: '政务服务中心' },
    });
    // 10 working days from Tue 09-29: 09-30, 10-08, 10-09, 10-10 (Sat, worked), 10-12 .. 10-16, 10-19 (6 more).
    expect(caseClock(caseId).dueAt).to.equal('2026-10-19T01:00:00.000Z');
    expect(caseClock(caseId).limit).to.deep.equal({ amount: 10, unit: '工作日' });
    expectReplayMatches(engine, caseId);
  });

  it('should start a step clock when the step is entered, in the step department', () => {
    const caseId = engine.start('foodLicence');
    // 3 working days from Tue 09-29 09:00: the rest of 09-29, 09-30, 10-08, and 10-09 until 09:00.
    expect(stepClock(caseId)).to.deep.include({
      elementId: 'review',
      department: '市场监管局',
      dueAt: '2026-10-09T01:00:00.000Z',
    });
  });

  it('should move the due date by exactly the working days a 补正 pause lasted', () => {
    const caseId = engine.start('foodLicence');
    engine.run(caseId, { type: 'clock.start', actor: 'w', data: {} });
    const before = caseClock(caseId).dueAt;
    engine.advance('PT1H');
    engine.run(caseId, {
      type: 'clock.pause',
      actor: 'w',
      data: { clockId: caseClock(caseId).id, kind: '补正', reason: '营业执照复印件不清晰' },
    });
    // Paused from Tue 09-29 10:00 to Fri 10-09 10:00: 14 h of 09-29, 09-30, 10-08, 10 h of 10-09 = 3 working days.
    engine.now = new Date('2026-10-09T02:00:00.000Z');
    engine.run(caseId, { type: 'clock.resume', actor: 'w', data: {} });
    expect(calendar.elapsed(before, caseClock(caseId).dueAt, '工作日')).to.be.closeTo(3, 1e-9);
    expect(caseClock(caseId).stops).to.deep.equal([
      {
        kind: '补正',
        reason: '营业执照复印件不清晰',
        approver: null,
        from: '2026-09-29T02:00:00.000Z',
        to: '2026-10-09T02:00:00.000Z',
      },
    ]);
    expectReplayMatches(engine, caseId);
  });

  it('should raise 预警, then 黄牌, then 红牌, in order and at the right instants, naming the department', () => {
    const caseId = engine.start('foodLicence');
    engine.advance('P20D');
    const alerts = raised(caseId).filter((e) => e.type === 'alert.raised' && e.data.clockId === stepClock(caseId)!.id);
    expect(alerts.map((e) => [e.type === 'alert.raised' && e.data.level, e.time])).to.deep.equal([
      ['预警', '2026-10-08T01:00:00.000Z'],
      ['黄牌', '2026-10-09T01:00:00.000Z'],
      ['红牌', '2026-10-12T01:00:00.000Z'],
    ]);
    expect(alerts.every((e) => e.type === 'alert.raised' && e.data.department === '市场监管局')).to.equal(true);
    expect(Object.values(state(caseId).alerts).map((a) => a.level)).to.have.members(['预警', '黄牌', '红牌']);
    expectReplayMatches(engine, caseId);
  });

  it('should clear the pending signals of a step when it finishes, so they never fire', () => {
    const caseId = engine.start('foodLicence');
    engine.advance('P1D');
    engine.completeTask(caseId, 'review');
    expect(stepClock(caseId)).to.equal(undefined);
    expect(Object.values(state(caseId).timers).filter((t) => t.alert)).to.deep.equal([]);
    engine.advance('P30D');
    expect(raised(caseId)).to.deep.equal([]);
    const finished = engine.get(caseId).events.find((e) => e.type === 'clock.finished');
    expect(finished?.data).to.deep.include({ onTime: true });
  });

  it('should clear raised signals when the step finishes late, recording that it was late', () => {
    const caseId = engine.start('foodLicence');
    engine.advance('P12D');
    expect(Object.keys(state(caseId).alerts)).to.have.length(2);
    engine.completeTask(caseId, 'review');
    expect(state(caseId).alerts).to.deep.equal({});
    const finished = engine.get(caseId).events.find((e) => e.type === 'clock.finished');
    expect(finished?.data).to.deep.include({ onTime: false });
    expectReplayMatches(engine, caseId);
  });

  it('should move the due date by a 延长审批 and withdraw a 黄牌 the new date no longer deserves', () => {
    const caseId = engine.start('foodLicence');
    engine.run(caseId, { type: 'clock.start', actor: 'w', data: { limit: { amount: 2, unit: '工作日' } } });
    // Due Thu 10-08 09:00; by Fri 10-09 09:00 its 预警 and 黄牌 are up, the 红牌 (Sat 10-10) not yet.
    engine.advance('P10D');
    const clock = caseClock(caseId);
    expect(
      Object.values(state(caseId).alerts)
        .filter((a) => a.clockId === clock.id)
        .map((a) => a.level),
    ).to.have.members(['预警', '黄牌']);
    engine.run(caseId, {
      type: 'clock.extend',
      actor: '科长',
      data: { amount: 10, approver: '科长-王五', reason: '需专家评审' },
    });
    expect(caseClock(caseId).extensions).to.deep.equal([
      { amount: 10, approver: '科长-王五', reason: '需专家评审', at: engine.now.toISOString() },
    ]);
    expect(Object.values(state(caseId).alerts).filter((a) => a.clockId === clock.id)).to.deep.equal([]);
    expectReplayMatches(engine, caseId);
  });

  it('should finish the case clock at 办结 (clock.finish), on time, leaving the step clocks counting; with no case clock it does nothing', () => {
    const caseId = engine.start('foodLicence');
    engine.run(caseId, { type: 'clock.finish', actor: '科长', data: {} });
    expect(engine.get(caseId).events.at(-1)?.type).to.not.equal('clock.finished');
    engine.run(caseId, { type: 'clock.start', actor: 'w', data: {} });
    engine.advance('PT2H');
    const finished = engine.run(caseId, { type: 'clock.finish', actor: '科长', data: {} });
    expect(finished.map((e) => e.type)).to.include('clock.finished');
    expect(Object.values(state(caseId).clocks).map((c) => c.kind)).to.deep.equal(['step']);
    expect(() =>
      engine.run(caseId, { type: 'clock.finish', actor: '科长', data: { clockId: 'no-such-clock' } }),
    ).to.throw(/CLOCK_NOT_FOUND|no-such-clock/);
    expectReplayMatches(engine, caseId);
  });

  it('should count a case clock from the instant the command names (a deemed acceptance: from 收件), not from now', () => {
    // given a case received Tue 09-29 09:00 whose clock starts only on Thu 10-08 09:00
    const caseId = engine.start('foodLicence');
    engine.now = new Date('2026-10-08T01:00:00.000Z');
    // when it starts counting from the receipt
    const events = engine.run(caseId, {
      type: 'clock.start',
      actor: 'system',
      data: { officer: 'system', startedAt: '2026-09-29T09:00:00+08:00' },
    });
    // then its due date is the one a clock started at receipt has (the first test's), recorded in the event
    expect(events.find((e) => e.type === 'clock.started')?.data).to.include({
      startedAt: '2026-09-29T01:00:00.000Z',
      dueAt: '2026-10-19T01:00:00.000Z',
    });
    expect(caseClock(caseId)).to.include({ startedAt: '2026-09-29T01:00:00.000Z', dueAt: '2026-10-19T01:00:00.000Z' });
    expectReplayMatches(engine, caseId);
  });

  it('should raise at once the signals a clock counted from the past has already reached, and schedule the rest', () => {
    const caseId = engine.start('foodLicence');
    // Mon 10-19 12:00: past the due date (10-19 09:00), before 红牌 (two working days later)
    engine.now = new Date('2026-10-19T04:00:00.000Z');
    engine.run(caseId, { type: 'clock.start', actor: 'system', data: { startedAt: '2026-09-29T01:00:00.000Z' } });
    const clock = caseClock(caseId);
    expect(
      raised(caseId)
        .filter((e) => e.type === 'alert.raised' && e.data.clockId === clock.id)
        .map((e) => (e.type === 'alert.raised' ? e.data.level : null)),
    ).to.deep.equal(['预警', '黄牌']);
    expect(Object.values(state(caseId).timers).filter((t) => t.alert?.clockId === clock.id)).to.have.length(1);
    expectReplayMatches(engine, caseId);
  });

  it('should NOT count a case clock from a future or unreadable instant', () => {
    const caseId = engine.start('foodLicence');
    for (const startedAt of ['2026-09-29T02:00:00.000Z', '收件时', '']) {
      expect(() => engine.run(caseId, { type: 'clock.start', actor: 'system', data: { startedAt } })).to.throw(
        /INVALID_ARGUMENT/,
      );
    }
    expect(Object.values(state(caseId).clocks).filter((c) => c.kind === 'case')).to.deep.equal([]);
  });

  it('should record no start instant in clock.started when the clock counts from now', () => {
    const caseId = engine.start('foodLicence');
    const events = engine.run(caseId, { type: 'clock.start', actor: 'w', data: {} });
    expect(events.find((e) => e.type === 'clock.started')?.data).to.not.have.property('startedAt');
    expect(caseClock(caseId).startedAt).to.equal('2026-09-29T01:00:00.000Z');
  });

  it('should NOT start a working-day case clock without a working-day calendar', async () => {
    const bare = new MemoryEngine({ clock: '2026-09-29T01:00:00.000Z' });
    await bare.deploy(bpmn);
    const caseId = bare.start('foodLicence');
    expect(() => bare.run(caseId, { type: 'clock.start', actor: 'w', data: {} })).to.throw(/CALENDAR_MISSING/);
  });
});
