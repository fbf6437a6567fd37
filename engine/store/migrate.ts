/**
 * Bringing a database's schema up to date: knex migrations from migrations/, the only way the
 * schema changes.
 */
import { migrationSource } from '../../migrations/index.js';
import type { Database } from './database.js';

/** Run every pending migration; returns the names applied. */
export async function migrateLatest(db: Database): Promise<string[]> {
  const [, applied] = (await db.knex.migrate.latest(migrationConfig(db))) as [number, string[]];
  return applied;
}

/** Undo every migration (tests of the migrations themselves). */
export async function migrateRollbackAll(db: Database): Promise<void> {
  await db.knex.migrate.rollback(migrationConfig(db), true);
}

function migrationConfig(db: Database) {
  return { migrationSource, ...(db.schema ? { schemaName: db.schema } : {}) };
}
