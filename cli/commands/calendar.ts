import { readFile } from 'node:fs/promises';
import {
  CalendarImportError,
  CalendarInputError,
  yearOfDate,
  type CalendarLayout,
} from '../../engine/calendar/index.js';
import {
  importCalendar,
  listYears,
  loadCalendar,
  recomputeProvisionalDueDates,
} from '../../engine/calendar-store/index.js';
import type { CliIo, ExitCode, Subcommand } from '../command.js';
import { CommandFailure, EXIT, UsageError } from '../command.js';
import { withDatabase } from '../database.js';
import { COMMON_OPTIONS, COMMON_USAGE, databaseConfig, parseCommand } from '../options.js';
import { withStore } from '../store.js';

const USAGE = `Usage: matterflow calendar import [options] FILE
       matterflow calendar show [options] YEAR

import  Imports official holidays and make-up working days (a State Council notice) for the
        year(s) FILE covers, replacing the official days stored for those years and keeping
        local corrections; then computes every provisional due date again (each change is a
        clock.recompute event on its case). Prints the years imported, the days changed, the
        local corrections kept and the cases whose due dates changed.
show    Prints the year's off days and make-up working days, with names and sources, and
        whether the year is official (a notice was imported) or provisional.

Options:
  --layout chinese-days|holiday-cn
                         the layout of FILE (default: told from its shape)
  --actor NAME           who imports, recorded in the calendar's audit trail (default: cli)
${COMMON_USAGE}

Exit status: 0 done, 1 the file was refused (nothing imported), 2 usage error.`;

const OPTIONS = { ...COMMON_OPTIONS, layout: { type: 'string' }, actor: { type: 'string' } } as const;
const LAYOUTS: readonly CalendarLayout[] = ['chinese-days', 'holiday-cn'];

/** `matterflow calendar import FILE` and `matterflow calendar show YEAR`: the working-day calendar. */
export const calendarCommand: Subcommand = {
  name: 'calendar',
  summary: 'import a year of official holidays (then recompute due dates), or show a year',
  usage: USAGE,
  run: async (args, io) => {
    const parsed = parseCommand(args, OPTIONS, USAGE, io);
    if (!parsed) return EXIT.ok;
    const { values, positionals } = parsed;
    const [action, target, ...extra] = positionals;
    if (action !== 'import' && action !== 'show')
      throw new UsageError(action === undefined ? 'import or show?' : `unknown action "${action}"`);
    if (target === undefined) throw new UsageError(action === 'import' ? 'no FILE given' : 'no YEAR given');
    if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
    const database = databaseConfig(values.database);
    if (action === 'show') {
      if (values.layout !== undefined || values.actor !== undefined)
        throw new UsageError('--layout and --actor are options of import');
      if (!/^\d{4}$/.test(target)) throw new UsageError(`YEAR must be four digits, not "${target}"`);
      return withDatabase(database, { mustExist: true, mustBeMigrated: true }, (db) =>
        showYear(db.knex, Number(target), io),
      );
    }
    const layout = values.layout;
    if (layout !== undefined && !(LAYOUTS as readonly string[]).includes(layout))
      throw new UsageError(`--layout must be ${LAYOUTS.join(' or ')}, not "${layout}"`);
    const json = await readJson(target);
    const actor = values.actor ?? 'cli';
    return withStore(database, { readOnly: false }, async ({ store, calendar }) => {
      const imported = await importCalendar(store.database.knex, json, {
        actor,
        ...(layout ? { layout: layout as CalendarLayout } : {}),
      }).catch((error: unknown) => {
        if (error instanceof CalendarImportError || error instanceof CalendarInputError)
          throw new CommandFailure(`${target}: refused, nothing imported: ${error.message}`);
        throw error;
      });
      await calendar?.reload(store.database.knex);
      const years = imported.years.join(', ');
      const changed = await recomputeProvisionalDueDates(store, {
        actor,
        reason: `calendar import ${imported.layout} ${years}`,
      });
      io.out(`imported ${imported.layout}: ${years === '' ? 'no year' : years}`);
      io.out(
        `days: ${imported.inserted} added, ${imported.updated} changed, ${imported.removed} removed, ${imported.unchanged} unchanged`,
      );
      io.out(`local corrections kept: ${imported.keptLocal.length === 0 ? 'none' : imported.keptLocal.join(', ')}`);
      io.out(
        `due dates recomputed: ${changed.length} case(s) changed${changed.length > 0 ? `: ${changed.join(', ')}` : ''}`,
      );
      return EXIT.ok;
    });
  },
};

async function readJson(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new CommandFailure(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new CommandFailure(`${file} is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}

async function showYear(knex: Parameters<typeof listYears>[0], year: number, io: CliIo): Promise<ExitCode> {
  const summary = (await listYears(knex)).find((entry) => entry.year === year);
  const days = [...(await loadCalendar(knex)).days]
    .filter(([day]) => yearOfDate(day) === year)
    .sort(([a], [b]) => a.localeCompare(b));
  const sources = summary ? ` (sources: ${summary.sources.join(', ')})` : '';
  io.out(
    `${year}: ${summary?.official ? 'official' : 'provisional: no official notice imported, statutory holidays are assumed'}${sources}`,
  );
  const notices = [...new Set(days.flatMap(([, value]) => (value.notice ? [value.notice] : [])))];
  if (notices.length > 0) io.out(['notices:', ...notices.map((notice) => `  ${notice}`)].join('\n'));
  const line = ([day, value]: (typeof days)[number]) => `  ${day} ${value.name} (${value.source})`;
  const off = days.filter(([, value]) => value.off);
  const makeUp = days.filter(([, value]) => !value.off);
  io.out(off.length === 0 ? 'off days: none stored' : ['off days:', ...off.map(line)].join('\n'));
  io.out(
    makeUp.length === 0
      ? 'make-up working days: none stored'
      : ['make-up working days:', ...makeUp.map(line)].join('\n'),
  );
  return EXIT.ok;
}
