/**
 * Jobs for the timer poller: process start timers have no case yet, so `jobs.case_id` becomes
 * nullable, a start timer names its process in `process_id` (partial index: only start timers
 * have one, so case jobs pay nothing for it), and `kind` widens to fit `start-timer`. The claim query reads `jobs_due_at_index`
 * from the initial migration.
 *
 * On SQLite, knex rebuilds the table to drop NOT NULL (copying rows, keeping indexes and the
 * foreign key); on PostgreSQL it is an ALTER COLUMN.
 */
import type { Knex } from 'knex';

export const name = '20260102000000_jobs';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('jobs', (t) => {
    t.string('case_id', 100).nullable().alter();
    t.string('kind', 20).notNullable().alter();
    t.string('process_id', 200);
  });
  await knex.schema.alterTable('jobs', (t) => {
    t.index(['process_id'], 'jobs_process_id_index', { predicate: knex.whereNotNull('process_id') });
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex('jobs').whereNull('case_id').delete();
  await knex.schema.alterTable('jobs', (t) => {
    t.dropIndex(['process_id'], 'jobs_process_id_index');
  });
  await knex.schema.alterTable('jobs', (t) => {
    t.dropColumn('process_id');
    t.string('case_id', 100).notNullable().alter();
    t.string('kind', 10).notNullable().alter();
  });
}
