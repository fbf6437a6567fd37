/** Dates as people type them in the workspace's date fields (designer/shared/format.ts). */
import { expect } from 'chai';
import { parseDate, parseDateTime } from '../../../designer/shared/dates.js';

describe('designer: dates typed in 年-月-日 order', () => {
  it('should read 2026-11-02, 2026/11/2, 2026.11.2, 2026年11月2日 and 20261102 as 2026-11-02', () => {
    for (const text of ['2026-11-02', '2026/11/2', '2026.11.2', '2026年11月2日', ' 20261102 '])
      expect(parseDate(text), text).to.equal('2026-11-02');
  });

  it('should NOT read a day that does not exist, nor month-first order', () => {
    for (const text of ['2026-02-30', '2026-13-01', '11/02/2026', '02.11.2026', '2026-11', ''])
      expect(parseDate(text), text).to.equal(null);
  });

  it('should read a time of day with the date, T or a space between', () => {
    expect(parseDateTime('2026-11-05 17:30')).to.equal('2026-11-05 17:30');
    expect(parseDateTime('2026-11-05T9:05')).to.equal('2026-11-05 09:05');
    expect(parseDateTime('2026年11月5日 17时30分')).to.equal('2026-11-05 17:30');
    expect(parseDateTime('2026-11-05 24:00')).to.equal(null);
    expect(parseDateTime('2026-11-05')).to.equal(null);
  });
});
