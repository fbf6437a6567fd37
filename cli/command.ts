/** Where a command writes: injectable so tests can run commands in-process. */
export interface CliIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

/** Exit codes shared by every subcommand. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/**
 * One `matterflow <name>` subcommand. `run` gets the arguments after the name and returns the
 * exit code; it never calls process.exit, so commands compose and test in-process.
 */
export interface Subcommand {
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  readonly run: (args: readonly string[], io: CliIo) => Promise<ExitCode>;
}

/** A mistake in how the command was called: printed with the usage, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** The command could not do its work (no such file, no such case, …): one line, exit code 1. */
export class CommandFailure extends Error {
  override readonly name = 'CommandFailure';
}
