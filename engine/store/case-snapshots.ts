/**
 * Case rows a command does not need to read back from the database:
 * - `BatchCases`: the rows a group-commit transaction has written (by earlier units in the batch,
 *   or earlier steps of the unit in progress). A later command on the same case in the same
 *   transaction takes them from here; a unit rolled back to its savepoint takes its rows with it.
 *   It also holds the rows the batch read at its start for the cases its units name (`prefetch`:
 *   one statement for the batch instead of one a command, and none for a new case's id).
 * - `CaseSnapshots`: recently used rows kept in memory between transactions, for a process that
 *   is the only writer of its database (SQLite). Each is remembered only after its transaction
 *   committed, and is checked by version where it matters: the write is `UPDATE … WHERE version =`
 *   the remembered one (another writer's commit makes it fail; the command then runs again on the
 *   row read afresh), and a refusal computed on a remembered row is confirmed against the stored
 *   version before it is given.
 */
import type { Knex } from 'knex';
import { loadCase, loadCases, type CaseRecord } from './case-repository.js';

/** A case row and where it came from. */
export interface LoadedCase {
  readonly record: CaseRecord;
  /** From the snapshots in memory (not yet checked against the database in this transaction). */
  readonly remembered: boolean;
}

/** Recently used case rows, least recently used dropped first. */
export class CaseSnapshots {
  readonly #limit: number;
  readonly #rows = new Map<string, CaseRecord>();

  constructor(limit: number) {
    this.#limit = limit;
  }

  get(caseId: string): CaseRecord | undefined {
    const record = this.#rows.get(caseId);
    if (record) {
      this.#rows.delete(caseId);
      this.#rows.set(caseId, record);
    }
    return record;
  }

  remember(record: CaseRecord): void {
    this.#rows.delete(record.caseId);
    this.#rows.set(record.caseId, record);
    if (this.#rows.size > this.#limit) {
      const oldest = this.#rows.keys().next();
      if (!oldest.done) this.#rows.delete(oldest.value);
    }
  }

  forget(caseId: string): void {
    this.#rows.delete(caseId);
  }

  has(caseId: string): boolean {
    return this.#rows.has(caseId);
  }

  get size(): number {
    return this.#rows.size;
  }
}

/** The case rows of one transaction, unit by unit, over the snapshots in memory (if any). */
export class BatchCases {
  readonly #snapshots: CaseSnapshots | null;
  /** Rows written by units that ended well. */
  readonly #held = new Map<string, CaseRecord>();
  /** Rows written by the unit in progress. */
  #unit = new Map<string, CaseRecord>();
  /** Cases whose row came from memory unchecked, in this transaction. */
  readonly #unchecked = new Set<string>();
  /** Rows read by `prefetch` (null: no such case), as the transaction saw them then. */
  readonly #read = new Map<string, CaseRecord | null>();

  constructor(snapshots: CaseSnapshots | null) {
    this.#snapshots = snapshots;
  }

  /** The case's row as this transaction sees it, or null when it does not exist. */
  async load(db: Knex, caseId: string): Promise<LoadedCase | null> {
    const held = this.#unit.get(caseId) ?? this.#held.get(caseId);
    if (held) return { record: held, remembered: false };
    const read = this.#read.get(caseId);
    if (read !== undefined) return read ? { record: read, remembered: false } : null;
    const remembered = this.#snapshots?.get(caseId);
    if (remembered) {
      this.#unchecked.add(caseId);
      return { record: remembered, remembered: true };
    }
    const record = await loadCase(db, caseId);
    return record ? { record, remembered: false } : null;
  }

  /**
   * Read, in one statement, the rows of the cases among `caseIds` that neither this transaction
   * nor memory holds. A row read so is as current as one read by the command itself would have
   * been at that point: its write is checked by version like any other.
   */
  async prefetch(db: Knex, caseIds: readonly string[]): Promise<void> {
    const wanted = [...new Set(caseIds)].filter(
      (caseId) =>
        !this.#held.has(caseId) && !this.#unit.has(caseId) && !this.#read.has(caseId) && !this.#snapshots?.has(caseId),
    );
    if (wanted.length === 0) return;
    const found = await loadCases(db, wanted);
    for (const caseId of wanted) this.#read.set(caseId, found.get(caseId) ?? null);
  }

  /** The unit in progress wrote `record` (its row after the step). */
  hold(record: CaseRecord): void {
    this.#unit.set(record.caseId, record);
  }

  /** Drop a remembered row found stale (another writer moved the case on). */
  forget(caseId: string): void {
    this.#snapshots?.forget(caseId);
    this.#unchecked.delete(caseId);
    this.#read.delete(caseId);
  }

  /** The unit in progress ended: its rows stay (ok) or go with its savepoint. */
  unitEnded(ok: boolean): void {
    if (ok) for (const [caseId, record] of this.#unit) this.#held.set(caseId, record);
    this.#unit = new Map();
  }

  /** After COMMIT: remember what the transaction wrote. */
  committed(): void {
    if (!this.#snapshots) return;
    for (const record of this.#held.values()) this.#snapshots.remember(record);
  }

  /** After ROLLBACK: what the transaction wrote or read from memory is not to be trusted. */
  rolledBack(): void {
    if (!this.#snapshots) return;
    for (const caseId of [...this.#held.keys(), ...this.#unit.keys(), ...this.#unchecked])
      this.#snapshots.forget(caseId);
  }
}
