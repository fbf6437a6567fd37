/**
 * Audit queries (read-only): the audit search over every case (by matter, department, officer
 * who acted, 办件 status, time of 收件, overrun, and one time limit's kind, unit, department,
 * finish and open signal — the supervision board's figures), the state after each event as the engine's own
 * fold rebuilds it (for the replay viewer), a case's family (一件事 parent and children), and
 * the deployed version a case ran.
 */
import type { Knex } from 'knex';
import type { CaseNumberTerm, CaseStatusZh } from '../domain/index.js';
import { whereCaseNumber } from './case-repository.js';
import { applyEvent } from '../case/index.js';
import type { CaseEvent } from '../case/index.js';
import type { CaseStatus } from '../runtime/index.js';
import type { CaseState } from '../case/index.js';
import type { TimeLimitUnit } from '../model/index.js';
import { ALERT_LEVELS, type AlertLevel } from '../supervision/index.js';
import { readJson } from './json.js';

export interface AuditCaseFilter {
  /**
   * The case's matter; with a time-limit criterion (see `timeLimit`), the matter of that time limit
   * (as the supervision board counts it).
   */
  readonly matterCode?: string;
  /**
   * A department that had a step (a task) of the case, at any time; with a time-limit criterion,
   * the department of that time limit.
   */
  readonly department?: string;
  /** Someone who acted on the case (an event's actor). */
  readonly officer?: string;
  readonly domainStatus?: CaseStatusZh;
  /** 办件编号: one number, or a Beijing date's numbers. */
  readonly number?: CaseNumberTerm;
  /** 收件 (the case's start) at or after / before these instants (ISO). */
  readonly receivedFrom?: string;
  readonly receivedTo?: string;
  /**
   * Overran a time limit: a step or case clock finished late, or one still running past its due
   * time at `now`, or a 黄牌 / 红牌 was raised (whether cleared since or not). false: none of these.
   */
  readonly overdue?: boolean;
  /** "Now" for `overdue` (ISO; default the current time). */
  readonly now?: string;
  /** The case has one time limit (clock) matching every member given here (and `department` / `matterCode`). */
  readonly timeLimit?: TimeLimitCriteria;
  /** At most this many rows, newest 收件 first (default 200). */
  readonly limit?: number;
  /** The rows after this one in the list's order (the last row of the page before: its start and id). */
  readonly after?: { readonly startedAt: string; readonly caseId: string };
}

/** What one of a case's time limits must be for the case to match (every member given). */
interface TimeLimitCriteria {
  /** 办件 (the case's promised limit) or 环节 (one step's). */
  readonly kind?: 'case' | 'step';
  readonly unit?: TimeLimitUnit;
  /** The limit has no department recorded. */
  readonly noDepartment?: boolean;
  /** The limit has no matter recorded. */
  readonly noMatter?: boolean;
  /** Finished at or after / before these instants (ISO). */
  readonly finishedFrom?: string;
  readonly finishedTo?: string;
  /** Finished on time (true) or late (false). */
  readonly onTime?: boolean;
  /** Its highest open signal (预警 < 黄牌 < 红牌) is this one: the board counts each open limit once, at that level. */
  readonly signal?: AlertLevel;
}

export interface AuditCaseRow {
  readonly caseId: string;
  /** 办件编号 (null: received before numbers were given, or a bare process run). */
  readonly number: string | null;
  readonly processId: string;
  /** The name of the process version it runs (a 一件事 child has no matter of its own). */
  readonly processName: string | null;
  readonly matterCode: string | null;
  readonly matterName: string | null;
  readonly applicantName: string | null;
  readonly status: CaseStatus;
  readonly domainStatus: CaseStatusZh | null;
  readonly receivedAt: string;
  readonly endedAt: string | null;
  readonly parentCaseId: string | null;
  /** Number of events (the case's version). */
  readonly events: number;
}

