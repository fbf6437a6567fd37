import { expect } from 'chai';
import { at, beijing, officialCalendar } from './calendar-support.js';

describe('calendar: working days (工作日)', () => {
  const { calendar, warnings } = officialCalendar();

  afterEach(() => {
    expect(warnings, 'no year without data was touched').to.deep.equal([]);
  });

  describe('the checks of DOMAIN.md', () => {
    it('should end 5 working days after 2026-09-29 on 2026-10-12, at the close of the office day', () => {
      expect(beijing(calendar.addWorkingDays(at('2026-09-29', '10:00'), 5))).to.equal('2026-10-12 17:30');
      expect(calendar.addWorkingDays(at('2026-09-29', '16:59'), 5)).to.equal('2026-10-12T09:30:00.000Z');
    });

    it('should count the make-up Saturdays 2026-02-14 and 2026-02-28 as working days', () => {
      expect(calendar.isWorkingDay('2026-02-14')).to.equal(true);
      expect(calendar.isWorkingDay('2026-02-28')).to.equal(true);
    });

    it('should NOT count 2026-02-20 and 2026-02-23 (Spring Festival, weekdays) as working days', () => {
      expect(calendar.isWorkingDay('2026-02-20')).to.equal(false);
      expect(calendar.isWorkingDay('2026-02-23')).to.equal(false);
    });
  });

  describe('ranges across Spring Festival and National Day', () => {
    const cases: Array<[string, string, number, string]> = [
      // [festival, accepted on, working days, due date]
      ['春节 2019 (02-04..02-10 off, Sat 02-02 and Sun 02-03 worked)', '2019-02-01', 2, '2019-02-03'],
      ['春节 2019', '2019-02-01', 3, '2019-02-11'],
      ['国庆 2019 (10-01..10-07 off, Sat 10-12 worked)', '2019-09-30', 1, '2019-10-08'],
      ['国庆 2019', '2019-09-30', 5, '2019-10-12'],
      ['春节 2023 (01-21..01-27 off, 01-28/29 worked)', '2023-01-20', 1, '2023-01-28'],
      ['春节 2023', '2023-01-20', 3, '2023-01-30'],
      ['中秋国庆 2023 (09-29..10-06 off, 10-07/08 worked)', '2023-09-28', 2, '2023-10-08'],
      ['春节 2024 (02-10..02-17 off, Sun 02-18 worked)', '2024-02-08', 2, '2024-02-18'],
      ['国庆 2024 (10-01..10-07 off, Sat 10-12 worked)', '2024-09-30', 4, '2024-10-11'],
      ['国庆 2024', '2024-09-30', 5, '2024-10-12'],
      ['春节 2025 (01-28..02-04 off, Sat 02-08 worked)', '2025-01-27', 1, '2025-02-05'],
      ['春节 2025 (Sun 01-26 worked)', '2025-01-24', 1, '2025-01-26'],
      ['国庆中秋 2025 (10-01..10-08 off, Sat 10-11 worked)', '2025-09-30', 3, '2025-10-11'],
      ['春节 2026 (02-15..02-23 off, Sat 02-14 worked)', '2026-02-13', 2, '2026-02-24'],
      ['国庆 2026', '2026-09-30', 1, '2026-10-08'],
    ];
    for (const [festival, accepted, days, due] of cases) {
      it(`should count ${days} working day(s) from ${accepted} to ${due}: ${festival}`, () => {
        expect(beijing(calendar.addWorkingDays(at(accepted, '11:00'), days))).to.equal(`${due} 17:30`);
      });
    }

    it('should NOT count the day of acceptance, even when accepted before the office opens', () => {
      expect(beijing(calendar.addWorkingDays(at('2026-09-29', '07:00'), 1))).to.equal('2026-09-30 17:30');
    });

    it('should start counting from the next working day when accepted on a holiday', () => {
      expect(beijing(calendar.addWorkingDays(at('2026-10-03', '10:00'), 1))).to.equal('2026-10-08 17:30');
    });
  });

  describe('next working day', () => {
    it('should skip National Day 2026 to the 8th, and the Sunday after to the make-up Saturday 10-10 and then 10-12', () => {
      expect(calendar.nextWorkingDay('2026-09-30')).to.equal('2026-10-08');
      expect(calendar.nextWorkingDay('2026-10-09')).to.equal('2026-10-10');
      expect(calendar.nextWorkingDay('2026-10-10')).to.equal('2026-10-12');
    });
  });

  describe('counting working days between two instants', () => {
    it('should count the working days after the first date up to and including the last', () => {
      expect(calendar.countWorkingDays(at('2026-09-29'), at('2026-10-12', '17:30'))).to.equal(5);
      // Sat 02-14, 02-24..02-27 and Sat 02-28; 02-15..02-23 are Spring Festival
      expect(calendar.countWorkingDays(at('2026-02-13'), at('2026-02-28'))).to.equal(6);
    });

    it('should count 0 within one day and negative backwards', () => {
      expect(calendar.countWorkingDays(at('2026-10-12', '09:00'), at('2026-10-12', '17:00'))).to.equal(0);
      expect(calendar.countWorkingDays(at('2026-10-12'), at('2026-09-29'))).to.equal(-5);
    });

    it('should be the inverse of adding working days', () => {
      for (const n of [1, 2, 5, 10, 20, 30]) {
        const from = at('2026-01-29', '15:00');
        expect(calendar.countWorkingDays(from, calendar.addWorkingDays(from, n)), `${n}`).to.equal(n);
      }
    });
  });

  describe('refusing bad questions', () => {
    it('should NOT accept a negative number of days or a malformed date', () => {
      expect(() => calendar.addWorkingDays(at('2026-01-05'), -1))
        .to.throw()
        .with.property('code', 'CALENDAR_INPUT_INVALID');
      expect(() => calendar.isWorkingDay('2026-02-30'))
        .to.throw()
        .with.property('code', 'CALENDAR_INPUT_INVALID');
      expect(() => calendar.addWorkingDays('yesterday', 1))
        .to.throw()
        .with.property('code', 'CALENDAR_INPUT_INVALID');
    });
  });
});
