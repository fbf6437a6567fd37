import { expect } from 'chai';
import { cycleProblem, dateProblem, durationProblem } from '../../../engine/model/timer-syntax.js';

describe('model: timer syntax', () => {
  for (const value of ['PT1H', 'P5D', 'P1DT2H', 'PT0.5S', 'P2W', '=duration("PT1H")', '= delay']) {
    it(`should accept the duration ${value}`, () => expect(durationProblem(value)).to.equal(null));
  }
  for (const value of ['', 'P', 'PT', '1H', 'PT1X', 'P1H', '=duration(']) {
    it(`should NOT accept the duration "${value}"`, () => expect(durationProblem(value)?.zh).to.be.a('string'));
  }
  for (const value of [
    '2026-01-01',
    '2026-01-01T09:00:00Z',
    '2026-10-12T09:00:00+08:00',
    '2026-02-28T10:00',
    '2028-02-29T00:00:00Z',
  ]) {
    it(`should accept the date ${value}`, () => expect(dateProblem(value)).to.equal(null));
  }
  for (const value of ['2026-02-30T00:00:00Z', '2026-13-01', 'tomorrow', '2026-01-01T25:00:00Z']) {
    it(`should NOT accept the date "${value}"`, () => expect(dateProblem(value)?.zh).to.be.a('string'));
  }
  for (const value of [
    'R3/PT1H',
    'R/PT10M',
    'R2/2026-01-01T00:00:00Z/PT1H',
    '0 9 * * MON-FRI',
    '*/5 * * * * *',
    '@daily',
    '=cycle(duration("PT1H"))',
  ]) {
    it(`should accept the cycle ${value}`, () => expect(cycleProblem(value)).to.equal(null));
  }
  for (const value of ['R3', 'R3/1H', 'Rx/PT1H', '0 99 * * *', '* * *', 'nonsense', '0 0 0 0 0 0 0']) {
    it(`should NOT accept the cycle "${value}"`, () => expect(cycleProblem(value)?.zh).to.be.a('string'));
  }
});
