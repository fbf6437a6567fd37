import path from 'node:path';
import type { Subcommand } from '../command.js';
import { EXIT, UsageError } from '../command.js';
import { COMMON_OPTIONS, COMMON_USAGE, databaseConfig, parseCommand } from '../options.js';

const USAGE = `Usage: matterflow serve [options]

Starts the server, exactly as "npm start" does (it runs server/main.ts in this process):
migrates the database, seeds the working-day calendar, loads the shipped matters into an empty
database, starts the timer poller and serves the API. Configured by the environment (PORT,
HOST, DATABASE_URL, MATTERFLOW_DATA_DIR, LOG_LEVEL, MATTERFLOW_POLLER; see the README); the
options below override it. SIGTERM or Ctrl-C stops it gracefully.

Options:
  --port PORT            port to listen on (PORT; default 3000)
  --host HOST            address to listen on (HOST; default 127.0.0.1)
${COMMON_USAGE}
                         the server keeps its SQLite file in a data directory: give the
                         directory, or a path ending in matterflow.sqlite

Exit status: 1 the server could not start, 2 usage error; it runs until stopped otherwise.`;

const OPTIONS = { ...COMMON_OPTIONS, port: { type: 'string' }, host: { type: 'string' } } as const;

/** `matterflow serve`: the server of `npm start`, with a few overrides. */
export const serveCommand: Subcommand = {
  name: 'serve',
  summary: 'start the server (as npm start does)',
  usage: USAGE,
  run: async (args, io) => {
    const parsed = parseCommand(args, OPTIONS, USAGE, io);
    if (!parsed) return EXIT.ok;
    const { values, positionals } = parsed;
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    if (values.port !== undefined) {
      if (!/^\d+$/.test(values.port) || Number(values.port) > 65535)
        throw new UsageError(`--port must be a port number, not "${values.port}"`);
      process.env['PORT'] = values.port;
    }
    if (values.host !== undefined) process.env['HOST'] = values.host;
    if (values.database !== undefined) Object.assign(process.env, databaseEnv(values.database));
    // The server reports its own failures in its log; whatever escapes it is one line, not a stack.
    process.once('uncaughtException', (error) => {
      io.err(`matterflow serve: ${error.message.split('\n')[0] ?? error.name}`);
      process.exit(EXIT.failed);
    });
    await import('../../server/main.js');
    return EXIT.ok;
  },
};

/** The environment that makes the server use the database `--database` names. */
function databaseEnv(option: string): Record<string, string> {
  const config = databaseConfig(option);
  if (config.client === 'postgres') return { DATABASE_URL: config.connectionString };
  if (path.basename(config.filename) === 'matterflow.sqlite')
    return { MATTERFLOW_DATA_DIR: path.dirname(config.filename) };
  if (path.extname(config.filename) === '') return { MATTERFLOW_DATA_DIR: config.filename };
  throw new UsageError(
    `--database: the server's SQLite file is DIR/matterflow.sqlite; give DIR or DIR/matterflow.sqlite, not ${config.filename}`,
  );
}
