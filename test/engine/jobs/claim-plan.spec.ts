import { expect } from 'chai';
import { DUE_AT_INDEX, explainClaim, usesDueAtIndex } from '../../../engine/jobs/claim-plan.js';
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

  it('should read the due_at index, not scan the jobs table, with 20,000 jobs pending', async () => {
    // given 20,000 pending timers, 100 of them due (statistics as autovacuum / ANALYZE keep them)
    const { knex, dialect } = db.database;
    await seedTimerJobs(knex, 20_000, { due: 100, dueAt: DUE_AT });
    await knex.raw('ANALYZE');

    // when
    const plan = await explainClaim(knex, dialect, {
      kinds: ['timer', 'start-timer'],
      dueBy: DUE_AT,
      now: DUE_AT,
      owner: 'poller:plan',
      leaseMs: 60_000,
      limit: 100,
    });

    // then
    expect(plan.join('\n')).to.include(DUE_AT_INDEX);
    expect(usesDueAtIndex(plan, dialect), plan.join('\n')).to.equal(true);
  });

  it('should NOT take a plan that scans the table for the index', () => {
    expect(usesDueAtIndex(['SCAN j', 'SEARCH j USING INDEX jobs_due_at_index (due_at<?)'], 'sqlite')).to.equal(false);
    expect(usesDueAtIndex(['Seq Scan on jobs j', 'Index Scan using jobs_due_at_index on jobs'], 'postgres')).to.equal(
      false,
    );
    expect(usesDueAtIndex(['SEARCH j USING INDEX jobs_due_at_index (due_at<?)'], 'sqlite')).to.equal(true);
  });
});
