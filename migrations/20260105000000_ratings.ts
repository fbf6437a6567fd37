/**
 * 好差评: the rating event log (rating_events, one small aggregate per rating; the unique
 * (rating_id, seq) guards concurrent writers) and its projections ratings and rectifications.
 * Levels are stored as labels (非常满意 … 非常不满意), never as numbers.
 */
import type { Knex } from 'knex';

export const name = '20260105000000_ratings';

/** jsonb on PostgreSQL, text on SQLite (as in the initial migration). */
function json(t: Knex.CreateTableBuilder, column: string, knex: Knex): Knex.ColumnBuilder {
  return knex.client.config.client === 'pg' ? t.jsonb(column) : t.text(column);
}

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('rating_events', (t) => {
    t.string('rating_id', 100).notNullable();
    t.integer('seq').notNullable();
    t.string('type', 60).notNullable();
    t.integer('v').notNullable();
    json(t, 'data', knex).notNullable();
    t.string('actor', 200).notNullable();
    t.string('time', 32).notNullable();
    t.unique(['rating_id', 'seq'], { indexName: 'rating_events_rating_seq_unique' });
  });
  await knex.schema.createTable('ratings', (t) => {
    t.string('rating_id', 100).primary();
    t.integer('seq').notNullable();
    t.string('once_key', 300).notNullable().unique({ indexName: 'ratings_once_key_unique' });
    t.string('case_id', 100).notNullable();
    t.string('matter_code', 100).notNullable();
    t.string('department', 200).notNullable();
    t.string('officer', 200).notNullable();
    t.string('channel', 10).notNullable();
    t.string('mode', 10).notNullable();
    t.string('visit_id', 100);
    t.string('level', 10).notNullable();
    json(t, 'dimensions', knex).notNullable();
    t.text('text');
    t.string('rated_at', 32).notNullable();
    t.string('rated_by', 200).notNullable();
    t.string('status', 10).notNullable();
    t.string('voided_at', 32);
    t.text('voided_reason');
    json(t, 'appeal', knex);
    t.index(['department', 'rated_at']);
    t.index(['matter_code', 'rated_at']);
    t.index(['officer', 'rated_at']);
    t.index(['case_id']);
  });
  await knex.schema.createTable('rectifications', (t) => {
    t.string('rectification_id', 100).primary();
    t.string('rating_id', 100).notNullable().unique().references('rating_id').inTable('ratings');
    t.string('opened_at', 32).notNullable();
    t.double('working_days').notNullable();
    t.string('due_at', 32).notNullable();
    t.integer('provisional').notNullable();
    t.string('status', 10).notNullable();
    t.string('overdue_at', 32);
    json(t, 'follow_ups', knex).notNullable();
    t.string('completed_at', 32);
    t.string('completed_by', 200);
    t.text('measures');
    t.integer('on_time');
    t.index(['status', 'due_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('rectifications');
  await knex.schema.dropTableIfExists('ratings');
  await knex.schema.dropTableIfExists('rating_events');
}
