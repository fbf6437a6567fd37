/**
 * The timers and service jobs of one store: engine/jobs sits above engine/store and drives it
 * through `store.jobPort` (the store knows nothing of the runners). `jobsOf(store)` is the one
 * `Jobs` of a store, so a handler registered anywhere is seen by every runner and poller of it.
 */
import type { JobPort, Store } from '../store/index.js';
import type { PollerHost } from './poller-tick.js';
import { TimerPoller, type TimerPollerOptions } from './poller.js';
import { runDueJobs, type JobHandler, type RanJob } from './service-runner.js';
import { fireDueTimers, type FiredTimer } from './timer-runner.js';

export class Jobs {
  readonly #handlers = new Map<string, JobHandler>();
  readonly #host: PollerHost;

  constructor(port: JobPort) {
    const host: PollerHost = {
      knex: port.knex,
      dialect: port.dialect,
      clock: port.clock,
      dispatch: (caseId, command, options) => port.dispatch(caseId, command, options),
      getCase: (caseId) => port.getCase(caseId),
      fireStartTimer: (job, owner) => port.fireStartTimer(job, owner),
      runDueJobs: () => runDueJobs(host, this.#handlers),
    };
    this.#host = host;
  }

  /** Fire every timer due by `until`, in order, each in its own transaction. */
  fireDueTimers(until: Date): Promise<FiredTimer[]> {
    return fireDueTimers(this.#host, until);
  }

  /** Register the handler of a service-task job type. */
  registerHandler(type: string, handler: JobHandler): void {
    this.#handlers.set(type, handler);
  }

  /** Run every due service job that has a handler. */
  runDueJobs(): Promise<RanJob[]> {
    return this.#host.runDueJobs();
  }

  /**
   * A timer poller over the store (not started): `await poller.start()` fires every overdue job,
   * then ticks on its schedule; `await poller.stop()` before the store's `close()`. Process timer
   * start events fire only through a poller.
   */
  createPoller(options?: TimerPollerOptions): TimerPoller {
    return new TimerPoller(this.#host, options);
  }
}

const byStore = new WeakMap<Store, Jobs>();

/** The `Jobs` of `store` (made on first use, then the same one). */
export function jobsOf(store: Store): Jobs {
  let jobs = byStore.get(store);
  if (!jobs) byStore.set(store, (jobs = new Jobs(store.jobPort)));
  return jobs;
}
