/**
 * The writes of one unit (a caller's command and its reactions), gathered while its steps run
 * and sent together: each case row once (inserted, or updated from the version the unit read),
 * every event of every case in one multi-row insert, then the projections' row changes in order
 * with like statements merged (row-changes.ts). The steps of a unit read the rows they wrote from
 * `BatchCases`, so nothing is read back; lookups that query the projection tables (subscribers of
 * a message or signal) flush first, so they see what the unit did.
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

  /** Send everything gathered so far (the caller took its savepoint). */
  async flush(db: Knex, cases: BatchCases): Promise<void> {
    if (this.empty) return;
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
    await appendEventRows(db, events);
    await applyRowChanges(db, changes);
  }
}
