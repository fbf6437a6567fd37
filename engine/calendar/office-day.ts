/**
 * The office day: the hours a service centre works on a working day, which 小时(工作日) limits
 * count and at whose close a working-day limit ends. Local policy, hence configuration.
 */
import { CalendarInputError } from './errors.js';

/** One stretch of office hours in Beijing time, `HH:MM` to `HH:MM`. */
export interface OfficePeriod {
  readonly start: string;
  readonly end: string;
}

/** The office hours of every working day, in order. */
export interface OfficeDay {
  readonly periods: readonly OfficePeriod[];
}

/** 9:00–12:00 and 13:30–17:30 (7 hours), the usual hours of a service centre. */
export const DEFAULT_OFFICE_DAY: OfficeDay = {
  periods: [
    { start: '09:00', end: '12:00' },
    { start: '13:30', end: '17:30' },
  ],
};

/** Office periods as milliseconds after midnight. */
export interface PeriodMs {
  readonly start: number;
  readonly end: number;
}

/** Validate an office day and convert it to milliseconds; periods must be ordered and apart. */
export function officePeriods(officeDay: OfficeDay): readonly PeriodMs[] {
  if (officeDay.periods.length === 0)
    throw new CalendarInputError('officeDay.periods', 'Expected at least one office period, but got none');
  let previousEnd = 0;
  return officeDay.periods.map((period, index) => {
    const start = clock(period.start, `officeDay.periods[${index}].start`);
    const end = clock(period.end, `officeDay.periods[${index}].end`);
    if (start < previousEnd || end <= start) {
      throw new CalendarInputError(
        `officeDay.periods[${index}]`,
        `Expected ordered, non-overlapping periods, but got ${period.start}–${period.end}`,
      );
    }
    previousEnd = end;
    return { start, end };
  });
}

/** Length of the office day in milliseconds (7 hours by default). */
export function officeDayLength(periods: readonly PeriodMs[]): number {
  return periods.reduce((sum, p) => sum + (p.end - p.start), 0);
}

function clock(text: string, field: string): number {
  const match = /^(\d{2}):(\d{2})$/.exec(text);
  const hours = Number(match?.[1]);
  const minutes = Number(match?.[2]);
  if (!match || hours > 24 || minutes > 59 || (hours === 24 && minutes > 0)) {
    throw new CalendarInputError(field, `Expected a time of day HH:MM, but got ${JSON.stringify(text)}`);
  }
  return (hours * 60 + minutes) * 60_000;
}