/** Cases matching every given criterion, newest 收件 first. */
export async function searchAuditCases(db: Knex, filter: AuditCaseFilter = {}): Promise<AuditCaseRow[]> {
  const query = db('cases')
    .leftJoin('definitions', function join() {
      this.on('definitions.hash', '=', 'cases.definition_hash').andOn(
        'definitions.process_id',
        '=',
        'cases.process_id',
      );
    })
    .select(
      'cases.case_id',
      'cases.number',
      'cases.process_id',
      'definitions.name as process_name',
      'cases.matter_code',
      'cases.status',
      'cases.domain_status',
      'cases.started_at',
      'cases.ended_at',
      'cases.parent_case_id',
      'cases.version',
      'cases.state',
    )
    .orderBy([{ column: 'cases.started_at', order: 'desc' }, { column: 'cases.case_id' }])
    .limit(filter.limit ?? 200);
  const limit =
    filter.timeLimit !== undefined && Object.values(filter.timeLimit).some((value) => value !== undefined)
      ? filter.timeLimit
      : null;
  if (filter.after !== undefined) {
    const { startedAt, caseId } = filter.after;
    query.where((after) =>
      after
        .where('cases.started_at', '<', startedAt)
        .orWhere((same) => same.where('cases.started_at', startedAt).where('cases.case_id', '>', caseId)),
    );
  }
  if (filter.matterCode !== undefined && !limit) query.where('cases.matter_code', filter.matterCode);
  if (filter.domainStatus !== undefined) query.where('cases.domain_status', filter.domainStatus);
  if (filter.number !== undefined) whereCaseNumber(query, filter.number);
  if (filter.receivedFrom !== undefined)
    query.where('cases.started_at', '>=', new Date(filter.receivedFrom).toISOString());
  if (filter.receivedTo !== undefined) query.where('cases.started_at', '<', new Date(filter.receivedTo).toISOString());
  if (filter.officer !== undefined) {
    const officer = filter.officer;
    query.whereExists((sub) =>
      sub
        .select(db.raw('1'))
        .from('case_events')
        .whereRaw('case_events.case_id = cases.case_id')
        .where('case_events.actor', officer),
    );
  }
  if (filter.department !== undefined && !limit) {
    // task.created carries the step's department; the log is JSON text on both dialects.
    const pattern = `%${likeEscape(`"department":${JSON.stringify(filter.department)}`)}%`;
    query.whereExists((sub) =>
      sub
        .select(db.raw('1'))
        .from('case_events')
        .whereRaw('case_events.case_id = cases.case_id')
        .where('case_events.type', 'task.created')
        .whereRaw("case_events.data LIKE ? ESCAPE '!'", [pattern]),
    );
  }
  if (limit) {
    query.whereExists((sub) => {
      sub.select(db.raw('1')).from('clocks').whereRaw('clocks.case_id = cases.case_id');
      if (filter.matterCode !== undefined) sub.where('clocks.matter_code', filter.matterCode);
      if (filter.department !== undefined) sub.where('clocks.department', filter.department);
      if (limit.noDepartment === true) sub.whereNull('clocks.department');
      if (limit.noMatter === true) sub.whereNull('clocks.matter_code');
      if (limit.kind !== undefined) sub.where('clocks.kind', limit.kind);
      if (limit.unit !== undefined) sub.where('clocks.unit', limit.unit);
      if (limit.finishedFrom !== undefined || limit.finishedTo !== undefined || limit.onTime !== undefined)
        sub.whereNotNull('clocks.finished_at');
      if (limit.finishedFrom !== undefined)
        sub.where('clocks.finished_at', '>=', new Date(limit.finishedFrom).toISOString());
      if (limit.finishedTo !== undefined)
        sub.where('clocks.finished_at', '<', new Date(limit.finishedTo).toISOString());
      if (limit.onTime !== undefined) sub.where('clocks.on_time', limit.onTime ? 1 : 0);
      if (limit.signal !== undefined) {
        const higher = ALERT_LEVELS.slice(ALERT_LEVELS.indexOf(limit.signal) + 1);
        const open = (level: AlertLevel | readonly AlertLevel[]) => (alerts: Knex.QueryBuilder) =>
          alerts
            .select(db.raw('1'))
            .from('alerts')
            .whereRaw('alerts.clock_id = clocks.clock_id')
            .whereNull('alerts.cleared_at')
            .whereIn('alerts.level', typeof level === 'string' ? [level] : [...level]);
        sub.whereExists(open(limit.signal));
        if (higher.length > 0) sub.whereNotExists(open(higher));
      }
    });
  }
  if (filter.overdue !== undefined) {
    const now = new Date(filter.now ?? Date.now()).toISOString();
    const overran = (where: Knex.QueryBuilder) =>
      where
        .whereExists((sub) =>
          sub.select(db.raw('1')).from('clocks').whereRaw('clocks.case_id = cases.case_id').where('clocks.on_time', 0),
        )
        .orWhereExists((sub) =>
          sub
            .select(db.raw('1'))
            .from('clocks')
            .whereRaw('clocks.case_id = cases.case_id')
            .whereNull('clocks.finished_at')
            .where('clocks.running', 1)
            .where('clocks.due_at', '<', now),
        )
        .orWhereExists((sub) =>
          sub
            .select(db.raw('1'))
            .from('alerts')
            .whereRaw('alerts.case_id = cases.case_id')
            .whereIn('alerts.level', ['黄牌', '红牌']),
        );
    if (filter.overdue) query.where(overran);
    else query.whereNot(overran);
  }
  const rows = (await query) as CaseRow[];
  return rows.map((row) => {
    const state = readJson<Pick<CaseState, 'domain'>>(row.state);
    return {
      caseId: row.case_id,
      number: row.number ?? null,
      processId: row.process_id,
      processName: row.process_name,
      matterCode: row.matter_code,
      matterName: state.domain?.matter.name ?? null,
      applicantName: state.domain?.applicant.name ?? null,
      status: row.status,
      domainStatus: row.domain_status,
      receivedAt: state.domain?.receivedAt ?? row.started_at,
      endedAt: row.ended_at,
      parentCaseId: row.parent_case_id,
      events: Number(row.version),
    };
  });
}

