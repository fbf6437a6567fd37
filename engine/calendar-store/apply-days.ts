/**
 * Writing days: the one place that changes calendar_days, and always with an audit row per
 * changed day in calendar_changes, inside the caller's transaction. Unchanged days write nothing,
 * which is what makes seeding and re-importing idempotent.
 */
import type { Knex } from 'knex';
import type { CalendarDay } from '../calendar/index.js';
import { audited, CHANGES, dayOfRow, DAYS, sameDay, type DayRow } from './rows.js';

/** Who changes the calendar, why, and when (ISO-8601 UTC). */
export interface Authorship {
  readonly actor: string;
  readonly reason: string;
  readonly at: string;
}

/** What a write did. */
export interface ApplyCounts {
  inserted: number;
  updated: number;
  removed: number;
  unchanged: number;
}

/** Rows of calendar_days for `days`, by day. */
async function readDays(trx: Knex.Transaction, days: readonly string[]): Promise<Map<string, CalendarDay>> {
  const found = new Map<string, CalendarDay>();
  for (let i = 0; i < days.length; i += 500) {
    const rows = (await trx(DAYS).whereIn('day', days.slice(i, i + 500))) as DayRow[];
    for (const row of rows) found.set(row.day, dayOfRow(row));
  }
  return found;
}

/** Bring each listed day to its target (null: remove the row), auditing every change. */
export async function applyDays(
  trx: Knex.Transaction,
  targets: ReadonlyMap<string, CalendarDay | null>,
  by: Authorship,
): Promise<ApplyCounts> {
  const current = await readDays(trx, [...targets.keys()]);
  const counts: ApplyCounts = { inserted: 0, updated: 0, removed: 0, unchanged: 0 };
  const inserts: Record<string, unknown>[] = [];
  const audits: Record<string, unknown>[] = [];
  for (const [day, after] of targets) {
    const before = current.get(day) ?? null;
    if (sameDay(before, after)) {
      counts.unchanged += 1;
      continue;
    }
    audits.push({
      day,
      before: json(audited(before)),
      after: json(audited(after)),
      actor: by.actor,
      reason: by.reason,
      at: by.at,
    });
    if (!after) {
      await trx(DAYS).where({ day }).delete();
      counts.removed += 1;
    } else if (before) {
      await trx(DAYS)
        .where({ day })
        .update(row(day, after, by));
      counts.updated += 1;
    } else {
      inserts.push(row(day, after, by));
      counts.inserted += 1;
    }
  }
  if (inserts.length > 0) await trx.batchInsert(DAYS, inserts, 100).transacting(trx);
  if (audits.length > 0) await trx.batchInsert(CHANGES, audits, 100).transacting(trx);
  return counts;
}

function row(day: string, value: CalendarDay, by: Authorship): Record<string, unknown> {
  return {
    day,
    off: value.off,
    name: value.name,
    source: value.source,
    notice_url: value.notice ?? null,
    updated_by: by.actor,
    updated_at: by.at,
  };
}

function json(value: unknown): string | null {
  return value === null ? null : JSON.stringify(value);
}
