/**
 * The applicant of each case on its row as a sha256 of the 证件号码 (uppercased, trimmed), written
 * from the snapshot, so that a case search by applicant ID is an exact, indexed match and the
 * number never stands in clear in an index. A user of role applicant is bound to the same key.
 */
import { createHash } from 'node:crypto';
import type { Knex } from 'knex';

export const name = '20260109000000_applicant_key';

// Frozen copies, as they were when this migration was written (a migration imports nothing from
// engine/: it must do the same thing forever, whatever becomes of the engine's applicantKey).
const applicantKey = (idNumber: string): string => createHash('sha256').update(idNumber.trim().toUpperCase()).digest('hex');
const readJson = <T>(value: unknown): T => (typeof value === 'string' ? JSON.parse(value) : value) as T;

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('cases', (t) => {
    t.string('applicant_key', 64);
    t.index(['applicant_key']);
  });
  await knex.schema.alterTable('users', (t) => {
    t.string('applicant_key', 64);
  });
  const rows = (await knex('cases').whereNotNull('matter_code').select('case_id', 'state')) as Array<{ case_id: string; state: unknown }>;
  for (const row of rows) {
    const idNumber = readJson<{ domain?: { applicant?: { idNumber?: string } } }>(row.state).domain?.applicant?.idNumber;
    if (idNumber) await knex('cases').where({ case_id: row.case_id }).update({ applicant_key: applicantKey(idNumber) });
  }
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('users', (t) => {
    t.dropColumn('applicant_key');
  });
  await knex.schema.alterTable('cases', (t) => {
    t.dropIndex(['applicant_key']);
    t.dropColumn('applicant_key');
  });
}
