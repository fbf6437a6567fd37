/**
 * A task's row is deleted when it is completed or cancelled, yet its address stays in officers'
 * bookmarks, notices and other tabs. GET /api/tasks/{taskId} tells them which case (办件编号) the
 * step belonged to, from the event that created it: `task.created` carries the task id in its
 * data. Task ids are random (they do not embed the case), so an index on that id is what keeps
 * the lookup from scanning the event log: an expression index, partial to `task.created` (one
 * entry a step; other events cost nothing but the test of their type).
 */
import type { Knex } from 'knex';

export const name = '20260202000000_task_events';

const INDEX = 'case_events_task_created_index';

export async function up(knex: Knex): Promise<void> {
  const taskId = knex.client.config.client === 'pg' ? "((data::jsonb) ->> 'taskId')" : "json_extract(data, '$.taskId')";
  await knex.raw(`CREATE INDEX ${INDEX} ON case_events (${taskId}) WHERE type = 'task.created'`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`DROP INDEX ${INDEX}`);
}
