/**
 * Reading the calendar: the data the WorkingDayCalendar runs on, the years it covers (for the
 * administrators' view and the "next year is missing" warning), and the audit trail.
 */
import type { Knex } from 'knex';
import { calendarData, yearOfDate, type CalendarData, type DaySource } from '../calendar/index.js';
import { changeOfRow, CHANGES, dayOfRow, DAYS, type CalendarChange, type DayRow } from './rows.js';

const OFFICIAL: readonly DaySource[] = ['chinese-days', 'holiday-cn'];

/** One year of stored calendar data. */
export interface YearSummary {
  readonly year: number;
  /** Official data (a notice imported from chinese-days or holiday-cn) covers the year. */
  readonly official: boolean;
  /** Not official: answers about the year are provisional. */
  readonly provisional: boolean;
  /** Stored days (holidays and make-up days, including local corrections). */
  readonly days: number;
  readonly sources: readonly DaySource[];
}

/** The whole stored calendar, in one read (a snapshot). */
export async function loadCalendar(knex: Knex): Promise<CalendarData> {
  const rows = await knex.transaction(async (trx) => (await trx(DAYS).orderBy('day')) as DayRow[]);
  const days = rows.map((row) => [row.day, dayOfRow(row)] as const);
  const years = rows.filter((row) => isOfficial(row.source)).map((row) => yearOfDate(row.day));
  return calendarData(days, years);
}

/** Years with stored days, ascending, with whether official data covers them. */
export async function listYears(knex: Knex): Promise<YearSummary[]> {
  const rows = await knex.transaction(
    async (trx) => (await trx(DAYS).select('day', 'source')) as Pick<DayRow, 'day' | 'source'>[],
  );
  const years = new Map<number, { days: number; sources: Set<DaySource> }>();
  for (const row of rows) {
    const year = yearOfDate(row.day);
    const entry = years.get(year) ?? { days: 0, sources: new Set<DaySource>() };
    entry.days += 1;
    entry.sources.add(row.source as DaySource);
    years.set(year, entry);
  }
  return [...years]
    .sort(([a], [b]) => a - b)
    .map(([year, entry]) => {
      const official = [...entry.sources].some(isOfficial);
      return { year, official, provisional: !official, days: entry.days, sources: [...entry.sources].sort() };
    });
}

/** Years covered by official data (used by seeding, inside its transaction). */
export async function officialYears(knex: Knex): Promise<Set<number>> {
  const rows = (await knex(DAYS).whereIn('source', OFFICIAL).select('day')) as Pick<DayRow, 'day'>[];
  return new Set(rows.map((row) => yearOfDate(row.day)));
}

/** The audit trail, oldest first; optionally of one day only. */
export async function listChanges(knex: Knex, filter: { day?: string } = {}): Promise<CalendarChange[]> {
  const query = knex(CHANGES).orderBy('id');
  if (filter.day) void query.where({ day: filter.day });
  return ((await query) as Record<string, unknown>[]).map(changeOfRow);
}

function isOfficial(source: string): boolean {
  return (OFFICIAL as readonly string[]).includes(source);
}
