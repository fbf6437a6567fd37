/**
 * The append-only `case_events` table: batch append of chained events and reads in seq order.
 * Nothing updates or deletes rows here; the (case_id, seq) key rejects a second writer.
 */
import type { Knex } from 'knex';
import type { CaseEvent } from '../case/index.js';
import type { ChainedEvent } from './hash-chain.js';
import { insertRows } from './insert-rows.js';

/** A `case_events` row to insert. */
export interface EventRow {
  readonly case_id: string;
  readonly seq: number;
  readonly type: string;
  readonly v: number;
  readonly data: string;
  readonly actor: string;
  readonly time: string;
  readonly prev_hash: string;
  readonly hash: string;
}

/** The rows of chained events of one case. */
export function eventRows(caseId: string, chained: readonly ChainedEvent[]): EventRow[] {
  return chained.map(({ seq, event, prevHash, hash }) => ({
    case_id: caseId,
    seq,
    type: event.type,
    v: event.v,
    data: JSON.stringify(event.data),
    actor: event.actor,
    time: event.time,
    prev_hash: prevHash,
    hash,
  }));
}

/** Insert event rows (of any cases) in as few statements as the bound-variable limits allow. */
export async function appendEventRows(db: Knex, rows: readonly EventRow[]): Promise<void> {
  await insertRows(db, 'case_events', rows as unknown as Record<string, string | number>[]);
}

/** Insert chained events of one case. */
export async function appendEvents(db: Knex, caseId: string, chained: readonly ChainedEvent[]): Promise<void> {
  await appendEventRows(db, eventRows(caseId, chained));
}

/** Which events to read: all, or up to a seq and/or an instant (inclusive). */
export interface EventRange {
  readonly upToSeq?: number;
  readonly atTime?: string;
}

/** A case's stored events with their chain links, in seq order. */
export async function readChainedEvents(db: Knex, caseId: string, range: EventRange = {}): Promise<ChainedEvent[]> {
  const query = db('case_events').where({ case_id: caseId }).orderBy('seq', 'asc');
  if (range.upToSeq !== undefined) query.andWhere('seq', '<=', range.upToSeq);
  if (range.atTime !== undefined) query.andWhere('time', '<=', range.atTime);
  const rows = (await query) as StoredEventRow[];
  return rows.map((row) => ({
    seq: Number(row.seq),
    prevHash: row.prev_hash,
    hash: row.hash,
    event: {
      type: row.type,
      v: Number(row.v),
      time: row.time,
      actor: row.actor,
      data: JSON.parse(row.data),
    } as CaseEvent,
  }));
}

/** A case's stored events, in seq order. */
export async function readEvents(db: Knex, caseId: string, range: EventRange = {}): Promise<CaseEvent[]> {
  return (await readChainedEvents(db, caseId, range)).map((chained) => chained.event);
}

interface StoredEventRow {
  seq: number | string;
  type: string;
  v: number | string;
  data: string;
  actor: string;
  time: string;
  prev_hash: string;
  hash: string;
}
