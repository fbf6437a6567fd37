/**
 * Isolated databases for tests: SQLite in a fresh temp file, or PostgreSQL in a fresh schema
 * (created on open, dropped on dispose), so that test runs never see each other's data.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { dropSchema, openDatabase, type Database, type Dialect } from '../../engine/store/database.js';

/** The dialect tests run on: `MATTERFLOW_TEST_DB=postgres|sqlite` (default sqlite). */
export function testDialect(): Dialect {
  const wanted = process.env['MATTERFLOW_TEST_DB'] ?? 'sqlite';
  if (wanted !== 'sqlite' && wanted !== 'postgres')
    throw new Error(`MATTERFLOW_TEST_DB must be sqlite or postgres, not ${wanted}`);
  return wanted;
}

/** The PostgreSQL server tests use: `MATTERFLOW_TEST_PG_URL`, default the CI server's `test` db. */
export function testPostgresUrl(): string {
  return process.env['MATTERFLOW_TEST_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
}

export interface TestDatabase {
  readonly database: Database;
  /** Open another pool on the same isolated database (a second "server process"). */
  openAnother(): Promise<Database>;
  /** Close every pool opened here and delete the data. */
  dispose(): Promise<void>;
}

/** Open a fresh, empty, isolated database (not migrated). */
export async function openTestDatabase(dialect: Dialect = testDialect()): Promise<TestDatabase> {
  const opened: Database[] = [];
  const track = (db: Database) => (opened.push(db), db);
  if (dialect === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'matterflow-test-'));
    const config = { client: 'sqlite', filename: path.join(dir, 'test.sqlite') } as const;
    return {
      database: track(await openDatabase(config)),
      openAnother: async () => track(await openDatabase(config)),
      async dispose() {
        await Promise.all(opened.map((db) => db.close()));
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const url = testPostgresUrl();
  const schema = `mf_test_${process.pid}_${randomBytes(6).toString('hex')}`;
  const config = { client: 'postgres', connectionString: url, schema } as const;
  return {
    database: track(await openDatabase(config)),
    openAnother: async () => track(await openDatabase(config)),
    async dispose() {
      await Promise.all(opened.map((db) => db.close()));
      await dropSchema(url, schema);
    },
  };
}
