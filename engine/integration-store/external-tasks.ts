/**
 * External tasks: service jobs run by workers outside the server (Camunda 7's external tasks,
 * Zeebe's job workers). A worker fetches and locks the due jobs of its topics, long polling until
 * one appears or its timeout passes, then reports each one: complete (with variables), failure
 * (message, the retries left, when to retry: none left raises an incident), a BPMN error (code,
 * variables) or a longer lock. A report is a command on the case, in its history with the worker
 * as actor, checked in the command's own transaction against the lock: a report from a worker
 * whose lock expired or was taken over is refused (LOCK_LOST), so a task completes exactly once.
 */
import type { Knex } from 'knex';
import type { CaseCommand, CaseState } from '../case/index.js';
import { ConcurrencyConflictError, type Dialect, type Store } from '../store/index.js';
import {
  outsideScope,
  pickVariables,
  visibleVariables,
  workerActor,
  type WorkerPrincipal,
} from '../integration/index.js';
import { IntegrationError } from './errors.js';
import { JobWakeups } from './job-wakeups.js';
import { anyAvailable, lockJobs, lockOwner, lockProblem } from './task-locks.js';

export interface TopicRequest {
  readonly topicName: string;
  /** How long the lock lasts (ms). */
  readonly lockDuration: number;
  /** Only these variables (default: every variable visible at the task). */
  readonly variables?: readonly string[];
}

export interface FetchRequest {
  /** The worker's own id (one token may serve several worker processes). */
  readonly workerId: string;
  readonly maxTasks: number;
  readonly topics: readonly TopicRequest[];
  /** Long polling: wait up to this long (ms) for a task when none is available (default 0). */
  readonly asyncResponseTimeout?: number;
}

/** A locked task as a worker receives it. */
export interface LockedTask {
  readonly id: string;
  readonly topicName: string;
  readonly workerId: string;
  readonly lockExpirationTime: string;
  readonly retries: number;
  readonly caseId: string;
  /** 办件编号 of the case (null for a case run without the 办件 domain). */
  readonly caseNumber: string | null;
  readonly processId: string;
  readonly elementId: string;
  readonly variables: Record<string, unknown>;
}

/** A long poll waiting in this process: which worker waits for which topics, since when (real time). */
export interface WaitingWorker {
  readonly worker: string;
  readonly workerId: string;
  readonly topics: readonly string[];
  readonly since: string;
}

export interface WorkerReport {
  readonly workerId: string;
}

export interface ExternalTaskOptions {
  /** How often a waiting long poll looks again (ms, default 500), besides being woken. */
  readonly pollIntervalMs?: number;
  /** What wakes waiting long polls (share it with `wakeOnJobs` over the store). */
  readonly wakeups?: JobWakeups;
}

export class ExternalTasks {
  readonly #store: Store;
  readonly #knex: Knex;
  readonly #dialect: Dialect;
  readonly #pollIntervalMs: number;
  #closed = false;
  readonly #waiting = new Set<WaitingWorker>();
  /** Long polls waiting in this process, woken when a task may have become available. */
  readonly wakeups: JobWakeups;

  constructor(store: Store, options: ExternalTaskOptions = {}) {
    this.#store = store;
    this.#knex = store.database.knex;
    this.#dialect = store.database.dialect;
    this.#pollIntervalMs = options.pollIntervalMs ?? 500;
    this.wakeups = options.wakeups ?? new JobWakeups();
  }

