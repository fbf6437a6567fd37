/**
 * What every subcommand parses the same way: node:util parseArgs turned into UsageError, and the
 * `--database URL|PATH` option (a postgres:// URL is PostgreSQL, anything else a SQLite file;
 * without it, the environment decides as for the server: DATABASE_URL, else
 * $MATTERFLOW_DATA_DIR/matterflow.sqlite).
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { configFromEnv, type DatabaseConfig } from '../engine/store/index.js';
import { UsageError, type CliIo } from './command.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** The `--database` and `--help` options, to spread into a command's options. */
export const COMMON_OPTIONS = {
  database: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies Options;

/** The usage lines of COMMON_OPTIONS. */
export const COMMON_USAGE = `  --database URL|PATH    the database to use: a postgres:// URL, or the path of a SQLite file
                         (default: DATABASE_URL, else $MATTERFLOW_DATA_DIR/matterflow.sqlite)
  -h, --help             show this help`;

/** parseArgs with positionals allowed and strict options; a mistake is a UsageError. */
function parseOptions<T extends Options>(args: readonly string[], options: T) {
  try {
    return parseArgs({ args: [...args], allowPositionals: true, strict: true, options });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/**
 * Parse a subcommand's arguments; with `--help`, print its usage and return null (the command
 * then exits 0). A mistake in the arguments is a UsageError, as with parseOptions.
 */
export function parseCommand<T extends Options>(args: readonly string[], options: T, usage: string, io: CliIo) {
  const parsed = parseOptions(args, options);
  if ((parsed.values as { help?: boolean }).help) {
    io.out(usage);
    return null;
  }
  return parsed;
}

/** The database a command works on: `--database` when given, else the environment's. */
export function databaseConfig(option: string | undefined, env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  if (option === undefined) return configFromEnv(env);
  if (option.trim() === '') throw new UsageError('--database needs a URL or a path');
  if (/^postgres(ql)?:\/\//i.test(option)) return { client: 'postgres', connectionString: option };
  return { client: 'sqlite', filename: option };
}

/** The database named for people: the SQLite path, or the PostgreSQL URL without its password. */
export function describeDatabase(config: DatabaseConfig): string {
  if (config.client === 'sqlite') return config.filename;
  try {
    const url = new URL(config.connectionString);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return 'postgres (DATABASE_URL)';
  }
}
