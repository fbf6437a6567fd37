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

const DURATION = /^(-)?P(?!$)(?:(\d+(?:[.,]\d+)?)Y)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)W)?(?:(\d+(?:[.,]\d+)?)D)?(?:T(?!$)(?:(\d+(?:[.,]\d+)?)H)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/;

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

/** Milliseconds of a duration without calendar fields (years/months rejected: no fixed length). */
export function durationMillis(duration: Duration): number | null {
  if (duration.years || duration.months) return null;
  const ms = (((duration.weeks * 7 + duration.days) * 24 + duration.hours) * 60 + duration.minutes) * 60_000 + duration.seconds * 1000;
  return (duration.negative ? -1 : 1) * ms;
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/;

/** Parse an ISO-8601 instant with an explicit offset or Z; null otherwise. */
export function parseInstant(text: string): Date | null {
  const trimmed = text.trim();
  if (!INSTANT.test(trimmed)) return null;
  const date = new Date(trimmed);
  return Number.isNaN(date.getTime()) ? null : date;
}

export interface RepeatingInterval {
  /** null: unbounded (`R/…`). */
  readonly repetitions: number | null;
  readonly start: Date | null;
  readonly period: Duration;
}

/** Parse `R[n]/[start/]duration`; null when it is not one. */
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
