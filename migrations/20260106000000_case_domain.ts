/**
 * The 办件 status and matter of each case on its row, written from the snapshot, so that case
 * lists and searches (by status, by matter) read an index rather than the snapshot JSON.
 */
import type { Knex } from 'knex';

export const name = '20260106000000_case_domain';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('cases', (t) => {
    t.string('domain_status', 10);
    t.string('matter_code', 100);
    t.index(['domain_status']);
    t.index(['matter_code']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('cases', (t) => {
    t.dropIndex(['domain_status']);
    t.dropIndex(['matter_code']);
    t.dropColumn('domain_status');
    t.dropColumn('matter_code');
  });
}
