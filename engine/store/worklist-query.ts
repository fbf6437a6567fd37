/**
 * The worklist (GET /api/tasks): open tasks with what the list shows of their case — 办件
 * status, matter, applicant (masked), 收件 time, the case's and the step's time limit with its
 * clock and signal — in ONE query: `tasks` joined to the worklist columns of the case rows
 * (projections-worklist.ts), no snapshot loaded. A page at a time in (created_at, case_id,
 * task_id) order, oldest first; the cursor is the last row's position (keyset), so a task
 * created or completed between two pages moves no other: nothing is listed twice or skipped.
 */
import type { Knex } from 'knex';
import type { CaseNumberTerm, CaseStatusZh } from '../domain/index.js';
import { whereCaseNumber } from './case-repository.js';
import { readJson } from './json.js';
import type { Timing, WorklistTimings } from './projections-worklist.js';
import { toView, type TaskRow, type TaskView } from './task-query.js';

export interface WorklistFilter {
  readonly department?: string;
  readonly assignee?: string;
  readonly caseId?: string;
  readonly taskId?: string;
  /** The case's 办件编号: one number, or a Beijing date's numbers. */
  readonly caseNumber?: CaseNumberTerm;
  /**
   * 首问负责: the tasks this user holds, and the unclaimed ones of the cases they received or
   * (when they have one) of their department.
   */
  readonly mine?: { readonly userId: string; readonly department?: string };
}

/** One line of the worklist. */
export interface WorklistRow extends TaskView {
  /** The case's 办件编号 (null: received before numbers were given, or a bare process run). */
  readonly caseNumber: string | null;
  readonly caseStatus: CaseStatusZh | null;
  readonly matter: { readonly code: string; readonly name: string | null } | null;
  readonly applicant: { readonly name: string; readonly idNumber: string } | null;
  readonly receivedAt: string | null;
  readonly step: Timing | null;
  readonly case: Timing | null;
}

/** Where a page ends: the last row's sort key. */
export interface WorklistPosition {
  readonly createdAt: string;
  readonly caseId: string;
  readonly taskId: string;
}

export interface WorklistPage {
  readonly rows: readonly WorklistRow[];
  /** The position to continue after; null on the last page. */
  readonly next: WorklistPosition | null;
}

