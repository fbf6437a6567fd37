/**
 * The 电子监察 board's handling figures over a period: per matter or department, the time limits
 * (办件 or 环节 clocks) finished in the period, how many on time, the on-time rate, and the average
 * and 90th-percentile time used — in the limit's own unit (工作日 for working-day limits, counted
 * with the calendar when the clock finished), so rows are split by unit, never mixed.
 *
 * p90 is the nearest-rank percentile: the smallest time used such that at least 90% of the
 * finished clocks used no more, i.e. the ⌈0.9·n⌉-th smallest value.
 */
import type { Knex } from 'knex';
import type { TimeLimitUnit } from '../model/index.js';

/** A period of Beijing dates, both inclusive, as the half-open instant range [from, to). */
export interface InstantRange {
  readonly from: string;
  readonly to: string;
}

/** `2026-11-01`..`2026-11-30` (Beijing dates, inclusive) → [2026-10-31T16:00Z, 2026-11-30T16:00Z). */
export function beijingPeriod(fromDate: string, toDate: string): InstantRange {
  const start = Date.parse(`${fromDate}T00:00:00.000+08:00`);
  const end = Date.parse(`${toDate}T00:00:00.000+08:00`) + 86_400_000;
  if (Number.isNaN(start) || Number.isNaN(end))
    throw new RangeError(`Not a date: ${Number.isNaN(start) ? fromDate : toDate}`);
  return { from: new Date(start).toISOString(), to: new Date(end).toISOString() };
}

export type PeriodKind = 'month' | 'quarter' | 'year';

/** 本月 / 本季度 / 本年 around `now`, as Beijing dates (first and last day, both inclusive). */
export function currentPeriod(kind: PeriodKind, now: Date): { from: string; to: string } {
  const beijing = new Date(now.getTime() + 8 * 3_600_000);
  const year = beijing.getUTCFullYear();
  const month = beijing.getUTCMonth();
  const [first, months] = kind === 'year' ? [0, 12] : kind === 'quarter' ? [month - (month % 3), 3] : [month, 1];
  const day = (y: number, m: number, d: number) => new Date(Date.UTC(y, m, d)).toISOString().slice(0, 10);
  return { from: day(year, first, 1), to: day(year, first + months, 0) };
}

/**
 * The nearest-rank `percent`-th percentile of values sorted ascending: the ⌈percent·n/100⌉-th
 * smallest (integer arithmetic, so 90% of 70 values is the 63rd, not the 64th). Null when empty.
 */
export function nearestRank(sortedAscending: readonly number[], percent: number): number | null {
  if (!(percent > 0 && percent <= 100)) throw new RangeError(`percent must be in (0, 100], got ${percent}`);
  const n = sortedAscending.length;
  if (n === 0) return null;
  return sortedAscending[Math.ceil((percent * n) / 100) - 1] ?? null;
}

export interface PerformanceFilter extends InstantRange {
  readonly groupBy: 'matter' | 'department';
  /** 办件 clocks (the promised limit of the whole case) or 环节 clocks (one step each). */
  readonly kind: 'case' | 'step';
  readonly department?: string;
  readonly matterCode?: string;
}

export interface PerformanceRow {
  /** The matter code or department (null: none recorded). */
  readonly key: string | null;
  /** The unit of every time below. */
  readonly unit: TimeLimitUnit;
  readonly finished: number;
  readonly onTime: number;
  readonly late: number;
  /** onTime / finished, 0..1. */
  readonly onTimeRate: number;
  readonly averageUsed: number;
  /** Nearest-rank 90th percentile (see the module comment). */
  readonly p90Used: number;
  readonly maxUsed: number;
}

/** Clocks finished in [from, to) per group and unit: counts, on-time rate, average, p90 and maximum time used. */
export async function handlingPerformance(db: Knex, filter: PerformanceFilter): Promise<PerformanceRow[]> {
  const column = filter.groupBy === 'matter' ? 'matter_code' : 'department';
  const query = db('clocks')
    .select({ key: column, unit: 'unit', used: 'used', onTime: 'on_time' })
    .whereNotNull('finished_at')
    .where('kind', filter.kind)
    .where('finished_at', '>=', new Date(filter.from).toISOString())
    .where('finished_at', '<', new Date(filter.to).toISOString());
  if (filter.department !== undefined) query.where('department', filter.department);
  if (filter.matterCode !== undefined) query.where('matter_code', filter.matterCode);
  const rows = (await query) as Array<{
    key: string | null;
    unit: TimeLimitUnit;
    used: number | string | null;
    onTime: number | string | null;
  }>;

  const groups = new Map<string, { key: string | null; unit: TimeLimitUnit; used: number[]; onTime: number }>();
  for (const row of rows) {
    const key = row.key ?? null;
    const id = JSON.stringify([key, row.unit]);
    const group = groups.get(id) ?? { key, unit: row.unit, used: [], onTime: 0 };
    group.used.push(Number(row.used ?? 0));
    group.onTime += Number(row.onTime ?? 0) === 1 ? 1 : 0;
    groups.set(id, group);
  }
  return [...groups.values()]
    .map(({ key, unit, used, onTime }) => {
      const sorted = [...used].sort((a, b) => a - b);
      const finished = sorted.length;
      return {
        key,
        unit,
        finished,
        onTime,
        late: finished - onTime,
        onTimeRate: onTime / finished,
        averageUsed: sorted.reduce((sum, value) => sum + value, 0) / finished,
        p90Used: nearestRank(sorted, 90) ?? 0,
        maxUsed: sorted[finished - 1] ?? 0,
      };
    })
    .sort((a, b) =>
      a.key === b.key
        ? a.unit.localeCompare(b.unit)
        : a.key === null
          ? 1
          : b.key === null
            ? -1
            : a.key.localeCompare(b.key, 'zh-CN'),
    );
}
