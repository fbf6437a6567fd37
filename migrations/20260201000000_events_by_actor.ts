/**
 * 已办 (GET /api/handled-cases, engine/store/handled-query.ts) reads an officer's own actions
 * from the event log: `WHERE actor = ? AND type IN (…) GROUP BY case_id`. Without an index that
 * scans every event of every case. `(actor, case_id)` finds one officer's events and hands them
 * over already grouped by case, so the page costs what that officer did, not what the centre did.
 */
import type { Knex } from 'knex';

export const name = '20260201000000_events_by_actor';

const INDEX = 'case_events_actor_index';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('case_events', (t) => {
    t.index(['actor', 'case_id'], INDEX);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('case_events', (t) => {
    t.dropIndex(['actor', 'case_id'], INDEX);
  });
}
