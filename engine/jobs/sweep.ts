/**
 * `PeriodicSweep`: run one housekeeping function on a node-cron schedule, never two at once, and
 * once at start (what came due while the server was down). For work that is not a timer of a
 * case — e.g. marking 差评 rectifications overdue, which is a matter of their deadline passing,
 * not of an event. Several processes may sweep the same database: the function must be
 * idempotent and survive losing a race (the ratings store refuses a stale write).
 */
import cron, { type ScheduledTask } from 'node-cron';

export interface PeriodicSweepOptions {
  /** node-cron expression (6 fields = seconds). */
  readonly schedule: string;
  readonly onError?: (error: unknown) => void;
  /** Keep the process alive for the schedule (default false: the server's socket does). */
  readonly keepAlive?: boolean;
}

export class PeriodicSweep<T> {
  #task: ScheduledTask | null = null;
  #inFlight: Promise<T> | null = null;

  constructor(
    readonly name: string,
    private readonly run: () => Promise<T>,
    private readonly options: PeriodicSweepOptions,
  ) {
    if (!cron.validate(options.schedule))
      throw new RangeError(`Expected a node-cron expression for the ${name} sweep, but got "${options.schedule}"`);
  }

  get running(): boolean {
    return this.#task !== null;
  }

  /** Sweep now, then on the schedule; resolves with the first sweep's result. */
  async start(): Promise<T> {
    const first = this.sweep();
    if (!this.#task) {
      this.#task = cron.createTask(this.options.schedule, () => this.#scheduled(), {
        name: this.name,
        noOverlap: true,
        unref: !this.options.keepAlive,
        logger: {
          info: () => undefined,
          warn: () => undefined,
          debug: () => undefined,
          error: (error) => this.options.onError?.(error),
        },
      });
      await this.#task.start();
    }
    return first;
  }

  /** Sweep now, or join the sweep in flight. */
  sweep(): Promise<T> {
    this.#inFlight ??= this.run().finally(() => {
      this.#inFlight = null;
    });
    return this.#inFlight;
  }

  /** Stop the schedule and wait for the sweep in flight. */
  async stop(): Promise<void> {
    const task = this.#task;
    this.#task = null;
    if (task) {
      await task.stop();
      await task.destroy();
    }
    await this.#inFlight?.catch(() => undefined);
  }

  async #scheduled(): Promise<void> {
    if (this.#inFlight || !this.#task) return;
    try {
      await this.sweep();
    } catch (error) {
      this.options.onError?.(error);
    }
  }
}
