import { expect } from 'chai';
import { nextStartTimer, planStartTimer } from '../../../engine/store/start-timer-plan.js';
import type { TimerDefinition } from '../../../engine/model/types.js';

const NOW = '2025-01-06T01:00:00.000Z';
const expr = (source: string) => ({ source, feel: source.replace(/^=/, '') });
const timer = (kind: 'duration' | 'date' | 'cycle', source: string): TimerDefinition => ({
  kind,
  expression: expr(source),
});

describe('jobs: planning process timer start events', () => {
  it('should plan a duration from the deployment, a date at its instant (Beijing time without offset)', () => {
    expect(planStartTimer(timer('duration', 'PT90M'), NOW)).to.deep.equal({
      ok: true,
      dueAt: '2025-01-06T02:30:00.000Z',
      repeat: null,
    });
    expect(planStartTimer(timer('date', '2025-02-01T09:00:00'), NOW)).to.deep.equal({
      ok: true,
      dueAt: '2025-02-01T01:00:00.000Z',
      repeat: null,
    });
  });

  it('should plan R3/PT1H as three occurrences an hour apart, then none', () => {
    // when
    const first = planStartTimer(timer('cycle', 'R3/PT1H'), NOW);
    if (!first.ok) throw new Error(first.message);
    const second = nextStartTimer(first.repeat, first.dueAt);
    const third = second && nextStartTimer(second.repeat, second.dueAt);
    const fourth = third && nextStartTimer(third.repeat, third.dueAt);

    // then
    expect([first.dueAt, second?.dueAt, third?.dueAt]).to.deep.equal([
      '2025-01-06T02:00:00.000Z',
      '2025-01-06T03:00:00.000Z',
      '2025-01-06T04:00:00.000Z',
    ]);
    expect(fourth).to.equal(null);
  });

  it('should plan a cron cycle in Asia/Shanghai, unbounded', () => {
    // 09:00 every day in Beijing is 01:00 UTC; the deployment is at 09:00 sharp, so the next is tomorrow
    const first = planStartTimer(timer('cycle', '0 9 * * *'), NOW);
    expect(first).to.deep.equal({
      ok: true,
      dueAt: '2025-01-07T01:00:00.000Z',
      repeat: { kind: 'cron', remaining: null, cron: '0 9 * * *' },
    });
    expect(first.ok && nextStartTimer(first.repeat, first.dueAt)?.dueAt).to.equal('2025-01-08T01:00:00.000Z');
  });

  it('should evaluate a FEEL expression with no variables', () => {
    expect(planStartTimer(timer('duration', '=duration("PT2H")'), NOW)).to.deep.equal({
      ok: true,
      dueAt: '2025-01-06T03:00:00.000Z',
      repeat: null,
    });
  });

  it('should compute natural-day limits, and NOT working-day limits without a calendar', () => {
    expect(planStartTimer({ kind: 'limit', limit: { amount: 2, unit: '自然日' } }, NOW)).to.deep.equal({
      ok: true,
      dueAt: '2025-01-08T01:00:00.000Z',
      repeat: null,
    });
    expect(planStartTimer({ kind: 'limit', limit: { amount: 5, unit: '工作日' } }, NOW)).to.deep.include({ ok: false });
    const calendar = { addLimit: () => '2025-01-13T09:30:00.000Z' };
    expect(
      planStartTimer({ kind: 'limit', limit: { amount: 5, unit: '工作日' } }, NOW, calendar as never),
    ).to.deep.equal({ ok: true, dueAt: '2025-01-13T09:30:00.000Z', repeat: null });
  });

  it('should NOT plan invalid text or a cycle of zero repetitions', () => {
    expect(planStartTimer(timer('duration', 'soon'), NOW)).to.deep.include({ ok: false });
    expect(planStartTimer(timer('cycle', 'R0/PT1H'), NOW)).to.deep.include({ ok: false });
  });
});
