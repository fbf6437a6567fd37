/**
 * The matter catalogue (事项): every deployed version of every matter file, keyed by 实施编码
 * and version. The hash of the canonical JSON makes a redeploy of the same content a no-op; old
 * versions stay, because a case keeps the version it started with.
 */
import type { Knex } from 'knex';

export const name = '20260104000000_matters';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('matters', (t) => {
    t.string('matter_code', 64).notNullable();
    t.integer('version').notNullable();
    t.string('hash', 64).notNullable();
    if (knex.client.config.client === 'pg') t.jsonb('content').notNullable();
    else t.text('content').notNullable();
    t.string('name', 500).notNullable();
    t.string('process_id', 200).notNullable();
    t.string('created_at', 32).notNullable();
    t.string('created_by', 200).notNullable();
    t.primary(['matter_code', 'version']);
    t.unique(['matter_code', 'hash']);
    t.index(['process_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('matters');
}
