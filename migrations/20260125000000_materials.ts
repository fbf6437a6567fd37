/**
 * Applicants and their material files (issue 19):
 * - `material_uploads`: a file an applicant or officer uploaded for one material of a matter,
 *   kept by the material storage under its sha256 (content-addressed: the bytes are not in the
 *   database). An upload is only a reference its owner may file with an application or a 补正;
 *   the case's `material.filed` event is the record.
 * - `application_drafts`: an applicant's 网上申报 until it is submitted: the matter, the form
 *   (JSON text) and the uploads chosen per material (JSON array); `case_id` once submitted.
 * - `case_progress_codes`: the verification code printed on a case's receipt, with which anyone
 *   may query the case's progress by its 办件编号 (no login).
 * - `material_preview_grants`: short-lived grants (only a sha256 of each token is kept) to show
 *   one file of one case in the browser, where a page cannot send its bearer token.
 */
import type { Knex } from 'knex';

export const name = '20260125000000_materials';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('material_uploads', (t) => {
    t.string('upload_id', 100).primary();
    t.string('owner', 200).notNullable();
    t.string('matter_code', 100).notNullable();
    t.string('material_id', 64).notNullable();
    t.string('sha256', 64).notNullable();
    t.bigInteger('size').notNullable();
    t.string('media_type', 100).notNullable();
    t.string('file_name', 255).notNullable();
    t.string('uploaded_at', 32).notNullable();
    t.index(['owner', 'uploaded_at'], 'material_uploads_owner_index');
  });
  await knex.schema.createTable('application_drafts', (t) => {
    t.string('draft_id', 100).primary();
    t.string('owner', 200).notNullable();
    t.string('matter_code', 100).notNullable();
    t.text('form').notNullable();
    t.text('files').notNullable();
    t.string('created_at', 32).notNullable();
    t.string('updated_at', 32).notNullable();
    t.string('case_id', 100);
    t.string('submitted_at', 32);
    t.index(['owner', 'updated_at'], 'application_drafts_owner_index');
  });
  await knex.schema.createTable('case_progress_codes', (t) => {
    t.string('case_id', 100).primary();
    t.string('number', 64).notNullable().unique();
    t.string('code', 16).notNullable();
    t.string('created_at', 32).notNullable();
  });
  await knex.schema.createTable('material_preview_grants', (t) => {
    t.string('token_hash', 64).primary();
    t.string('case_id', 100).notNullable();
    t.string('sha256', 64).notNullable();
    t.string('media_type', 100).notNullable();
    t.string('file_name', 255).notNullable();
    t.string('granted_to', 200).notNullable();
    t.string('expires_at', 32).notNullable();
    t.index(['expires_at'], 'material_preview_grants_expiry_index');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('material_preview_grants');
  await knex.schema.dropTable('case_progress_codes');
  await knex.schema.dropTable('application_drafts');
  await knex.schema.dropTable('material_uploads');
}
