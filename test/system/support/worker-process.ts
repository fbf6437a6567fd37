/**
 * The example credit-check worker (client/examples/credit-check-worker.ts) as its own process,
 * as a department would run it beside the server: it prints one JSON line per task it handled.
 * Tests read those lines and kill it (SIGKILL: a crash mid-task) or stop it (SIGTERM).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

export interface WorkerLine {
  readonly kind: string;
  readonly workerId: string;
  readonly taskId?: string;
  readonly caseId?: string;
  readonly error?: string;
}

export class WorkerProcess {
  readonly #child: ChildProcess;
  readonly #output = { text: '' };
  readonly #exited: Promise<void>;

  private constructor(child: ChildProcess) {
    this.#child = child;
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (this.#output.text += chunk));
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (this.#output.text += chunk));
    this.#exited = new Promise((resolve) => child.once('exit', () => resolve()));
  }

  /** Start the example worker against `baseUrl` with a worker token; `env` adds CREDIT_PLATFORM_URL, LOCK_MS … */
  static start(options: {
    baseUrl: string;
    token: string;
    workerId: string;
    env?: Readonly<Record<string, string>>;
  }): WorkerProcess {
    const env: NodeJS.ProcessEnv = { ...process.env };
    delete env['NODE_OPTIONS'];
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(repoRoot, 'client/examples/credit-check-worker.ts')],
      {
        cwd: repoRoot,
        env: {
          ...env,
          MATTERFLOW_URL: options.baseUrl,
          MATTERFLOW_WORKER_TOKEN: options.token,
          WORKER_ID: options.workerId,
          ...options.env,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    return new WorkerProcess(child);
  }

  /** The JSON lines printed so far. */
  get lines(): WorkerLine[] {
    return this.#output.text
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as WorkerLine);
  }

  get log(): string {
    return this.#output.text;
  }

  /** SIGKILL: a crash, mid-task or not. */
  async kill(): Promise<void> {
    if (this.#child.exitCode === null && this.#child.signalCode === null) this.#child.kill('SIGKILL');
    await this.#exited;
  }

  /** SIGTERM: the worker stops polling and exits. */
  async stop(): Promise<void> {
    if (this.#child.exitCode === null && this.#child.signalCode === null) this.#child.kill('SIGTERM');
    await this.#exited;
  }
}