/** `!` escapes LIKE's wildcards (and itself). */
function likeEscape(text: string): string {
  return text.replace(/[!%_]/g, (c) => `!${c}`);
}

/** What the replay viewer shows of a case's state after one event. */
export interface StateSummary {
  readonly seq: number;
  readonly status: CaseStatus;
  readonly domainStatus: CaseStatusZh | null;
  /** Element id -> tokens resting in it (the process instance itself left out). */
  readonly active: Record<string, number>;
  /** Element id -> times entered (visit counts). */
  readonly entered: Record<string, number>;
  /** Element id -> times completed normally. */
  readonly completed: Record<string, number>;
  /** Sequence flow id -> times taken. */
  readonly flows: Record<string, number>;
  readonly tasks: ReadonlyArray<{
    taskId: string;
    elementId: string;
    name: string | null;
    assignee: string | null;
    department: string | null;
  }>;
  /** Pending timers: BPMN timers, 电子监察 thresholds (`alert`) and case deadlines. */
  readonly timers: ReadonlyArray<{
    timerId: string;
    elementId: string;
    dueAt: string;
    kind: 'timer' | 'alert' | 'deadline';
    level: AlertLevel | null;
    deadline: string | null;
  }>;
  /** Open 电子监察 signals, with the element of their clock. */
  readonly signals: ReadonlyArray<{
    alertId: string;
    level: AlertLevel;
    elementId: string | null;
    department: string | null;
    officer: string | null;
    raisedAt: string;
  }>;
  readonly clocks: ReadonlyArray<{
    clockId: string;
    kind: 'case' | 'step';
    elementId: string;
    dueAt: string;
    running: boolean;
    provisional: boolean;
  }>;
  /** Call activities waiting for a child case. */
  readonly calls: ReadonlyArray<{ elementId: string; childCaseId: string }>;
  readonly suspended: boolean;
}

