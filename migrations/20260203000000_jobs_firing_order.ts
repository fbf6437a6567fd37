/**
 * The poller claims due jobs in firing order, `(due_at, created_at, case_id, created_seq)`.
 * Read through an index on `due_at` alone, every job due at the same instant had to be sorted
 * for each claim of a batch: working-day deadlines and `黄牌` / `红牌` warnings fall on the same
 * instants (the close of a working day) for many cases at once, and with 10,000 timers due
 * together a claim of 100 took 5-7 ms, growing with the number due. An index in the whole firing
 * order lets the claim stop after `limit` rows, whatever the number due at one instant.
 */
import type { Knex } from 'knex';

export const name = '20260203000000_jobs_firing_order';

const FIRING_ORDER = ['due_at', 'created_at', 'case_id', 'created_seq'];

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('jobs', (t) => {
    t.index(FIRING_ORDER, 'jobs_firing_order_index');
  });
  await knex.schema.alterTable('jobs', (t) => {
    t.dropIndex(['due_at'], 'jobs_due_at_index');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('jobs', (t) => {
    t.index(['due_at'], 'jobs_due_at_index');
  });
  await knex.schema.alterTable('jobs', (t) => {
    t.dropIndex(FIRING_ORDER, 'jobs_firing_order_index');
  });
}
