/**
 * A worker loop over the external task client (Camunda's `subscribe`, Zeebe's job worker): it
 * long-polls its topics and runs each task's handler. A handler returns the variables to complete
 * with; throws `BpmnError` for a business outcome a boundary event catches; throws anything else
 * for a technical failure (a `TaskFailure` may add details), reported with one retry fewer and a
 * growing retry timeout (none left: an incident for an administrator). A report refused because the lock was lost (409 LOCK_LOST,
 * the task went to another worker) or the task is gone (404) is logged and dropped: the task
 * completes once, by whichever worker holds it.
 */
import type { ExternalTaskClient } from './external-task-client.js';
import { type ExternalTask } from './external-task-client.js';
import { MatterflowApiError } from './http.js';

/** A business outcome of a task, for a boundary error event of the same code. */
export class BpmnError extends Error {
  constructor(
    readonly code: string,
    message?: string,
    readonly variables?: Record<string, unknown>,
  ) {
    super(message ?? code);
    this.name = 'BpmnError';
  }
}

/** A technical failure with details for the administrator who handles its incident (异常处理). */
export class TaskFailure extends Error {
  constructor(
    message: string,
    readonly details?: string,
  ) {
    super(message);
    this.name = 'TaskFailure';
  }
}

/** What a handler may do besides returning: keep its lock longer. */
export interface TaskContext {
  extendLock(newDuration: number): Promise<string>;
  /** Aborted when the worker stops. */
  readonly signal: AbortSignal;
}

export type TaskHandler = (
  task: ExternalTask,
  context: TaskContext,
) => Promise<Record<string, unknown> | void> | Record<string, unknown> | void;

export interface Subscription {
  readonly topicName: string;
  /** How long a lock lasts (ms). */
  readonly lockDuration: number;
  readonly variables?: readonly string[];
  readonly handler: TaskHandler;
}

export interface TaskWorkerOptions {
  readonly subscriptions: readonly Subscription[];
  /** Tasks locked at once (default 10). */
  readonly maxTasks?: number;
  /** Long polling (ms, default 30000, at most 120000). */
  readonly asyncResponseTimeout?: number;
  /** The retry timeout after a failure with `retriesLeft` left (default 10 s doubling, at most an hour). */
  readonly retryTimeout?: (task: ExternalTask) => number;
  /** What happened, for the worker's log. */
  readonly log?: (event: WorkerLogEvent) => void;
}

export type WorkerLogEvent =
  | { readonly kind: 'locked'; readonly task: ExternalTask }
  | { readonly kind: 'completed' | 'failed' | 'bpmnError'; readonly task: ExternalTask; readonly error?: unknown }
  | { readonly kind: 'dropped'; readonly task: ExternalTask; readonly error: MatterflowApiError }
  | { readonly kind: 'pollFailed'; readonly error: unknown };

export class TaskWorker {
  readonly #client: ExternalTaskClient;
  readonly #options: TaskWorkerOptions;
  readonly #stop = new AbortController();

  constructor(client: ExternalTaskClient, options: TaskWorkerOptions) {
    this.#client = client;
    this.#options = options;
  }

  /** Poll and work until `stop()`. */
  async run(): Promise<void> {
    const byTopic = new Map(this.#options.subscriptions.map((s) => [s.topicName, s]));
    let pause = 1000;
    while (!this.#stop.signal.aborted) {
      let tasks: ExternalTask[];
      try {
        tasks = await this.#client.fetchAndLock(
          {
            maxTasks: this.#options.maxTasks ?? 10,
            asyncResponseTimeout: this.#options.asyncResponseTimeout ?? 30_000,
            topics: this.#options.subscriptions.map(({ topicName, lockDuration, variables }) => ({
              topicName,
              lockDuration,
              ...(variables ? { variables } : {}),
            })),
          },
          this.#stop.signal,
        );
        pause = 1000;
      } catch (error) {
        if (this.#stop.signal.aborted) break;
        this.#options.log?.({ kind: 'pollFailed', error });
        await sleep(pause, this.#stop.signal);
        pause = Math.min(pause * 2, 30_000);
        continue;
      }
      await Promise.all(tasks.map((task) => this.#work(task, byTopic.get(task.topicName))));
    }
  }

  /** Stop polling; a task in its handler finishes (its report may then be refused if its lock ran out). */
  stop(): void {
    this.#stop.abort();
  }

  async #work(task: ExternalTask, subscription: Subscription | undefined): Promise<void> {
    const log = this.#options.log;
    log?.({ kind: 'locked', task });
    const context: TaskContext = {
      extendLock: (newDuration) => this.#client.extendLock(task.id, newDuration),
      signal: this.#stop.signal,
    };
    try {
      let outcome: WorkerLogEvent;
      try {
        if (!subscription) throw new Error(`No handler for topic ${task.topicName}`);
        const variables = await subscription.handler(task, context);
        await this.#client.complete(task.id, variables ?? {});
        outcome = { kind: 'completed', task };
      } catch (error) {
        if (error instanceof MatterflowApiError) throw error;
        if (error instanceof BpmnError) {
          await this.#client.bpmnError(task.id, error.code, error.message, error.variables);
          outcome = { kind: 'bpmnError', task, error };
        } else {
          await this.#client.failure(task.id, {
            errorMessage: error instanceof Error ? error.message || error.name : String(error),
            // What the worker says about it (never its stack trace: that stays in the worker's log).
            ...(error instanceof TaskFailure && error.details ? { errorDetails: error.details } : {}),
            retries: Math.max(0, task.retries - 1),
            retryTimeout: (this.#options.retryTimeout ?? defaultRetryTimeout)(task),
          });
          outcome = { kind: 'failed', task, error };
        }
      }
      log?.(outcome);
    } catch (error) {
      if (error instanceof MatterflowApiError && (error.code === 'LOCK_LOST' || error.code === 'TASK_NOT_FOUND')) {
        log?.({ kind: 'dropped', task, error });
        return;
      }
      log?.({ kind: 'pollFailed', error });
    }
  }
}

/** 10 s after the first failure, doubling with each retry spent (3 retries: 10 s, 20 s, 40 s), at most an hour. */
function defaultRetryTimeout(task: ExternalTask): number {
  const spent = Math.max(0, 3 - task.retries);
  return Math.min(10_000 * 2 ** spent, 3_600_000);
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
