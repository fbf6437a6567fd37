/**
 * Opening the database a command works on, and closing it whatever happens. Commands that only
 * read (verify, replay, calendar show) refuse a SQLite file that does not exist rather than
 * create an empty one, and a database without Matterflow's tables rather than fail on a query.
 */
import fs from 'node:fs';
import { openDatabase, type Database, type DatabaseConfig } from '../engine/store/index.js';
import { CommandFailure } from './command.js';
import { describeDatabase } from './options.js';

export interface OpenOptions {
  /** The SQLite file must exist already (read-only commands). */
  readonly mustExist?: boolean;
  /** The migrations must have run (every command but migrate). */
  readonly mustBeMigrated?: boolean;
}

/** Run `work` on the database of `config`, closing it afterwards. */
export async function withDatabase<T>(
  config: DatabaseConfig,
  options: OpenOptions,
  work: (db: Database) => Promise<T>,
): Promise<T> {
  if (config.client === 'sqlite' && options.mustExist && !fs.existsSync(config.filename)) {
    throw new CommandFailure(`no database at ${config.filename}`);
  }
  const db = await openDatabase(config);
  try {
    if (options.mustBeMigrated && !(await db.knex.schema.hasTable('case_events'))) {
      throw new CommandFailure(`${describeDatabase(config)} has no Matterflow tables: run "matterflow migrate" first`);
    }
    return await work(db);
  } finally {
    await db.close();
  }
}
