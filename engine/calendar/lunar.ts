/**
 * Lunar dates and solar terms from the `chinese-days` package, made independent of the host's
 * time zone. The package reads and formats its dates with Date's local-time getters, and parses
 * `YYYY-M-D` text as UTC midnight, so on a host behind UTC it answers a day early (ECOSYSTEM.md).
 * The two wrappers here feed it input it reads correctly in any zone, and undo its shift.
 */
import chineseDays from 'chinese-days';
import { addDays, type DateText } from './shanghai.js';

/** The Gregorian date of a lunar date (month 1–12, not a leap month) in `lunarYear`. */
export function solarDateOfLunar(lunarYear: number, month: number, day: number): DateText {
  // Date-time text without an offset is local time, so the package's local getters read back
  // exactly these fields; it then counts days in local time and formats them the same way.
  const text = `${pad(lunarYear, 4)}-${pad(month, 2)}-${pad(day, 2)}T12:00:00`;
  return chineseDays.getSolarDateFromLunar(text).date;
}

/** The date of 清明 (the solar term pure_brightness) in `year`. */
export function qingmingDate(year: number): DateText {
  const answer = chineseDays.getSolarTermDate(year, 4, 'pure_brightness');
  // The package formats UTC midnight of the right day with local getters: behind UTC (a
  // positive offset in getTimezoneOffset's sign) that is the evening before.
  const hostBehindUtc = new Date(Date.UTC(year, 3, 5, 12)).getTimezoneOffset() > 0;
  return hostBehindUtc ? addDays(answer, 1) : answer;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}
