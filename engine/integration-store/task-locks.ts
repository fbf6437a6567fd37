/**
 * A worker's lock on a service job is the job row's lease: `lease_owner` names the worker (its
 * token and its own id), `lease_expires_at` when the lock ends, on the store's clock (business
 * time, the system clock in production; a test moves it to expire a lock). Locking is one
 * conditional UPDATE per topic, so two workers never lock the same job: on PostgreSQL the
 * candidates are picked `FOR UPDATE SKIP LOCKED`, on SQLite the statement is atomic.
 *
 * The job's events move the lease with the case: a reported failure frees it (and delays the
 * job to its retry time), an incident stops it, a completion deletes the row. So a job is
 * available to a worker when it is due, has no incident and no live lock.
 */
import type { Knex } from 'knex';
import type { Dialect } from '../store/index.js';

/** The lease owner of a worker: its token and the id it gave itself. */
export function lockOwner(tokenId: string, workerId: string): string {
  return `ext:${tokenId}:${workerId}`;
}

/** The worker id inside a lease owner written by `lockOwner`, or null for another kind of lease. */
export function workerIdOf(owner: string | null): string | null {
  if (!owner?.startsWith('ext:')) return null;
  const rest = owner.slice('ext:'.length);
  const colon = rest.indexOf(':');
  return colon === -1 ? null : rest.slice(colon + 1);
}

/** Firing order of jobs: due time, then creation (as the poller's). */
const ORDER = ['due_at', 'created_at', 'case_id', 'created_seq'] as const;

function available(db: Knex, topic: string, now: string): Knex.QueryBuilder {
  return db('jobs as j')
    .where('j.kind', 'service')
    .andWhere('j.type', topic)
    .andWhere('j.due_at', '<=', now)
    .whereNull('j.incident_id')
    .andWhere((q) => q.whereNull('j.lease_expires_at').orWhere('j.lease_expires_at', '<=', now));
}

/** True when a job of `topic` is available now (a read: no write lock is taken on SQLite). */
export async function anyAvailable(db: Knex, topic: string, now: string): Promise<boolean> {
  return (await available(db, topic, now).first('j.job_id')) !== undefined;
}

export interface LockRequest {
  readonly topic: string;
  readonly owner: string;
  /** The store's time now (ISO). */
  readonly now: string;
  /** When the lock ends (ISO). */
  readonly expires: string;
  readonly limit: number;
}

/** Lock up to `limit` available jobs of a topic to `owner`; returns their raw rows, in firing order. */
export async function lockJobs(db: Knex, dialect: Dialect, request: LockRequest): Promise<Record<string, unknown>[]> {
  const candidates = available(db, request.topic, request.now)
    .select('j.job_id')
    .orderBy(ORDER.map((column) => ({ column: `j.${column}` })))
    .limit(request.limit);
  const update = db('jobs');
  if (dialect === 'postgres') update.whereRaw('job_id = ANY(ARRAY(?))', [candidates.forUpdate().skipLocked()]);
  else update.whereIn('job_id', candidates);
  const rows = (await update
    .andWhere((q) => q.whereNull('lease_expires_at').orWhere('lease_expires_at', '<=', request.now))
    .whereNull('incident_id')
    .update({ lease_owner: request.owner, lease_expires_at: request.expires }, '*')) as unknown as Record<
    string,
    unknown
  >[];
  return rows.sort(byFiringOrder);
}

/** Why `owner` does not hold a live lock on the job row, or null when it does. */
export function lockProblem(
  row: { lease_owner: string | null; lease_expires_at: string | null } | undefined,
  owner: string,
  now: string,
): 'gone' | 'not-locked' | 'other-owner' | 'expired' | null {
  if (!row) return 'gone';
  if (row.lease_owner === null || row.lease_expires_at === null) return 'not-locked';
  if (row.lease_owner !== owner) return 'other-owner';
  if (row.lease_expires_at <= now) return 'expired';
  return null;
}

function byFiringOrder(a: Record<string, unknown>, b: Record<string, unknown>): number {
  for (const column of ORDER) {
    const x = a[column];
    const y = b[column];
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return String(x) < String(y) ? -1 : 1;
  }
  return 0;
}
