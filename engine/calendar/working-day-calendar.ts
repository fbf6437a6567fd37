/**
 * The working-day calendar the engine asks: working days, working hours and gov time limits
 * (工作日, 自然日, 小时(工作日), 小时(自然日)) over calendar data, in Beijing time whatever the
 * host's zone. Instants in are ISO-8601 (no offset = Beijing time); instants out are ISO-8601
 * UTC, as the runtime records them. A question that touches a year without official data is
 * answered provisionally with a warning, or refused (`onMissingYear: 'error'`).
 */
import type { TimeLimit, TimeLimitUnit } from '../model/index.js';
import { createDayLookup, type DayLookup, type MissingYearPolicy } from './day-lookup.js';
import { DEFAULT_OFFICE_DAY, officePeriods, type OfficeDay, type PeriodMs } from './office-day.js';
import { betweenIn, dueIn, elapsedIn } from './limits.js';
import { assertDate, isoText, toMillis, type DateText } from './shanghai.js';
import type { CalendarData, ResolvedDay } from './types.js';
import * as days from './working-days.js';
import { nextWorkingDay } from './working-hours.js';

/** Raised (through `warn`) when an answer had to guess a year's holidays. */
export interface CalendarWarning {
  readonly code: 'CALENDAR_YEAR_MISSING';
  readonly yearsMissing: readonly number[];
  readonly message: string;
}

export interface CalendarOptions {
  /** Office hours; default 9:00–12:00 and 13:30–17:30. */
  readonly officeDay?: OfficeDay;
  /** Year without official data: answer provisionally and warn (default), or throw. */
  readonly onMissingYear?: MissingYearPolicy;
  /** Where provisional answers are reported; default console.warn. */
  readonly warn?: (warning: CalendarWarning) => void;
}

/** An answer and whether it rests on guessed (statutory-only) holidays. */
export interface Answer<T> {
  readonly value: T;
  readonly provisional: boolean;
  /** Years without official data that the answer touched. */
  readonly yearsMissing: readonly number[];
}

/** A due date and whether it is provisional (to be recomputed once the year is imported). */
export interface LimitResult {
  readonly dueAt: string;
  readonly provisional: boolean;
  readonly yearsMissing: readonly number[];
}

/**
 * The calendar over `data`. It fits the runtime's WorkingCalendar by shape (the calendar is below
 * the runtime and imports nothing of it; the store's options check the fit where it is passed).
 */
export class WorkingDayCalendar {
  readonly data: CalendarData;
  readonly #periods: readonly PeriodMs[];
  readonly #policy: MissingYearPolicy;
  readonly #warn: (warning: CalendarWarning) => void;
  /** The lookup of the question being answered (explain nests questions into one). */
  #current: DayLookup | null = null;

  constructor(data: CalendarData, options: CalendarOptions = {}) {
    this.data = data;
    this.#periods = officePeriods(options.officeDay ?? DEFAULT_OFFICE_DAY);
    this.#policy = options.onMissingYear ?? 'provisional';
    this.#warn = options.warn ?? ((warning) => console.warn(`[calendar] ${warning.message}`));
  }

  /** A date's status (off or working, name, source, provisional). */
  day(date: DateText): ResolvedDay {
    return this.#ask((lookup) => lookup.day(assertDate(date))).value;
  }

  /** Whether `date` (YYYY-MM-DD, Beijing) is a working day. */
  isWorkingDay(date: DateText): boolean {
    return !this.day(date).off;
  }

  /** The first working day strictly after `date`. */
  nextWorkingDay(date: DateText): DateText {
    return this.#ask((lookup) => nextWorkingDay(lookup, assertDate(date))).value;
  }

  /** The instant `n` working days after `from`: 17:30 of the n-th working day after its date (working-days.ts). */
  addWorkingDays(from: string, n: number): string {
    return this.due(from, n, '工作日').dueAt;
  }

  /** The instant `hours` office hours after `from`. */
  addWorkingHours(from: string, hours: number): string {
    return this.due(from, hours, '小时(工作日)').dueAt;
  }

  /** Whole working days after `from`'s date up to and including `to`'s date (negative if `to` is earlier). */
  countWorkingDays(from: string, to: string): number {
    return this.#ask((lookup) => days.countWorkingDays(lookup, toMillis(from), toMillis(to))).value;
  }

  /** The due instant of `limit` counted from `from` (the runtime's WorkingCalendar). */
  addLimit(from: string, limit: TimeLimit): string {
    return this.due(from, limit.amount, limit.unit).dueAt;
  }

  /** The due instant of `limit` from `from`, and whether it is provisional. */
  addLimitDetailed(from: string, limit: TimeLimit): LimitResult {
    return this.due(from, limit.amount, limit.unit);
  }

  /** The instant `amount` of `unit` after `from`, and whether it is provisional (limits.ts). */
  due(from: string, amount: number, unit: TimeLimitUnit): LimitResult {
    const answer = this.#ask((lookup) => isoText(dueIn(lookup, this.#periods, toMillis(from), amount, unit)));
    return { dueAt: answer.value, provisional: answer.provisional, yearsMissing: answer.yearsMissing };
  }

  /** How much of `unit` lies between `from` and `to`: the inverse of `due` (0 if `to` is not after). */
  between(from: string, to: string, unit: TimeLimitUnit): number {
    return this.#ask((lookup) => betweenIn(lookup, this.#periods, toMillis(from), toMillis(to), unit)).value;
  }

  elapsed(from: string, to: string, unit: TimeLimitUnit): number {
    return this.#ask((lookup) => elapsedIn(lookup, this.#periods, toMillis(from), toMillis(to), unit)).value;
  }

  /**
   * Ask one or more questions and learn whether the answer is provisional, e.g.
   * `calendar.explain((c) => c.addWorkingDays(from, 5))` (one warning for the whole question).
   */
  explain<T>(question: (calendar: this) => T): Answer<T> {
    return this.#ask(() => question(this));
  }

  #ask<T>(question: (lookup: DayLookup) => T): Answer<T> {
    const outer = this.#current;
    if (outer) {
      const value = question(outer);
      return { value, provisional: outer.yearsMissing.length > 0, yearsMissing: outer.yearsMissing };
    }
    const lookup = createDayLookup(this.data, this.#policy);
    this.#current = lookup;
    let value: T;
    try {
      value = question(lookup);
    } finally {
      this.#current = null;
    }
    const yearsMissing = lookup.yearsMissing;
    if (yearsMissing.length > 0) {
      this.#warn({
        code: 'CALENDAR_YEAR_MISSING',
        yearsMissing,
        message: `No official holiday data for ${yearsMissing.join(', ')}: answered provisionally from the statutory holidays; import the State Council's notice`,
      });
    }
    return { value, provisional: yearsMissing.length > 0, yearsMissing };
  }
}
