/**
 * Database configuration and connection.
 *
 * SQLite is the zero-set-up default (a file under the data dir, WAL mode, busy timeout, foreign
 * keys on); PostgreSQL is used when `DATABASE_URL` is set or a postgres config is passed. A
 * postgres config may name a schema: it is created if missing and becomes the search path, which
 * is how tests get an isolated database per run.
 */
import fs from 'node:fs';
import path from 'node:path';
import knex from 'knex';
import type { Knex } from 'knex';

export type DatabaseConfig =
  | { readonly client: 'sqlite'; readonly filename: string; readonly busyTimeoutMs?: number }
  | {
      readonly client: 'postgres';
      readonly connectionString: string;
      /** Schema to create (if missing) and use as the search path; default `public`. */
      readonly schema?: string;
      readonly pool?: { readonly min?: number; readonly max?: number };
    };

export type Dialect = DatabaseConfig['client'];

/** An open connection pool and what it was opened with. */
export interface Database {
  readonly knex: Knex;
  readonly dialect: Dialect;
  /** The postgres schema in use (null on SQLite). */
  readonly schema: string | null;
  close(): Promise<void>;
}

/** The configuration the environment asks for: `DATABASE_URL`, else SQLite in `MATTERFLOW_DATA_DIR`. */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  const url = env['DATABASE_URL'];
  if (url) {
    const schema = env['DATABASE_SCHEMA'];
    return schema
      ? { client: 'postgres', connectionString: url, schema }
      : { client: 'postgres', connectionString: url };
  }
  const dataDir = env['MATTERFLOW_DATA_DIR'] ?? './data';
  return { client: 'sqlite', filename: path.join(dataDir, 'matterflow.sqlite') };
}

/** Open a pool for `config` (default: from the environment). Does not migrate. */
export async function openDatabase(config: DatabaseConfig = configFromEnv()): Promise<Database> {
  return config.client === 'sqlite' ? openSqlite(config) : openPostgres(config);
}

function openSqlite(config: Extract<DatabaseConfig, { client: 'sqlite' }>): Database {
  if (config.filename !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(config.filename)), { recursive: true });
  const busyTimeout = config.busyTimeoutMs ?? 5000;
  const db = knex({
    client: 'sqlite3',
    connection: { filename: config.filename },
    useNullAsDefault: true,
    pool: {
      min: 1,
      max: 1,
      afterCreate(conn: SqliteConnection, done: (err: Error | null, conn: unknown) => void) {
        conn.serialize();
        conn.run('PRAGMA journal_mode = WAL');
        conn.run(`PRAGMA busy_timeout = ${Math.trunc(busyTimeout)}`);
        conn.run('PRAGMA synchronous = NORMAL');
        conn.run('PRAGMA foreign_keys = ON', (err) => done(err, conn));
      },
    },
  });
  return { knex: db, dialect: 'sqlite', schema: null, close: () => db.destroy() };
}

async function openPostgres(config: Extract<DatabaseConfig, { client: 'postgres' }>): Promise<Database> {
  const schema = config.schema ?? null;
  if (schema) await createSchema(config.connectionString, schema);
  const db = knex({
    client: 'pg',
    connection: config.connectionString,
    pool: { min: config.pool?.min ?? 0, max: config.pool?.max ?? 10 },
    ...(schema ? { searchPath: [schema] } : {}),
  });
  return { knex: db, dialect: 'postgres', schema, close: () => db.destroy() };
}

/** Create a postgres schema if missing (with a short-lived connection of its own). */
async function createSchema(connectionString: string, schema: string): Promise<void> {
  await withAdmin(connectionString, (db) => db.raw('CREATE SCHEMA IF NOT EXISTS ??', [schema]));
}

/** Drop a postgres schema and everything in it (tests tear down with this). */
export async function dropSchema(connectionString: string, schema: string): Promise<void> {
  await withAdmin(connectionString, (db) => db.raw('DROP SCHEMA IF EXISTS ?? CASCADE', [schema]));
}

async function withAdmin(connectionString: string, work: (db: Knex) => Promise<unknown>): Promise<void> {
  const admin = knex({ client: 'pg', connection: connectionString, pool: { min: 0, max: 1 } });
  try {
    await work(admin);
  } finally {
    await admin.destroy();
  }
}

/** The slice of a node-sqlite3 connection that `afterCreate` uses. */
interface SqliteConnection {
  serialize(): void;
  run(sql: string, callback?: (err: Error | null) => void): void;
}
