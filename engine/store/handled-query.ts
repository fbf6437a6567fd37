/**
 * 已办 (GET /api/handled-cases): the cases one officer has handled — received at the window,
 * accepted, noticed for 补正, claimed, decided, returned, transferred, concluded, delivered: an
 * officer's action recorded in the case's log with them as its actor — whoever holds the case
 * now and whether it is still open. Newest action first, a page at a time (keyset on the time
 * of the officer's last action and the case id, so a case they act on between two pages moves to
 * the top and none is listed twice or skipped); with what the list shows of each case and the
 * officer's last action on it.
 */
import type { Knex } from 'knex';
import type { CaseNumberTerm, CaseStatusZh } from '../domain/index.js';
import { whereCaseNumber } from './case-repository.js';
import { readJson } from './json.js';

/** The events that are an officer's own action on a case (not what the flow or the clock did after it). */
export const OFFICER_ACTIONS = [
  'case.received',
  'case.correctionNoticed',
  'materials.supplied',
  'case.accepted',
  'case.acceptedWithTolerance',
  'case.refused',
  'case.concluded',
  'case.delivered',
  'case.revoked',
  'case.decidedOnCommitment',
  'commitment.verified',
  'specialProcedure.started',
  'specialProcedure.ended',
  'task.claimed',
  'task.unclaimed',
  'task.transferred',
  'task.delegated',
  'task.resolved',
  'task.urged',
  'task.copied',
  'task.completed',
  'instance.modified',
  'multiInstance.instancesAdded',
  'multiInstance.instanceCancelled',
  'clock.extended',
  'case.suspended',
  'case.resumed',
] as const;

export interface HandledFilter {
  /** The officer (the events' actor). */
  readonly actor: string;
  /** 办件编号: one number, or a Beijing date's numbers. */
  readonly number?: CaseNumberTerm;
  readonly matterCode?: string;
  /** 办件状态. */
  readonly status?: CaseStatusZh;
  /** Part of the 办件编号, the matter's name or the applicant's (masked) name. */
  readonly text?: string;
}

/** Where a page ends: the last row's officer action time and case id. */
export interface HandledPosition {
  readonly lastAt: string;
  readonly caseId: string;
}

/** One case the officer handled. */
export interface HandledRow {
  readonly caseId: string;
  readonly number: string | null;
  readonly matter: { readonly code: string; readonly name: string | null } | null;
  readonly applicant: { readonly name: string } | null;
  /** 办件状态 now. */
  readonly status: CaseStatusZh | null;
  /** The flow's status now (active, completed, terminated …). */
  readonly flowStatus: string;
  readonly receivedAt: string | null;
  readonly endedAt: string | null;
  /** The officer's last action on the case: its event, and the name of the step it was on (if any). */
  readonly lastAction: {
    readonly seq: number;
    readonly type: string;
    readonly time: string;
    readonly data: Record<string, unknown>;
    readonly stepName: string | null;
  };
  /** The case's open steps now (who holds them). */
  readonly openSteps: ReadonlyArray<{
    readonly taskId: string;
    readonly name: string | null;
    readonly department: string | null;
    readonly assignee: string | null;
  }>;
}

export interface HandledPage {
  readonly rows: readonly HandledRow[];
  /** The position to continue after; null on the last page. */
  readonly next: HandledPosition | null;
}

/** The index 已办 reads an officer's actions by (migrations/20260201000000_events_by_actor.ts). */
export const ACTOR_INDEX = 'case_events_actor_index';

/** One page of the cases `filter.actor` handled, their latest action first. */
export async function listHandled(
  db: Knex,
  filter: HandledFilter,
  page: { readonly limit: number; readonly after?: HandledPosition },
): Promise<HandledPage> {
  const found = (await handledStatement(db, filter, page)) as HandledDbRow[];
  const shown = found.slice(0, page.limit);
  const ids = shown.map((row) => row.case_id);
  const [actions, tasks] = await Promise.all([lastActions(db, filter.actor, ids), openSteps(db, ids)]);
  const rows = shown.map((row): HandledRow => ({
    caseId: row.case_id,
    number: row.number ?? null,
    matter: row.matter_code === null ? null : { code: row.matter_code, name: row.matter_name },
    applicant: row.applicant_name_masked === null ? null : { name: row.applicant_name_masked },
    status: row.domain_status,
    flowStatus: row.status,
    receivedAt: row.received_at ?? row.started_at,
    endedAt: row.ended_at,
    lastAction: actions.get(row.case_id) ?? { seq: 0, type: '', time: row.last_at, data: {}, stepName: null },
    openSteps: tasks.get(row.case_id) ?? [],
  }));
  const last = shown[shown.length - 1];
  return {
    rows,
    next: found.length > page.limit && last ? { lastAt: last.last_at, caseId: last.case_id } : null,
  };
}

/**
 * The statement of one page (one row more than the page, to know whether another follows): the
 * officer's actions by `case_events_actor_index` (ACTOR_INDEX), grouped by case, joined to the
 * cases. Exported so that a test can read its plan on either dialect.
 */
