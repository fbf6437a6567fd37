import type { CliIo, ExitCode, Subcommand } from './command.js';
import { EXIT, UsageError } from './command.js';
import { validateCommand } from './commands/validate.js';

/** Every subcommand by name. Add one: write commands/<name>.ts exporting a Subcommand, list it here. */
const SUBCOMMANDS: ReadonlyMap<string, Subcommand> = new Map([validateCommand].map((command) => [command.name, command]));

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
    io.err(`matterflow ${name}: unexpected failure: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT.failed;
  }
}

function overview(): string {
  const width = Math.max(...[...SUBCOMMANDS.keys()].map((key) => key.length));
  const lines = [...SUBCOMMANDS.values()].map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`);
  return ['Usage: matterflow <command> [options]', '', 'Commands:', ...lines, '', 'Run "matterflow <command> --help" for the options of a command.'].join('\n');
}