  /**
   * Lock up to `maxTasks` due tasks of the topics (in the order given, each topic's in firing
   * order). With `asyncResponseTimeout`, wait until one is available or the time is up; `signal`
   * ends the wait early (the client went away, the server stops).
   */
  async fetchAndLock(worker: WorkerPrincipal, request: FetchRequest, signal?: AbortSignal): Promise<LockedTask[]> {
    const outside = outsideScope(
      worker.topics,
      request.topics.map((topic) => topic.topicName),
    );
    if (outside.length > 0)
      throw new IntegrationError(
        'OUT_OF_SCOPE',
        `接入令牌“${worker.name}”无权领取主题：${outside.join('、')}`,
        `Worker token ${worker.name} may not fetch the topics ${outside.join(', ')}`,
        { topics: outside },
        '/body/topics',
      );
    const deadline = Date.now() + Math.max(0, request.asyncResponseTimeout ?? 0);
    const waiting: WaitingWorker = {
      worker: worker.name,
      workerId: request.workerId,
      topics: request.topics.map((topic) => topic.topicName),
      since: new Date().toISOString(),
    };
    try {
      for (;;) {
        const tasks = await this.#lockOnce(worker, request);
        if (tasks.length > 0 || Date.now() >= deadline || signal?.aborted || this.#closed) return tasks;
        this.#waiting.add(waiting);
        await this.wakeups.wait(Math.min(this.#pollIntervalMs, deadline - Date.now()), signal);
      }
    } finally {
      this.#waiting.delete(waiting);
    }
  }

  /** The long polls waiting in this process now (which workers are connected, for administrators). */
  waitingWorkers(): WaitingWorker[] {
    return [...this.#waiting];
  }

  /** End every waiting long poll now (it answers what it has: nothing), and every later one at once: the server stops. */
  close(): void {
    this.#closed = true;
    this.wakeups.wake();
  }

  /** Complete a locked task with variables; the case moves on. */
  async complete(
    worker: WorkerPrincipal,
    taskId: string,
    report: WorkerReport & { variables?: Record<string, unknown> },
  ): Promise<void> {
    await this.#report(worker, taskId, report.workerId, 'job.complete', (actor) => ({
      type: 'job.complete',
      actor,
      data: { jobId: taskId, variables: report.variables ?? {} },
    }));
  }

  /**
   * Report a failure: the retries left (0 raises an incident) and how long (ms) until the task
   * is available again.
   */
  async failure(
    worker: WorkerPrincipal,
    taskId: string,
    report: WorkerReport & { errorMessage: string; errorDetails?: string; retries: number; retryTimeout: number },
  ): Promise<void> {
    const message = report.errorDetails ? `${report.errorMessage}\n${report.errorDetails}` : report.errorMessage;
    await this.#report(worker, taskId, report.workerId, 'job.fail', (actor) => ({
      type: 'job.fail',
      actor,
      data: {
        jobId: taskId,
        message: message.slice(0, 4000),
        retries: report.retries,
        backoff: `PT${Math.max(0, report.retryTimeout) / 1000}S`,
      },
    }));
    this.wakeups.wake();
  }

  /** Throw a BPMN error from the task (a boundary event catches it, else an incident). */
  async bpmnError(
    worker: WorkerPrincipal,
    taskId: string,
    report: WorkerReport & { errorCode: string; errorMessage?: string; variables?: Record<string, unknown> },
  ): Promise<void> {
    await this.#report(worker, taskId, report.workerId, 'job.throwError', (actor) => ({
      type: 'job.throwError',
      actor,
      data: {
        jobId: taskId,
        errorCode: report.errorCode,
        ...(report.errorMessage === undefined ? {} : { message: report.errorMessage }),
        ...(report.variables === undefined ? {} : { variables: report.variables }),
      },
    }));
  }

  /** Make a live lock last `newDuration` ms from now; the new expiry. */
  async extendLock(
    worker: WorkerPrincipal,
    taskId: string,
    report: WorkerReport & { newDuration: number },
  ): Promise<{ lockExpirationTime: string }> {
    const owner = lockOwner(worker.tokenId, report.workerId);
    const now = this.#store.jobPort.clock.now();
    const expires = new Date(now.getTime() + report.newDuration).toISOString();
    const updated = await this.#knex('jobs')
      .where({ job_id: taskId, kind: 'service', lease_owner: owner })
      .andWhere('lease_expires_at', '>', now.toISOString())
      .update({ lease_expires_at: expires });
    if (updated === 1) return { lockExpirationTime: expires };
    const row = await this.#jobRow(this.#knex, taskId);
    throw lockRefusal(taskId, report.workerId, lockProblem(row, owner, now.toISOString()) ?? 'expired');
  }

  async #lockOnce(worker: WorkerPrincipal, request: FetchRequest): Promise<LockedTask[]> {
    const owner = lockOwner(worker.tokenId, request.workerId);
    const tasks: LockedTask[] = [];
    for (const topic of request.topics) {
      const room = request.maxTasks - tasks.length;
      if (room <= 0) break;
      const now = this.#store.jobPort.clock.now();
      if (!(await anyAvailable(this.#knex, topic.topicName, now.toISOString()))) continue;
      const expires = new Date(now.getTime() + topic.lockDuration).toISOString();
      const rows = await lockJobs(this.#knex, this.#dialect, {
        topic: topic.topicName,
        owner,
        now: now.toISOString(),
        expires,
        limit: room,
      });
      for (const row of rows) {
        const state = await this.#store.getCase(String(row['case_id']));
        if (!state) continue;
        tasks.push(lockedTask(row, state, topic, request.workerId, expires));
      }
    }
    return tasks;
  }

  async #report(
    worker: WorkerPrincipal,
    taskId: string,
    workerId: string,
    type: CaseCommand['type'],
    command: (actor: string) => CaseCommand,
  ): Promise<void> {
    const owner = lockOwner(worker.tokenId, workerId);
    const row = await this.#jobRow(this.#knex, taskId);
    if (!row) throw lockRefusal(taskId, workerId, 'gone');
    if (row.type === null || !worker.topics.includes(row.type))
      throw new IntegrationError(
        'OUT_OF_SCOPE',
        `接入令牌“${worker.name}”无权处理主题“${row.type ?? ''}”的任务`,
        `Worker token ${worker.name} may not report on tasks of topic ${row.type ?? ''}`,
      );
    const run = () =>
      this.#store.dispatchBuilt(row.case_id, type, async (trx, now) => {
        // In the transaction that records the report: the lock must still be this worker's.
        const current = await this.#jobRow(trx, taskId, { forUpdate: true });
        const problem = lockProblem(current, owner, now.toISOString());
        if (problem) throw lockRefusal(taskId, workerId, problem);
        return command(workerActor(worker));
      });
    // Another command on the case won the race: read it again (the lock is checked again too).
    for (let attempt = 1; ; attempt += 1) {
      try {
        await run();
        return;
      } catch (error) {
        if (!(error instanceof ConcurrencyConflictError) || attempt >= 3) throw error;
      }
    }
  }

  async #jobRow(db: Knex, taskId: string, options: { forUpdate?: boolean } = {}): Promise<JobLockRow | undefined> {
    const query = db('jobs')
      .where({ job_id: taskId, kind: 'service' })
      .first('job_id', 'case_id', 'type', 'lease_owner', 'lease_expires_at');
    if (options.forUpdate && this.#dialect === 'postgres') query.forUpdate();
    return (await query) as JobLockRow | undefined;
  }
}

