/**
 * Firing due timers in (due_at, creation) order, each as a `timer.fire` command, re-querying
 * after each due instant so that timers scheduled meanwhile fire too when due by `until`. The
 * timers of other cases due at the same instant as the next one are claimed with it and fired
 * together (the store's group commit puts them in one transaction, in firing order); a case's
 * own timers fire one after another. The command runs at the timer's due time (never earlier
 * than the clock read when the run began; with the system clock, at the real time); a settable
 * clock is moved there, and to `until` at the end.
 */
import { randomUUID } from 'node:crypto';
import { isSettable } from '../clock.js';
import { caseOf, ConcurrencyConflictError, type JobRow } from '../store/index.js';
import { claimBatch } from './claim-batch.js';
import { claimNext, firstOfTheirCases, releaseLease } from './lease.js';
import { DEFAULT_LEASE_MS, type JobHost } from './job-host.js';

/** Timers due at one instant fired together (one group-commit batch on SQLite). */
const SAME_INSTANT_LIMIT = 63;

/** One timer fired, or tried. */
export interface FiredTimer {
  readonly timerId: string;
  readonly caseId: string;
  readonly elementId: string;
  readonly dueAt: string;
  /** `fired`, or `rejected` when the command failed (the error is kept). */
  readonly outcome: 'fired' | 'rejected';
  readonly error?: unknown;
}

/** Fire every timer due at or before `until`. */
export async function fireDueTimers(
  host: JobHost,
  until: Date,
  options: { leaseMs?: number } = {},
): Promise<FiredTimer[]> {
  const owner = `timers:${randomUUID()}`;
  const dueBy = until.toISOString();
  const tried = new Set<string>();
  const fired: FiredTimer[] = [];
  // A settable clock is shared business time (tests): fire at due times measured from the start
  // of this run, not from whatever another runner set meanwhile.
  const settable = isSettable(host.clock);
  const runStart = host.clock.now();
  for (;;) {
    const job = await claimNext(host.knex, host.dialect, {
      kind: 'timer',
      dueBy,
      now: new Date().toISOString(),
      owner,
      leaseMs: options.leaseMs ?? DEFAULT_LEASE_MS,
      exclude: tried,
      inCaseOrder: true,
    });
    if (!job) break;
    const jobs = [job, ...(await sameInstant(host, job, owner, tried, options.leaseMs ?? DEFAULT_LEASE_MS))];
    for (const each of jobs) tried.add(each.jobId);
    const at = latest(settable ? runStart : host.clock.now(), new Date(job.dueAt));
    if (isSettable(host.clock)) host.clock.set(at);
    const outcomes = await Promise.all(
      jobs.map(async (each): Promise<FiredTimer> => {
        const caseId = caseOf(each);
        const base = { timerId: each.jobId, caseId, elementId: each.elementId, dueAt: each.dueAt };
        try {
          await withConflictRetry(() =>
            host.dispatch(caseId, { type: 'timer.fire', actor: 'timer', data: { timerId: each.jobId } }, { at }),
          );
          return { ...base, outcome: 'fired' };
        } catch (error) {
          await releaseLease(host.knex, each.jobId, owner);
          return { ...base, outcome: 'rejected', error };
        }
      }),
    );
    fired.push(...outcomes);
  }
  if (isSettable(host.clock) && host.clock.now() < until) host.clock.set(until);
  return fired;
}

/** Timers of other cases due at `job`'s instant: each the first of its case, not tried yet, leased to `owner`. */
async function sameInstant(
  host: JobHost,
  job: JobRow,
  owner: string,
  tried: ReadonlySet<string>,
  leaseMs: number,
): Promise<JobRow[]> {
  const claimed = await claimBatch(host.knex, host.dialect, {
    kinds: ['timer'],
    dueBy: job.dueAt,
    now: new Date().toISOString(),
    owner,
    leaseMs,
    limit: SAME_INSTANT_LIMIT,
  });
  const first = await firstOfTheirCases(host.knex, claimed);
  const mates: JobRow[] = [];
  for (const other of claimed) {
    if (other.dueAt === job.dueAt && first.has(other.jobId) && !tried.has(other.jobId) && other.caseId !== job.caseId)
      mates.push(other);
    else await releaseLease(host.knex, other.jobId, owner);
  }
  return mates;
}

/** Retry a command that lost a race with another command on the same case (re-reads the case). */
export async function withConflictRetry<T>(run: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await run();
    } catch (error) {
      if (!(error instanceof ConcurrencyConflictError) || attempt >= attempts) throw error;
    }
  }
}

function latest(a: Date, b: Date): Date {
  return a.getTime() >= b.getTime() ? a : b;
}
