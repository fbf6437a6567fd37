/**
 * 电子监察 queries over the `clocks` and `alerts` projections: raised signals by department,
 * level, matter, 办件编号 and time, each with its case's number; and per matter or department the
 * on-time rate, average and 90th-percentile handling time (in the limit's unit, working days for
 * 工作日 limits) and the signals still open.
 */
import type { Knex } from 'knex';
import type { CaseNumberTerm } from '../domain/index.js';
import type { TimeLimitUnit } from '../model/index.js';
import type { AlertLevel } from '../supervision/index.js';
import { whereCaseNumber } from './case-repository.js';
import { nearestRank } from './supervision-performance.js';

export interface AlertFilter {
  readonly department?: string;
  readonly level?: AlertLevel;
  readonly matterCode?: string;
  readonly processId?: string;
  readonly caseId?: string;
  /** 办件编号: one number, or a Beijing date's numbers (as the case list takes it). */
  readonly number?: CaseNumberTerm;
  /** Raised at or after / before these instants (ISO). */
  readonly raisedFrom?: string;
  readonly raisedTo?: string;
  /** true (default): only signals still open; false: every signal. */
  readonly openOnly?: boolean;
}

export interface AlertView {
  readonly alertId: string;
  readonly caseId: string;
  /** 办件编号 of the case (null: a bare process run without one). */
  readonly number: string | null;
  readonly clockId: string;
  readonly level: AlertLevel;
  readonly kind: 'case' | 'step';
  readonly processId: string;
  readonly matterCode: string | null;
  readonly elementId: string;
  readonly department: string | null;
  readonly officer: string | null;
  readonly dueAt: string;
  readonly raisedAt: string;
  readonly clearedAt: string | null;
}

/** Signals matching the filter, newest first, each with its case's 办件编号. */
export async function listAlerts(db: Knex, filter: AlertFilter = {}): Promise<AlertView[]> {
  const query = db('alerts')
    .leftJoin('cases', 'cases.case_id', 'alerts.case_id')
    .select('alerts.*', 'cases.number')
    .orderBy([{ column: 'alerts.raised_at', order: 'desc' }, { column: 'alerts.alert_id' }]);
  if (filter.openOnly !== false) query.whereNull('alerts.cleared_at');
  if (filter.department !== undefined) query.where('alerts.department', filter.department);
  if (filter.level !== undefined) query.where('alerts.level', filter.level);
  if (filter.matterCode !== undefined) query.where('alerts.matter_code', filter.matterCode);
  if (filter.processId !== undefined) query.where('alerts.process_id', filter.processId);
  if (filter.caseId !== undefined) query.where('alerts.case_id', filter.caseId);
  if (filter.number !== undefined) whereCaseNumber(query, filter.number);
  if (filter.raisedFrom !== undefined) query.where('alerts.raised_at', '>=', new Date(filter.raisedFrom).toISOString());
  if (filter.raisedTo !== undefined) query.where('alerts.raised_at', '<', new Date(filter.raisedTo).toISOString());
  const rows = (await query) as Array<Record<string, string | null>>;
  return rows.map((row) => ({
    alertId: String(row['alert_id']),
    caseId: String(row['case_id']),
    number: row['number'] ?? null,
    clockId: String(row['clock_id']),
    level: row['level'] as AlertLevel,
    kind: row['kind'] as 'case' | 'step',
    processId: String(row['process_id']),
    matterCode: row['matter_code'] ?? null,
    elementId: String(row['element_id']),
    department: row['department'] ?? null,
    officer: row['officer'] ?? null,
    dueAt: String(row['due_at']),
    raisedAt: String(row['raised_at']),
    clearedAt: row['cleared_at'] ?? null,
  }));
}

export interface StatisticsFilter {
  /** Clocks finished in [from, to). */
  readonly from: string;
  readonly to: string;
  readonly groupBy: 'matter' | 'department';
  readonly kind?: 'case' | 'step';
}

