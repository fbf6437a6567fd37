/**
 * What is recorded against an applicant (信用记录): a false commitment under 告知承诺制. Keyed by
 * a sha256 of the 证件号码, so that a credit check can find an applicant's record by exact
 * number without the number standing in clear in an index.
 */
import type { Knex } from 'knex';

export const name = '20260107000000_applicant_records';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('applicant_records', (t) => {
    t.string('case_id', 100).notNullable().references('case_id').inTable('cases');
    t.integer('seq').notNullable();
    t.string('applicant_key', 64).notNullable();
    t.string('kind', 40).notNullable();
    t.text('findings').notNullable();
    t.string('recorded_at', 32).notNullable();
    t.primary(['case_id', 'seq']);
    t.index(['applicant_key']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('applicant_records');
}
