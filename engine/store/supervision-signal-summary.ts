/**
 * The 电子监察 board's signal figures: the time limits (环节 and 办件 clocks) with an open signal,
 * grouped by department, matter, kind and level. A clock whose 预警, 黄牌 and 红牌 are all still open
 * counts once, at its highest open level, so a stacked bar adds up to the clocks in trouble.
 */
import type { Knex } from 'knex';
import { ALERT_LEVELS, type AlertLevel } from '../supervision/index.js';

export interface SignalSummaryFilter {
  readonly department?: string;
  readonly matterCode?: string;
  readonly kind?: 'case' | 'step';
}

export interface SignalSummaryGroup {
  readonly department: string | null;
  readonly matterCode: string | null;
  /** 办件 (the case's promised limit) or 环节 (one step's) clocks. */
  readonly kind: 'case' | 'step';
  /** The highest open level of each clock counted here. */
  readonly level: AlertLevel;
  /** Time limits (clocks) at this level. */
  readonly clocks: number;
  /** Distinct cases among them. */
  readonly cases: number;
}

const RANK: Readonly<Record<AlertLevel, number>> = { 预警: 0, 黄牌: 1, 红牌: 2 };

/** Open signals per (department, matter, kind, level), each clock at its highest open level; sorted by department, matter, kind, level. */
export async function openSignalSummary(db: Knex, filter: SignalSummaryFilter = {}): Promise<SignalSummaryGroup[]> {
  const query = db('alerts')
    .select('clock_id', 'case_id', 'level', 'kind', 'department', 'matter_code')
    .whereNull('cleared_at');
  if (filter.department !== undefined) query.where('department', filter.department);
  if (filter.matterCode !== undefined) query.where('matter_code', filter.matterCode);
  if (filter.kind !== undefined) query.where('kind', filter.kind);
  const rows = (await query) as Array<{
    clock_id: string;
    case_id: string;
    level: string;
    kind: string;
    department: string | null;
    matter_code: string | null;
  }>;

  const clocks = new Map<
    string,
    { caseId: string; level: AlertLevel; kind: 'case' | 'step'; department: string | null; matterCode: string | null }
  >();
  for (const row of rows) {
    if (!(ALERT_LEVELS as readonly string[]).includes(row.level)) continue;
    const level = row.level as AlertLevel;
    const seen = clocks.get(row.clock_id);
    if (!seen || RANK[level] > RANK[seen.level])
      clocks.set(row.clock_id, {
        caseId: row.case_id,
        level,
        kind: row.kind === 'case' ? 'case' : 'step',
        department: row.department ?? null,
        matterCode: row.matter_code ?? null,
      });
  }
  const groups = new Map<
    string,
    {
      department: string | null;
      matterCode: string | null;
      kind: 'case' | 'step';
      level: AlertLevel;
      clocks: number;
      cases: Set<string>;
    }
  >();
  for (const clock of clocks.values()) {
    const id = JSON.stringify([clock.department, clock.matterCode, clock.kind, clock.level]);
    const group = groups.get(id) ?? {
      department: clock.department,
      matterCode: clock.matterCode,
      kind: clock.kind,
      level: clock.level,
      clocks: 0,
      cases: new Set<string>(),
    };
    group.clocks += 1;
    group.cases.add(clock.caseId);
    groups.set(id, group);
  }
  return [...groups.values()]
    .map(({ cases, ...group }) => ({ ...group, cases: cases.size }))
    .sort(
      (a, b) =>
        compareText(a.department, b.department) ||
        compareText(a.matterCode, b.matterCode) ||
        a.kind.localeCompare(b.kind) ||
        RANK[a.level] - RANK[b.level],
    );
}

/** Chinese order; nothing recorded sorts last. */
function compareText(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a.localeCompare(b, 'zh-CN');
}
