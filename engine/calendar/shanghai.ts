/**
 * Dates and instants in Asia/Shanghai (Beijing time, UTC+08:00 all year, no daylight saving
 * since 1991), whatever the host's time zone. Instants are shifted by the fixed offset and read
 * with UTC getters only: Date's local-time getters and setters are never used here.
 */
import { parseInstant } from '../time/index.js';
import { CalendarInputError } from './errors.js';

/** A calendar date in Beijing, `YYYY-MM-DD`. */
export type DateText = string;

const OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** An instant as Beijing wall time: its date and the milliseconds since that date's midnight. */
export interface BeijingTime {
  readonly date: DateText;
  readonly msOfDay: number;
}

/** Parse an ISO-8601 instant (no offset = Beijing time); throws CalendarInputError otherwise. */
export function toMillis(instant: string): number {
  const parsed = parseInstant(instant);
  if (!parsed) throw new CalendarInputError('instant', `Expected an ISO-8601 instant, but got "${instant}"`);
  return parsed.getTime();
}

/** The Beijing date and time of day of an instant given in epoch milliseconds. */
export function beijingTime(ms: number): BeijingTime {
  const shifted = ms + OFFSET_MS;
  const msOfDay = ((shifted % DAY_MS) + DAY_MS) % DAY_MS;
  return { date: dateOfDayNumber((shifted - msOfDay) / DAY_MS), msOfDay };
}

/** The instant (epoch ms) of `msOfDay` after midnight of the Beijing date `date`. */
export function beijingInstant(date: DateText, msOfDay: number): number {
  return dayNumber(date) * DAY_MS - OFFSET_MS + msOfDay;
}

/** Epoch milliseconds as ISO-8601 UTC text, the form the runtime stores. */
export function isoText(ms: number): string {
  return new Date(ms).toISOString();
}

/** Whether `text` is a real calendar date written `YYYY-MM-DD`. */
export function isDateText(text: unknown): text is DateText {
  if (typeof text !== 'string') return false;
  const match = DATE.exec(text);
  if (!match) return false;
  return dateOfDayNumber(dayNumber(text)) === text;
}

/** Check a `YYYY-MM-DD` argument; throws CalendarInputError naming `field` otherwise. */
export function assertDate(text: unknown, field = 'date'): DateText {
  if (!isDateText(text))
    throw new CalendarInputError(field, `Expected a date written YYYY-MM-DD, but got ${JSON.stringify(text)}`);
  return text;
}

/** `date` plus `days` calendar days. */
export function addDays(date: DateText, days: number): DateText {
  return dateOfDayNumber(dayNumber(date) + days);
}

/** Day of the week: 0 Sunday … 6 Saturday. */
export function weekday(date: DateText): number {
  return new Date(dayNumber(date) * DAY_MS).getUTCDay();
}

/** The year of a date. */
export function yearOf(date: DateText): number {
  return Number(date.slice(0, 4));
}

/** Days since 1970-01-01 (UTC arithmetic on the date's fields). */
function dayNumber(date: DateText): number {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

function dateOfDayNumber(n: number): DateText {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}