/** The summary of one replayed state (the values are copied: the state may change afterwards). */
export function summarizeState(state: CaseState): StateSummary {
  const active: Record<string, number> = {};
  const calls: Array<{ elementId: string; childCaseId: string }> = [];
  for (const instance of Object.values(state.instances)) {
    if (instance.id === state.rootInstanceId) continue;
    // A multi-instance body counts through its inner instances (one token each).
    if (instance.mi) {
      active[instance.elementId] ??= 0;
      continue;
    }
    active[instance.elementId] = (active[instance.elementId] ?? 0) + 1;
    if (instance.childCaseId) calls.push({ elementId: instance.elementId, childCaseId: instance.childCaseId });
  }
  for (const [elementId, count] of Object.entries(active)) if (count === 0) active[elementId] = 1;
  return {
    seq: state.seq,
    status: state.status,
    domainStatus: state.domain?.status ?? null,
    active: sortedRecord(active),
    entered: sortedRecord(state.stats.entered),
    completed: sortedRecord(state.stats.completed),
    flows: sortedRecord(state.stats.flows),
    tasks: Object.values(state.tasks)
      .map((task) => ({
        taskId: task.id,
        elementId: task.elementId,
        name: task.name,
        assignee: task.assignee,
        department: task.department,
      }))
      .sort((a, b) => a.elementId.localeCompare(b.elementId) || a.taskId.localeCompare(b.taskId)),
    timers: Object.values(state.timers)
      .map((timer) => ({
        timerId: timer.id,
        elementId: timer.elementId,
        dueAt: timer.dueAt,
        kind: timer.alert ? ('alert' as const) : timer.deadline ? ('deadline' as const) : ('timer' as const),
        level: timer.alert?.level ?? null,
        deadline: timer.deadline ?? null,
      }))
      .sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.timerId.localeCompare(b.timerId)),
    signals: Object.values(state.alerts)
      .map((alert) => ({
        alertId: alert.id,
        level: alert.level,
        elementId: state.clocks[alert.clockId]?.elementId ?? null,
        department: alert.department,
        officer: alert.officer,
        raisedAt: alert.raisedAt,
      }))
      .sort((a, b) => a.raisedAt.localeCompare(b.raisedAt) || a.alertId.localeCompare(b.alertId)),
    clocks: Object.values(state.clocks)
      .map((clock) => ({
        clockId: clock.id,
        kind: clock.kind,
        elementId: clock.elementId,
        dueAt: clock.dueAt,
        running: clock.running,
        provisional: clock.provisional,
      }))
      .sort(
        (a, b) =>
          a.kind.localeCompare(b.kind) || a.elementId.localeCompare(b.elementId) || a.clockId.localeCompare(b.clockId),
      ),
    calls: calls.sort((a, b) => a.elementId.localeCompare(b.elementId) || a.childCaseId.localeCompare(b.childCaseId)),
    suspended: state.suspended !== null,
  };
}

/** One event of the timeline with what it touched on the diagram and the state after it. */
export interface TimelineStep {
  readonly seq: number;
  readonly type: string;
  readonly time: string;
  readonly actor: string;
  readonly data: unknown;
  /** Elements this event entered, completed or terminated; flows it took. */
  readonly elements: string[];
  readonly flows: string[];
  /** The state after this event; null when the log can no longer be folded (an altered event). */
  readonly state: StateSummary | null;
  /** Why the fold stopped at this event. */
  readonly replayError?: string;
}

/**
 * The state after each event, from the same fold as `replay` (applyEvent from the first event):
 * the summary at seq n equals `summarizeState(replay(events[0..n]))`.
 */
export function replayTimeline(events: readonly CaseEvent[]): TimelineStep[] {
  let state: CaseState | null = null;
  let failed: string | null = null;
  let rootInstanceId = '';
  return events.map((event, index) => {
    const elements: string[] = [];
    const flows: string[] = [];
    if (event.type === 'case.started') rootInstanceId = event.data.rootInstanceId;
    if (
      (event.type === 'element.activated' ||
        event.type === 'element.completed' ||
        event.type === 'element.terminated') &&
      event.data.instanceId !== rootInstanceId
    )
      elements.push(event.data.elementId);
    if (event.type === 'flow.taken') flows.push(event.data.flowId);
    let replayError: string | undefined;
    if (failed === null) {
      try {
        state = applyEvent(state, event);
      } catch (error) {
        failed = error instanceof Error ? error.message : String(error);
        replayError = failed;
      }
    }
    const summary = failed === null && state ? summarizeState(state) : null;
    return {
      seq: index + 1,
      type: event.type,
      time: event.time,
      actor: event.actor,
      data: event.data,
      elements,
      flows,
      state: summary,
      ...(replayError ? { replayError } : {}),
    };
  });
}

