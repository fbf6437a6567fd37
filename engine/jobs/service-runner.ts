/**
 * Running service-task jobs: claim a due job, run its registered handler OUTSIDE any
 * transaction, then report the outcome as a command: `job.complete` with the returned
 * variables, `job.throwError` for a `BpmnError`, or `job.fail` with exponential backoff for any
 * other error (the runtime turns exhausted retries into an incident, which stops the job).
 */
import { randomUUID } from 'node:crypto';
import type { Command } from '../runtime/index.js';
import type { CaseState } from '../case/index.js';
import { BpmnError } from './bpmn-error.js';
import { claimNext, releaseLease } from './lease.js';
import { DEFAULT_LEASE_MS, type JobHost } from './job-host.js';
import { caseOf, type JobRow } from '../store/index.js';
import { withConflictRetry } from './timer-runner.js';

/** What a handler is given. */
export interface ServiceJob {
  readonly jobId: string;
  readonly caseId: string;
  readonly elementId: string;
  readonly type: string;
  /** Remaining retries, this attempt included. */
  readonly retries: number;
  /** The variables visible at the task (outer scopes overridden by inner ones). */
  readonly variables: Record<string, unknown>;
}

/** A service-task handler: returns variables to set, or nothing. */
export type JobHandler = (job: ServiceJob) => Promise<Record<string, unknown> | void> | Record<string, unknown> | void;

export type JobOutcome = 'completed' | 'failed' | 'bpmnError' | 'rejected' | 'noHandler';

export interface RanJob {
  readonly jobId: string;
  readonly caseId: string;
  readonly type: string;
  readonly outcome: JobOutcome;
  readonly error?: unknown;
}

/** The retry delay after the n-th failure (0-based): PT10S, PT20S, PT40S, … capped at a day. */
function backoffFor(failures: number, baseSeconds = 10): string {
  return `PT${Math.min(baseSeconds * 2 ** Math.max(0, failures), 86_400)}S`;
}

/** Run every service job due now whose type has a handler; each job at most once per call. */
export async function runDueJobs(
  host: JobHost,
  handlers: ReadonlyMap<string, JobHandler>,
  options: { leaseMs?: number } = {},
): Promise<RanJob[]> {
  // Only the types handled here: every other service job waits for an external worker (fetch-and-lock).
  if (handlers.size === 0) return [];
  const owner = `jobs:${randomUUID()}`;
  const tried = new Set<string>();
  const ran: RanJob[] = [];
  for (;;) {
    const job = await claimNext(host.knex, host.dialect, {
      kind: 'service',
      dueBy: host.clock.now().toISOString(),
      now: new Date().toISOString(),
      owner,
      leaseMs: options.leaseMs ?? DEFAULT_LEASE_MS,
      exclude: tried,
      types: [...handlers.keys()],
    });
    if (!job) break;
    tried.add(job.jobId);
    ran.push(await runOne(host, handlers, job, owner));
  }
  return ran;
}

async function runOne(
  host: JobHost,
  handlers: ReadonlyMap<string, JobHandler>,
  job: JobRow,
  owner: string,
): Promise<RanJob> {
  const type = job.type ?? '';
  const caseId = caseOf(job);
  const base = { jobId: job.jobId, caseId, type };
  const handler = handlers.get(type);
  const state = handler ? await host.getCase(caseId) : null;
  if (!handler || !state) {
    await releaseLease(host.knex, job.jobId, owner);
    return { ...base, outcome: 'noHandler' };
  }
  const retries = job.retries ?? 0;
  let command: Command;
  let outcome: JobOutcome;
  let error: unknown;
  try {
    const variables = await handler({
      ...base,
      elementId: job.elementId,
      retries,
      variables: visibleVariables(state, job.instanceId),
    });
    command = { type: 'job.complete', actor: `job:${type}`, data: { jobId: job.jobId, variables: variables ?? {} } };
    outcome = 'completed';
  } catch (thrown) {
    error = thrown;
    if (thrown instanceof BpmnError) {
      command = {
        type: 'job.throwError',
        actor: `job:${type}`,
        data: { jobId: job.jobId, errorCode: thrown.code, message: thrown.message },
      };
      outcome = 'bpmnError';
    } else {
      const initial = Number(job.payload['initialRetries'] ?? retries);
      const message = thrown instanceof Error ? thrown.message : String(thrown);
      command = {
        type: 'job.fail',
        actor: `job:${type}`,
        data: { jobId: job.jobId, message, backoff: backoffFor(initial - retries) },
      };
      outcome = 'failed';
    }
  }
  try {
    await withConflictRetry(() => host.dispatch(caseId, command));
    return error === undefined ? { ...base, outcome } : { ...base, outcome, error };
  } catch (rejection) {
    await releaseLease(host.knex, job.jobId, owner);
    return { ...base, outcome: 'rejected', error: rejection };
  }
}

/** Variables visible to an element instance: its scope chain, inner scopes winning. */
function visibleVariables(state: CaseState, instanceId: string): Record<string, unknown> {
  const chain: string[] = [];
  for (let id: string | null | undefined = instanceId; id; id = state.instances[id]?.parentId) {
    if (chain.includes(id)) break;
    chain.push(id);
  }
  if (!chain.includes(state.rootInstanceId)) chain.push(state.rootInstanceId);
  return Object.assign({}, ...chain.reverse().map((id) => state.variables[id] ?? {})) as Record<string, unknown>;
}
