import { expect } from 'chai';
import { WorkingDayCalendar } from '../../../engine/calendar/index.js';
import { at, beijing, officialCalendar, officialData } from './calendar-support.js';

describe('calendar: working hours (小时(工作日))', () => {
  const { calendar } = officialCalendar();

  it('should count office hours within a morning', () => {
    expect(beijing(calendar.addWorkingHours(at('2026-03-02', '09:00'), 2))).to.equal('2026-03-02 11:00');
  });

  it('should skip the lunch break (12:00–13:30)', () => {
    expect(beijing(calendar.addWorkingHours(at('2026-03-02', '11:00'), 2))).to.equal('2026-03-02 14:30');
  });

  it('should end at 12:00, not 13:30, when the hours are used up at noon', () => {
    expect(beijing(calendar.addWorkingHours(at('2026-03-02', '11:00'), 1))).to.equal('2026-03-02 12:00');
  });

  it('should start at opening time when asked before the office opens or at lunch', () => {
    expect(beijing(calendar.addWorkingHours(at('2026-03-02', '07:15'), 1))).to.equal('2026-03-02 10:00');
    expect(beijing(calendar.addWorkingHours(at('2026-03-02', '12:40'), 1))).to.equal('2026-03-02 14:30');
  });

  it('should carry over to the next working day after hours', () => {
    expect(beijing(calendar.addWorkingHours(at('2026-03-02', '17:00'), 1))).to.equal('2026-03-03 09:30');
    expect(beijing(calendar.addWorkingHours(at('2026-03-02', '20:00'), 7))).to.equal('2026-03-03 17:30');
  });

  it('should skip the weekend and a holiday: Friday 2026-04-03 16:30 + 3 hours is Tuesday 04-07 (清明 04-04..06)', () => {
    expect(beijing(calendar.addWorkingHours(at('2026-04-03', '16:30'), 3))).to.equal('2026-04-07 11:00');
  });

  it('should work on a make-up Saturday: 2026-10-09 17:00 + 1 hour is Saturday 10-10 09:30', () => {
    expect(beijing(calendar.addWorkingHours(at('2026-10-09', '17:00'), 1))).to.equal('2026-10-10 09:30');
  });

  it('should use a configured office day (8:30–12:00, 14:00–18:00)', () => {
    const summer = new WorkingDayCalendar(officialData(), {
      officeDay: {
        periods: [
          { start: '08:30', end: '12:00' },
          { start: '14:00', end: '18:00' },
        ],
      },
    });
    expect(beijing(summer.addWorkingHours(at('2026-03-02', '11:00'), 2))).to.equal('2026-03-02 15:00');
    expect(beijing(summer.addWorkingDays(at('2026-03-02'), 1))).to.equal('2026-03-03 18:00');
  });

  it('should NOT accept overlapping or malformed office periods', () => {
    const bad = (periods: Array<{ start: string; end: string }>) => () =>
      new WorkingDayCalendar(officialData(), { officeDay: { periods } });
    expect(
      bad([
        { start: '09:00', end: '12:00' },
        { start: '11:00', end: '17:00' },
      ]),
    ).to.throw(/officeDay\.periods\[1\]/);
    expect(bad([{ start: '9:00', end: '12:00' }])).to.throw(/officeDay\.periods\[0\]\.start/);
    expect(bad([])).to.throw(/officeDay\.periods/);
  });
});
