import { migrateLatest } from '../../engine/store/index.js';
import type { Subcommand } from '../command.js';
import { EXIT, UsageError } from '../command.js';
import { withDatabase } from '../database.js';
import { COMMON_OPTIONS, COMMON_USAGE, databaseConfig, describeDatabase, parseCommand } from '../options.js';

const USAGE = `Usage: matterflow migrate [options]

Applies the pending schema migrations to the database (creating a SQLite file if missing) and
prints one line per migration applied. The server does the same when it starts.

Options:
${COMMON_USAGE}

Exit status: 0 migrated (or already up to date), 1 failed, 2 usage error.`;

/** `matterflow migrate`: bring the database's schema up to date. */
export const migrateCommand: Subcommand = {
  name: 'migrate',
  summary: 'apply pending database migrations',
  usage: USAGE,
  run: async (args, io) => {
    const parsed = parseCommand(args, COMMON_OPTIONS, USAGE, io);
    if (!parsed) return EXIT.ok;
    const { values, positionals } = parsed;
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const config = databaseConfig(values.database);
    const applied = await withDatabase(config, {}, (db) => migrateLatest(db));
    for (const name of applied) io.out(`applied ${name}`);
    io.err(
      applied.length === 0
        ? `${describeDatabase(config)}: up to date, nothing to apply`
        : `${describeDatabase(config)}: ${applied.length} migration(s) applied`,
    );
    return EXIT.ok;
  },
};
