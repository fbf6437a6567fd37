/**
 * What the browser workspace needs: passwords and login sessions for users (a session token is
 * stored as its sha256 only, like an API token, and expires), and the modeler's drafts — diagrams
 * saved on the server without being deployed (any BPMN, executable or not; a deploy is separate)
 * — and the department register the modeler picks departments from.
 */
import type { Knex } from 'knex';

export const name = '20260110000000_workspace';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('users', (t) => {
    t.string('password_hash', 255);
  });
  await knex.schema.createTable('sessions', (t) => {
    t.string('token_hash', 64).primary();
    t.string('user_id', 100).notNullable().references('user_id').inTable('users').onDelete('CASCADE');
    t.string('created_at', 40).notNullable();
    t.string('expires_at', 40).notNullable();
    t.index(['user_id']);
    t.index(['expires_at']);
  });
  await knex.schema.createTable('drafts', (t) => {
    t.string('draft_id', 100).primary();
    t.string('name', 200).notNullable();
    /** The process the draft is of, when it has one executable process id (for the list). */
    t.string('process_id', 200);
    t.text('xml').notNullable();
    /** Optimistic concurrency: a save names the revision it read; the loser gets a 409. */
    t.integer('revision').notNullable();
    t.string('created_by', 100).notNullable();
    t.string('created_at', 40).notNullable();
    t.string('updated_by', 100).notNullable();
    t.string('updated_at', 40).notNullable();
    t.index(['process_id']);
  });
  await knex.schema.createTable('departments', (t) => {
    t.string('name', 200).primary();
    t.string('created_by', 100).notNullable();
    t.string('created_at', 40).notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('departments');
  await knex.schema.dropTable('drafts');
  await knex.schema.dropTable('sessions');
  await knex.schema.alterTable('users', (t) => {
    t.dropColumn('password_hash');
  });
}
