/**
 * Claiming jobs with a lease, so that two runners (in one process or several) never run the
 * same job: a conditional UPDATE of lease_owner/lease_expires_at wins for exactly one of them,
 * and on PostgreSQL the candidate is picked `FOR UPDATE SKIP LOCKED` so runners do not queue
 * behind each other. Leases are measured in real time (they are about live processes, not
 * business time). A case with a job in flight is skipped and, for timers, a claim is kept only
 * for the first job of its case, which keeps a case's timers in order across racing runners.
 */
import type { Knex } from 'knex';
import { toJobRow, type Dialect, type JobKind, type JobRow } from '../store/index.js';

export interface ClaimOptions {
  readonly kind: JobKind;
  /** Only jobs due at or before this instant (ISO). */
  readonly dueBy: string;
  /** Real time now (ISO), for lease expiry. */
  readonly now: string;
  readonly owner: string;
  readonly leaseMs: number;
  /** Job ids this runner already tried in this run. */
  readonly exclude: ReadonlySet<string>;
  /**
   * Keep a claim only if the job is the first of its case in (due_at, creation) order, so that
   * a case's timers fire in order even when runners race (SKIP LOCKED hides a job being claimed).
   */
  readonly inCaseOrder?: boolean;
  /** Only jobs of these types (service jobs with an in-process handler; the rest are external workers'). */
  readonly types?: readonly string[];
}

/** Claim the next runnable job in (due_at, creation) order, or null when none is left. */
export async function claimNext(db: Knex, dialect: Dialect, options: ClaimOptions): Promise<JobRow | null> {
  const expires = new Date(Date.parse(options.now) + options.leaseMs).toISOString();
  const skip = new Set(options.exclude);
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const claimed = await claimCandidate(db, dialect, { ...options, exclude: skip }, expires);
    if (claimed === 'none') return null;
    if (claimed === 'lost') continue;
    if (!options.inCaseOrder || (await isFirstOfCase(db, claimed))) return claimed;
    await releaseLease(db, claimed.jobId, options.owner);
    skip.add(claimed.jobId);
  }
  return null;
}

async function claimCandidate(
  db: Knex,
  dialect: Dialect,
  options: ClaimOptions,
  expires: string,
): Promise<JobRow | 'none' | 'lost'> {
  if (dialect === 'postgres') {
    return db.transaction(async (trx) => {
      const row = await candidates(trx, options).forUpdate('j').skipLocked().first('j.*');
      if (!row) return 'none' as const;
      await trx('jobs').where({ job_id: row.job_id }).update({ lease_owner: options.owner, lease_expires_at: expires });
      return toJobRow(row);
    });
  }
  const row = await candidates(db, options).first('j.*');
  if (!row) return 'none';
  const updated = await db('jobs')
    .where({ job_id: row.job_id })
    .andWhere((q) => q.whereNull('lease_expires_at').orWhere('lease_expires_at', '<=', options.now))
    .update({ lease_owner: options.owner, lease_expires_at: expires });
  return updated === 1 ? toJobRow(row) : 'lost';
}

/** True when no other runnable job of the same kind in the job's case comes before it. */
export async function isFirstOfCase(db: Knex, job: JobRow): Promise<boolean> {
  const first = (await db('jobs')
    .where({ case_id: job.caseId, kind: job.kind })
    .whereNull('incident_id')
    .orderBy(ORDER.map((column) => ({ column })))
    .first('job_id')) as { job_id: string } | undefined;
  return first?.job_id === job.jobId;
}

/**
 * Of `jobs` (case jobs of one kind each), those that come first among the runnable jobs of their
 * case and kind, in one query: each case's first job in firing order.
 */
export async function firstOfTheirCases(db: Knex, jobs: readonly JobRow[]): Promise<Set<string>> {
  const first = new Set<string>();
  const caseIds = [...new Set(jobs.map((job) => job.caseId).filter((id): id is string => id !== null))];
  const kinds = [...new Set(jobs.map((job) => job.kind))];
  for (let i = 0; i < caseIds.length; i += 500) {
    const rows = (await db('jobs')
      .whereIn('case_id', caseIds.slice(i, i + 500))
      .whereIn('kind', kinds)
      .whereNull('incident_id')
      .orderBy(['case_id', 'kind', ...ORDER].map((column) => ({ column })))
      .select('job_id', 'case_id', 'kind')) as { job_id: string; case_id: string; kind: string }[];
    const seen = new Set<string>();
    for (const row of rows) {
      const key = `${row.kind}\u0000${row.case_id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      first.add(row.job_id);
    }
  }
  return first;
}

/** The firing order of jobs (see `byFiringOrder`). */
export const ORDER = ['due_at', 'created_at', 'case_id', 'created_seq'] as const;

/** Give a job back (e.g. no handler, or its command failed) so another run may take it. */
export async function releaseLease(db: Knex, jobId: string, owner: string): Promise<void> {
  await db('jobs').where({ job_id: jobId, lease_owner: owner }).update({ lease_owner: null, lease_expires_at: null });
}

function candidates(db: Knex, options: ClaimOptions) {
  const inFlight = db('jobs as k')
    .whereRaw('k.case_id = j.case_id')
    .andWhere('k.kind', options.kind)
    .andWhere('k.lease_expires_at', '>', options.now);
  const query = db('jobs as j')
    .where('j.kind', options.kind)
    .andWhere('j.due_at', '<=', options.dueBy)
    .whereNull('j.incident_id')
    .andWhere((q) => q.whereNull('j.lease_expires_at').orWhere('j.lease_expires_at', '<=', options.now))
    .whereNotExists(inFlight)
    .orderBy(ORDER.map((column) => ({ column: `j.${column}` })));
  if (options.exclude.size > 0) query.whereNotIn('j.job_id', [...options.exclude]);
  if (options.types) query.whereIn('j.type', [...options.types]);
  return query;
}
