/**
 * `TimerPoller`: the heartbeat that makes timers durable. node-cron ticks it (every second by
 * default); each tick claims due jobs with a lease owned by this poller's unique id, fires them
 * as engine commands and runs due service-task jobs (engine/jobs/poller-tick.ts). Any number of
 * pollers, in one process or many, may share a database: leases (SKIP LOCKED on PostgreSQL)
 * give each job to one of them, and a crashed poller's leases expire so others take its jobs.
 *
 * - `start()` ticks at once, so every job that came due while the server was down fires at
 *   start-up, then follows the schedule. It resolves after that first tick.
 * - Ticks never overlap: a scheduled tick due while one is in flight is skipped, and `tick()`
 *   called meanwhile joins the one in flight.
 * - `stop()` stops the schedule, lets the tick in flight finish the command it is running,
 *   release the rest of its batch, and resolves when it has.
 * - Due comparisons use the store's clock (business time, settable in tests); leases use real
 *   time, since they are about live processes.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import cron, { type ScheduledTask } from 'node-cron';
import type { JobRow } from '../store/index.js';
import { runTick, type PollerHost, type TickResult, type TickSettings } from './poller-tick.js';

export interface TimerPollerOptions {
  /** This poller's unique id, the lease owner. Default `poller:<host>:<pid>:<random>`. */
  readonly id?: string;
  /** node-cron expression of the heartbeat (6 fields = seconds). Default every second. */
  readonly schedule?: string;
  /** Jobs claimed per statement. Default 100. */
  readonly batchSize?: number;
  /** Lease length in real milliseconds: how long a crashed poller's jobs wait. Default 60 s. */
  readonly leaseMs?: number;
  /** After a command fails, wait this long (real ms) before trying the job again. Default 30 s. */
  readonly retryDelayMs?: number;
  /** Fire due timers (case and process start timers). Default true. */
  readonly timers?: boolean;
  /** Also run due service-task jobs each tick (`Jobs.runDueJobs`). Default true. */
  readonly serviceJobs?: boolean;
  /** Keep the process alive while scheduled (default false: a server's listener does that). */
  readonly keepAlive?: boolean;
  /** A job whose command failed (it is retried later), or a tick that failed. */
  readonly onError?: (error: unknown, job?: JobRow) => void;
  /** After each scheduled tick. */
  readonly onTick?: (result: TickResult) => void;
}

/** The durable-timer heartbeat; create it with `jobsOf(store).createPoller(options)`. */
export class TimerPoller {
  readonly id: string;
  readonly #host: PollerHost;
  readonly #options: TimerPollerOptions;
  readonly #settings: TickSettings;
  readonly #schedule: string;
  #task: ScheduledTask | null = null;
  #inFlight: Promise<TickResult> | null = null;
  #stopping = false;

  constructor(host: PollerHost, options: TimerPollerOptions = {}) {
    this.id = options.id ?? `poller:${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.#host = host;
    this.#options = options;
    this.#schedule = options.schedule ?? '* * * * * *';
    if (!cron.validate(this.#schedule))
      throw new RangeError(`Expected a node-cron expression for the poller schedule, but got "${this.#schedule}"`);
    this.#settings = {
      owner: this.id,
      batchSize: positive(options.batchSize ?? 100, 'batchSize'),
      leaseMs: positive(options.leaseMs ?? 60_000, 'leaseMs'),
      retryDelayMs: options.retryDelayMs ?? 30_000,
      timers: options.timers ?? true,
      serviceJobs: options.serviceJobs ?? true,
      ...(options.onError ? { onError: options.onError } : {}),
    };
  }

  /** True between `start()` and `stop()`. */
  get running(): boolean {
    return this.#task !== null;
  }

  /** Tick now (overdue jobs fire), then on the schedule. Resolves with the first tick's result. */
  async start(): Promise<TickResult> {
    if (this.#task) return this.tick();
    this.#stopping = false;
    const onError = this.#options.onError;
    this.#task = cron.createTask(this.#schedule, () => this.#heartbeat(), {
      name: this.id,
      noOverlap: true,
      unref: !this.#options.keepAlive,
      logger: {
        info: () => undefined,
        warn: () => undefined,
        debug: () => undefined,
        error: (error) => onError?.(error),
      },
    });
    const first = this.tick();
    await this.#task.start();
    return first;
  }

  /** Run one tick now, or join the tick in flight. */
  tick(): Promise<TickResult> {
    if (this.#inFlight) return this.#inFlight;
    const run = runTick(this.#host, this.#settings, () => this.#stopping).finally(() => {
      this.#inFlight = null;
    });
    this.#inFlight = run;
    return run;
  }

  /** Stop the schedule and wait for the tick in flight (it finishes its command, releases the rest). */
  async stop(): Promise<void> {
    this.#stopping = true;
    const task = this.#task;
    this.#task = null;
    if (task) {
      await task.stop();
      await task.destroy();
    }
    await this.#inFlight?.catch(() => undefined);
  }

  /** A scheduled tick: skipped while one (scheduled, or asked for by `tick()`) is in flight. */
  async #heartbeat(): Promise<void> {
    if (this.#stopping || this.#inFlight) return;
    try {
      // Tick first, then report: an optional call (`onTick?.(await this.tick())`) skips its
      // arguments when there is no listener, and the server passes none.
      const result = await this.tick();
      this.#options.onTick?.(result);
    } catch (error) {
      this.#options.onError?.(error);
    }
  }
}

function positive(value: number, name: string): number {
  if (!Number.isFinite(value) || value <= 0)
    throw new RangeError(`Expected ${name} to be a positive number, but got ${value}`);
  return value;
}
