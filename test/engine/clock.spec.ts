import { expect } from 'chai';
import { SettableClock, addDuration, isSettable, systemClock } from '../../engine/clock.js';

describe('clock', () => {
  it('should move a settable clock by ISO durations and milliseconds', () => {
    // given
    const clock = new SettableClock('2025-01-31T00:00:00.000Z');

    // when / then
    expect(clock.advance('PT1H30M').toISOString()).to.equal('2025-01-31T01:30:00.000Z');
    expect(clock.advance(500).toISOString()).to.equal('2025-01-31T01:30:00.500Z');
    expect(clock.advance('P1DT0.5S').toISOString()).to.equal('2025-02-01T01:30:01.000Z');
    clock.set('2025-03-01T00:00:00Z');
    expect(clock.now().toISOString()).to.equal('2025-03-01T00:00:00.000Z');
  });

  it('should add calendar months and years', () => {
    expect(addDuration(new Date('2025-01-15T00:00:00Z'), 'P1Y2M').toISOString()).to.equal('2026-03-15T00:00:00.000Z');
    expect(addDuration(new Date('2025-01-01T00:00:00Z'), 'P2W').toISOString()).to.equal('2025-01-15T00:00:00.000Z');
  });

  it('should NOT accept a malformed duration', () => {
    for (const bad of ['P', 'PT', '1H', 'P1H', 'PTS'])
      expect(() => addDuration(new Date(0), bad), bad).to.throw(RangeError);
  });

  it('should tell settable clocks from the system clock', () => {
    expect(isSettable(new SettableClock())).to.equal(true);
    expect(isSettable(systemClock)).to.equal(false);
  });
});
