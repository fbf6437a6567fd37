/**
 * Readiness of the database for writes: a one-row upsert into `readiness_probe`, committed. A
 * database that answers reads but refuses writes (a read-only file, a full disk, a standby, a
 * lock held past the busy timeout) fails it, where `select 1` would not.
 */
import type { Knex } from 'knex';

const TABLE = 'readiness_probe';

/** Commit a write to the probe row; throws the driver's error when the database refuses it. */
export async function checkWritable(knex: Knex, at: string): Promise<void> {
  await knex.transaction(async (trx) => {
    await trx(TABLE).insert({ probe_id: 'readyz', checked_at: at }).onConflict('probe_id').merge(['checked_at']);
  });
}