/** One page of the worklist: at most `limit` rows after `after` (from the start without it). */
export async function listWorklist(
  db: Knex,
  filter: WorklistFilter,
  page: { readonly limit: number; readonly after?: WorklistPosition },
): Promise<WorklistPage> {
  const mine = filter.mine;
  /** The page's rows (and one more, to know there is a next page) of tasks narrowed by `only`. */
  const arm = (only?: (query: Knex.QueryBuilder) => void, fromCases = false) => {
    // SQLite keeps the written join order of a CROSS JOIN (PostgreSQL plans from its statistics).
    const joined =
      fromCases && db.client.config.client === 'sqlite3'
        ? db('cases').crossJoin('tasks', 'tasks.case_id', 'cases.case_id')
        : db('tasks').join('cases', 'cases.case_id', 'tasks.case_id');
    const query = joined
      .select(COLUMNS)
      .orderBy(ORDER.map((column) => `tasks.${column}`))
      .limit(page.limit + 1);
    if (filter.department !== undefined) query.where('tasks.department', filter.department);
    if (filter.assignee !== undefined) query.where('tasks.assignee', filter.assignee);
    if (filter.caseId !== undefined) query.where('tasks.case_id', filter.caseId);
    if (filter.taskId !== undefined) query.where('tasks.task_id', filter.taskId);
    if (filter.caseNumber !== undefined) whereCaseNumber(query, filter.caseNumber);
    // A row-value comparison: both dialects range-scan the (…, created_at, case_id, task_id) index with it.
    if (page.after)
      query.whereRaw('(tasks.created_at, tasks.case_id, tasks.task_id) > (?, ?, ?)', [
        page.after.createdAt,
        page.after.caseId,
        page.after.taskId,
      ]);
    only?.(query);
    return query;
  };
  let query = arm();
  if (mine) {
    // held ∪ unclaimed of the cases received ∪ unclaimed of the department (the cases received
    // excluded): disjoint, each read by its own index — an OR across the two tables would
    // read every unclaimed task and sort them. Only active and failed cases have task rows
    // (the others' are deleted as they end): the (received_by, status) index reads the
    // officer's open cases, not every case they ever received.
    const arms = [
      arm((held) => held.where('tasks.assignee', mine.userId)),
      arm(
        (received) =>
          received
            .whereNull('tasks.assignee')
            .where('cases.received_by', mine.userId)
            .whereIn('cases.status', ['active', 'failed']),
        true,
      ),
      ...(mine.department === undefined
        ? []
        : [
            arm((offered) =>
              offered
                .whereNull('tasks.assignee')
                .where('tasks.department', mine.department!)
                .where((other) => other.whereNull('cases.received_by').orWhereNot('cases.received_by', mine.userId)),
            ),
          ]),
    ].map((each, index) => db.select('*').from(each.as(`arm${index}`)));
    const [first, ...rest] = arms;
    query = db
      .select('*')
      .from(first!.unionAll(rest).as('mine'))
      .orderBy([...ORDER])
      .limit(page.limit + 1);
  }
  const rows = (await query) as WorklistDbRow[];
  const shown = rows.slice(0, page.limit).map(toRow);
  const last = shown[shown.length - 1];
  return {
    rows: shown,
    next:
      rows.length > page.limit && last ? { createdAt: last.createdAt, caseId: last.caseId, taskId: last.taskId } : null,
  };
}

/** The page order, and the keyset. */
const ORDER = ['created_at', 'case_id', 'task_id'] as const;

const COLUMNS = [
  'tasks.*',
  'cases.number as case_number',
  'cases.domain_status',
  'cases.matter_code',
  'cases.matter_name',
  'cases.applicant_name_masked',
  'cases.applicant_id_masked',
  'cases.received_at',
  'cases.worklist_timings',
];

/** A position as an opaque cursor for an API (base64url of its JSON). */
export function encodeWorklistCursor(position: WorklistPosition): string {
  return Buffer.from(JSON.stringify([position.createdAt, position.caseId, position.taskId])).toString('base64url');
}

/** The position a cursor stands for, or null when it is not one `encodeWorklistCursor` made. */
export function decodeWorklistCursor(cursor: string): WorklistPosition | null {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (
    !Array.isArray(value) ||
    value.length !== 3 ||
    !value.every((part) => typeof part === 'string' && part.length > 0 && part.length <= 200)
  )
    return null;
  const [createdAt, caseId, taskId] = value as [string, string, string];
  return ISO_INSTANT.test(createdAt) ? { createdAt, caseId, taskId } : null;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

interface WorklistDbRow extends TaskRow {
  case_number: string | null;
  domain_status: CaseStatusZh | null;
  matter_code: string | null;
  matter_name: string | null;
  applicant_name_masked: string | null;
  applicant_id_masked: string | null;
  received_at: string | null;
  worklist_timings: unknown;
}

function toRow(row: WorklistDbRow): WorklistRow {
  const timings =
    row.worklist_timings === null || row.worklist_timings === undefined
      ? null
      : readJson<WorklistTimings>(row.worklist_timings);
  const task = toView(row);
  return {
    ...task,
    caseNumber: row.case_number,
    caseStatus: row.domain_status,
    matter: row.matter_code === null ? null : { code: row.matter_code, name: row.matter_name },
    applicant:
      row.applicant_name_masked === null
        ? null
        : { name: row.applicant_name_masked, idNumber: row.applicant_id_masked ?? '' },
    receivedAt: row.received_at,
    step: timings?.steps[task.taskId] ?? null,
    case: timings?.case ?? null,
  };
}
