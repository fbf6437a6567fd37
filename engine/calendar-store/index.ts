/**
 * Persistence of the working-day calendar (tables calendar_days and calendar_changes, migration
 * 20260101000000_calendar): seeding, official imports, local corrections with an audit trail,
 * and loading the data a WorkingDayCalendar runs on. Each function is one transaction.
 */
export { seedFromChineseDays, type SeedOptions } from './seed.js';
export { importCalendar, type ImportOptions, type ImportResult } from './import-official.js';
export { correctDay, type DayCorrection } from './correct-day.js';
export { listChanges, listYears, loadCalendar, type YearSummary } from './queries.js';
export type { ApplyCounts } from './apply-days.js';
export type { AuditedDay, CalendarChange } from './rows.js';
export { LiveCalendar } from './live-calendar.js';
export { recomputeProvisionalDueDates } from './recompute.js';
