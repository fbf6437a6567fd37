import type { CliIo, ExitCode, Subcommand } from './command.js';
import { CommandFailure, EXIT, UsageError } from './command.js';
import { calendarCommand } from './commands/calendar.js';
import { deployCommand } from './commands/deploy.js';
import { lintCommand } from './commands/lint.js';
import { migrateCommand } from './commands/migrate.js';
import { replayCommand } from './commands/replay.js';
import { serveCommand } from './commands/serve.js';
import { validateCommand } from './commands/validate.js';
import { userCommand } from './commands/user.js';
import { verifyCommand } from './commands/verify.js';

/** Every subcommand by name. Add one: write commands/<name>.ts exporting a Subcommand, list it here. */
const SUBCOMMANDS: ReadonlyMap<string, Subcommand> = new Map(
  [
    serveCommand,
    migrateCommand,
    validateCommand,
    lintCommand,
    deployCommand,
    verifyCommand,
    replayCommand,
    calendarCommand,
    userCommand,
  ].map((command) => [command.name, command]),
);

const consoleIo: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/**
 * `matterflow <command> [args]`: dispatches to a subcommand and returns the exit code
 * (0 ok, 1 failed, 2 usage). Unexpected errors are reported, never left as a stack dump.
 */
export async function main(argv: readonly string[], io: CliIo = consoleIo): Promise<ExitCode> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const help = name === 'help' && rest[0] !== undefined ? SUBCOMMANDS.get(rest[0]) : undefined;
    (name === undefined ? io.err : io.out)(help ? help.usage : overview());
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const command = SUBCOMMANDS.get(name);
  if (!command) {
    io.err(`matterflow: unknown command "${name}"\n\n${overview()}`);
    return EXIT.usage;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`matterflow ${name}: ${error.message}\n\n${command.usage}`);
      return EXIT.usage;
    }
    if (error instanceof CommandFailure) {
      io.err(`matterflow ${name}: ${error.message}`);
      return EXIT.failed;
    }
    io.err(`matterflow ${name}: unexpected failure: ${describeError(error)}`);
    return EXIT.failed;
  }
}

function overview(): string {
  const width = Math.max(...[...SUBCOMMANDS.keys()].map((key) => key.length));
  const lines = [...SUBCOMMANDS.values()].map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`);
  return [
    'Usage: matterflow <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'Run "matterflow <command> --help" for the options of a command.',
  ].join('\n');
}

/** One line for an unexpected error: its message, else its code (a refused connection has no message). */
function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  const text = error.message.split('\n')[0] ?? '';
  return text !== '' ? text : typeof code === 'string' ? code : error.name;
}
