import { expect } from 'chai';
import { migrateLatest, migrateRollbackAll } from '../../../engine/store/migrate.js';
import { openTestDatabase, type TestDatabase } from '../../support/test-database.js';

const TABLES = ['deployments', 'definitions', 'cases', 'case_events', 'tasks', 'jobs', 'subscriptions', 'incidents'];

describe('store: migrations', () => {
  let db: TestDatabase;

  beforeEach(async () => {
    db = await openTestDatabase();
  });

  afterEach(async () => {
    await db.dispose();
  });

  it('should create every table on an empty database', async () => {
    // given an empty database; when
    const applied = await migrateLatest(db.database);

    // then
    expect(applied).to.have.length.greaterThan(0);
    for (const table of TABLES) expect(await db.database.knex.schema.hasTable(table), table).to.equal(true);
  });

  it('should NOT apply a migration twice', async () => {
    // given
    await migrateLatest(db.database);

    // when
    const again = await migrateLatest(db.database);

    // then
    expect(again).to.deep.equal([]);
  });

  it('should drop the tables when rolled back', async () => {
    // given
    await migrateLatest(db.database);

    // when
    await migrateRollbackAll(db.database);

    // then
    for (const table of TABLES) expect(await db.database.knex.schema.hasTable(table), table).to.equal(false);
  });
});
