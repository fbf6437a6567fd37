/**
 * The hash chain over a case's events: each event's hash covers the previous hash and a
 * canonical JSON of the event, so changing, removing or reordering any stored event shows up
 * when the chain is recomputed (`verify`).
 */
import { createHash } from 'node:crypto';
import type { CaseEvent } from '../case/index.js';
import { canonicalJson } from './json.js';

/** The `prev_hash` of a case's first event. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields a hash covers: the event envelope plus where it sits in the log. */
export interface HashedFields {
  readonly caseId: string;
  readonly seq: number;
  readonly type: string;
  readonly v: number;
  readonly time: string;
  readonly actor: string;
  readonly data: unknown;
}

/** sha256(prevHash + canonical JSON of the event's fields), hex. */
export function hashEvent(prevHash: string, fields: HashedFields): string {
  const { caseId, seq, type, v, time, actor, data } = fields;
  return createHash('sha256')
    .update(prevHash)
    .update(canonicalJson({ caseId, seq, type, v, time, actor, data }))
    .digest('hex');
}

/** A chained event: the event, its seq, and its link in the chain. */
export interface ChainedEvent {
  readonly seq: number;
  readonly event: CaseEvent;
  readonly prevHash: string;
  readonly hash: string;
}

/** Chain `events` onto a log whose last event is `lastSeq` with hash `lastHash`. */
export function chainEvents(
  caseId: string,
  lastSeq: number,
  lastHash: string,
  events: readonly CaseEvent[],
): ChainedEvent[] {
  const chained: ChainedEvent[] = [];
  let prevHash = lastHash;
  events.forEach((event, index) => {
    const seq = lastSeq + index + 1;
    const hash = hashEvent(prevHash, { caseId, seq, ...event });
    chained.push({ seq, event, prevHash, hash });
    prevHash = hash;
  });
  return chained;
}

/** Where a stored chain first breaks, if it does. */
export type ChainCheck =
  { readonly ok: true } | { readonly ok: false; readonly brokenAtSeq: number; readonly reason: string };

/** Recompute the chain of a case's stored events (in seq order). */
export function checkChain(caseId: string, stored: Iterable<ChainedEvent>): ChainCheck {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  for (const { seq, event, prevHash: storedPrev, hash } of stored) {
    if (seq !== expectedSeq)
      return broken(expectedSeq, `Expected event ${expectedSeq}, but the next stored event is ${seq}`);
    if (storedPrev !== prevHash)
      return broken(seq, `Expected prev_hash ${prevHash}, but event ${seq} stores ${storedPrev}`);
    const recomputed = hashEvent(prevHash, { caseId, seq, ...event });
    if (recomputed !== hash)
      return broken(seq, `Expected hash ${recomputed} for event ${seq}, but it stores ${hash}: the event was altered`);
    prevHash = hash;
    expectedSeq += 1;
  }
  return { ok: true };
}

function broken(brokenAtSeq: number, reason: string): ChainCheck {
  return { ok: false, brokenAtSeq, reason };
}
