/**
 * Calendars for the calendar specs: the official data of the chinese-days package (2004–2026),
 * with warnings collected instead of printed.
 */
import { createRequire } from 'node:module';
import {
  parseChineseDays,
  WorkingDayCalendar,
  type CalendarData,
  type CalendarOptions,
  type CalendarWarning,
} from '../../../engine/calendar/index.js';

const require = createRequire(import.meta.url);

/** The package's JSON, as shipped. */
export function chineseDaysJson(): unknown {
  return require('chinese-days/dist/chinese-days.json');
}

/** The official data 2004–2026 as CalendarData. */
export function officialData(): CalendarData {
  return parseChineseDays(chineseDaysJson());
}

/** A calendar over the official data; `warnings` receives what it warns. */
export function officialCalendar(options: CalendarOptions = {}): {
  calendar: WorkingDayCalendar;
  warnings: CalendarWarning[];
} {
  const warnings: CalendarWarning[] = [];
  const calendar = new WorkingDayCalendar(officialData(), { warn: (w) => warnings.push(w), ...options });
  return { calendar, warnings };
}

/** Beijing wall time as an ISO instant with its offset, e.g. at('2026-09-29', '10:00'). */
export function at(date: string, time = '10:00'): string {
  return `${date}T${time}:00+08:00`;
}

/** The Beijing date and time (YYYY-MM-DD HH:MM) of an ISO instant. */
export function beijing(instant: string): string {
  return new Date(Date.parse(instant) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}
