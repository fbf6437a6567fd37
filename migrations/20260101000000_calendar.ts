/**
 * The working-day calendar as data (DOMAIN.md, Time limits): `calendar_days` holds every day that
 * differs from the Mon–Fri week (holidays off, make-up working days on) with its source and the
 * notice it comes from; `calendar_changes` is the audit trail of every change (seed, import,
 * local correction): who, why, when, and the day before and after.
 *
 * Days are `YYYY-MM-DD` text (Beijing dates), instants ISO-8601 UTC text, JSON jsonb on
 * PostgreSQL and text on SQLite, as in the initial migration.
 */
import type { Knex } from 'knex';

export const name = '20260101000000_calendar';

export async function up(knex: Knex): Promise<void> {
  const json = (t: Knex.CreateTableBuilder, column: string) =>
    knex.client.config.client === 'pg' ? t.jsonb(column) : t.text(column);

  await knex.schema.createTable('calendar_days', (t) => {
    t.string('day', 10).primary();
    t.boolean('off').notNullable();
    t.string('name', 100).notNullable();
    t.string('source', 20).notNullable();
    t.string('notice_url', 1000);
    t.string('updated_by', 200).notNullable();
    t.string('updated_at', 32).notNullable();
  });

  await knex.schema.createTable('calendar_changes', (t) => {
    t.increments('id').primary();
    t.string('day', 10).notNullable();
    json(t, 'before');
    json(t, 'after');
    t.string('actor', 200).notNullable();
    t.text('reason').notNullable();
    t.string('at', 32).notNullable();
    t.index(['day']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('calendar_changes');
  await knex.schema.dropTableIfExists('calendar_days');
}
