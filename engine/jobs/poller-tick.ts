/**
 * One tick of the timer poller: claim a batch of due timers (case timers and process start
 * timers) with a lease, fire them, and claim again until nothing due is left (or the poller
 * stops); then run the due service-task jobs. The case timers of a batch are fired together,
 * each its own `timer.fire` command, so that the store's group commit puts them in few
 * transactions (engine/store/group-commit.ts); start timers fire one after another.
 *
 * - A case timer fires as `timer.fire`; the event's projection deletes the job row in the
 *   command's transaction, and the runtime refuses a timer that is no longer pending, so a timer
 *   fires at most once even when a lease expired and another poller took it over.
 * - A start timer starts its case and schedules its next occurrence in one transaction that
 *   deletes the row only while it is still leased to this poller (engine/store/start-timers.ts).
 * - A timer whose case has an earlier timer still pending is given back (it fires after it); a
 *   timer whose case or scope is gone is dropped; a failed command keeps the lease for
 *   `retryDelayMs` (so it is retried later, not every second); when the poller stops, or the
 *   lease nears its end, the unfired rest of the batch is released at once.
 */
import type { RanJob } from './service-runner.js';
import { claimBatch, deferJob, dropStaleJob } from './claim-batch.js';
import type { JobHost } from './job-host.js';
import { caseOf, CommandRejectedError, type JobRow } from '../store/index.js';
import { firstOfTheirCases, releaseLease } from './lease.js';
import { withConflictRetry } from './timer-runner.js';

/** What the poller needs from the store (`Jobs` wires it over the store's `jobPort`). */
export interface PollerHost extends JobHost {
  /** Fire a start timer leased to `owner`; the new case id, or null when the lease was lost. */
  fireStartTimer(job: JobRow, owner: string): Promise<string | null>;
  /** Run the due service-task jobs that have a handler. */
  runDueJobs(): Promise<RanJob[]>;
}

/** What became of one claimed timer. */
export interface PolledTimer {
  readonly jobId: string;
  readonly kind: 'timer' | 'start-timer';
  /** The timer's case, or the case a start timer started. */
  readonly caseId: string | null;
  readonly elementId: string;
  readonly dueAt: string;
  /** `gone`: its case, scope or lease is gone (nothing fired); `released`: given back unfired. */
  readonly outcome: 'fired' | 'gone' | 'released' | 'failed';
  readonly error?: unknown;
}

export interface TickResult {
  readonly timers: readonly PolledTimer[];
  readonly serviceJobs: readonly RanJob[];
}

export interface TickSettings {
  readonly owner: string;
  readonly batchSize: number;
  readonly leaseMs: number;
  readonly retryDelayMs: number;
  readonly timers: boolean;
  readonly serviceJobs: boolean;
  readonly onError?: (error: unknown, job?: JobRow) => void;
}

const TIMER_KINDS = ['timer', 'start-timer'] as const;
/** Rejections that mean the timer can never fire: its scope or case ended. */
const STALE = new Set(['TIMER_NOT_FOUND', 'CASE_NOT_ACTIVE', 'CASE_NOT_FOUND']);

/** Run one tick; `stopping` is polled between jobs. */
export async function runTick(host: PollerHost, settings: TickSettings, stopping: () => boolean): Promise<TickResult> {
  const timers: PolledTimer[] = [];
  while (settings.timers && !stopping()) {
    const claimedAt = Date.now();
    const batch = await claimBatch(host.knex, host.dialect, {
      kinds: TIMER_KINDS,
      dueBy: host.clock.now().toISOString(),
      now: new Date(claimedAt).toISOString(),
      owner: settings.owner,
      leaseMs: settings.leaseMs,
      limit: settings.batchSize,
    });
    let progressed = false;
    const fired = (polled: PolledTimer) => {
      timers.push(polled);
      progressed ||= polled.outcome === 'fired' || polled.outcome === 'gone';
    };
    const starts = batch.filter((job) => job.kind === 'start-timer');
    const cases = batch.filter((job) => job.kind !== 'start-timer');
    const first = await firstOfTheirCases(host.knex, cases);
    const late = () => stopping() || Date.now() > claimedAt + settings.leaseMs * 0.8;
    if (late()) {
      for (const rest of batch) timers.push(await release(host, settings, rest));
      break;
    }
    // A case's later timer is given back: it fires after the earlier one, in a later claim.
    const outcomes = await Promise.all(
      cases.map((job) => (first.has(job.jobId) ? fire(host, settings, job) : release(host, settings, job))),
    );
    outcomes.forEach(fired);
    for (const [index, job] of starts.entries()) {
      if (late()) {
        for (const rest of starts.slice(index)) timers.push(await release(host, settings, rest));
        break;
      }
      fired(await fire(host, settings, job));
    }
    if (batch.length < settings.batchSize || !progressed) break;
  }
  const serviceJobs = settings.serviceJobs && !stopping() ? await host.runDueJobs() : [];
  return { timers, serviceJobs };
}

async function fire(host: PollerHost, settings: TickSettings, job: JobRow): Promise<PolledTimer> {
  const base = describe(job);
  try {
    if (job.kind === 'start-timer') {
      const caseId = await host.fireStartTimer(job, settings.owner);
      return caseId === null ? { ...base, outcome: 'gone' } : { ...base, caseId, outcome: 'fired' };
    }
    const caseId = caseOf(job);
    await withConflictRetry(() =>
      host.dispatch(caseId, { type: 'timer.fire', actor: 'timer', data: { timerId: job.jobId } }),
    );
    return { ...base, outcome: 'fired' };
  } catch (error) {
    if (error instanceof CommandRejectedError && STALE.has(error.code)) {
      await dropStaleJob(host.knex, job.jobId, settings.owner);
      return { ...base, outcome: 'gone' };
    }
    await deferJob(host.knex, job.jobId, settings.owner, new Date(Date.now() + settings.retryDelayMs).toISOString());
    settings.onError?.(error, job);
    return { ...base, outcome: 'failed', error };
  }
}

async function release(host: PollerHost, settings: TickSettings, job: JobRow): Promise<PolledTimer> {
  await releaseLease(host.knex, job.jobId, settings.owner);
  return { ...describe(job), outcome: 'released' };
}

function describe(job: JobRow): Omit<PolledTimer, 'outcome'> {
  return {
    jobId: job.jobId,
    kind: job.kind === 'start-timer' ? 'start-timer' : 'timer',
    caseId: job.caseId,
    elementId: job.elementId,
    dueAt: job.dueAt,
  };
}
