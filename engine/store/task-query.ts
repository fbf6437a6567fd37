/**
 * Open tasks from the `tasks` projection (store.listTasks), and a task no longer open found by
 * its id in the event log (`closedTask`). The worklist's page of tasks with their case's columns
 * is worklist-query.ts.
 */
import type { Knex } from 'knex';
import { readJson } from './json.js';

/** An open user or manual task. */
export interface TaskView {
  readonly taskId: string;
  readonly caseId: string;
  readonly instanceId: string;
  readonly elementId: string;
  readonly kind: 'userTask' | 'manualTask';
  readonly name: string | null;
  readonly assignee: string | null;
  readonly candidateGroups: readonly string[];
  readonly department: string | null;
  readonly createdAt: string;
}

export interface TaskFilter {
  readonly caseId?: string;
  readonly caseIds?: readonly string[];
  readonly elementId?: string;
  readonly assignee?: string;
  readonly department?: string;
  /** Tasks offered to this group (candidate groups). */
  readonly candidateGroup?: string;
}

/** Open tasks matching `filter`, oldest first. */
export async function listTasks(db: Knex, filter: TaskFilter = {}): Promise<TaskView[]> {
  const query = db('tasks').orderBy([{ column: 'created_at' }, { column: 'case_id' }, { column: 'task_id' }]);
  if (filter.caseId !== undefined) query.where({ case_id: filter.caseId });
  if (filter.caseIds !== undefined) query.whereIn('case_id', [...filter.caseIds]);
  if (filter.elementId !== undefined) query.where({ element_id: filter.elementId });
  if (filter.assignee !== undefined) query.where({ assignee: filter.assignee });
  if (filter.department !== undefined) query.where({ department: filter.department });
  const rows = (await query) as TaskRow[];
  const tasks = rows.map(toView);
  const group = filter.candidateGroup;
  return group === undefined ? tasks : tasks.filter((task) => task.candidateGroups.includes(group));
}

/** A `tasks` row as the driver returns it. */
export interface TaskRow {
  task_id: string;
  case_id: string;
  instance_id: string;
  element_id: string;
  kind: 'userTask' | 'manualTask';
  name: string | null;
  assignee: string | null;
  candidate_groups: unknown;
  department: string | null;
  created_at: string;
}

/** A `tasks` row as a TaskView. */
export function toView(row: TaskRow): TaskView {
  return {
    taskId: row.task_id,
    caseId: row.case_id,
    instanceId: row.instance_id,
    elementId: row.element_id,
    kind: row.kind,
    name: row.name,
    assignee: row.assignee,
    candidateGroups: readJson<string[]>(row.candidate_groups),
    department: row.department,
    createdAt: row.created_at,
  };
}

/** The index `closedTask` reads (migrations/20260202000000_task_events.ts). */
export const TASK_CREATED_INDEX = 'case_events_task_created_index';

/** A task no longer open: the step it was, its case, and how it ended. */
export interface ClosedTask {
  readonly taskId: string;
  readonly caseId: string;
  /** 办件编号 of the case (null: a bare process run without one). */
  readonly number: string | null;
  readonly name: string | null;
  readonly elementId: string;
  readonly department: string | null;
  /** completed: someone did it; cancelled: the flow no longer needed it; null: neither recorded (yet). */
  readonly ended: { readonly how: 'completed' | 'cancelled'; readonly by: string; readonly at: string } | null;
}

/**
 * The task `taskId` once created in some case's log, or null when no case ever had it. Reads the
 * `task.created` event by the task id (TASK_CREATED_INDEX, never a scan of the log), then that
 * one case's events for how the task ended.
 */
export async function closedTask(db: Knex, taskId: string): Promise<ClosedTask | null> {
  const created = (await taskCreatedStatement(db, taskId)) as Array<{
    case_id: string;
    data: unknown;
    number: string | null;
  }>;
  const row = created[0];
  if (!row) return null;
  const data = readJson<{ name?: string | null; elementId: string; department?: string | null }>(row.data);
  const ends = (await db('case_events')
    .select('type', 'data', 'actor', 'time')
    .where('case_id', row.case_id)
    .whereIn('type', ['task.completed', 'task.cancelled'])
    .orderBy('seq')) as Array<{ type: string; data: unknown; actor: string; time: string }>;
  const end = ends.find((event) => readJson<{ taskId?: string }>(event.data).taskId === taskId);
  return {
    taskId,
    caseId: row.case_id,
    number: row.number ?? null,
    name: data.name ?? null,
    elementId: data.elementId,
    department: data.department ?? null,
    ended: end ? { how: end.type === 'task.completed' ? 'completed' : 'cancelled', by: end.actor, at: end.time } : null,
  };
}

/** The statement that finds a task's `task.created` event (with its case's number); its plan is tested on both dialects. */
export function taskCreatedStatement(db: Knex, taskId: string): Knex.QueryBuilder {
  const byTaskId =
    db.client.config.client === 'pg'
      ? "((case_events.data::jsonb) ->> 'taskId')"
      : "json_extract(case_events.data, '$.taskId')";
  return (
    db('case_events')
      .leftJoin('cases', 'cases.case_id', 'case_events.case_id')
      .select('case_events.case_id', 'case_events.data', 'cases.number')
      // The type as a literal, not a parameter: a partial index serves only a query that states its condition.
      .whereRaw("case_events.type = 'task.created'")
      .whereRaw(`${byTaskId} = ?`, [taskId])
      .limit(1)
  );
}
