/** Running the real `matterflow` launcher as a child process, against temporary SQLite files. */
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoRoot } from '../../engine/model/helpers.js';

export interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** `matterflow ...args`; the environment is the test's without DATABASE_URL, plus `env`. */
export function cli(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  const base = { ...process.env };
  delete base['DATABASE_URL'];
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(repoRoot, 'bin', 'matterflow.js'), ...args],
      { cwd: repoRoot, timeout: 60_000, env: { ...base, ...env } },
      (error, stdout, stderr) => {
        const code = error && typeof error.code === 'number' ? error.code : error ? -1 : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** A fresh directory for the databases and files of one spec. */
export function tempDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'matterflow-cli-'));
}

/** Never a stack trace: no "    at " frame lines on either stream. */
export function withoutStackTrace(run: Run): boolean {
  return !/^\s+at /m.test(run.stdout + run.stderr);
}
