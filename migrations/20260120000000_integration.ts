/**
 * Connecting other systems (issue 17):
 * - `worker_tokens`: the bearer tokens of external task workers and other systems (only a
 *   sha256 of each is kept), each scoped to topics, message names and signal names (JSON arrays).
 * - `jobs_service_type_index`: fetch-and-lock finds the due service jobs of a topic through it.
 *   A worker's lock is the job row's lease (`lease_owner`, `lease_expires_at`).
 * - `outbox`: one row per case event of a webhook kind, written in the transaction of the command
 *   that recorded the event; the webhook dispatcher fans each out to the subscriptions (one
 *   `webhook_deliveries` row each) and deletes it in one transaction. Its body is read from
 *   `case_events` at delivery, so the outbox holds no copy of personal data.
 * - `webhook_subscriptions`: an administrator's HTTPS endpoint, its secret (HMAC-SHA256 needs it
 *   in clear), the kinds it takes (JSON array), whether it may see personal data in clear.
 * - `webhook_deliveries`: one event for one subscription: pending (with its next attempt and a
 *   lease while it is being sent), delivered, or dead (attempts exhausted; an administrator may
 *   send it again). A case's deliveries to one subscription go in `seq` order.
 */
import type { Knex } from 'knex';

export const name = '20260120000000_integration';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('worker_tokens', (t) => {
    t.string('token_id', 100).primary();
    t.string('name', 200).notNullable().unique();
    t.string('token_hash', 64).notNullable().unique();
    t.text('topics').notNullable();
    t.text('messages').notNullable();
    t.text('signals').notNullable();
    t.string('created_by', 200).notNullable();
    t.string('created_at', 32).notNullable();
    t.string('revoked_by', 200);
    t.string('revoked_at', 32);
  });
  await knex.schema.alterTable('jobs', (t) => {
    t.index(['type', 'due_at'], 'jobs_service_type_index', { predicate: knex.whereRaw("kind = 'service'") });
  });
  await knex.schema.createTable('outbox', (t) => {
    t.bigIncrements('outbox_id').primary();
    t.string('case_id', 100).notNullable();
    t.integer('seq').notNullable();
    t.string('kind', 60).notNullable();
    t.string('event_type', 60).notNullable();
    t.string('created_at', 32).notNullable();
    t.unique(['case_id', 'seq'], { indexName: 'outbox_case_seq_unique' });
  });
  await knex.schema.createTable('webhook_subscriptions', (t) => {
    t.string('subscription_id', 100).primary();
    t.string('name', 200).notNullable();
    t.string('url', 2000).notNullable();
    t.string('secret', 200).notNullable();
    t.text('kinds').notNullable();
    t.integer('personal_data').notNullable().defaultTo(0);
    t.integer('enabled').notNullable().defaultTo(1);
    t.string('created_by', 200).notNullable();
    t.string('created_at', 32).notNullable();
    t.string('updated_at', 32).notNullable();
  });
  await knex.schema.createTable('webhook_deliveries', (t) => {
    t.string('delivery_id', 100).primary();
    t.string('subscription_id', 100).notNullable().references('subscription_id').inTable('webhook_subscriptions');
    t.string('case_id', 100).notNullable();
    t.integer('seq').notNullable();
    t.string('kind', 60).notNullable();
    t.string('event_type', 60).notNullable();
    t.string('event_time', 32).notNullable();
    t.string('status', 20).notNullable();
    t.integer('attempts').notNullable().defaultTo(0);
    t.string('next_attempt_at', 32).notNullable();
    t.string('lease_owner', 100);
    t.string('lease_expires_at', 32);
    t.integer('last_status');
    t.text('last_error');
    t.string('last_attempt_at', 32);
    t.string('delivered_at', 32);
    t.string('created_at', 32).notNullable();
    t.unique(['subscription_id', 'case_id', 'seq'], { indexName: 'webhook_deliveries_stream_unique' });
    t.index(['status', 'next_attempt_at'], 'webhook_deliveries_due_index');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('webhook_deliveries');
  await knex.schema.dropTable('webhook_subscriptions');
  await knex.schema.dropTable('outbox');
  await knex.schema.alterTable('jobs', (t) => {
    t.dropIndex(['type', 'due_at'], 'jobs_service_type_index');
  });
  await knex.schema.dropTable('worker_tokens');
}
