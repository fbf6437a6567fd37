/**
 * The writes of one unit (a caller's command and its reactions), gathered while its steps run:
 * each case row is written once (inserted, or updated from the version the unit read: the check
 * that turns a lost race into `ConcurrencyConflictError` before anything else of the unit is
 * written); its events (every case's, in one multi-row insert) and the projections' row changes
 * (in order, like statements merged: row-changes.ts) are handed to the batch, which writes them
 * with the other units' before COMMIT (group-commit.ts). The steps of a unit read the rows they
 * wrote from `BatchCases`, so nothing is read back; lookups that query the projection tables
 * (subscribers of a message or signal) have everything written first, so they see what was done.
 */
import type { Knex } from 'knex';
import { insertCases, readVersion, updateCase, type CaseRecord } from './case-repository.js';
import { ConcurrencyConflictError, StoreError } from './errors.js';
import { appendEventRows, eventRows, type EventRow } from './event-log.js';
import type { ChainedEvent } from './hash-chain.js';
import { applyRowChanges, type RowChange } from './row-changes.js';
import type { BatchCases } from './case-snapshots.js';

/** A case row to write: new, or over the version read at `expected`. */
interface CaseWrite {
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

/** Rows whose statements cannot refuse a command once its case rows passed their version checks. */
export interface DeferredRows {
  readonly events: readonly EventRow[];
  readonly changes: readonly RowChange[];
}

/** Write deferred rows: all events in few inserts, then the row changes in order. */
export async function writeDeferred(db: Knex, rows: DeferredRows): Promise<void> {
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

  /**
   * Write the case rows gathered so far (the caller took its savepoint): the version checks. The
   * events and projection rows are handed back, for the batch to write with the others'.
   */
  async flush(db: Knex, cases: BatchCases): Promise<DeferredRows> {
    if (this.empty) return { events: [], changes: [] };
    const writes = [...this.#cases.values()];
    const events = this.#events;
    const changes = this.#changes;
    this.#cases.clear();
    this.#events = [];
    this.#changes = [];
    const created = writes.filter((write) => write.expected === null);
    if (created.length > 0)
      await insertCases(
        db,
        created.map((write) => ({ record: write.record, now: write.now })),
      );
    for (const write of writes) {
      if (write.expected === null) continue;
      if (
        await updateCase(db, write.expected, write.record.state, write.record.version, write.record.lastHash, write.now)
      )
        continue;
      if (write.remembered) {
        cases.forget(write.record.caseId);
        throw new StaleSnapshotError(write.record.caseId);
      }
      throw new ConcurrencyConflictError(
        write.record.caseId,
        write.expected,
        await readVersion(db, write.record.caseId),
      );
    }
    return { events, changes };
  }
}
