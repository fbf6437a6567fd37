/**
 * Rows of the `jobs` table as the runners see them.
 */
import { readJson } from '../store/json.js';

export type JobKind = 'timer' | 'service';

export interface JobRow {
  readonly jobId: string;
  readonly caseId: string;
  readonly kind: JobKind;
  readonly elementId: string;
  readonly instanceId: string;
  readonly type: string | null;
  readonly dueAt: string;
  readonly retries: number | null;
  readonly payload: Record<string, unknown>;
}

/** Map a raw `jobs` row. */
export function toJobRow(row: Record<string, unknown>): JobRow {
  return {
    jobId: String(row['job_id']),
    caseId: String(row['case_id']),
    kind: row['kind'] as JobKind,
    elementId: String(row['element_id']),
    instanceId: String(row['instance_id']),
    type: (row['type'] as string | null) ?? null,
    dueAt: String(row['due_at']),
    retries: row['retries'] === null || row['retries'] === undefined ? null : Number(row['retries']),
    payload: readJson<Record<string, unknown>>(row['payload']) ?? {},
  };
}
