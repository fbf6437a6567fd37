/**
 * The poller's claim: one UPDATE leases up to `limit` due jobs and returns them. Exactly one
 * claimer gets each job: on PostgreSQL the candidates are picked `FOR UPDATE SKIP LOCKED`, so
 * concurrent pollers take disjoint batches without waiting on each other; on SQLite the single
 * statement is atomic (one writer at a time). A lease whose expiry has passed (real time) is free
 * again: that is how the jobs of a crashed poller come back.
 *
 * The candidates are read through `jobs_firing_order_index` (a range scan on `due_at <= dueBy`
 * in firing order, stopped at `limit`), so the cost of a claim grows neither with the number of
 * pending jobs not due yet nor with the number due at the same instant.
 * `test/engine/jobs/claim-plan.spec.ts` checks the plan.
 */
import type { Knex } from 'knex';
import { ORDER } from './lease.js';
import { byFiringOrder, toJobRow, type Dialect, type JobKind, type JobRow } from '../store/index.js';

export interface BatchClaimOptions {
  readonly kinds: readonly JobKind[];
  /** Business time (the store's clock, ISO): only jobs due at or before it. */
  readonly dueBy: string;
  /** Real time now (ISO): leases expiring at or before it are free. */
  readonly now: string;
  /** The claimer's unique id, written as `lease_owner`. */
  readonly owner: string;
  readonly leaseMs: number;
  readonly limit: number;
}

/**
 * The due, unleased jobs of `kinds` in firing order (ids only), skipping jobs in an incident.
 * (A case's later timer claimed while an earlier one is in flight elsewhere is given back by
 * the poller, which fires a case's timers in order: see `isFirstOfCase`.)
 */
function dueCandidates(
  db: Knex,
  options: Pick<BatchClaimOptions, 'kinds' | 'dueBy' | 'now' | 'limit'>,
): Knex.QueryBuilder {
  return db('jobs as j')
    .select('j.job_id')
    .whereIn('j.kind', [...options.kinds])
    .andWhere('j.due_at', '<=', options.dueBy)
    .whereNull('j.incident_id')
    .andWhere((q) => q.whereNull('j.lease_expires_at').orWhere('j.lease_expires_at', '<=', options.now))
    .orderBy(ORDER.map((column) => ({ column: `j.${column}` })))
    .limit(options.limit);
}

/** The claim statement itself (for EXPLAIN in tests and the benchmark). */
export function claimStatement(db: Knex, dialect: Dialect, options: BatchClaimOptions): Knex.QueryBuilder {
  const expires = new Date(Date.parse(options.now) + options.leaseMs).toISOString();
  const candidates = dueCandidates(db, options);
  const update = db('jobs');
  // PostgreSQL: `= ANY(ARRAY(…))` makes the candidates an init-plan and the update an index scan
  // on the primary key (with `IN (…)` the planner may hash-join against a scan of the table).
  if (dialect === 'postgres') update.whereRaw('job_id = ANY(ARRAY(?))', [candidates.forUpdate().skipLocked()]);
  else update.whereIn('job_id', candidates);
  return update
    .andWhere((q) => q.whereNull('lease_expires_at').orWhere('lease_expires_at', '<=', options.now))
    .update({ lease_owner: options.owner, lease_expires_at: expires }, '*');
}

/** Lease up to `limit` due jobs to `owner`; returns them in firing order. */
export async function claimBatch(db: Knex, dialect: Dialect, options: BatchClaimOptions): Promise<JobRow[]> {
  const rows = (await claimStatement(db, dialect, options)) as unknown as Record<string, unknown>[];
  return rows.map(toJobRow).sort(byFiringOrder);
}

/** Keep a job leased to `owner` until `until` (real time): a failed job is retried after a delay. */
export async function deferJob(db: Knex, jobId: string, owner: string, until: string): Promise<void> {
  await db('jobs').where({ job_id: jobId, lease_owner: owner }).update({ lease_expires_at: until });
}

/** Delete a job leased to `owner` that can never run (its timer is gone from the case). */
export async function dropStaleJob(db: Knex, jobId: string, owner: string): Promise<void> {
  await db('jobs').where({ job_id: jobId, lease_owner: owner }).delete();
}
