import { expect } from 'chai';
import { configFromEnv } from '../../../engine/store/database.js';
import { openTestDatabase, testDialect, type TestDatabase } from '../../support/test-database.js';

describe('store: database', () => {
  it('should default to SQLite in ./data and use DATABASE_URL for PostgreSQL', () => {
    expect(configFromEnv({})).to.deep.equal({ client: 'sqlite', filename: 'data/matterflow.sqlite' });
    expect(configFromEnv({ MATTERFLOW_DATA_DIR: '/var/lib/mf' })).to.deep.equal({
      client: 'sqlite',
      filename: '/var/lib/mf/matterflow.sqlite',
    });
    expect(configFromEnv({ DATABASE_URL: 'postgres://h/db' })).to.deep.equal({
      client: 'postgres',
      connectionString: 'postgres://h/db',
    });
  });

  describe('SQLite', () => {
    let db: TestDatabase;

    before(function skipOnPostgres() {
      if (testDialect() !== 'sqlite') this.skip();
    });

    beforeEach(async () => {
      db = await openTestDatabase('sqlite');
    });

    afterEach(async () => {
      await db.dispose();
    });

    it('should open in WAL mode with a busy timeout and foreign keys on', async () => {
      const pragma = async (name: string) =>
        Object.values(((await db.database.knex.raw(`PRAGMA ${name}`)) as Record<string, unknown>[])[0] ?? {})[0];
      expect(await pragma('journal_mode')).to.equal('wal');
      expect(await pragma('foreign_keys')).to.equal(1);
      expect(await pragma('busy_timeout')).to.equal(5000);
    });
  });

  describe('PostgreSQL', () => {
    before(function skipOnSqlite() {
      if (testDialect() !== 'postgres') this.skip();
    });

    it('should isolate each test database in its own schema', async () => {
      // given
      const a = await openTestDatabase('postgres');
      const b = await openTestDatabase('postgres');

      // when
      await a.database.knex.schema.createTable('only_in_a', (t) => t.integer('x'));

      // then
      expect(a.database.schema).to.not.equal(b.database.schema);
      expect(await b.database.knex.schema.hasTable('only_in_a')).to.equal(false);
      await a.dispose();
      await b.dispose();
    });
  });
});
