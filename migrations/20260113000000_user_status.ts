/**
 * Users administered through the API: a user can be deactivated (their API token and login
 * sessions stop working at once) and reactivated, and a change to a user is stamped with when it
 * was made. `deactivated_at` is null for an active user; `deactivated_by` is the administrator
 * who deactivated them. `updated_at`/`updated_by` are null until the user is first changed.
 */
import type { Knex } from 'knex';

export const name = '20260113000000_user_status';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('users', (t) => {
    t.string('deactivated_at', 32);
    t.string('deactivated_by', 100);
    t.string('updated_at', 32);
    t.string('updated_by', 100);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('users', (t) => {
    t.dropColumn('updated_by');
    t.dropColumn('updated_at');
    t.dropColumn('deactivated_by');
    t.dropColumn('deactivated_at');
  });
}
