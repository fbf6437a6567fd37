/**
 * 电子监察 projections: every time limit (case and step clocks) with its due date and outcome,
 * and every raised signal (预警 / 黄牌 / 红牌) until it is cleared. The supervision views and
 * statistics read these; the event log stays the record.
 */
import type { Knex } from 'knex';

export const name = '20260103000000_supervision';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('clocks', (t) => {
    t.string('clock_id', 100).primary();
    t.string('case_id', 100).notNullable().references('case_id').inTable('cases');
    t.string('kind', 10).notNullable();
    t.string('process_id', 200).notNullable();
    t.string('matter_code', 100);
    t.string('element_id', 200).notNullable();
    t.string('department', 200);
    t.string('officer', 200);
    t.string('unit', 20).notNullable();
    t.double('budget').notNullable();
    t.string('started_at', 32).notNullable();
    t.string('due_at', 32).notNullable();
    t.integer('provisional').notNullable();
    t.integer('running').notNullable();
    t.string('finished_at', 32);
    t.double('used');
    t.integer('on_time');
    t.index(['matter_code', 'finished_at']);
    t.index(['department', 'finished_at']);
    t.index(['case_id']);
  });
  await knex.schema.createTable('alerts', (t) => {
    t.string('alert_id', 100).primary();
    t.string('case_id', 100).notNullable().references('case_id').inTable('cases');
    t.string('clock_id', 100).notNullable();
    t.string('level', 10).notNullable();
    t.string('kind', 10).notNullable();
    t.string('process_id', 200).notNullable();
    t.string('matter_code', 100);
    t.string('element_id', 200).notNullable();
    t.string('department', 200);
    t.string('officer', 200);
    t.string('due_at', 32).notNullable();
    t.string('raised_at', 32).notNullable();
    t.string('cleared_at', 32);
    t.string('cleared_reason', 20);
    t.index(['cleared_at', 'level']);
    t.index(['department', 'raised_at']);
    t.index(['matter_code', 'raised_at']);
    t.index(['case_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('alerts');
  await knex.schema.dropTableIfExists('clocks');
}
