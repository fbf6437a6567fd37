import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import {
  CalendarImportError,
  parseCalendarImport,
  parseChineseDays,
  parseHolidayCn,
  WorkingDayCalendar,
} from '../../../engine/calendar/index.js';
import { chineseDaysJson } from './calendar-support.js';

const holidayCn2020 = (): Record<string, unknown> =>
  JSON.parse(readFileSync('test/fixtures/calendar/holiday-cn-2020.json', 'utf8')) as Record<string, unknown>;

function importError(run: () => unknown): CalendarImportError {
  try {
    run();
  } catch (error) {
    if (error instanceof CalendarImportError) return error;
    throw error;
  }
  throw new Error('Expected a CalendarImportError, but the import succeeded');
}

describe('calendar: import', () => {
  describe('the chinese-days layout', () => {
    it('should import holidays as days off and workdays as make-up working days, with the Chinese name', () => {
      const data = parseChineseDays(chineseDaysJson());
      expect(data.days.get('2026-02-20')).to.deep.equal({ off: true, name: '春节', source: 'chinese-days' });
      expect(data.days.get('2026-02-14')).to.deep.equal({ off: false, name: '春节', source: 'chinese-days' });
      expect(Math.min(...data.officialYears)).to.equal(2004);
      expect(Math.max(...data.officialYears)).to.equal(2026);
      expect(data.officialYears.size).to.equal(23);
    });

    it('should keep only the years asked for', () => {
      const data = parseChineseDays(chineseDaysJson(), { years: [2025] });
      expect([...data.officialYears]).to.deep.equal([2025]);
      expect([...data.days.keys()].every((date) => date.startsWith('2025-'))).to.equal(true);
    });

    it('should name the field of a bad date or value', () => {
      expect(
        importError(() => parseChineseDays({ holidays: { '2026-13-01': 'x,元旦,1' }, workdays: {} })).field,
      ).to.equal('holidays.2026-13-01');
      expect(importError(() => parseChineseDays({ holidays: {}, workdays: { '2026-02-14': 7 } })).field).to.equal(
        'workdays.2026-02-14',
      );
      expect(importError(() => parseChineseDays({ holidays: [] })).field).to.equal('holidays');
      expect(
        importError(() =>
          parseChineseDays({ holidays: { '2026-01-01': 'a,元旦,1' }, workdays: { '2026-01-01': 'a,元旦,1' } }),
        ).field,
      ).to.equal('workdays.2026-01-01');
    });
  });

  describe('the holiday-cn layout', () => {
    it('should keep the source and the notice URL with every day', () => {
      const data = parseHolidayCn(holidayCn2020());
      expect(data.days.get('2020-01-31')).to.deep.equal({
        off: true,
        name: '春节',
        source: 'holiday-cn',
        notice: 'http://www.gov.cn/zhengce/content/2019-11/21/content_5454164.htm',
      });
      expect(data.papers).to.have.length(2);
      expect([...data.officialYears]).to.deep.equal([2020]);
    });

    it('should compute with the imported year: 2020 Spring Festival extended to 02-02', () => {
      const calendar = new WorkingDayCalendar(parseHolidayCn(holidayCn2020()), { onMissingYear: 'error' });
      expect(calendar.isWorkingDay('2020-01-19')).to.equal(true);
      expect(calendar.isWorkingDay('2020-02-01')).to.equal(false);
      expect(calendar.nextWorkingDay('2020-01-23')).to.equal('2020-02-03');
    });

    it('should name the field of a bad entry', () => {
      const file = holidayCn2020();
      const days = file['days'] as Array<Record<string, unknown>>;
      expect(importError(() => parseHolidayCn({ ...file, year: '2020' })).field).to.equal('year');
      expect(importError(() => parseHolidayCn({ ...file, papers: ['not a url'] })).field).to.equal('papers[0]');
      expect(
        importError(() =>
          parseHolidayCn({ ...file, days: [...days, { name: '国庆', date: '2020-10-32', isOffDay: true }] }),
        ).field,
      ).to.equal(`days[${days.length}].date`);
      expect(
        importError(() => parseHolidayCn({ ...file, days: [{ name: '', date: '2020-10-01', isOffDay: true }] })).field,
      ).to.equal('days[0].name');
      expect(
        importError(() => parseHolidayCn({ ...file, days: [{ name: '国庆', date: '2020-10-01', isOffDay: 'yes' }] }))
          .field,
      ).to.equal('days[0].isOffDay');
      expect(importError(() => parseHolidayCn({ ...file, days: [days[1], days[1]] })).field).to.equal('days[1].date');
    });
  });

  it('should tell the two layouts apart by shape, and refuse anything else', () => {
    expect(parseCalendarImport(holidayCn2020()).layout).to.equal('holiday-cn');
    expect(parseCalendarImport(chineseDaysJson()).layout).to.equal('chinese-days');
    expect(importError(() => parseCalendarImport({ year: 2027 })).field).to.equal('(root)');
    expect(importError(() => parseCalendarImport('2027')).code).to.equal('CALENDAR_IMPORT_INVALID');
  });
});
