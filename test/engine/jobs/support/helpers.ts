/** Fixtures and small helpers of the jobs specs. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Knex } from 'knex';
import type { Store } from '../../../../engine/store/index.js';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The path of `test/engine/jobs/<name>.bpmn`: a fixture beside its spec, `<spec>.<case>.bpmn`. */
export function fixture(name: string): string {
  return path.join(FIXTURES, `${name}.bpmn`);
}

/** Real time passing (leases are measured in real time). */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The `timer.fired` events of a case. */
export async function timersFired(store: Store, caseId: string): Promise<string[]> {
  return (await store.getEvents(caseId)).flatMap((event) => (event.type === 'timer.fired' ? [event.data.timerId] : []));
}

/** The rows of the jobs table, as the poller sees them (a few columns). */
export async function jobRows(knex: Knex, where: Record<string, unknown> = {}) {
  return (await knex('jobs')
    .where(where)
    .orderBy([{ column: 'due_at' }, { column: 'job_id' }])
    .select('job_id', 'kind', 'case_id', 'process_id', 'due_at', 'lease_owner', 'payload')) as {
    job_id: string;
    kind: string;
    case_id: string | null;
    process_id: string | null;
    due_at: string;
    lease_owner: string | null;
    payload: unknown;
  }[];
}

/**
 * Insert `count` pending timer jobs directly (with the case rows their foreign key needs): the
 * first `due` of them due at `dueAt`, the others 30 days later. For query-plan checks only.
 */
export async function seedTimerJobs(knex: Knex, count: number, options: { due: number; dueAt: string }): Promise<void> {
  const now = options.dueAt;
  if (!(await knex('deployments').where({ hash: 'seed' }).first())) {
    await knex('deployments').insert({ hash: 'seed', xml: '<seed/>', deployed_at: now, deployed_by: 'seed' });
  }
  const later = new Date(Date.parse(options.dueAt) + 30 * 86_400_000).toISOString();
  for (let from = 0; from < count; from += 500) {
    const ids = Array.from({ length: Math.min(500, count - from) }, (_, k) => from + k);
    await knex('cases').insert(
      ids.map((n) => ({
        case_id: `seed-${n}`,
        process_id: 'seed',
        definition_hash: 'seed',
        version: 1,
        last_hash: '0',
        status: 'active',
        state: '{}',
        started_at: now,
        updated_at: now,
      })),
    );
    await knex('jobs').insert(
      ids.map((n) => ({
        job_id: `seed-job-${n}`,
        case_id: `seed-${n}`,
        kind: 'timer',
        element_id: 'pause',
        instance_id: 'i',
        due_at: n < options.due ? options.dueAt : later,
        created_at: now,
        created_seq: 1,
        payload: '{}',
      })),
    );
  }
}
