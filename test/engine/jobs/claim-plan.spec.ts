import { expect } from 'chai';
import { FIRING_ORDER_INDEX, explainClaim, readsInFiringOrder } from '../../../engine/jobs/claim-plan.js';
import { migrateLatest } from '../../../engine/store/migrate.js';
import { openTestDatabase, type TestDatabase } from '../../support/test-database.js';
import { seedTimerJobs } from './support/helpers.js';

const DUE_AT = '2025-01-06T02:00:00.000Z';

describe('jobs: the claim query plan', () => {
  let db: TestDatabase;

  beforeEach(async () => {
    db = await openTestDatabase();
    await migrateLatest(db.database);
  });

  afterEach(async () => {
    await db.dispose();
  });

  /** The plan of the poller's claim of a batch of 100 due by DUE_AT. */
  const claimPlan = () =>
    explainClaim(db.database.knex, db.database.dialect, {
      kinds: ['timer', 'start-timer'],
      dueBy: DUE_AT,
      now: DUE_AT,
      owner: 'poller:plan',
      leaseMs: 60_000,
      limit: 100,
    });

  it('should read the firing-order index, not scan the jobs table, with 20,000 jobs pending', async () => {
    // given 20,000 pending timers, 100 of them due (statistics as autovacuum / ANALYZE keep them)
    const { knex, dialect } = db.database;
    await seedTimerJobs(knex, 20_000, { due: 100, dueAt: DUE_AT });
    await knex.raw('ANALYZE');

    // when
    const plan = await claimPlan();

    // then
    expect(plan.join('\n')).to.include(FIRING_ORDER_INDEX);
    expect(readsInFiringOrder(plan, dialect), plan.join('\n')).to.equal(true);
  });

  it('should take the first 100 of 5,000 timers due at the close of one working day without sorting them all', async () => {
    // given 5,000 timers due at the same instant (a working-day deadline many cases share)
    const { knex, dialect } = db.database;
    await seedTimerJobs(knex, 5_000, { due: 5_000, dueAt: DUE_AT });
    await knex.raw('ANALYZE');

    // when
    const plan = await claimPlan();

    // then: read in (due_at, created_at, case_id, created_seq) order from the index, stopped at 100
    expect(readsInFiringOrder(plan, dialect), plan.join('\n')).to.equal(true);
    if (dialect === 'sqlite') expect(plan.join('\n')).not.to.match(/TEMP B-TREE/);
  });

  it('should NOT take a plan that scans the table, reads another index or sorts the due jobs on SQLite', () => {
    const search = 'SEARCH j USING INDEX jobs_firing_order_index (due_at<?)';
    expect(readsInFiringOrder(['SCAN j', search], 'sqlite')).to.equal(false);
    expect(readsInFiringOrder(['SEARCH j USING INDEX jobs_due_at_index (due_at<?)'], 'sqlite')).to.equal(false);
    expect(readsInFiringOrder([search, 'USE TEMP B-TREE FOR LAST 3 TERMS OF ORDER BY'], 'sqlite')).to.equal(false);
    expect(
      readsInFiringOrder(['Seq Scan on jobs j', 'Index Scan using jobs_firing_order_index on jobs'], 'postgres'),
    ).to.equal(false);
    expect(readsInFiringOrder([search], 'sqlite')).to.equal(true);
  });
});
