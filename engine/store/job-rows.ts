/**
 * Rows of the `jobs` table as the runners see them: case timers (`timer`), service-task jobs
 * (`service`) and process start timers (`start-timer`, no case yet: `caseId` null, `processId`
 * set).
 */
import { StoreError } from './errors.js';
import { readJson } from './json.js';

export type JobKind = 'timer' | 'service' | 'start-timer';

export interface JobRow {
  readonly jobId: string;
  /** The case the job belongs to; null for a process start timer. */
  readonly caseId: string | null;
  /** The process a start timer starts; null for case jobs. */
  readonly processId: string | null;
  readonly kind: JobKind;
  readonly elementId: string;
  readonly instanceId: string;
  readonly type: string | null;
  readonly dueAt: string;
  readonly retries: number | null;
  readonly payload: Record<string, unknown>;
  /** Creation order (with `caseId`): a case's jobs due at one instant run in this order. */
  readonly createdAt: string;
  readonly createdSeq: number;
}

/** Map a raw `jobs` row. */
export function toJobRow(row: Record<string, unknown>): JobRow {
  return {
    jobId: String(row['job_id']),
    caseId: nullableText(row['case_id']),
    processId: nullableText(row['process_id']),
    kind: row['kind'] as JobKind,
    elementId: String(row['element_id']),
    instanceId: String(row['instance_id']),
    type: nullableText(row['type']),
    dueAt: String(row['due_at']),
    retries: row['retries'] === null || row['retries'] === undefined ? null : Number(row['retries']),
    payload: readJson<Record<string, unknown>>(row['payload']) ?? {},
    createdAt: String(row['created_at']),
    createdSeq: Number(row['created_seq'] ?? 0),
  };
}

/** The case of a case job (timer or service); a start timer has none, which is a bug here. */
export function caseOf(job: JobRow): string {
  if (job.caseId === null)
    throw new StoreError(
      'JOB_WITHOUT_CASE',
      `Expected job ${job.jobId} (${job.kind}) to belong to a case, but it has none`,
    );
  return job.caseId;
}

/** Compare jobs in firing order: due time, then creation (the order of `jobs_firing_order_index`). */
export function byFiringOrder(a: JobRow, b: JobRow): number {
  return (
    compare(a.dueAt, b.dueAt) ||
    compare(a.createdAt, b.createdAt) ||
    compare(a.caseId ?? '', b.caseId ?? '') ||
    a.createdSeq - b.createdSeq
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function nullableText(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}
