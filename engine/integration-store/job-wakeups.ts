/**
 * Waking long polls: a waiting fetch-and-lock sleeps until its next look (real time) or until
 * something in this process says a task may have become available (a task was created by a
 * command run here, a failure freed one, an incident was retried). Other processes on the same
 * database are seen at the next look.
 */
import type { Store } from '../store/index.js';
export class JobWakeups {
  #waiters = new Set<() => void>();

  /** Resolve after `ms`, on `wake()`, or when `signal` aborts, whichever comes first. */
  wait(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.#waiters.delete(done);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, ms));
      this.#waiters.add(done);
      signal?.addEventListener('abort', done, { once: true });
    });
  }

  /** Wake every waiting long poll now. */
  wake(): void {
    for (const waiter of [...this.#waiters]) waiter();
  }

  /** How many long polls wait now. */
  get waiting(): number {
    return this.#waiters.size;
  }
}

/** Events after which a task may be available to a worker. */
const WAKING = new Set(['job.created', 'job.failed', 'incident.resolved']);

/** What a store call returns, as far as its events go: one case's (with reactions) or a list of cases'. */
interface Results {
  readonly events?: readonly { readonly type: string }[];
  readonly reactions?: readonly { readonly events: readonly { readonly type: string }[] }[];
}

/**
 * The same store, waking `wakeups` whenever a command run through it (a request, a timer, a
 * reaction in another case) made a task available: long polls answer at once, not at their next look.
 */
export function wakeOnJobs(store: Store, wakeups: JobWakeups): Store {
  const watch = <T>(result: T): T => {
    const groups = (Array.isArray(result) ? result : [result]) as (Results | null | undefined)[];
    const all = groups.flatMap((group) => [
      ...(group?.events ?? []),
      ...(group?.reactions ?? []).flatMap((reaction) => reaction.events),
    ]);
    if (all.some((event) => WAKING.has(event.type))) wakeups.wake();
    return result;
  };
  return {
    ...store,
    startCase: async (...args) => watch(await store.startCase(...args)),
    dispatch: async (...args) => watch(await store.dispatch(...args)),
    dispatchBuilt: async (...args) => watch(await store.dispatchBuilt(...args)),
    correlateMessage: async (...args) => watch(await store.correlateMessage(...args)),
    broadcastSignal: async (...args) => watch(await store.broadcastSignal(...args)),
    jobPort: { ...store.jobPort, dispatch: async (...args) => watch(await store.jobPort.dispatch(...args)) },
  };
}
