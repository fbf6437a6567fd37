/**
 * 办件编号: `case_number_sequences` holds, per Beijing date of 收件 (`YYYYMMDD`), the last daily
 * sequence drawn; 收件 increments its day's row in the transaction that stores the case, so a
 * number is given exactly when a case is (a receipt rolled back leaves a gap in the day's
 * sequence, never a duplicate). `cases.number` is the number written from the snapshot, unique
 * (cases received before numbers were given have none: NULL, which a unique index allows many
 * times on SQLite and PostgreSQL). No length is fixed by the format: a 一件事 child's number
 * extends its parent's (20261205-0007-01).
 */
import type { Knex } from 'knex';

export const name = '20260114000000_case_numbers';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('case_number_sequences', (t) => {
    t.string('day', 8).primary();
    t.integer('last_sequence').notNullable();
  });
  await knex.schema.alterTable('cases', (t) => {
    t.string('number', 64);
    t.unique(['number'], { indexName: 'cases_number_unique' });
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('cases', (t) => {
    t.dropUnique(['number'], 'cases_number_unique');
    t.dropColumn('number');
  });
  await knex.schema.dropTable('case_number_sequences');
}
