import { expect } from 'chai';
import { addDuration, parseDuration, parseInstant, parseRepeatingInterval } from '../../../engine/time/iso8601.js';
import { cronProblem, nextCronOccurrence } from '../../../engine/time/cron.js';

describe('time: ISO 8601 and cron, as timers are written', () => {
  it('should read a date-time without an offset as Beijing time, whatever the host zone', () => {
    expect(parseInstant('2026-10-12T09:00:00')?.toISOString()).to.equal('2026-10-12T01:00:00.000Z');
    expect(parseInstant('2026-10-12')?.toISOString()).to.equal('2026-10-11T16:00:00.000Z');
    expect(parseInstant('2026-10-12T09:00:00Z')?.toISOString()).to.equal('2026-10-12T09:00:00.000Z');
    expect(parseInstant('2026-10-12T09:00:00+0800')?.toISOString()).to.equal('2026-10-12T01:00:00.000Z');
  });

  it('should NOT accept impossible dates that Date would roll over', () => {
    expect(parseInstant('2026-02-30T00:00:00Z')).to.equal(null);
    expect(parseInstant('2026-02-29')).to.equal(null);
    expect(parseInstant('2028-02-29')).to.not.equal(null);
    expect(parseInstant('2026-01-01T24:00:00Z')).to.equal(null);
  });

  it('should add calendar months and exact days', () => {
    expect(addDuration(new Date('2026-01-31T00:00:00Z'), parseDuration('P1D')!).toISOString()).to.equal(
      '2026-02-01T00:00:00.000Z',
    );
    expect(addDuration(new Date('2026-01-15T00:00:00Z'), parseDuration('P1Y2M')!).toISOString()).to.equal(
      '2027-03-15T00:00:00.000Z',
    );
    expect(addDuration(new Date('2026-01-15T00:00:00Z'), parseDuration('PT1H30M')!).toISOString()).to.equal(
      '2026-01-15T01:30:00.000Z',
    );
  });

  it('should read repeating intervals with and without a start', () => {
    expect(parseRepeatingInterval('R2/PT1H')).to.deep.include({ repetitions: 2, start: null });
    expect(parseRepeatingInterval('R/P1D')).to.deep.include({ repetitions: null });
    expect(parseRepeatingInterval('R3/2026-01-01T00:00:00Z/PT10M')?.start?.toISOString()).to.equal(
      '2026-01-01T00:00:00.000Z',
    );
    expect(parseRepeatingInterval('R3/1H')).to.equal(null);
  });

  it('should count cron occurrences in Asia/Shanghai', () => {
    expect(nextCronOccurrence('0 9 * * 1-5', '2026-11-27T02:00:00.000Z')).to.equal('2026-11-30T01:00:00.000Z');
    expect(cronProblem('0 99 * * *')).to.be.a('string');
    expect(cronProblem('@daily')).to.equal(null);
  });
});
