/**
 * Answering "is this date off?" from calendar data, and what to do about a year without
 * official data: answer provisionally from the statutory holidays (and say so), or refuse. Never
 * a silent Mon–Fri answer. A lookup records every year it had to guess, for the caller to report.
 */
import { CalendarYearMissingError } from './errors.js';
import { weekday, yearOf, type DateText } from './shanghai.js';
import { statutoryHolidays } from './statutory.js';
import type { CalendarData, CalendarDay, ResolvedDay } from './types.js';

/** What to do about a year without official data. */
export type MissingYearPolicy = 'provisional' | 'error';

/** Answers day questions for one calculation and remembers the years it had to guess. */
export interface DayLookup {
  day(date: DateText): ResolvedDay;
  /** Years without official data touched so far, ascending. */
  readonly yearsMissing: readonly number[];
}

/** Statutory holidays per year, computed once per process (they depend on the year only). */
const statutoryCache = new Map<number, ReadonlyMap<DateText, CalendarDay>>();

/** A fresh lookup over `data` that applies `policy` to years without official data. */
export function createDayLookup(data: CalendarData, policy: MissingYearPolicy): DayLookup {
  const missing = new Set<number>();
  return {
    get yearsMissing() {
      return [...missing].sort((a, b) => a - b);
    },
    day(date) {
      const year = yearOf(date);
      const official = data.officialYears.has(year);
      if (!official) {
        if (policy === 'error') throw new CalendarYearMissingError(year);
        missing.add(year);
      }
      const listed = data.days.get(date) ?? (official ? undefined : statutory(year).get(date));
      if (listed) return { date, off: listed.off, name: listed.name, source: listed.source, provisional: !official };
      const dow = weekday(date);
      const weekend = dow === 0 || dow === 6;
      return {
        date,
        off: weekend,
        name: weekend ? '周末' : '工作日',
        source: official ? null : 'provisional',
        provisional: !official,
      };
    },
  };
}

function statutory(year: number): ReadonlyMap<DateText, CalendarDay> {
  let days = statutoryCache.get(year);
  if (!days) {
    days = statutoryHolidays(year);
    statutoryCache.set(year, days);
  }
  return days;
}
