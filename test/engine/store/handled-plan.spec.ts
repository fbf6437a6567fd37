/**
 * 已办 reads one officer's actions by `case_events_actor_index`, never by scanning the event
 * log: the plan of its statement (EXPLAIN QUERY PLAN on SQLite, EXPLAIN on PostgreSQL) over a
 * centre's log of 24,000 events by 40 officers, with the statistics ANALYZE keeps.
 */
import { expect } from 'chai';
import type { Knex } from 'knex';
import { ACTOR_INDEX, handledStatement } from '../../../engine/store/handled-query.js';
import { migrateLatest } from '../../../engine/store/migrate.js';
import type { Dialect } from '../../../engine/store/index.js';
import { openTestDatabase, type TestDatabase } from '../../support/test-database.js';

const AT = '2026-11-02T01:30:00.000Z';
const OFFICERS = 40;
const CASES = 2_000;
/** Per case: 收件 by a window officer, then claims and decisions of department officers, and the flow's own events. */
const EVENTS_PER_CASE = 12;

describe('store: the 已办 query plan', () => {
  let db: TestDatabase;

  beforeEach(async () => {
    db = await openTestDatabase();
    await migrateLatest(db.database);
  });

  afterEach(async () => {
    await db.dispose();
  });

  it('should read one officer’s actions by the actor index, not scan 24,000 events of 40 officers', async () => {
    // given a centre's event log (statistics as autovacuum / ANALYZE keep them)
    const { knex, dialect } = db.database;
    await seedEventLog(knex);
    await knex.raw('ANALYZE');

    // when 审批-7 opens 已办
    const plan = await explain(knex, dialect, handledStatement(knex, { actor: '审批-7' }, { limit: 20 }));

    // then
    expect(plan.join('\n')).to.include(ACTOR_INDEX);
    expect(readsByActor(plan, dialect), plan.join('\n')).to.equal(true);
  });

  it('should read a later page and a search by 办件编号 by the actor index too', async () => {
    // given
    const { knex, dialect } = db.database;
    await seedEventLog(knex);
    await knex.raw('ANALYZE');

    // when
    const later = await explain(
      knex,
      dialect,
      handledStatement(
        knex,
        { actor: '审批-7', number: { prefix: '20261102' } },
        { limit: 20, after: { lastAt: AT, caseId: 'case-1000' } },
      ),
    );

    // then
    expect(readsByActor(later, dialect), later.join('\n')).to.equal(true);
  });

  it('should NOT take a plan that scans the event log for one that reads the index', () => {
    expect(readsByActor(['SCAN case_events', 'SEARCH cases USING INDEX sqlite_autoindex_cases_1'], 'sqlite')).to.equal(
      false,
    );
    expect(readsByActor(['SCAN case_events USING INDEX case_events_actor_index'], 'sqlite')).to.equal(false);
    expect(readsByActor(['SEARCH case_events USING INDEX case_events_actor_index (actor=?)'], 'sqlite')).to.equal(true);
    expect(readsByActor(['Seq Scan on case_events', 'Index Cond: (actor = x)'], 'postgres')).to.equal(false);
    expect(
      readsByActor(['Bitmap Index Scan on case_events_actor_index', '  Index Cond: ((actor)::text = x)'], 'postgres'),
    ).to.equal(true);
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

/** True when the plan looks the officer up in the actor index and never scans the event log (or the whole index). */
function readsByActor(plan: readonly string[], dialect: Dialect): boolean {
  const text = plan.join('\n');
  if (dialect === 'sqlite') {
    return (
      new RegExp(`SEARCH case_events USING (COVERING )?INDEX ${ACTOR_INDEX} \\(actor=\\?`).test(text) &&
      !/\bSCAN case_events\b/.test(text)
    );
  }
  return (
    new RegExp(`(Index|Index Only|Bitmap Index) Scan (using|on) ${ACTOR_INDEX}\\b`).test(text) &&
    /Index Cond: \(+actor\)?/.test(text) &&
    !/Seq Scan on case_events\b/.test(text)
  );
}

/**
 * 2,000 cases of 12 events each, inserted directly (with the rows their foreign keys need), 40
 * cases a statement (SQLite takes 500 rows in one insert at most): 收件
 * by one of 4 window officers, 签收 and 办理 by one of 36 department officers, the rest the
 * flow's own (actor `system`). For query-plan checks only.
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
        Array.from({ length: EVENTS_PER_CASE }, (_, seq) => ({
          case_id: `case-${n}`,
          seq: seq + 1,
          type:
            seq === 0
              ? 'case.received'
              : seq % 3 === 0
                ? 'task.completed'
                : seq % 3 === 1
                  ? 'task.claimed'
                  : 'token.moved',
          v: 1,
          data: '{}',
          actor: seq === 0 ? `窗口-${n % 4}` : seq % 3 === 2 ? 'system' : `审批-${(n + seq) % (OFFICERS - 4)}`,
          time: new Date(Date.parse(AT) + n * 60_000 + seq * 1_000).toISOString(),
          prev_hash: '0',
          hash: '0',
        })),
      ),
    );
  }
}
