/**
 * A gov time limit in any of its four units (DOMAIN.md: 工作日, 自然日, 小时(工作日), 小时(自然日)):
 * when it falls due, and how much of it lies between two instants. `elapsedIn` is the inverse of
 * `dueIn`: elapsedIn(from, dueIn(from, x)) === x (up to the millisecond the instants carry).
 */
import type { TimeLimitUnit } from '../model/index.js';
import type { DayLookup } from './day-lookup.js';
import { CalendarInputError } from './errors.js';
import type { PeriodMs } from './office-day.js';
import { addOfficeTime, officeTimeBetween } from './working-hours.js';
import { addWorkingDays, elapsedWorkingDays } from './working-days.js';
import { officeDayLength } from './office-day.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/**
 * The instant `amount` of `unit` after `fromMs`. 工作日: counted from the next working day, due
 * at the close of the office day (working-days.ts). 小时(工作日): office hours from `fromMs`.
 * 自然日 and 小时(自然日): exact days of 24 hours and hours (Beijing has no daylight saving).
 */
export function dueIn(
  lookup: DayLookup,
  periods: readonly PeriodMs[],
  fromMs: number,
  amount: number,
  unit: TimeLimitUnit,
): number {
  if (!Number.isFinite(amount) || amount < 0)
    throw new CalendarInputError('amount', `Expected a time limit ≥ 0, but got ${amount}`);
  switch (unit) {
    case '工作日':
      return addWorkingDays(lookup, periods, fromMs, amount);
    case '小时(工作日)':
      return addOfficeTime(lookup, periods, fromMs, amount * HOUR_MS);
    case '自然日':
      return fromMs + Math.round(amount * DAY_MS);
    case '小时(自然日)':
      return fromMs + Math.round(amount * HOUR_MS);
  }
}

/** How much of `unit` lies between `fromMs` and `toMs` (0 when `toMs` is not after). */
export function elapsedIn(
  lookup: DayLookup,
  periods: readonly PeriodMs[],
  fromMs: number,
  toMs: number,
  unit: TimeLimitUnit,
): number {
  switch (unit) {
    case '工作日':
      return elapsedWorkingDays(lookup, periods, fromMs, toMs);
    case '小时(工作日)':
      return officeTimeBetween(lookup, periods, fromMs, toMs) / HOUR_MS;
    case '自然日':
      return Math.max(0, toMs - fromMs) / DAY_MS;
    case '小时(自然日)':
      return Math.max(0, toMs - fromMs) / HOUR_MS;
  }
}

/**
 * The working time between two instants, counted from `fromMs` itself (the day it falls on
 * included), in `unit`: how long a clock stood still. Unlike `elapsedIn`, no "the first day
 * does not count" rule applies: a pause from Tuesday 11:00 to Friday 11:00 is 3 working days.
 */
export function betweenIn(
  lookup: DayLookup,
  periods: readonly PeriodMs[],
  fromMs: number,
  toMs: number,
  unit: TimeLimitUnit,
): number {
  switch (unit) {
    case '工作日':
      return officeTimeBetween(lookup, periods, fromMs, toMs) / officeDayLength(periods);
    default:
      return elapsedIn(lookup, periods, fromMs, toMs, unit);
  }
}
