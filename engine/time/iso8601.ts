/**
 * ISO-8601 durations, instants and repeating intervals, as BPMN timers write them
 * (`PT1H`, `P5D`, `2026-10-01T09:00:00+08:00`, `R3/PT1H`, `R/2026-01-01T00:00:00Z/P1D`).
 * Pure functions: no clock is read here.
 */

export interface Duration {
  readonly years: number;
  readonly months: number;
  readonly weeks: number;
  readonly days: number;
  readonly hours: number;
  readonly minutes: number;
  readonly seconds: number;
  readonly negative: boolean;
}

const DURATION =
  /^(-)?P(?!$)(?:(\d+(?:[.,]\d+)?)Y)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)W)?(?:(\d+(?:[.,]\d+)?)D)?(?:T(?!$)(?:(\d+(?:[.,]\d+)?)H)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/;

/** Parse an ISO-8601 duration; null when it is not one. */
export function parseDuration(text: string): Duration | null {
  const match = DURATION.exec(text.trim());
  if (!match) return null;
  const num = (index: number): number => Number((match[index] ?? '0').replace(',', '.'));
  return {
    negative: match[1] === '-',
    years: num(2),
    months: num(3),
    weeks: num(4),
    days: num(5),
    hours: num(6),
    minutes: num(7),
    seconds: num(8),
  };
}

/** `instant` plus `duration`: calendar fields in UTC, then the exact part in milliseconds. */
export function addDuration(instant: Date, duration: Duration): Date {
  const sign = duration.negative ? -1 : 1;
  const result = new Date(instant.getTime());
  if (duration.years || duration.months) {
    result.setUTCMonth(result.getUTCMonth() + sign * (duration.years * 12 + duration.months));
  }
  const days = duration.weeks * 7 + duration.days;
  if (days) result.setUTCDate(result.getUTCDate() + sign * days);
  const ms = ((duration.hours * 60 + duration.minutes) * 60 + duration.seconds) * 1000;
  return new Date(result.getTime() + sign * Math.round(ms));
}

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * The offset of the service centres' zone, Asia/Shanghai: +08:00 all year (no daylight saving
 * since 1991). A date or date-time written without an offset is read in that zone.
 */
const BUSINESS_OFFSET = '+08:00';

/**
 * Parse an ISO-8601 date or date-time. Without an offset it is Beijing time; a date alone is
 * its midnight. Impossible fields (30 February, hour 25) are refused. null when not one.
 */
export function parseInstant(text: string): Date | null {
  const match = INSTANT.exec(text.trim());
  if (!match) return null;
  const [, year, month, day, hour = '00', minute = '00', second = '00', fraction = '', offset] = match;
  const y = Number(year);
  const m = Number(month);
  const d = Number(day);
  const daysInMonth = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth || Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59)
    return null;
  const zone = offset ?? BUSINESS_OFFSET;
  const date = new Date(
    `${year}-${month}-${day}T${hour}:${minute}:${second}${fraction}${zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone}`,
  );
  return Number.isNaN(date.getTime()) ? null : date;
}

export interface RepeatingInterval {
  /** null: unbounded (`R/…`). */
  readonly repetitions: number | null;
  readonly start: Date | null;
  readonly period: Duration;
}

/** Parse `R[n]/duration` or `R[n]/start/duration`; null when it is not one. */
export function parseRepeatingInterval(text: string): RepeatingInterval | null {
  const parts = text.trim().split('/');
  const head = parts[0] ?? '';
  const repeat = /^R(\d*)$/.exec(head);
  if (!repeat || parts.length < 2 || parts.length > 3) return null;
  const repetitions = repeat[1] === '' || repeat[1] === undefined ? null : Number(repeat[1]);
  const start = parts.length === 3 ? parseInstant(parts[1] ?? '') : null;
  if (parts.length === 3 && !start) return null;
  const period = parseDuration(parts[parts.length - 1] ?? '');
  if (!period || period.negative) return null;
  return { repetitions, start, period };
}

/** An ISO-8601 duration given as text, added to an instant; throws RangeError when it is not one. */
export function addDurationText(from: Date, text: string): Date {
  const duration = parseDuration(text);
  if (!duration) throw new RangeError(`Expected an ISO-8601 duration such as PT10S, but got "${text}"`);
  return addDuration(from, duration);
}
