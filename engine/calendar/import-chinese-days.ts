/**
 * Importer for the `chinese-days` package's JSON layout (dist/chinese-days.json, or one of
 * dist/years/<year>.json): `{holidays: {date: "English,中文,days"}, workdays: {…}, inLieuDays: {…}}`.
 * Holidays become days off, workdays (调休补班) working days; inLieuDays (days off given in
 * exchange) are already among the holidays and add nothing. The years with holidays listed are
 * the years it covers officially.
 */
import { CalendarImportError } from './errors.js';
import { importDate, importText, isRecord } from './import-validate.js';
import { yearOf, type DateText } from './shanghai.js';
import type { CalendarData, CalendarDay } from './types.js';

/** Data parsed by an importer: days, covered years, and the layout it came in. */
export interface ParsedCalendar extends CalendarData {
  readonly layout: 'chinese-days' | 'holiday-cn';
}

/** Parse the chinese-days layout; `years` keeps only those years (default: all it has). */
export function parseChineseDays(input: unknown, options: { years?: readonly number[] } = {}): ParsedCalendar {
  if (!isRecord(input))
    throw new CalendarImportError('(root)', 'Expected the chinese-days object {holidays, workdays, inLieuDays}');
  const keep = options.years ? new Set(options.years) : null;
  const days = new Map<DateText, CalendarDay>();
  const years = new Set<number>();
  for (const [field, off] of [
    ['holidays', true],
    ['workdays', false],
  ] as const) {
    const map = input[field];
    if (!isRecord(map))
      throw new CalendarImportError(field, `Expected an object keyed by YYYY-MM-DD, but got ${describe(map)}`);
    for (const [key, value] of Object.entries(map)) {
      const date = importDate(key, `${field}.${key}`);
      if (keep && !keep.has(yearOf(date))) continue;
      const text = importText(value, `${field}.${key}`);
      if (days.has(date))
        throw new CalendarImportError(
          `${field}.${key}`,
          'Expected a date to be either a holiday or a workday, but it is both',
        );
      days.set(date, { off, name: chineseName(text), source: 'chinese-days' });
      if (off) years.add(yearOf(date));
    }
  }
  return { layout: 'chinese-days', days, officialYears: years };
}

/** "Spring Festival,春节,4" -> 春节 (the whole text when it has no comma). */
function chineseName(value: string): string {
  const parts = value.split(',');
  return (parts.length >= 2 ? parts[1] : parts[0])?.trim() || value;
}

function describe(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
}
