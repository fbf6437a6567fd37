import type { TimeLimit } from '../model/types.js';
import { DEFAULT_OFFICE_DAY, officeDayLength, officePeriods } from '../calendar/office-day.js';

/** Office hours in a working day (7 with the default office day, 9:00–12:00 and 13:30–17:30). */
const OFFICE_HOURS = officeDayLength(officePeriods(DEFAULT_OFFICE_DAY)) / 3_600_000;

/** Working days in a calendar day on average (5 of 7; holidays and 调休 aside). */
const WORKING_SHARE = 5 / 7;

/**
 * A time limit in working days, so that limits in different units can be added and compared.
 * 工作日 is exact; 小时(工作日) counts office hours of the default office day; 自然日 and
 * 小时(自然日) are estimates (5 working days a week): the lint compares, it does not schedule.
 */
export function inWorkingDays(limit: TimeLimit): number {
  switch (limit.unit) {
    case '工作日':
      return limit.amount;
    case '小时(工作日)':
      return limit.amount / OFFICE_HOURS;
    case '自然日':
      return limit.amount * WORKING_SHARE;
    case '小时(自然日)':
      return (limit.amount / 24) * WORKING_SHARE;
  }
}

/** A number of working days for a message: at most two decimals, no trailing zeros. */
export function formatDays(days: number): string {
  return String(Math.round(days * 100) / 100);
}
