/**
 * Surviving a crash, and knowing the database takes writes.
 *
 * An idempotency key's reservation gets an owner (the attempt running it) and a lease: a retry
 * finding the lease expired (its process died) takes the key over instead of waiting forever.
 * The case commands an attempt committed are recorded in `idempotency_effects`, one row per
 * command transaction, written in that transaction, so a retry knows exactly what committed.
 * Reservations from before this migration have no lease: they count as expired.
 *
 * `readiness_probe` is the one-row table /readyz writes to.
 */
import type { Knex } from 'knex';

export const name = '20260112000000_idempotency_lease_and_readiness';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('idempotency_keys', (t) => {
    /** The attempt that holds the reservation (a random id per attempt). */
    t.string('owner', 64);
    /** ISO instant after which a retry may take the reservation over; renewed while it runs. */
    t.string('lease_expires_at', 32);
  });
  await knex.schema.createTable('idempotency_effects', (t) => {
    t.string('user_id', 100).notNullable();
    t.string('key', 200).notNullable();
    /** 0 for the request's first committed command transaction, then 1, 2 … */
    t.integer('seq').notNullable();
    /** JSON: what the transaction was asked to do and the steps it ran. */
    t.text('entry').notNullable();
    t.primary(['user_id', 'key', 'seq']);
  });
  await knex.schema.createTable('readiness_probe', (t) => {
    t.string('probe_id', 50).primary();
    t.string('checked_at', 32).notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('readiness_probe');
  await knex.schema.dropTableIfExists('idempotency_effects');
  await knex.schema.alterTable('idempotency_keys', (t) => {
    t.dropColumn('lease_expires_at');
    t.dropColumn('owner');
  });
}