export function handledStatement(
  db: Knex,
  filter: HandledFilter,
  page: { readonly limit: number; readonly after?: HandledPosition },
): Knex.QueryBuilder {
  const handled = db('case_events')
    .select('case_id')
    .max({ last_at: 'time' })
    .where('actor', filter.actor)
    .whereIn('type', [...OFFICER_ACTIONS])
    .groupBy('case_id');
  const query = db
    .from(handled.as('handled'))
    .join('cases', 'cases.case_id', 'handled.case_id')
    .select(
      'handled.case_id',
      'handled.last_at',
      'cases.number',
      'cases.matter_code',
      'cases.matter_name',
      'cases.applicant_name_masked',
      'cases.domain_status',
      'cases.status',
      'cases.received_at',
      'cases.started_at',
      'cases.ended_at',
    )
    .orderBy([
      { column: 'handled.last_at', order: 'desc' },
      { column: 'handled.case_id', order: 'desc' },
    ])
    .limit(page.limit + 1);
  if (filter.number !== undefined) whereCaseNumber(query, filter.number);
  if (filter.matterCode !== undefined) query.where('cases.matter_code', filter.matterCode);
  if (filter.status !== undefined) query.where('cases.domain_status', filter.status);
  const text = filter.text?.trim();
  if (text) {
    const pattern = `%${text.replace(/[!%_]/g, (c) => `!${c}`)}%`;
    query.where((any) =>
      any
        .whereRaw("cases.number LIKE ? ESCAPE '!'", [pattern])
        .orWhereRaw("cases.matter_name LIKE ? ESCAPE '!'", [pattern])
        .orWhereRaw("cases.applicant_name_masked LIKE ? ESCAPE '!'", [pattern])
        .orWhereRaw("cases.case_id LIKE ? ESCAPE '!'", [pattern]),
    );
  }
  if (page.after) query.whereRaw('(handled.last_at, handled.case_id) < (?, ?)', [page.after.lastAt, page.after.caseId]);
  return query;
}

/** The officer's last action on each case, with the name of its step (from the step's task.created). */
async function lastActions(db: Knex, actor: string, caseIds: readonly string[]) {
  const found = new Map<string, HandledRow['lastAction']>();
  if (caseIds.length === 0) return found;
  const events = (await db('case_events')
    .select('case_id', 'seq', 'type', 'time', 'data')
    .whereIn('case_id', [...caseIds])
    .where('actor', actor)
    .whereIn('type', [...OFFICER_ACTIONS])
    .orderBy([{ column: 'case_id' }, { column: 'seq' }])) as EventRow[];
  // The latest action; of one command's events (one instant), the one that says most.
  const latest = new Map<string, EventRow>();
  for (const event of events) {
    const before = latest.get(event.case_id);
    if (!before || event.time > before.time || weight(event.type) >= weight(before.type))
      latest.set(event.case_id, event);
  }
  // Steps by task and by element, for the action's step (退回 names the element it activated).
  const names = new Map<string, string | null>();
  const created = (await db('case_events')
    .select('data')
    .whereIn('case_id', [...latest.keys()])
    .where('type', 'task.created')) as Array<{ data: unknown }>;
  for (const row of created) {
    const data = readJson<{ taskId?: string; name?: string | null; elementId?: string }>(row.data);
    const name = data.name ?? data.elementId ?? null;
    if (data.taskId) names.set(`task:${data.taskId}`, name);
    if (data.elementId) names.set(`element:${data.elementId}`, name);
  }
  for (const [caseId, event] of latest) {
    const data = readJson<Record<string, unknown>>(event.data);
    const taskId = typeof data['taskId'] === 'string' ? data['taskId'] : null;
    const activated = (data['activated'] as { elementId?: unknown } | undefined)?.elementId;
    const stepName = taskId
      ? (names.get(`task:${taskId}`) ?? null)
      : typeof activated === 'string'
        ? (names.get(`element:${activated}`) ?? activated)
        : null;
    found.set(caseId, { seq: Number(event.seq), type: event.type, time: event.time, data, stepName });
  }
  return found;
}

/**
 * How much an action says, for choosing among the events of one instant: the 办件 decision (受理,
 * 办结 …) over the step it completes, the step's decision over taking it (签收).
 */
function weight(type: string): number {
  if (type === 'task.claimed' || type === 'task.unclaimed') return 0;
  if (type.startsWith('task.') || type.startsWith('multiInstance.') || type === 'instance.modified') return 1;
  return 2;
}

/** The open steps of each case. */
async function openSteps(db: Knex, caseIds: readonly string[]) {
  const found = new Map<string, Array<HandledRow['openSteps'][number]>>();
  if (caseIds.length === 0) return found;
  const rows = (await db('tasks')
    .select('task_id', 'case_id', 'name', 'department', 'assignee')
    .whereIn('case_id', [...caseIds])
    .orderBy([{ column: 'created_at' }, { column: 'task_id' }])) as Array<{
    task_id: string;
    case_id: string;
    name: string | null;
    department: string | null;
    assignee: string | null;
  }>;
  for (const row of rows) {
    const list = found.get(row.case_id) ?? [];
    list.push({ taskId: row.task_id, name: row.name, department: row.department, assignee: row.assignee });
    found.set(row.case_id, list);
  }
  return found;
}

/** A position as an opaque cursor for an API (base64url of its JSON). */
export function encodeHandledCursor(position: HandledPosition): string {
  return Buffer.from(JSON.stringify([position.lastAt, position.caseId])).toString('base64url');
}

/** The position a cursor stands for, or null when it is not one `encodeHandledCursor` made. */
export function decodeHandledCursor(cursor: string): HandledPosition | null {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (
    !Array.isArray(value) ||
    value.length !== 2 ||
    !value.every((part) => typeof part === 'string' && part.length > 0 && part.length <= 200)
  )
    return null;
  const [lastAt, caseId] = value as [string, string];
  return /^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(lastAt) ? { lastAt, caseId } : null;
}

interface HandledDbRow {
  case_id: string;
  last_at: string;
  number: string | null;
  matter_code: string | null;
  matter_name: string | null;
  applicant_name_masked: string | null;
  domain_status: CaseStatusZh | null;
  status: string;
  received_at: string | null;
  started_at: string;
  ended_at: string | null;
}

interface EventRow {
  case_id: string;
  seq: number | string;
  type: string;
  time: string;
  data: unknown;
}
