/**
 * 差评 rectifications (整改) still open, for the 电子监察 board: each with the rating it answers,
 * its deadline and whether that has passed, the overdue ones first (the earliest deadline first).
 */
import type { Knex } from 'knex';
import { readJson } from './json.js';

export interface RectificationDueFilter {
  /** Overdue means a deadline before this instant (ISO). */
  readonly asOf: string;
  readonly department?: string;
  readonly matterCode?: string;
}

export interface RectificationDue {
  readonly ratingId: string;
  readonly rectificationId: string;
  readonly caseId: string;
  readonly matterCode: string;
  readonly department: string;
  readonly officer: string;
  /** 不满意 or 非常不满意. */
  readonly level: string;
  readonly text: string | null;
  readonly ratedAt: string;
  readonly openedAt: string;
  readonly workingDays: number;
  readonly dueAt: string;
  readonly provisional: boolean;
  readonly overdue: boolean;
  /** 回访 recorded so far. */
  readonly followUps: number;
  /** The appeal's status (复核中 …), or null without one. */
  readonly appeal: string | null;
}

/** Open (整改中) rectifications of valid ratings, by deadline: the overdue ones come first. */
export async function rectificationsDue(db: Knex, filter: RectificationDueFilter): Promise<RectificationDue[]> {
  const asOf = new Date(filter.asOf).toISOString();
  const query = db('rectifications as c')
    .join('ratings as r', 'r.rating_id', 'c.rating_id')
    .where('c.status', '整改中')
    .where('r.status', '有效')
    .select({
      ratingId: 'r.rating_id',
      rectificationId: 'c.rectification_id',
      caseId: 'r.case_id',
      matterCode: 'r.matter_code',
      department: 'r.department',
      officer: 'r.officer',
      level: 'r.level',
      text: 'r.text',
      ratedAt: 'r.rated_at',
      appeal: 'r.appeal',
      openedAt: 'c.opened_at',
      workingDays: 'c.working_days',
      dueAt: 'c.due_at',
      provisional: 'c.provisional',
      followUps: 'c.follow_ups',
    })
    .orderBy([{ column: 'c.due_at' }, { column: 'c.rectification_id' }]);
  if (filter.department !== undefined) query.where('r.department', filter.department);
  if (filter.matterCode !== undefined) query.where('r.matter_code', filter.matterCode);
  const rows = (await query) as Array<Record<string, unknown>>;
  return rows.map((row) => {
    const dueAt = new Date(String(row['dueAt'])).toISOString();
    const appeal =
      row['appeal'] === null || row['appeal'] === undefined
        ? null
        : readJson<{ status?: string } | null>(row['appeal']);
    return {
      ratingId: String(row['ratingId']),
      rectificationId: String(row['rectificationId']),
      caseId: String(row['caseId']),
      matterCode: String(row['matterCode']),
      department: String(row['department']),
      officer: String(row['officer']),
      level: String(row['level']),
      text: (row['text'] as string | null) ?? null,
      ratedAt: String(row['ratedAt']),
      openedAt: String(row['openedAt']),
      workingDays: Number(row['workingDays']),
      dueAt,
      provisional: Number(row['provisional']) === 1,
      overdue: dueAt < asOf,
      followUps: readJson<unknown[]>(row['followUps']).length,
      appeal: appeal?.status ?? null,
    };
  });
}
