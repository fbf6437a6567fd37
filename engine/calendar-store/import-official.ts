/**
 * Importing official calendar data (a State Council notice, in the chinese-days or holiday-cn
 * layout): for each year the data covers, its days replace the official days already stored for
 * that year (one source of truth per year); days an administrator corrected locally are kept.
 */
import type { Knex } from 'knex';
import { systemClock } from '../clock.js';
import { parseCalendarImport, type CalendarDay, type CalendarLayout, type ParsedCalendar } from '../calendar/index.js';
import { applyDays, type ApplyCounts } from './apply-days.js';
import { dayOfRow, DAYS, requireText, type DayRow } from './rows.js';

export interface ImportOptions {
  /** Who imports (recorded in every audit row). */
  readonly actor: string;
  /** Why; default names the layout and years. */
  readonly reason?: string;
  /** Force a layout instead of telling it by shape. */
  readonly layout?: CalendarLayout;
  /** The instant recorded, ISO-8601 UTC; default now. */
  readonly at?: string;
}

/** What an import did. */
export interface ImportResult extends ApplyCounts {
  readonly layout: CalendarLayout;
  /** Years now covered by official data from this import. */
  readonly years: readonly number[];
  /** Days left as the local correction stored for them. */
  readonly keptLocal: readonly string[];
}

/**
 * Validate and import calendar data in one transaction: on bad input nothing is written and a
 * CalendarImportError names the field.
 */
export async function importCalendar(knex: Knex, input: unknown, options: ImportOptions): Promise<ImportResult> {
  const parsed = parseCalendarImport(input, options.layout);
  return knex.transaction((trx) => importParsed(trx, parsed, options));
}

/** Import already-parsed data inside the caller's transaction (see importCalendar). */
export async function importParsed(
  trx: Knex.Transaction,
  parsed: ParsedCalendar,
  options: ImportOptions,
): Promise<ImportResult> {
  requireText(options.actor, 'actor');
  const years = [...parsed.officialYears].sort((a, b) => a - b);
  const reason = options.reason ?? `import ${parsed.layout} ${describeYears(years)}`;
  const at = options.at ?? systemClock.now().toISOString();
  const stored = new Map<string, CalendarDay>();
  for (const year of years) {
    const rows = (await trx(DAYS).whereBetween('day', [`${year}-01-01`, `${year}-12-31`])) as DayRow[];
    for (const row of rows) stored.set(row.day, dayOfRow(row));
  }
  const targets = new Map<string, CalendarDay | null>();
  for (const [day, value] of stored) {
    if (value.source !== 'local' && !parsed.days.has(day)) targets.set(day, null);
  }
  const keptLocal: string[] = [];
  const locals = await localDays(trx, [...parsed.days.keys()]);
  for (const [day, value] of parsed.days) {
    if (locals.has(day)) keptLocal.push(day);
    else targets.set(day, value);
  }
  const counts = await applyDays(trx, targets, { actor: options.actor, reason, at });
  return { ...counts, layout: parsed.layout, years, keptLocal: keptLocal.sort() };
}

async function localDays(trx: Knex.Transaction, days: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < days.length; i += 500) {
    const rows = (await trx(DAYS)
      .whereIn('day', days.slice(i, i + 500))
      .andWhere({ source: 'local' })
      .select('day')) as { day: string }[];
    for (const row of rows) found.add(row.day);
  }
  return found;
}

function describeYears(years: readonly number[]): string {
  if (years.length === 0) return '(no year)';
  const first = years[0];
  const last = years[years.length - 1];
  return first === last ? String(first) : `${first}–${last}`;
}
