import { expect } from 'chai';
import { CalendarYearMissingError, statutoryHolidays } from '../../../engine/calendar/index.js';
import { at, beijing, officialCalendar, officialData } from './calendar-support.js';

describe('calendar: a year without official data (2027)', () => {
  it('should take 除夕 to 初三 off: 2027-02-05..02-08, plus weekdays in lieu of the weekend 02-06/07', () => {
    const { calendar } = officialCalendar();
    for (const date of ['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10']) {
      expect(calendar.day(date), date).to.include({ off: true, provisional: true, source: 'provisional' });
    }
    expect(calendar.day('2027-02-05').name).to.equal('春节');
    expect(calendar.isWorkingDay('2027-02-04')).to.equal(true);
    expect(calendar.isWorkingDay('2027-02-11')).to.equal(true);
  });

  it('should take off every statutory holiday of 2027 and nothing else on weekdays', () => {
    const off = [...statutoryHolidays(2027).keys()].sort();
    expect(off).to.include.members([
      '2027-01-01',
      '2027-04-05',
      '2027-05-01',
      '2027-05-02',
      '2027-06-09',
      '2027-09-15',
      '2027-10-01',
      '2027-10-02',
      '2027-10-03',
    ]);
    const { calendar } = officialCalendar();
    expect(calendar.isWorkingDay('2027-03-10')).to.equal(true);
    expect(calendar.isWorkingDay('2027-03-13')).to.equal(false);
  });

  it('should mark a due date reaching into 2027 provisional, and warn', () => {
    // given a case accepted on 2026-12-20 with a 20 working-day limit
    const { calendar, warnings } = officialCalendar();

    // when
    const due = calendar.addLimitDetailed(at('2026-12-20'), { amount: 20, unit: '工作日' });

    // then: 9 working days in December, 元旦 off, the rest in January
    expect(beijing(due.dueAt)).to.equal('2027-01-18 17:30');
    expect(due).to.include({ provisional: true });
    expect(due.yearsMissing).to.deep.equal([2027]);
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.include({ code: 'CALENDAR_YEAR_MISSING' });
    expect(warnings[0]?.message).to.match(/2027/);
  });

  it('should NOT warn nor mark provisional a question that stays within 2026', () => {
    const { calendar, warnings } = officialCalendar();
    expect(calendar.addLimitDetailed(at('2026-12-01'), { amount: 5, unit: '工作日' }).provisional).to.equal(false);
    expect(warnings).to.deep.equal([]);
  });

  it('should refuse with CalendarYearMissingError when configured to', () => {
    const { calendar } = officialCalendar({ onMissingYear: 'error' });
    expect(calendar.addWorkingDays(at('2026-12-01'), 5)).to.be.a('string');
    const attempt = () => calendar.addWorkingDays(at('2026-12-20'), 20);
    expect(attempt).to.throw(CalendarYearMissingError).with.property('code', 'CALENDAR_YEAR_MISSING');
    expect(attempt).to.throw(CalendarYearMissingError).with.property('year', 2027);
  });

  it('should NOT answer 2027 as plain Mon–Fri (2027-02-08 is a Monday)', () => {
    const { calendar } = officialCalendar();
    expect(calendar.isWorkingDay('2027-02-08')).to.equal(false);
  });

  it('should explain several questions as one provisional answer with one warning', () => {
    const { calendar, warnings } = officialCalendar();
    const answer = calendar.explain((c) => [c.isWorkingDay('2026-12-31'), c.isWorkingDay('2027-02-08')]);
    expect(answer).to.deep.equal({ value: [true, false], provisional: true, yearsMissing: [2027] });
    expect(warnings).to.have.length(1);
  });

  describe('the statutory computation against official years', () => {
    // Every day the law fixes (not the 补假, which notices arrange freely) is off in the notice.
    for (const year of [2025, 2026]) {
      it(`should find every statutory holiday of ${year} off in the State Council's notice`, () => {
        const official = officialData();
        const fixed = [...statutoryHolidays(year)].filter(([, day]) => !day.name.endsWith('(补假)'));
        expect(fixed).to.have.length(13);
        for (const [date, day] of fixed) expect(official.days.get(date)?.off, `${date} ${day.name}`).to.equal(true);
      });
    }
  });
});
