/**
 * The initial schema: deployments and versioned definitions, cases with their snapshot, the
 * append-only event log with its hash chain, and the projections the queries read (tasks, jobs,
 * subscriptions, incidents).
 *
 * Instants are ISO-8601 UTC text (`2025-01-06T01:00:00.000Z`) on both dialects: they sort
 * lexicographically, compare in SQL, and round-trip exactly the strings the runtime emitted.
 * JSON columns are jsonb on PostgreSQL and text on SQLite; code always writes JSON text and
 * parses on read (engine/store/json.ts).
 */
import type { Knex } from 'knex';

export const name = '20250601000000_initial';

export async function up(knex: Knex): Promise<void> {
  const json = (t: Knex.CreateTableBuilder, column: string) =>
    knex.client.config.client === 'pg' ? t.jsonb(column) : t.text(column);

  await knex.schema.createTable('deployments', (t) => {
    t.string('hash', 128).primary();
    t.text('xml').notNullable();
    t.string('deployed_at', 32).notNullable();
    t.string('deployed_by', 200).notNullable();
  });

  await knex.schema.createTable('definitions', (t) => {
    t.string('process_id', 200).notNullable();
    t.integer('version').notNullable();
    t.string('hash', 128).notNullable().references('hash').inTable('deployments');
    t.string('name', 500);
    t.string('deployed_at', 32).notNullable();
    t.primary(['process_id', 'version']);
    t.unique(['process_id', 'hash']);
  });

  await knex.schema.createTable('cases', (t) => {
    t.string('case_id', 100).primary();
    t.string('process_id', 200).notNullable();
    t.string('definition_hash', 128).notNullable().references('hash').inTable('deployments');
    t.integer('version').notNullable();
    t.string('last_hash', 64).notNullable();
    t.string('status', 20).notNullable();
    t.string('parent_case_id', 100);
    t.string('parent_instance_id', 100);
    json(t, 'state').notNullable();
    t.string('started_at', 32).notNullable();
    t.string('ended_at', 32);
    t.string('updated_at', 32).notNullable();
    t.index(['status']);
    t.index(['process_id']);
    t.index(['parent_case_id']);
  });

  await knex.schema.createTable('case_events', (t) => {
    t.string('case_id', 100).notNullable().references('case_id').inTable('cases');
    t.integer('seq').notNullable();
    t.string('type', 60).notNullable();
    t.integer('v').notNullable();
    t.text('data').notNullable();
    t.string('actor', 200).notNullable();
    t.string('time', 32).notNullable();
    t.string('prev_hash', 64).notNullable();
    t.string('hash', 64).notNullable();
    t.primary(['case_id', 'seq']);
  });

  await knex.schema.createTable('tasks', (t) => {
    t.string('task_id', 100).primary();
    t.string('case_id', 100).notNullable().references('case_id').inTable('cases');
    t.string('instance_id', 100).notNullable();
    t.string('element_id', 200).notNullable();
    t.string('kind', 20).notNullable();
    t.string('name', 500);
    t.string('assignee', 200);
    json(t, 'candidate_groups').notNullable();
    t.string('department', 200);
    t.string('created_at', 32).notNullable();
    t.index(['case_id']);
    t.index(['assignee']);
    t.index(['department']);
  });

  await knex.schema.createTable('jobs', (t) => {
    t.string('job_id', 100).primary();
    t.string('case_id', 100).notNullable().references('case_id').inTable('cases');
    t.string('kind', 10).notNullable();
    t.string('element_id', 200).notNullable();
    t.string('instance_id', 100).notNullable();
    t.string('type', 200);
    t.string('due_at', 32).notNullable();
    t.integer('retries');
    t.string('created_at', 32).notNullable();
    t.integer('created_seq').notNullable();
    t.string('incident_id', 100);
    t.string('lease_owner', 100);
    t.string('lease_expires_at', 32);
    json(t, 'payload').notNullable();
    t.index(['due_at']);
    t.index(['case_id']);
  });

  await knex.schema.createTable('subscriptions', (t) => {
    t.string('case_id', 100).notNullable().references('case_id').inTable('cases');
    t.string('subscription_id', 100).notNullable();
    t.string('kind', 10).notNullable();
    t.string('name', 500).notNullable();
    t.string('element_id', 200).notNullable();
    t.string('instance_id', 100).notNullable();
    t.string('opened_at', 32).notNullable();
    t.integer('opened_seq').notNullable();
    t.primary(['case_id', 'subscription_id']);
    t.index(['kind', 'name']);
  });

  await knex.schema.createTable('incidents', (t) => {
    t.string('incident_id', 100).primary();
    t.string('case_id', 100).notNullable().references('case_id').inTable('cases');
    t.string('element_id', 200).notNullable();
    t.string('instance_id', 100).notNullable();
    t.string('job_id', 100);
    t.string('kind', 30).notNullable();
    t.text('message').notNullable();
    t.string('raised_at', 32).notNullable();
    t.index(['case_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['incidents', 'subscriptions', 'jobs', 'tasks', 'case_events', 'cases', 'definitions', 'deployments']) {
    await knex.schema.dropTableIfExists(table);
  }
}
