/**
 * A task no longer open is found by its id through the `task.created` event that made it, by
 * `case_events_task_created_index`, never by scanning the event log: the plan of the lookup
 * (EXPLAIN QUERY PLAN on SQLite, EXPLAIN on PostgreSQL) over 24,000 events, 8,000 of them steps
 * created, with the statistics ANALYZE keeps; and the lookup's answer.
 */
import { expect } from 'chai';
import type { Knex } from 'knex';
import { migrateLatest } from '../../../engine/store/migrate.js';
import type { Dialect } from '../../../engine/store/index.js';
import { closedTask, TASK_CREATED_INDEX, taskCreatedStatement } from '../../../engine/store/task-query.js';
import { openTestDatabase, type TestDatabase } from '../../support/test-database.js';

const AT = '2026-11-02T01:30:00.000Z';
const CASES = 2_000;
const EVENTS_PER_CASE = 12;

describe('store: finding a task no longer open by its id', () => {
  let db: TestDatabase;

  beforeEach(async () => {
    db = await openTestDatabase();
    await migrateLatest(db.database);
    await seedEventLog(db.database.knex);
    await db.database.knex.raw('ANALYZE');
  });

  afterEach(async () => {
    await db.dispose();
  });

  it('should read the task.created event by the task id index, not scan the log', async () => {
    // when
    const { knex, dialect } = db.database;
    const plan = await explain(knex, dialect, taskCreatedStatement(knex, 'task-1234-4'));

    // then
    expect(plan.join('\n')).to.include(TASK_CREATED_INDEX);
    expect(/Seq Scan on case_events|\bSCAN case_events\b/.test(plan.join('\n')), plan.join('\n')).to.equal(false);
  });

  it('should give the step, its case with its 办件编号, and who completed it when', async () => {
    expect(await closedTask(db.database.knex, 'task-1234-4')).to.deep.equal({
      taskId: 'task-1234-4',
      caseId: 'case-1234',
      number: '20261102-1235',
      name: '审查',
      elementId: 'review',
      department: '许可科',
      ended: { how: 'completed', by: '审批-1', at: instant(1234, 5) },
    });
    expect(await closedTask(db.database.knex, 'no-such-task')).to.equal(null);
  });
});

/** The plan of `statement`, as text lines. */
async function explain(knex: Knex, dialect: Dialect, statement: Knex.QueryBuilder): Promise<string[]> {
  const { sql, bindings } = statement.toSQL();
  if (dialect === 'sqlite') {
    const rows = (await knex.raw(`EXPLAIN QUERY PLAN ${sql}`, bindings)) as { detail: string }[];
    return rows.map((row) => row.detail);
  }
  const result = (await knex.raw(`EXPLAIN ${sql}`, bindings)) as { rows: { 'QUERY PLAN': string }[] };
  return result.rows.map((row) => row['QUERY PLAN']);
}

const instant = (n: number, seq: number) => new Date(Date.parse(AT) + n * 60_000 + seq * 1_000).toISOString();

/**
 * 2,000 cases of 12 events, inserted directly, 40 cases a statement: every third event a step
 * created (`task-<case>-<seq>`), the next its completion by a department officer, then the flow's own.
 */
async function seedEventLog(knex: Knex): Promise<void> {
  await knex('deployments').insert({ hash: 'seed', xml: '<seed/>', deployed_at: AT, deployed_by: 'seed' });
  for (let from = 0; from < CASES; from += 40) {
    const numbers = Array.from({ length: Math.min(40, CASES - from) }, (_, k) => from + k);
    await knex('cases').insert(
      numbers.map((n) => ({
        case_id: `case-${n}`,
        process_id: 'seed',
        definition_hash: 'seed',
        version: EVENTS_PER_CASE,
        last_hash: '0',
        status: 'active',
        state: '{}',
        started_at: AT,
        updated_at: AT,
        number: `20261102-${String(n + 1).padStart(4, '0')}`,
      })),
    );
    await knex('case_events').insert(
      numbers.flatMap((n) =>
        Array.from({ length: EVENTS_PER_CASE }, (_, i) => {
          const seq = i + 1;
          const kind = seq % 3;
          const taskId = `task-${n}-${kind === 1 ? seq : seq - 1}`;
          return {
            case_id: `case-${n}`,
            seq,
            type: kind === 1 ? 'task.created' : kind === 2 ? 'task.completed' : 'token.moved',
            v: 1,
            data: JSON.stringify(
              kind === 1
                ? { taskId, instanceId: `i-${seq}`, elementId: 'review', name: '审查', department: '许可科' }
                : kind === 2
                  ? { taskId }
                  : {},
            ),
            actor: kind === 2 ? `审批-${n % 3}` : 'system',
            time: instant(n, seq),
            prev_hash: '0',
            hash: '0',
          };
        }),
      ),
    );
  }
}
