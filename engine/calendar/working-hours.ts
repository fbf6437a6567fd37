/**
 * Office time: the hours of the office day on working days (小时(工作日)), in Beijing time.
 * Time before opening, at lunch, after hours and on days off does not count.
 */
import type { DayLookup } from './day-lookup.js';
import { CalendarInputError } from './errors.js';
import type { PeriodMs } from './office-day.js';
import { addDays, beijingInstant, beijingTime, type DateText } from './shanghai.js';

/** More consecutive days off than this means broken data, not a long holiday. */
const MAX_DAYS_OFF = 400;
const DAY_MS = 86_400_000;

/** The first working day strictly after `date`. */
export function nextWorkingDay(lookup: DayLookup, date: DateText): DateText {
  let next = date;
  for (let i = 0; i < MAX_DAYS_OFF; i += 1) {
    next = addDays(next, 1);
    if (!lookup.day(next).off) return next;
  }
  throw new CalendarInputError(
    'calendar',
    `Expected a working day within ${MAX_DAYS_OFF} days after ${date}, but every day is off`,
  );
}

/**
 * The instant at which `ms` milliseconds of office time after `fromMs` have passed. A sum used
 * up exactly at a period's end answers that end (12:00, not 13:30); 0 answers `fromMs`.
 */
export function addOfficeTime(lookup: DayLookup, periods: readonly PeriodMs[], fromMs: number, ms: number): number {
  if (!Number.isFinite(ms) || ms < 0)
    throw new CalendarInputError('amount', `Expected an amount of working time ≥ 0, but got ${ms / 3_600_000} hours`);
  if (ms === 0) return fromMs;
  let remaining = Math.round(ms);
  let { date, msOfDay } = beijingTime(fromMs);
  if (lookup.day(date).off) {
    date = nextWorkingDay(lookup, date);
    msOfDay = 0;
  }
  for (;;) {
    for (const period of periods) {
      if (msOfDay >= period.end) continue;
      const start = Math.max(msOfDay, period.start);
      const available = period.end - start;
      if (remaining <= available) return beijingInstant(date, start + remaining);
      remaining -= available;
      msOfDay = period.end;
    }
    date = nextWorkingDay(lookup, date);
    msOfDay = 0;
  }
}

/** Milliseconds of office time between two instants (0 when `toMs` is not after `fromMs`). */
export function officeTimeBetween(
  lookup: DayLookup,
  periods: readonly PeriodMs[],
  fromMs: number,
  toMs: number,
): number {
  if (toMs <= fromMs) return 0;
  const first = beijingTime(fromMs).date;
  const last = beijingTime(toMs).date;
  let total = 0;
  for (let date = first; date <= last; date = addDays(date, 1)) {
    if (lookup.day(date).off) continue;
    const midnight = beijingInstant(date, 0);
    for (const period of periods) {
      const start = Math.max(fromMs, midnight + period.start);
      const end = Math.min(toMs, midnight + period.end);
      if (end > start) total += end - start;
    }
  }
  return total;
}

/** Midnight at the end of the Beijing date of `ms` (where day counting starts). */
export function endOfDate(ms: number): number {
  return beijingInstant(beijingTime(ms).date, DAY_MS);
}
