/**
 * The server's own tables: users with their roles and a hashed bearer token (the token itself
 * is shown once, never stored), and idempotency keys so that a retried POST returns its first
 * result and is never applied twice.
 */
import type { Knex } from 'knex';

export const name = '20260108000000_server';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('users', (t) => {
    t.string('user_id', 100).primary();
    t.string('name', 200).notNullable();
    t.text('roles').notNullable();
    t.string('department', 200);
    t.string('token_hash', 64).notNullable().unique();
    t.string('created_at', 32).notNullable();
    t.string('created_by', 100).notNullable();
  });
  await knex.schema.createTable('idempotency_keys', (t) => {
    t.string('user_id', 100).notNullable();
    t.string('key', 200).notNullable();
    t.string('request_hash', 64).notNullable();
    /** 0 while the first request is still running. */
    t.integer('status').notNullable();
    t.text('body');
    t.string('created_at', 32).notNullable();
    t.primary(['user_id', 'key']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('idempotency_keys');
  await knex.schema.dropTableIfExists('users');
}
