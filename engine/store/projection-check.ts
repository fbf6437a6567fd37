/**
 * Checking the query tables against a case's snapshot: the open tasks, jobs (timers and service
 * jobs), subscriptions and incidents rows of a case must be exactly those of its state.
 */
import type { Knex } from 'knex';
import type { CaseState } from '../case/index.js';

/** The first projection table whose rows disagree with `state`, with the differing ids, or null. */
export async function projectionMismatch(db: Knex, state: CaseState): Promise<string | null> {
  const caseId = state.caseId;
  const ids = async (table: string, column: string) =>
    ((await db(table).where({ case_id: caseId }).select(column)) as Record<string, string>[])
      .map((row) => String(row[column]))
      .sort();
  const expected: [string, string, string[]][] = [
    ['tasks', 'task_id', Object.keys(state.tasks)],
    ['jobs', 'job_id', [...Object.keys(state.timers), ...Object.keys(state.jobs)]],
    ['subscriptions', 'subscription_id', Object.keys(state.subscriptions)],
    ['incidents', 'incident_id', Object.keys(state.incidents)],
  ];
  for (const [table, column, want] of expected) {
    const have = await ids(table, column);
    const sorted = [...want].sort();
    if (have.join('\n') !== sorted.join('\n')) {
      return `Expected ${table} rows [${sorted.join(', ')}] as in the snapshot, but found [${have.join(', ')}]`;
    }
  }
  return null;
}
