/**
 * The open external tasks as administrators see them (异常处理): each service job waiting for a
 * worker, with its topic, retries, when it is due and who holds its lock until when.
 */
import type { Knex } from 'knex';
import { workerIdOf } from './task-locks.js';

export interface ExternalTaskFilter {
  readonly topic?: string;
  readonly caseId?: string;
  readonly limit?: number;
}

export interface ExternalTaskRow {
  readonly id: string;
  readonly topicName: string;
  readonly caseId: string;
  readonly elementId: string;
  readonly retries: number | null;
  readonly dueAt: string;
  /** The worker holding it (null when no worker does). */
  readonly lockedBy: string | null;
  readonly lockExpirationTime: string | null;
  /** The incident that stopped it, if any. */
  readonly incidentId: string | null;
}

export async function listExternalTasks(knex: Knex, filter: ExternalTaskFilter = {}): Promise<ExternalTaskRow[]> {
  const query = knex('jobs')
    .where({ kind: 'service' })
    .orderBy([{ column: 'due_at' }, { column: 'created_at' }, { column: 'case_id' }, { column: 'created_seq' }])
    .limit(filter.limit ?? 100);
  if (filter.topic !== undefined) query.andWhere('type', filter.topic);
  if (filter.caseId !== undefined) query.andWhere('case_id', filter.caseId);
  const rows = (await query) as Record<string, unknown>[];
  return rows.map((row) => {
    const owner = (row['lease_owner'] as string | null) ?? null;
    const worker = workerIdOf(owner);
    return {
      id: String(row['job_id']),
      topicName: String(row['type'] ?? ''),
      caseId: String(row['case_id']),
      elementId: String(row['element_id']),
      retries: row['retries'] === null || row['retries'] === undefined ? null : Number(row['retries']),
      dueAt: String(row['due_at']),
      lockedBy: worker,
      lockExpirationTime: worker === null ? null : ((row['lease_expires_at'] as string | null) ?? null),
      incidentId: (row['incident_id'] as string | null) ?? null,
    };
  });
}