export interface StatisticsRow {
  /** The matter code or department (null: none recorded). */
  readonly key: string | null;
  readonly unit: TimeLimitUnit;
  readonly finished: number;
  readonly onTime: number;
  readonly onTimeRate: number;
  readonly averageUsed: number;
  readonly p90Used: number;
  readonly openAlerts: Readonly<Record<AlertLevel, number>>;
}

/** On-time rate, average and 90th-percentile handling time, and open signals, per group. */
export async function supervisionStatistics(db: Knex, filter: StatisticsFilter): Promise<StatisticsRow[]> {
  const column = filter.groupBy === 'matter' ? 'matter_code' : 'department';
  const finished = db('clocks')
    .select(column, 'unit', 'used', 'on_time')
    .whereNotNull('finished_at')
    .where('finished_at', '>=', new Date(filter.from).toISOString())
    .where('finished_at', '<', new Date(filter.to).toISOString());
  if (filter.kind) finished.where('kind', filter.kind);
  const open = db('alerts').select(column, 'level').count({ n: '*' }).whereNull('cleared_at').groupBy(column, 'level');
  if (filter.kind) open.where('kind', filter.kind);
  const [rows, openRows] = (await Promise.all([finished, open])) as [
    Array<Record<string, unknown>>,
    Array<Record<string, unknown>>,
  ];

  const groups = new Map<string, { key: string | null; unit: TimeLimitUnit; used: number[]; onTime: number }>();
  for (const row of rows) {
    const key = (row[column] as string | null) ?? null;
    const unit = row['unit'] as TimeLimitUnit;
    const id = JSON.stringify([key, unit]);
    const group = groups.get(id) ?? { key, unit, used: [], onTime: 0 };
    group.used.push(Number(row['used']));
    group.onTime += Number(row['on_time']);
    groups.set(id, group);
  }
  const openBy = new Map<string | null, Record<AlertLevel, number>>();
  for (const row of openRows) {
    const key = (row[column] as string | null) ?? null;
    const counts = openBy.get(key) ?? { 预警: 0, 黄牌: 0, 红牌: 0 };
    counts[row['level'] as AlertLevel] += Number(row['n']);
    openBy.set(key, counts);
  }
  return [...groups.values()]
    .map((group) => {
      const sorted = [...group.used].sort((a, b) => a - b);
      return {
        key: group.key,
        unit: group.unit,
        finished: sorted.length,
        onTime: group.onTime,
        onTimeRate: group.onTime / sorted.length,
        averageUsed: sorted.reduce((sum, value) => sum + value, 0) / sorted.length,
        p90Used: nearestRank(sorted, 90) ?? 0,
        openAlerts: openBy.get(group.key) ?? { 预警: 0, 黄牌: 0, 红牌: 0 },
      };
    })
    .sort((a, b) => String(a.key).localeCompare(String(b.key)) || a.unit.localeCompare(b.unit));
}

/** The cases still open (the flow active or failed), by 办件状态: how much work the centre holds now. */
export interface OpenCaseCounts {
  readonly total: number;
  /** 办件状态 (null: a bare process run without one) -> open cases, largest first. */
  readonly byStatus: ReadonlyArray<{ readonly status: string | null; readonly cases: number }>;
}

export async function openCaseCounts(db: Knex): Promise<OpenCaseCounts> {
  const rows = (await db('cases')
    .select('domain_status')
    .count({ cases: '*' })
    .whereIn('status', ['active', 'failed'])
    .groupBy('domain_status')) as Array<{ domain_status: string | null; cases: number | string }>;
  const byStatus = rows
    .map((row) => ({ status: row.domain_status, cases: Number(row.cases) }))
    .sort((a, b) => b.cases - a.cases || String(a.status).localeCompare(String(b.status)));
  return { total: byStatus.reduce((sum, row) => sum + row.cases, 0), byStatus };
}
