/**
 * The external task API, typed: fetch-and-lock (with long polling), complete, failure, BPMN
 * error, extend-lock, as one worker (`workerId`) holding a worker token.
 */
import { requestJson, type ClientOptions } from './http.js';

/** A task locked to this worker. */
export interface ExternalTask {
  readonly id: string;
  readonly topicName: string;
  readonly workerId: string;
  /** When the lock ends (ISO), unless extended: report before then. */
  readonly lockExpirationTime: string;
  /** Retries left (the model's budget, then what failures reported). */
  readonly retries: number;
  readonly caseId: string;
  /** 办件编号 of the case. */
  readonly caseNumber: string | null;
  readonly processId: string;
  readonly elementId: string;
  readonly variables: Record<string, unknown>;
}

export interface TopicRequest {
  readonly topicName: string;
  /** How long a lock lasts (ms). */
  readonly lockDuration: number;
  /** Only these variables (default all visible at the task). */
  readonly variables?: readonly string[];
}

export interface FetchOptions {
  readonly maxTasks: number;
  readonly topics: readonly TopicRequest[];
  /** Wait up to this long (ms, at most 120000) for a task when none is available. */
  readonly asyncResponseTimeout?: number;
}

export interface Failure {
  readonly errorMessage: string;
  readonly errorDetails?: string;
  /** Retries left; 0 raises an incident an administrator resolves. */
  readonly retries: number;
  /** How long until the task is available again (ms). */
  readonly retryTimeout: number;
}

export class ExternalTaskClient {
  readonly workerId: string;
  readonly #options: ClientOptions;

  constructor(options: ClientOptions & { readonly workerId: string }) {
    this.#options = options;
    this.workerId = options.workerId;
  }

  /** Lock up to `maxTasks` tasks of the topics (long polling when asked). */
  fetchAndLock(options: FetchOptions, signal?: AbortSignal): Promise<ExternalTask[]> {
    return requestJson(
      this.#options,
      'POST',
      '/api/external-tasks/fetch-and-lock',
      { workerId: this.workerId, ...options },
      signal,
    );
  }

  /** Complete a task with variables for the case. */
  async complete(taskId: string, variables?: Record<string, unknown>): Promise<void> {
    await this.#report(taskId, 'complete', variables === undefined ? {} : { variables });
  }

  /** Report a failure: retries left and when to try again. */
  async failure(taskId: string, failure: Failure): Promise<void> {
    await this.#report(taskId, 'failure', { ...failure });
  }

  /** Throw a BPMN error (a boundary event of the task catches it by code). */
  async bpmnError(
    taskId: string,
    errorCode: string,
    errorMessage?: string,
    variables?: Record<string, unknown>,
  ): Promise<void> {
    await this.#report(taskId, 'bpmn-error', {
      errorCode,
      ...(errorMessage === undefined ? {} : { errorMessage }),
      ...(variables === undefined ? {} : { variables }),
    });
  }

  /** Make the lock last `newDuration` ms from now; the new expiry (ISO). */
  async extendLock(taskId: string, newDuration: number): Promise<string> {
    const answer = await this.#report<{ lockExpirationTime: string }>(taskId, 'extend-lock', { newDuration });
    return answer.lockExpirationTime;
  }

  #report<T = void>(taskId: string, what: string, body: Record<string, unknown>): Promise<T> {
    return requestJson<T>(this.#options, 'POST', `/api/external-tasks/${encodeURIComponent(taskId)}/${what}`, {
      workerId: this.workerId,
      ...body,
    });
  }
}
