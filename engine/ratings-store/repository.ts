/**
 * Reading and writing one rating inside a transaction: its projected state, its events, the
 * rating that already holds a once-key, and appending events with the projections updated.
 */
import type { Knex } from 'knex';
import { ratingStream, ratingWebhookKindOf } from '../integration/index.js';
import { onceKey, type RatingEvent, type RatingState, type StoredRatingEvent } from '../ratings/index.js';
import {
  eventFromRow,
  eventRow,
  ratingRow,
  rectificationRow,
  stateFromRows,
  type RatingEventRow,
  type RatingRow,
  type RectificationRow,
} from './rows.js';

/** The rating's state as the projections hold it (null if there is no such rating). */
export async function loadRating(db: Knex | Knex.Transaction, ratingId: string): Promise<RatingState | null> {
  const row = (await db('ratings').where({ rating_id: ratingId }).first()) as RatingRow | undefined;
  if (!row) return null;
  const rect = (await db('rectifications').where({ rating_id: ratingId }).first()) as RectificationRow | undefined;
  return stateFromRows(row, rect);
}

/** The rating's events, in order. */
export async function loadRatingEvents(db: Knex | Knex.Transaction, ratingId: string): Promise<StoredRatingEvent[]> {
  const rows = (await db('rating_events').where({ rating_id: ratingId }).orderBy('seq')) as RatingEventRow[];
  return rows.map(eventFromRow);
}

/** The id of the rating that already holds `key` (一事一评 case / 一次一评 visit), if any. */
export async function ratingWithKey(db: Knex | Knex.Transaction, key: string): Promise<string | null> {
  const row = (await db('ratings').where({ once_key: key }).first('rating_id')) as { rating_id: string } | undefined;
  return row?.rating_id ?? null;
}

/**
 * Append `events` (already applied to `after`) after seq `before` and write the projections.
 * The unique (rating_id, seq) and the once-key make a concurrent writer's second write fail.
 * Returns false when the projection moved since it was read (the caller reports a conflict).
 */
export async function appendRatingEvents(
  trx: Knex.Transaction,
  before: number,
  after: RatingState,
  events: readonly RatingEvent[],
): Promise<boolean> {
  const rows = events.map((event, index) => eventRow(after.ratingId, before + index + 1, event));
  await trx('rating_events').insert(rows);
  // 差评 and its overdue rectification leave the system by webhook: the outbox row commits with them.
  const outbox = events.flatMap((event, index) => outboxRow(after.ratingId, before + index + 1, event));
  if (outbox.length > 0) await trx('outbox').insert(outbox);
  const row = ratingRow(after, onceKey(after.mode, after.caseId, after.visitId));
  if (before === 0) {
    await trx('ratings').insert(row);
  } else {
    const updated = await trx('ratings').where({ rating_id: after.ratingId, seq: before }).update(row);
    if (updated !== 1) return false;
  }
  if (after.rectification) {
    await trx('rectifications')
      .insert(rectificationRow(after.ratingId, after.rectification))
      .onConflict('rectification_id')
      .merge();
  }
  return true;
}

/** The outbox row of a rating event of a webhook kind (engine/integration), in the rating's stream. */
function outboxRow(ratingId: string, seq: number, event: RatingEvent): Record<string, string | number>[] {
  const kind = ratingWebhookKindOf(event);
  if (!kind) return [];
  const created = new Date(event.time).toISOString();
  return [{ case_id: ratingStream(ratingId), seq, kind: kind.kind, event_type: event.type, created_at: created }];
}
