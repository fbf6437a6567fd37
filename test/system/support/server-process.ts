/**
 * The real server process, as `npm start` runs it (`server/main.ts` under tsx), started on a
 * free port with its own data: SQLite in a fresh folder, or a fresh PostgreSQL schema. System
 * tests talk to it over HTTP only and read what it logged; nothing here reaches into the
 * process. Several processes may share one database (`database: other.database`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { dropSchema } from '../../../engine/store/database.js';
import { testDialect, testPostgresUrl } from '../../support/test-database.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** Where a server keeps its data: a SQLite folder or a PostgreSQL schema. */
export type ServerDatabase =
  | { readonly client: 'sqlite'; readonly dataDir: string }
  | { readonly client: 'postgres'; readonly url: string; readonly schema: string };

export interface StartOptions {
  /** Share another server's database (default: a fresh one, removed by `dispose`). */
  readonly database?: ServerDatabase;
  /** The dialect of a fresh database (default MATTERFLOW_TEST_DB, else sqlite). */
  readonly dialect?: 'sqlite' | 'postgres';
  /** MATTERFLOW_TEST_CLOCK=1: business time moves only through POST /api/test/clock. */
  readonly testClock?: boolean;
  /** More environment for the process (PORT, HOST and the database are set here). */
  readonly env?: Readonly<Record<string, string>>;
  /** How long to wait for "listening" (default 60 s: the first start loads the shipped matters). */
  readonly startTimeoutMs?: number;
}

export interface HttpAnswer<T = unknown> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: T;
  readonly text: string;
}

export interface RequestOptions {
  readonly method?: string;
  /** A bearer token (default the administrator's, when this process created one). */
  readonly token?: string | null;
  readonly body?: unknown;
  /** A raw body sent as it is (with its own content type in `headers`). */
  readonly raw?: string | Buffer;
  readonly headers?: Readonly<Record<string, string>>;
  readonly timeoutMs?: number;
}

export class ServerProcess {
  readonly url: string;
  readonly database: ServerDatabase;
  /** The administrator created at the first start (only the process that created it knows). */
  readonly admin: { readonly password: string; readonly token: string } | null;
  readonly #child: ChildProcess;
  readonly #output: { text: string };
  readonly #exited: Promise<number | null>;
  readonly #owned: boolean;

  private constructor(init: {
    url: string;
    database: ServerDatabase;
    admin: ServerProcess['admin'];
    child: ChildProcess;
    output: { text: string };
    exited: Promise<number | null>;
    owned: boolean;
  }) {
    this.url = init.url;
    this.database = init.database;
    this.admin = init.admin;
    this.#child = init.child;
    this.#output = init.output;
    this.#exited = init.exited;
    this.#owned = init.owned;
  }

