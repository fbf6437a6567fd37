/**
 * Calendar data: the days that differ from a plain week (holidays off, make-up working days
 * 调休补班 on), where each came from, and which years official data covers. Data, never an
 * algorithm: holidays change every year by State Council notice (DOMAIN.md, Time limits).
 */
import type { DateText } from './shanghai.js';

/** Where a day's status came from. `provisional` is computed, never stored. */
export type DaySource = 'chinese-days' | 'holiday-cn' | 'local' | 'provisional';

/** The status of one calendar day that differs from (or confirms) the Mon–Fri week. */
export interface CalendarDay {
  /** true: a day off (holiday); false: a working day (also a make-up Saturday or Sunday). */
  readonly off: boolean;
  /** The holiday's name, e.g. 春节; a make-up day carries the name of the holiday it belongs to. */
  readonly name: string;
  readonly source: DaySource;
  /** URL of the State Council notice (or the local decision) the day comes from. */
  readonly notice?: string;
}

/** Everything a calendar knows: exceptional days, and the years official data covers. */
export interface CalendarData {
  /** Exceptional days by `YYYY-MM-DD`; a date not listed follows Mon–Fri. */
  readonly days: ReadonlyMap<DateText, CalendarDay>;
  /** Years whose holidays an official notice fixed (imported from chinese-days or holiday-cn). */
  readonly officialYears: ReadonlySet<number>;
}

/** A day as the calendar answers it: its status and whether that answer is only provisional. */
export interface ResolvedDay {
  readonly date: DateText;
  readonly off: boolean;
  /** The holiday's name, or 周末 / 工作日 for an ordinary day. */
  readonly name: string;
  /** null for an ordinary day of a year with official data. */
  readonly source: DaySource | null;
  /** The day lies in a year without official data (computed from the statutory holidays). */
  readonly provisional: boolean;
}

/** Build a CalendarData value from days and official years. */
export function calendarData(
  days: Iterable<readonly [DateText, CalendarDay]>,
  officialYears: Iterable<number>,
): CalendarData {
  return { days: new Map(days), officialYears: new Set(officialYears) };
}
