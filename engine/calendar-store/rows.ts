/**
 * Rows of `calendar_days` and `calendar_changes`, and their conversion to calendar days. SQLite
 * returns booleans as 0/1 and JSON as text; PostgreSQL as booleans and parsed jsonb: read both.
 */
import { CalendarImportError, type CalendarDay, type DaySource } from '../calendar/index.js';

export const DAYS = 'calendar_days';
export const CHANGES = 'calendar_changes';

/** One row of calendar_days. */
export interface DayRow {
  readonly day: string;
  readonly off: boolean | number;
  readonly name: string;
  readonly source: string;
  readonly notice_url: string | null;
  readonly updated_by: string;
  readonly updated_at: string;
}

/** The day as stored in the audit trail (`before` / `after`). */
export interface AuditedDay {
  readonly off: boolean;
  readonly name: string;
  readonly source: DaySource;
  readonly notice: string | null;
}

/** One row of calendar_changes, parsed. */
export interface CalendarChange {
  readonly id: number;
  readonly day: string;
  readonly before: AuditedDay | null;
  readonly after: AuditedDay | null;
  readonly actor: string;
  readonly reason: string;
  readonly at: string;
}

/** A stored row as a calendar day. */
export function dayOfRow(row: DayRow): CalendarDay {
  const notice = row.notice_url ?? undefined;
  return { off: Boolean(row.off), name: row.name, source: row.source as DaySource, ...(notice ? { notice } : {}) };
}

/** A calendar day as written to the audit trail. */
export function audited(day: CalendarDay | null): AuditedDay | null {
  return day ? { off: day.off, name: day.name, source: day.source, notice: day.notice ?? null } : null;
}

/** Whether two days (either possibly absent) say the same. */
export function sameDay(a: CalendarDay | null, b: CalendarDay | null): boolean {
  return JSON.stringify(audited(a)) === JSON.stringify(audited(b));
}

/** Parse a calendar_changes row from either dialect. */
export function changeOfRow(row: Record<string, unknown>): CalendarChange {
  return {
    id: Number(row['id']),
    day: String(row['day']),
    before: readJson(row['before']),
    after: readJson(row['after']),
    actor: String(row['actor']),
    reason: String(row['reason']),
    at: String(row['at']),
  };
}

function readJson(value: unknown): AuditedDay | null {
  if (value === null || value === undefined) return null;
  return (typeof value === 'string' ? JSON.parse(value) : value) as AuditedDay | null;
}

/** A required, non-empty text argument (actor, reason, name), or CalendarImportError naming it. */
export function requireText(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '')
    throw new CalendarImportError(field, `Expected a non-empty string, but got ${JSON.stringify(value)}`);
  return value.trim();
}
