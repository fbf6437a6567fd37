/**
 * Firing due timers: one at a time in (due_at, creation) order, each as a `timer.fire` command
 * in its own transaction, re-querying after each so that timers scheduled meanwhile fire too
 * when due by `until`. The command runs at the timer's due time (never earlier than the clock
 * read when the run began; with the system clock, at the real time); a settable clock is moved
 * there, and to `until` at the end.
 */
import { randomUUID } from 'node:crypto';
import { isSettable } from '../clock.js';
import { caseOf, ConcurrencyConflictError } from '../store/index.js';
import { claimNext, releaseLease } from './lease.js';
import { DEFAULT_LEASE_MS, type JobHost } from './job-host.js';

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
    tried.add(job.jobId);
    const at = latest(settable ? runStart : host.clock.now(), new Date(job.dueAt));
    if (isSettable(host.clock)) host.clock.set(at);
    const caseId = caseOf(job);
    const base = { timerId: job.jobId, caseId, elementId: job.elementId, dueAt: job.dueAt };
    try {
      await withConflictRetry(() =>
        host.dispatch(caseId, { type: 'timer.fire', actor: 'timer', data: { timerId: job.jobId } }, { at }),
      );
      fired.push({ ...base, outcome: 'fired' });
    } catch (error) {
      await releaseLease(host.knex, job.jobId, owner);
      fired.push({ ...base, outcome: 'rejected', error });
    }
  }
  if (isSettable(host.clock) && host.clock.now() < until) host.clock.set(until);
  return fired;
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
