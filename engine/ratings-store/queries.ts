/**
 * Read-side queries over the projections: open rectifications past their deadline, and the
 * statistics per department, matter or officer (voided ratings excluded).
 */
import type { Knex } from 'knex';
import {
  emptyLevelCounts,
  isLevel,
  statisticsOf,
  type RatingStatistics,
  type StatisticsQuery,
} from '../ratings/index.js';

const GROUP_COLUMN = { department: 'department', matter: 'matter_code', officer: 'officer' } as const;

/** Rating ids whose rectification is 整改中 and due before `now` (only the unmarked ones if `unmarkedOnly`). */
export async function overdueRectifications(knex: Knex, now: string, unmarkedOnly: boolean): Promise<string[]> {
  const query = knex('rectifications')
    .where('status', '整改中')
    .andWhere('due_at', '<', now)
    .orderBy('due_at')
    .select('rating_id');
  if (unmarkedOnly) void query.whereNull('overdue_at');
  return ((await query) as { rating_id: string }[]).map((row) => row.rating_id);
}

/** The figures of each group with a rating in [from, to); groups in key order. */
export async function ratingStatistics(knex: Knex, query: StatisticsQuery, asOf: string): Promise<RatingStatistics[]> {
  const column = `r.${GROUP_COLUMN[query.groupBy]}`;
  const scope = (builder: Knex.QueryBuilder) => {
    void builder
      .where('r.status', '有效')
      .andWhere('r.rated_at', '>=', iso(query.from))
      .andWhere('r.rated_at', '<', iso(query.to));
    if (query.department !== undefined) void builder.andWhere('r.department', query.department);
    if (query.matterCode !== undefined) void builder.andWhere('r.matter_code', query.matterCode);
    return builder;
  };
  const levelRows = (await scope(knex('ratings as r'))
    .select({ key: column, level: 'r.level' })
    .count({ n: '*' })
    .groupBy(column, 'r.level')) as { key: string; level: string; n: number | string }[];
  const rectRows = (await scope(knex('ratings as r').join('rectifications as c', 'c.rating_id', 'r.rating_id'))
    .select({ key: column, status: 'c.status' })
    .select(knex.raw('sum(case when c.due_at < ? then 1 else 0 end) as late', [asOf]))
    .count({ n: '*' })
    .groupBy(column, 'c.status')) as {
    key: string;
    status: string;
    n: number | string;
    late: number | string | null;
  }[];

  const groups = new Map<
    string,
    { levels: ReturnType<typeof emptyLevelCounts>; open: number; overdue: number; completed: number }
  >();
  const group = (key: string) => {
    let entry = groups.get(key);
    if (!entry) groups.set(key, (entry = { levels: emptyLevelCounts(), open: 0, overdue: 0, completed: 0 }));
    return entry;
  };
  for (const row of levelRows) if (isLevel(row.level)) group(row.key).levels[row.level] += Number(row.n);
  for (const row of rectRows) {
    const entry = group(row.key);
    if (row.status === '整改中') {
      entry.open += Number(row.n);
      entry.overdue += Number(row.late ?? 0);
    } else if (row.status === '已整改') entry.completed += Number(row.n);
  }
  return [...groups.keys()].sort().map((key) => {
    const { levels, open, overdue, completed } = groups.get(key)!;
    return statisticsOf(key, levels, { open, overdue, completed });
  });
}

function iso(instant: string): string {
  return new Date(instant).toISOString();
}
