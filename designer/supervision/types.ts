/** The answers of the supervision API the board reads (server/routes/supervision.ts). */
export type Level = '预警' | '黄牌' | '红牌';
export const LEVELS: readonly Level[] = ['预警', '黄牌', '红牌'];

export interface SignalGroup {
  readonly department: string | null;
  readonly matterCode: string | null;
  readonly matterName: string | null;
  readonly kind: 'case' | 'step';
  /** The highest open level of the time limits counted here. */
  readonly level: Level;
  /** Time limits (环节 or 办件 clocks) at this level. */
  readonly clocks: number;
  readonly cases: number;
}

export interface SignalSummary {
  readonly asOf: string;
  readonly groups: readonly SignalGroup[];
}

export type Unit = '工作日' | '自然日' | '小时(工作日)' | '小时(自然日)';

export interface PerformanceRow {
  readonly key: string | null;
  readonly name: string | null;
  readonly unit: Unit;
  readonly finished: number;
  readonly onTime: number;
  readonly late: number;
  readonly onTimeRate: number;
  readonly averageUsed: number;
  readonly p90Used: number;
  readonly maxUsed: number;
}

export interface Performance {
  readonly asOf: string;
  readonly period: { readonly from: string; readonly to: string; readonly timeZone: string };
  readonly groupBy: 'matter' | 'department';
  readonly kind: 'case' | 'step';
  readonly rows: readonly PerformanceRow[];
}

interface RectificationDue {
  readonly ratingId: string;
  readonly caseId: string;
  readonly matterCode: string;
  readonly matterName: string | null;
  readonly department: string;
  readonly level: string;
  readonly text: string | null;
  readonly ratedAt: string;
  readonly dueAt: string;
  readonly provisional: boolean;
  readonly overdue: boolean;
  readonly followUps: number;
  readonly appeal: string | null;
}

export interface RectificationsDue {
  readonly asOf: string;
  readonly rectifications: readonly RectificationDue[];
}

/** 本月 / 本季度 / 本年, or from–to (Beijing dates, both inclusive). */
export type PeriodChoice =
  | { readonly kind: 'month' | 'quarter' | 'year' }
  | { readonly kind: 'custom'; readonly from: string; readonly to: string };
