/**
 * Open tasks from the `tasks` projection (store.listTasks). The worklist's page of tasks with
 * their case's columns is worklist-query.ts.
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
