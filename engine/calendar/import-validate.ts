/**
 * Small checks shared by the importers: every failure names the field (CalendarImportError).
 */
import { CalendarImportError } from './errors.js';
import { isDateText, type DateText } from './shanghai.js';

/** A plain object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A `YYYY-MM-DD` date, or CalendarImportError naming `field`. */
export function importDate(value: unknown, field: string): DateText {
  if (!isDateText(value))
    throw new CalendarImportError(field, `Expected a date written YYYY-MM-DD, but got ${JSON.stringify(value)}`);
  return value;
}

/** A non-empty string, or CalendarImportError naming `field`. */
export function importText(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '')
    throw new CalendarImportError(field, `Expected a non-empty string, but got ${JSON.stringify(value)}`);
  return value.trim();
}

/** An http(s) URL, or CalendarImportError naming `field`. */
export function importUrl(value: unknown, field: string): string {
  const text = importText(value, field);
  if (!/^https?:\/\/\S+$/.test(text))
    throw new CalendarImportError(field, `Expected an http(s) URL, but got ${JSON.stringify(text)}`);
  return text;
}
