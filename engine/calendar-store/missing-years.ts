/**
 * Years whose official holiday notice is needed but not imported (DOMAIN.md "The year after the
 * last notice"), judged on the business clock: the current Beijing year, next year from
 * 1 December (the State Council publishes late in the year; a case received in December soon
 * ends in it), and any later year on which an unfinished provisional due date falls. Each comes
 * with the cases whose due dates depend on it: their unfinished time limits (clocks, projected
 * from the events) are marked provisional and fall due in that year or later.
 */
import type { Knex } from 'knex';
import { listYears, type YearSummary } from './queries.js';

/** The month (1–12, Beijing) from which next year's notice is wanted even before a case needs it. */
export const NEXT_YEAR_WANTED_FROM_MONTH = 12;

/** A case whose provisional due date depends on a missing year. */
export interface DependentCase {
  readonly caseId: string;
  /** 办件编号 (null for cases received before numbers were given). */
  readonly number: string | null;
  /** The latest provisional due date of the case (ISO). */
  readonly dueAt: string;
}

/** A year as administrators see it: stored (official or provisional) or missing. */
export interface CalendarYear extends YearSummary {
  /** official: a notice imported; provisional: local days only; missing: needed, no notice imported. */
  readonly status: 'official' | 'provisional' | 'missing';
  /** Missing years only: how many cases have due dates that depend on it, and which. */
  readonly caseCount?: number;
  readonly cases?: readonly DependentCase[];
}

const OFFSET_MS = 8 * 3_600_000;

/** The Beijing year and month of an instant. */
function beijing(instant: Date | string): { year: number; month: number } {
  const shifted = new Date(new Date(instant).getTime() + OFFSET_MS);
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1 };
}

/** The stored years and the missing ones, ascending; `now` is the business clock's. */
export async function calendarYears(knex: Knex, now: Date): Promise<CalendarYear[]> {
  const stored = await listYears(knex);
  const official = new Set(stored.filter((year) => year.official).map((year) => year.year));
  const rows = (await knex('clocks')
    .join('cases', 'cases.case_id', 'clocks.case_id')
    .where('clocks.provisional', 1)
    .whereNull('clocks.finished_at')
    .select('clocks.case_id', 'clocks.due_at', 'cases.number')
    .orderBy([{ column: 'clocks.due_at' }, { column: 'clocks.case_id' }])) as Array<{
    case_id: string;
    due_at: string;
    number: string | null;
  }>;
  // Each case once, at its latest provisional due date.
  const latest = new Map<string, DependentCase>();
  for (const row of rows) latest.set(row.case_id, { caseId: row.case_id, number: row.number, dueAt: row.due_at });
  const dependent = [...latest.values()].sort(
    (a, b) => a.dueAt.localeCompare(b.dueAt) || a.caseId.localeCompare(b.caseId),
  );

  const today = beijing(now);
  const wanted = new Set<number>([today.year]);
  if (today.month >= NEXT_YEAR_WANTED_FROM_MONTH) wanted.add(today.year + 1);
  for (const dependentCase of dependent) {
    const dueYear = beijing(dependentCase.dueAt).year;
    for (let year = today.year; year <= dueYear; year += 1) wanted.add(year);
  }
  const missing = [...wanted].filter((year) => !official.has(year));

  const byYear = new Map<number, CalendarYear>(
    stored.map((year) => [year.year, { ...year, status: year.official ? 'official' : 'provisional' }]),
  );
  for (const year of missing) {
    const cases = dependent.filter((c) => beijing(c.dueAt).year >= year);
    const storedYear = byYear.get(year);
    byYear.set(year, {
      year,
      official: false,
      provisional: true,
      days: storedYear?.days ?? 0,
      sources: storedYear?.sources ?? [],
      status: 'missing',
      caseCount: cases.length,
      cases,
    });
  }
  return [...byYear.values()].sort((a, b) => a.year - b.year);
}
