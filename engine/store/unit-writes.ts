/**
 * The writes of one unit (a caller's command and its reactions), gathered while its steps run:
 * each case row once (inserted, or updated from the version the unit read), its events and the
 * projections' row changes. Nothing is sent while the unit runs: the batch writes every unit's
 * rows together before COMMIT (group-commit.ts), case rows first. A case row's update is checked
 * there (`WHERE version =` the one read): a lost race or a stale snapshot fails that write, and
 * the batch's units then run again each alone, where the failing one is answered with
 * `ConcurrencyConflictError` (or runs once more on the stored row, `StaleSnapshotError`). So a
 * unit that only reads and computes takes no savepoint and sends no statement of its own. The
 * steps of a unit read the rows they wrote from `BatchCases`, so nothing is read back; lookups
 * that query the projection tables (subscribers of a message or signal) have everything written
 * first, so they see what was done.
 */
import type { Knex } from 'knex';
import { insertCases, readVersion, updateCases, type CaseRecord } from './case-repository.js';
import { ConcurrencyConflictError, StoreError } from './errors.js';
import { appendEventRows, eventRows, type EventRow } from './event-log.js';
import type { ChainedEvent } from './hash-chain.js';
import { applyRowChanges, type RowChange } from './row-changes.js';
import type { BatchCases } from './case-snapshots.js';

/** A case row to write: new, or over the version read at `expected`. */
export interface CaseWrite {
  /** The version the unit read (null: the case is new). */
  readonly expected: number | null;
  /** That version came from memory, unchecked (a failed update then means stale, not a race). */
  readonly remembered: boolean;
  record: CaseRecord;
  now: string;
}

/** A remembered snapshot turned out stale: another writer moved the case on. Run the unit again. */
export class StaleSnapshotError extends StoreError {
  readonly caseId: string;

  constructor(caseId: string) {
    super('STALE_SNAPSHOT', `Expected the remembered snapshot of case ${caseId} to be current, but it is not`);
    this.caseId = caseId;
  }
}

/** What units hand to the batch: their case rows, events and projection row changes, in order. */
export interface DeferredRows {
  readonly cases: readonly CaseWrite[];
  readonly events: readonly EventRow[];
  readonly changes: readonly RowChange[];
}

/**
 * Write deferred rows: the case rows (new ones in few inserts, then each update with its version
 * check), then all events in few inserts, then the row changes. A failed version check throws
 * `StaleSnapshotError` for a row that came from memory (forgotten there) and
 * `ConcurrencyConflictError` for one read in its transaction.
 */
export async function writeDeferred(db: Knex, rows: DeferredRows, cases: BatchCases): Promise<void> {
  const created = rows.cases.filter((write) => write.expected === null);
  if (created.length > 0)
    await insertCases(
      db,
      created.map((write) => ({ record: write.record, now: write.now })),
    );
  // A case written by several units of the batch: one update, from the first one's expected
  // version to the last one's row (the versions between exist only in this transaction).
  const updates = new Map<string, { expected: number; remembered: boolean; record: CaseRecord; now: string }>();
  for (const write of rows.cases) {
    if (write.expected === null) continue;
    const earlier = updates.get(write.record.caseId);
    if (earlier) Object.assign(earlier, { record: write.record, now: write.now });
    else updates.set(write.record.caseId, { ...write, expected: write.expected });
  }
  const [missed] = await updateCases(db, [...updates.values()]);
  if (missed !== undefined) {
    const write = updates.get(missed);
    if (write?.remembered) {
      cases.forget(missed);
      throw new StaleSnapshotError(missed);
    }
    throw new ConcurrencyConflictError(missed, write?.expected ?? 0, await readVersion(db, missed));
  }
  await appendEventRows(db, rows.events);
  await applyRowChanges(db, rows.changes);
}

export class UnitWrites {
  readonly #cases = new Map<string, CaseWrite>();
  #events: EventRow[] = [];
  #changes: RowChange[] = [];

  /** A step of case `before` (null: a new case) wrote `after`, its events and row changes. */
  add(
    before: { record: CaseRecord; remembered: boolean } | null,
    after: CaseRecord,
    now: string,
    chained: readonly ChainedEvent[],
    changes: readonly RowChange[],
  ): void {
    const pending = this.#cases.get(after.caseId);
    if (pending) {
      pending.record = after;
      pending.now = now;
    } else {
      this.#cases.set(after.caseId, {
        expected: before ? before.record.version : null,
        remembered: before?.remembered ?? false,
        record: after,
        now,
      });
    }
    this.#events.push(...eventRows(after.caseId, chained));
    this.#changes.push(...changes);
  }

  get empty(): boolean {
    return this.#cases.size === 0 && this.#changes.length === 0;
  }

  /** Hand over the rows gathered so far (for the batch to write), and start gathering afresh. */
  take(): DeferredRows {
    const rows = { cases: [...this.#cases.values()], events: this.#events, changes: this.#changes };
    this.#cases.clear();
    this.#events = [];
    this.#changes = [];
    return rows;
  }
}
