/**
 * The working-day calendar, pure: statutory holidays, 调休 make-up working days and local
 * corrections as data, and working-day / working-hour arithmetic over them in Asia/Shanghai.
 * Public API: `WorkingDayCalendar` (due dates and elapsed working time, years without official
 * data counted from the holidays the law fixes and marked provisional), the calendar data types
 * and `DEFAULT_OFFICE_DAY`, `statutoryHolidays`, the import parsers (`parseCalendarImport` over
 * the chinese-days and holiday-cn layouts), the errors, and the date-text helpers. Its tables
 * are engine/calendar-store; everything else in this folder is internal.
 */
export {
  WorkingDayCalendar,
  type Answer,
  type CalendarOptions,
  type CalendarWarning,
  type LimitResult,
} from './working-day-calendar.js';
export { calendarData, type CalendarData, type CalendarDay, type DaySource, type ResolvedDay } from './types.js';
export { DEFAULT_OFFICE_DAY, type OfficeDay, type OfficePeriod } from './office-day.js';
export type { MissingYearPolicy } from './day-lookup.js';
export { statutoryHolidays } from './statutory.js';
export { parseChineseDays, type ParsedCalendar } from './import-chinese-days.js';
export { parseHolidayCn, type ParsedHolidayCn } from './import-holiday-cn.js';
export { parseCalendarImport, type CalendarLayout } from './import-any.js';
export { CalendarImportError, CalendarInputError, CalendarYearMissingError } from './errors.js';
export { isDateText, yearOf as yearOfDate, type DateText } from './shanghai.js';
