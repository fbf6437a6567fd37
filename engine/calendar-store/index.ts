/**
 * The working-day calendar's tables over knex (calendar_days and calendar_changes, migration
 * 20260101000000_calendar); the data and arithmetic are engine/calendar. Public API: seeding
 * from chinese-days, official imports, audited corrections of one day (each one transaction),
 * the queries (`loadCalendar`, `listYears`, `listChanges`), `LiveCalendar` (the calendar a
 * running store counts with, reloaded after an import or a correction) and
 * `recomputeProvisionalDueDates`; `calendarYears`, the stored years and the missing ones (needed
 * on the business clock, with the cases whose provisional due dates depend on them). Everything else in this folder is internal.
 */
export { seedFromChineseDays, type SeedOptions } from './seed.js';
export { importCalendar, type ImportOptions, type ImportResult } from './import-official.js';
export { correctDay, type DayCorrection } from './correct-day.js';
export { listChanges, listYears, loadCalendar, type YearSummary } from './queries.js';
export type { ApplyCounts } from './apply-days.js';
export type { AuditedDay, CalendarChange } from './rows.js';
export { LiveCalendar } from './live-calendar.js';
export { recomputeProvisionalDueDates } from './recompute.js';
export { calendarYears, NEXT_YEAR_WANTED_FROM_MONTH, type CalendarYear, type DependentCase } from './missing-years.js';
