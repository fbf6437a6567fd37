/**
 * Working days (工作日), in Beijing time.
 *
 * Counting starts the next working day (行政许可法 §82 counts working days; 民法典 §201: the day
 * of the event is not counted). A limit of N working days ends at the close of the office day of
 * the N-th working day after the start (民法典 §203: where there are business hours, the deadline
 * is when business stops) — so 5 working days from any time on 2026-09-29 end at 17:30 on
 * 2026-10-12. Between whole days the count runs with office time: each working day after the
 * start's date is worth 1, earned evenly over its office hours (at 13:30 of such a day, 3/7 of
 * it is used). So fractional limits (0.5 工作日) and elapsed time are the exact inverse of each
 * other: elapsedWorkingDays(from, addWorkingDays(from, x)) === x.
 */
import type { DayLookup } from './day-lookup.js';
import { CalendarInputError } from './errors.js';
import { officeDayLength, type PeriodMs } from './office-day.js';
import { addDays, beijingTime } from './shanghai.js';
import { addOfficeTime, endOfDate, officeTimeBetween } from './working-hours.js';

/** The instant `days` working days after `fromMs` (0 answers `fromMs` itself). */
export function addWorkingDays(lookup: DayLookup, periods: readonly PeriodMs[], fromMs: number, days: number): number {
  if (!Number.isFinite(days) || days < 0)
    throw new CalendarInputError('days', `Expected a number of working days ≥ 0, but got ${days}`);
  if (days === 0) return fromMs;
  return addOfficeTime(lookup, periods, endOfDate(fromMs), days * officeDayLength(periods));
}

/** Working days used between `fromMs` and `toMs`, counted from the next day (0 if not after). */
export function elapsedWorkingDays(
  lookup: DayLookup,
  periods: readonly PeriodMs[],
  fromMs: number,
  toMs: number,
): number {
  return officeTimeBetween(lookup, periods, endOfDate(fromMs), toMs) / officeDayLength(periods);
}

/**
 * Whole working days after the Beijing date of `fromMs` up to and including that of `toMs`
 * (statistics: "handled in N working days"); negative when `toMs` is earlier.
 */
export function countWorkingDays(lookup: DayLookup, fromMs: number, toMs: number): number {
  if (toMs < fromMs) return -countWorkingDays(lookup, toMs, fromMs);
  const last = beijingTime(toMs).date;
  let count = 0;
  for (let date = addDays(beijingTime(fromMs).date, 1); date <= last; date = addDays(date, 1)) {
    if (!lookup.day(date).off) count += 1;
  }
  return count;
}