interface JobLockRow {
  job_id: string;
  case_id: string;
  type: string | null;
  lease_owner: string | null;
  lease_expires_at: string | null;
}

function lockedTask(
  row: Record<string, unknown>,
  state: CaseState,
  topic: TopicRequest,
  workerId: string,
  expires: string,
): LockedTask {
  const instanceId = String(row['instance_id']);
  return {
    id: String(row['job_id']),
    topicName: topic.topicName,
    workerId,
    lockExpirationTime: expires,
    retries: Number(row['retries'] ?? 0),
    caseId: state.caseId,
    caseNumber: state.domain?.number ?? null,
    processId: state.processId,
    elementId: String(row['element_id']),
    variables: pickVariables(visibleVariables(state, instanceId), topic.variables),
  };
}

function lockRefusal(
  taskId: string,
  workerId: string,
  problem: 'gone' | 'not-locked' | 'other-owner' | 'expired',
): IntegrationError {
  if (problem === 'gone')
    return new IntegrationError(
      'TASK_NOT_FOUND',
      '任务不存在或已结束（已完成、已取消或其办件已结束）',
      `External task ${taskId} does not exist or has ended`,
    );
  const why = {
    'not-locked': ['任务未被锁定', 'it is not locked'],
    'other-owner': ['任务已被其他工作者锁定', 'another worker holds its lock'],
    expired: ['锁定已过期', 'its lock has expired'],
  }[problem];
  return new IntegrationError(
    'LOCK_LOST',
    `工作者 ${workerId} 未持有该任务的锁定：${why[0]}`,
    `Worker ${workerId} does not hold the lock on external task ${taskId}: ${why[1]}`,
    { reason: problem },
  );
}
