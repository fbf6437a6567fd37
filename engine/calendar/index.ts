/**
 * The working-day calendar (pure): calendar data, its importers, and working-day / working-hour
 * arithmetic in Beijing time. Persistence lives in engine/calendar-store.
 */
export { WorkingDayCalendar, type Answer, type CalendarOptions, type CalendarWarning, type LimitResult } from './working-day-calendar.js';
export { DAY_SOURCES, calendarData, mergeCalendarData, type CalendarData, type CalendarDay, type DaySource, type ResolvedDay } from './types.js';
export { DEFAULT_OFFICE_DAY, type OfficeDay, type OfficePeriod } from './office-day.js';
export type { MissingYearPolicy } from './day-lookup.js';
export { statutoryHolidays } from './statutory.js';
export { parseChineseDays, type ParsedCalendar } from './import-chinese-days.js';
export { parseHolidayCn, type ParsedHolidayCn } from './import-holiday-cn.js';
export { parseCalendarImport, type CalendarLayout } from './import-any.js';
export { CalendarImportError, CalendarInputError, CalendarYearMissingError } from './errors.js';
export { isDateText, yearOf as yearOfDate, type DateText } from './shanghai.js';