  /** Spawn `server/main.ts` and wait until it listens. */
  static async start(options: StartOptions = {}): Promise<ServerProcess> {
    const owned = options.database === undefined;
    const database = options.database ?? freshDatabase(options.dialect ?? testDialect());
    const env: NodeJS.ProcessEnv = {
      ...inheritedEnv(),
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      ...(database.client === 'sqlite'
        ? { MATTERFLOW_DATA_DIR: database.dataDir }
        : { DATABASE_URL: database.url, DATABASE_SCHEMA: database.schema }),
      ...(options.testClock ? { MATTERFLOW_TEST_CLOCK: '1' } : {}),
      ...options.env,
    };
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'server/main.ts')], {
      cwd: repoRoot,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output = { text: '' };
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (output.text += chunk));
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output.text += chunk));
    const exited = new Promise<number | null>((resolve) =>
      child.once('exit', (code, signal) => resolve(code ?? (signal ? -1 : null))),
    );
    const listening = /Matterflow listening on (http:\/\/[\d.]+:\d+)/;
    const deadline = Date.now() + (options.startTimeoutMs ?? 60_000);
    let url: string | undefined;
    while (!url) {
      url = listening.exec(output.text)?.[1];
      if (url) break;
      if (child.exitCode !== null || child.signalCode !== null)
        throw new Error(`The server exited before listening (${child.exitCode ?? child.signalCode}):\n${output.text}`);
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`The server did not listen within ${options.startTimeoutMs ?? 60_000} ms:\n${output.text}`);
      }
      await delay(50);
    }
    const password = /password: (\S+)/.exec(output.text)?.[1];
    const token = /API token: (\S+)/.exec(output.text)?.[1];
    return new ServerProcess({
      url,
      database,
      admin: password && token ? { password, token } : null,
      child,
      output,
      exited,
      owned,
    });
  }

  /** Everything the process wrote to stdout and stderr so far. */
  get log(): string {
    return this.#output.text;
  }

  get pid(): number | undefined {
    return this.#child.pid;
  }

  /** One HTTP request; JSON bodies are parsed (the raw text is kept). */
  async request<T = unknown>(urlPath: string, options: RequestOptions = {}): Promise<HttpAnswer<T>> {
    const token = options.token === undefined ? this.admin?.token : options.token;
    const headers: Record<string, string> = {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...options.headers,
    };
    let body: string | Buffer | undefined = options.raw;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['Content-Type'] ??= 'application/json';
    }
    const response = await fetch(this.url + urlPath, {
      method: options.method ?? (body === undefined ? 'GET' : 'POST'),
      headers,
      ...(body === undefined ? {} : { body }),
      signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: the text it is
    }
    return { status: response.status, headers: response.headers, body: parsed as T, text };
  }

  /** Log in as a user (POST /api/auth/login) and return the session token. */
  async login(user: string, password: string): Promise<string> {
    const answer = await this.request<{ token: string }>('/api/auth/login', { token: null, body: { user, password } });
    if (answer.status !== 200) throw new Error(`Login as ${user} answered ${answer.status}: ${answer.text}`);
    return answer.body.token;
  }

  /** Wait until `probe` returns something other than undefined (real time). */
  async eventually<T>(
    probe: () => Promise<T | undefined>,
    { timeoutMs = 10_000, intervalMs = 100, what = 'the condition' } = {},
  ): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (value !== undefined) return value;
      if (Date.now() > deadline)
        throw new Error(
          `Expected ${what} within ${timeoutMs} ms, but it did not happen.\nServer log (tail):\n${this.log.slice(-4000)}`,
        );
      await delay(intervalMs);
    }
  }

  /** SIGTERM: a graceful stop (the command in flight finishes). Resolves with the exit code. */
  async stop(): Promise<number | null> {
    if (this.#child.exitCode === null && this.#child.signalCode === null) this.#child.kill('SIGTERM');
    return this.#exited;
  }

  /** SIGKILL: a crash, nothing finishes. */
  async kill(): Promise<void> {
    if (this.#child.exitCode === null && this.#child.signalCode === null) this.#child.kill('SIGKILL');
    await this.#exited;
  }

  /** Stop the process (SIGKILL if it does not stop in 10 s) and, when this process made its database, remove it. */
  async dispose(): Promise<void> {
    // An unref'd timer: a stop that came in time leaves nothing behind to keep mocha waiting 10 s.
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), 10_000).unref()));
    const stopped = await Promise.race([this.stop(), timeout]);
    clearTimeout(timer);
    if (stopped === 'timeout') await this.kill();
    if (this.#owned) await removeDatabase(this.database);
  }
}

/** A fresh, empty database for a server: a temp folder, or a new schema on the test PostgreSQL. */
export function freshDatabase(dialect: 'sqlite' | 'postgres'): ServerDatabase {
  if (dialect === 'sqlite')
    return { client: 'sqlite', dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'matterflow-system-')) };
  return {
    client: 'postgres',
    url: testPostgresUrl(),
    schema: `mf_system_${process.pid}_${randomBytes(6).toString('hex')}`,
  };
}

export async function removeDatabase(database: ServerDatabase): Promise<void> {
  if (database.client === 'sqlite') fs.rmSync(database.dataDir, { recursive: true, force: true });
  else await dropSchema(database.url, database.schema);
}

/** The parent's environment without what would steer the child elsewhere. */
function inheritedEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of [
    'PORT',
    'HOST',
    'DATABASE_URL',
    'DATABASE_SCHEMA',
    'MATTERFLOW_DATA_DIR',
    'MATTERFLOW_TEST_CLOCK',
    'MATTERFLOW_POLLER',
    'NODE_OPTIONS',
  ])
    delete env[name];
  return env;
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
