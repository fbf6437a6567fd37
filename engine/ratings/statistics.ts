/**
 * 好差评 statistics (per department, matter or officer over a period) and what of them is
 * public. Counting happens in the store; the shapes and the arithmetic are here.
 *
 * Public view: results are public (DOMAIN.md), but per-officer figures and the ratings' officer
 * names, case ids, visit ids and free text are not: officers are named internally (绩效, 整改),
 * while the public sees departments and matters. A voided rating counts nowhere.
 */
import { LEVELS, SATISFIED_LEVELS, BAD_LEVELS, type Level } from './levels.js';
import type { RatingState, RatingStatus, RectificationStatus } from './state.js';

/** What statistics group by. */
export type StatisticsGroup = 'department' | 'matter' | 'officer';
/** The groups the public may see (no officer). */
export type PublicStatisticsGroup = Exclude<StatisticsGroup, 'officer'>;

/** A period [from, to) of rating times, and an optional narrowing. */
export interface StatisticsQuery<G extends StatisticsGroup = StatisticsGroup> {
  readonly groupBy: G;
  /** ISO-8601 instants: ratings with from <= ratedAt < to. */
  readonly from: string;
  readonly to: string;
  readonly department?: string;
  readonly matterCode?: string;
}

/** One group's figures. Voided ratings are excluded from every count. */
export interface RatingStatistics {
  /** The department, matter code or officer. */
  readonly key: string;
  readonly total: number;
  readonly levels: Readonly<Record<Level, number>>;
  /** (非常满意 + 满意 + 基本满意) / total; null when there is no rating. */
  readonly satisfactionRate: number | null;
  /** 不满意 + 非常不满意. */
  readonly bad: number;
  readonly rectifications: {
    /** 整改中 (including the overdue ones). */
    readonly open: number;
    /** 整改中 and past the deadline at the statistics' `asOf`. */
    readonly overdue: number;
    /** 已整改. */
    readonly completed: number;
  };
}

/** Zero for every level. */
export function emptyLevelCounts(): Record<Level, number> {
  return Object.fromEntries(LEVELS.map((level) => [level, 0])) as Record<Level, number>;
}

/** The figures of one group from its level counts and rectification counts. */
export function statisticsOf(
  key: string,
  levels: Record<Level, number>,
  rectifications: RatingStatistics['rectifications'],
): RatingStatistics {
  const total = LEVELS.reduce((sum, level) => sum + levels[level], 0);
  const satisfied = SATISFIED_LEVELS.reduce((sum, level) => sum + levels[level], 0);
  const bad = BAD_LEVELS.reduce((sum, level) => sum + levels[level], 0);
  return { key, total, levels, satisfactionRate: total === 0 ? null : satisfied / total, bad, rectifications };
}

/** A rating as the public may see it: no officer, case, visit, text or actors. */
export interface PublicRating {
  readonly ratingId: string;
  readonly matterCode: string;
  readonly department: string;
  readonly channel: RatingState['channel'];
  readonly level: Level;
  readonly dimensions: Readonly<Record<string, Level>>;
  readonly ratedAt: string;
  readonly status: RatingStatus;
  readonly rectification: {
    readonly status: RectificationStatus;
    readonly dueAt: string;
    readonly completedAt: string | null;
  } | null;
}

/** The public view of a rating (see the file comment for what is left out and why). */
export function publicRating(state: Readonly<RatingState>): PublicRating {
  const { rectification } = state;
  return {
    ratingId: state.ratingId,
    matterCode: state.matterCode,
    department: state.department,
    channel: state.channel,
    level: state.level,
    dimensions: { ...state.dimensions },
    ratedAt: state.ratedAt,
    status: state.status,
    rectification: rectification && {
      status: rectification.status,
      dueAt: rectification.dueAt,
      completedAt: rectification.completedAt,
    },
  };
}