export interface CaseFamily {
  /** The parent case (一件事) and the call activity that started this one. */
  readonly parent: { readonly caseId: string; readonly processId: string; readonly elementId: string | null } | null;
  /** Child cases in the order they were started, with the call activity of each. */
  readonly children: ReadonlyArray<{
    readonly caseId: string;
    readonly processId: string;
    readonly elementId: string | null;
    readonly status: CaseStatus;
    readonly domainStatus: CaseStatusZh | null;
  }>;
}

/** A case's parent and children (call activities), from the case rows and the call.started events. */
export async function caseFamily(db: Knex, caseId: string): Promise<CaseFamily> {
  const self = (await db('cases').where({ case_id: caseId }).first('parent_case_id')) as
    { parent_case_id: string | null } | undefined;
  const callsOf = async (parentCaseId: string): Promise<Map<string, string>> => {
    const rows = (await db('case_events')
      .where({ case_id: parentCaseId, type: 'call.started' })
      .select('data')) as Array<{ data: string }>;
    return new Map(
      rows
        .map((row) => readJson<{ childCaseId: string; elementId: string }>(row.data))
        .map((data) => [data.childCaseId, data.elementId]),
    );
  };
  let parent: CaseFamily['parent'] = null;
  if (self?.parent_case_id) {
    const row = (await db('cases').where({ case_id: self.parent_case_id }).first('process_id')) as
      { process_id: string } | undefined;
    parent = {
      caseId: self.parent_case_id,
      processId: row?.process_id ?? '',
      elementId: (await callsOf(self.parent_case_id)).get(caseId) ?? null,
    };
  }
  const childRows = (await db('cases')
    .where({ parent_case_id: caseId })
    .select('case_id', 'process_id', 'status', 'domain_status', 'started_at')
    .orderBy([{ column: 'started_at' }, { column: 'case_id' }])) as Array<{
    case_id: string;
    process_id: string;
    status: CaseStatus;
    domain_status: CaseStatusZh | null;
  }>;
  const calls = childRows.length > 0 ? await callsOf(caseId) : new Map<string, string>();
  return {
    parent,
    children: childRows.map((row) => ({
      caseId: row.case_id,
      processId: row.process_id,
      elementId: calls.get(row.case_id) ?? null,
      status: row.status,
      domainStatus: row.domain_status,
    })),
  };
}

/** The deployed version (process id, version, content hash) a case runs, or null. */
export async function caseDefinition(
  db: Knex,
  caseId: string,
): Promise<{ processId: string; version: number; hash: string; name: string | null } | null> {
  const row = (await db('cases')
    .join('definitions', function join() {
      this.on('definitions.hash', '=', 'cases.definition_hash').andOn(
        'definitions.process_id',
        '=',
        'cases.process_id',
      );
    })
    .where('cases.case_id', caseId)
    .first('definitions.process_id', 'definitions.version', 'definitions.hash', 'definitions.name')) as
    { process_id: string; version: number | string; hash: string; name: string | null } | undefined;
  return row ? { processId: row.process_id, version: Number(row.version), hash: row.hash, name: row.name } : null;
}

/** The stored chain links of a case's events: seq -> [prevHash, hash]. */
export async function eventHashes(
  db: Knex,
  caseId: string,
): Promise<Array<{ seq: number; prevHash: string; hash: string }>> {
  const rows = (await db('case_events')
    .where({ case_id: caseId })
    .orderBy('seq')
    .select('seq', 'prev_hash', 'hash')) as Array<{ seq: number | string; prev_hash: string; hash: string }>;
  return rows.map((row) => ({ seq: Number(row.seq), prevHash: row.prev_hash, hash: row.hash }));
}

function sortedRecord(record: Readonly<Record<string, number>>): Record<string, number> {
  const sorted: Record<string, number> = {};
  for (const key of Object.keys(record).sort()) sorted[key] = record[key] as number;
  return sorted;
}

interface CaseRow {
  case_id: string;
  number: string | null;
  process_id: string;
  process_name: string | null;
  matter_code: string | null;
  status: CaseStatus;
  domain_status: CaseStatusZh | null;
  started_at: string;
  ended_at: string | null;
  parent_case_id: string | null;
  version: number | string;
  state: unknown;
}
