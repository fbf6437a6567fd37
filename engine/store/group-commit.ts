/**
 * Group commit: commands that arrive together run in ONE transaction, each in its own savepoint,
 * and every caller is answered after the COMMIT that holds (or refused) its command. A commit is
 * what a durable write costs (the WAL write on SQLite, the WAL flush on PostgreSQL); sharing it
 * is where the throughput of many clients comes from.
 *
 * - A unit (one caller's command and its reactions) that fails is rolled back to its savepoint
 *   and answered with its error; the others in the batch still commit. The savepoint is taken
 *   lazily, right before the unit's first write (`unit.savepoint()`), and never when the batch
 *   holds one unit: a lone command costs what it did before, BEGIN … COMMIT around it.
 * - Idle: a command runs at once (after the current microtask, so commands issued in one tick
 *   share a batch). Busy: commands arriving while a batch runs wait for it and go together in
 *   the next, up to `maxBatch`; after a batch of more than one, the next waits up to `maxWaitMs`
 *   for more company (a few ms at most; 0 by default).
 * - A unit's case rows, events and projection rows are written with every other unit's just
 *   before COMMIT (or before a unit reads the projection tables): a few statements a batch
 *   instead of a few a command, and no savepoint for a unit that sends nothing itself. A unit's
 *   refusals come while it runs; a statement of the batch's writes failing (a case row's version
 *   check among them) fails the batch, whose units then run again alone.
 * - If the transaction as a whole fails (COMMIT refused, a driver error outside any savepoint,
 *   which on PostgreSQL poisons the transaction), nothing of it is kept and nobody has been
 *   answered: each of its units runs again alone, in order, and is answered from that run.
 *   A crash mid-batch likewise loses only commands nobody was told about.
 * - The case rows the units name (`caseIds`) that neither memory nor the batch holds are read at
 *   its start in one statement; a unit loads any other row itself.
 * - `concurrency` batches may run at once (1 on SQLite, whose one connection serialises them
 *   anyway; a few on PostgreSQL, where batches conflict like single transactions did).
 */
import type { Knex } from 'knex';
import { MatterflowError } from '../errors.js';
import { BatchCases, type CaseSnapshots } from './case-snapshots.js';
import { writeDeferred, type DeferredRows } from './unit-writes.js';

export interface GroupCommitOptions {
  /** Most units in one transaction (PostgreSQL: each savepoint is a subtransaction; keep ≤ 64). */
  readonly maxBatch: number;
  /** After a busy batch, how long the next waits for more units (ms). 0: never waits. */
  readonly maxWaitMs: number;
  /** Batches (transactions) in flight at once. */
  readonly concurrency: number;
}

/** What a unit's work runs on: the batch's transaction and case rows. */
export interface BatchUnit {
  readonly db: Knex;
  /** The case rows this transaction holds (written by earlier units), over the snapshots in memory. */
  readonly cases: BatchCases;
  /** Call before the unit's first write: takes its savepoint when the batch holds others. */
  savepoint(): Promise<void>;
  /**
   * Rows to write after the unit's case rows passed their checks (its events and projection rows):
   * the batch writes them with every other unit's, in order, before its COMMIT.
   */
  defer(rows: DeferredRows): void;
  /** Write what is deferred so far, the batch's and the unit's: before reading projection tables. */
  flushDeferred(): Promise<void>;
}

export type UnitWork<T> = (unit: BatchUnit) => Promise<T>;

interface Pending {
  readonly work: UnitWork<unknown>;
  /** The unit writes before anything else (its savepoint is taken first). */
  readonly writesFirst: boolean;
  /** The cases the unit will load first (read for the whole batch in one statement). */
  readonly caseIds: readonly string[];
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

type Outcome = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: unknown };

/** The transaction failed as a whole, outside any unit's savepoint. */
class BatchAborted extends Error {
  constructor(cause: unknown) {
    super('the batch transaction failed outside a savepoint', { cause });
  }
}

export class GroupCommit {
  readonly #knex: Knex;
  readonly #options: GroupCommitOptions;
  readonly #snapshots: CaseSnapshots | null;
  readonly #queue: Pending[] = [];
  #running = 0;
  #scheduled = false;
  #lastBatch = 0;
  /** Figures for benchmarks: batches committed and units in them. */
  readonly stats = { batches: 0, units: 0 };

  constructor(knex: Knex, options: GroupCommitOptions, snapshots: CaseSnapshots | null) {
    this.#knex = knex;
    this.#options = options;
    this.#snapshots = snapshots;
  }

  /** Run `work` in the next batch; resolves (or rejects) after that batch's transaction ended. */
  submit<T>(work: UnitWork<T>, options: { writesFirst?: boolean; caseIds?: readonly string[] } = {}): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({
        work: work as UnitWork<unknown>,
        writesFirst: options.writesFirst ?? false,
        caseIds: options.caseIds ?? [],
        resolve: resolve as (value: unknown) => void,
        reject,
      });
      this.#schedule();
    });
  }

  #schedule(): void {
    if (this.#scheduled || this.#running >= this.#options.concurrency) return;
    this.#scheduled = true;
    const wait = this.#lastBatch > 1 && this.#queue.length < this.#options.maxBatch ? this.#options.maxWaitMs : 0;
    const start = () => {
      this.#scheduled = false;
      this.#pump();
    };
    if (wait > 0) setTimeout(start, wait);
    else queueMicrotask(start);
  }

  #pump(): void {
    while (this.#running < this.#options.concurrency && this.#queue.length > 0) {
      const units = this.#queue.splice(0, this.#options.maxBatch);
      this.#lastBatch = units.length;
      this.#running += 1;
      void this.#runBatch(units).finally(() => {
        this.#running -= 1;
        if (this.#queue.length > 0) this.#schedule();
      });
    }
  }

  async #runBatch(units: readonly Pending[]): Promise<void> {
    let outcomes: Outcome[];
    try {
      outcomes = await this.#transaction(units);
    } catch (error) {
      if (units.length === 1) {
        units[0]?.reject(error instanceof BatchAborted ? error.cause : error);
        return;
      }
      // Nothing of the batch was kept and nobody was answered: each unit runs again alone.
      for (const unit of units) await this.#runBatch([unit]);
      return;
    }
    this.stats.batches += 1;
    this.stats.units += units.length;
    units.forEach((unit, index) => {
      const outcome = outcomes[index];
      if (outcome?.ok) unit.resolve(outcome.value);
      else unit.reject(outcome?.error);
    });
  }

  async #transaction(units: readonly Pending[]): Promise<Outcome[]> {
    const cases = new BatchCases(this.#snapshots);
    try {
      const outcomes = await this.#knex.transaction(async (trx) => {
        const results: Outcome[] = [];
        const rows = new DeferredQueue();
        await cases.prefetch(
          trx,
          units.flatMap((unit) => unit.caseIds),
        );
        try {
          await this.#runUnits(trx, units, cases, rows, results);
        } finally {
          // Nothing may reach the connection after the transaction ended (on SQLite a statement
          // sent after ROLLBACK would run, and commit, on its own).
          await rows.settled();
        }
        await rows.flush(trx, false, cases);
        return results;
      });
      cases.committed();
      return outcomes;
    } catch (error) {
      cases.rolledBack();
      throw error;
    }
  }

  async #runUnits(
    trx: Knex.Transaction,
    units: readonly Pending[],
    cases: BatchCases,
    rows: DeferredQueue,
    results: Outcome[],
  ): Promise<void> {
    const alone = units.length === 1;
    for (const pending of units) {
      let saved = false;
      const unit: BatchUnit = {
        db: trx,
        cases,
        savepoint: async () => {
          if (saved || alone) return;
          // The rows being written for earlier units go before it, outside the unit's savepoint.
          await rows.settle();
          await trx.raw('SAVEPOINT unit');
          saved = true;
        },
        defer: (deferred) => rows.defer(deferred),
        flushDeferred: () => rows.flush(trx, saved, cases),
      };
      try {
        if (pending.writesFirst) await unit.savepoint();
        const value = await pending.work(unit);
        cases.unitEnded(true);
        rows.unitEnded(true);
        results.push({ ok: true, value });
      } catch (error) {
        cases.unitEnded(false);
        rows.unitEnded(false);
        if (alone || error instanceof BatchAborted) throw error;
        if (saved) await trx.raw('ROLLBACK TO SAVEPOINT unit');
        // A driver error before any savepoint may have aborted the transaction (PostgreSQL).
        else if (!(error instanceof MatterflowError)) throw new BatchAborted(error);
        results.push({ ok: false, error });
      }
      // The SQLite thread writes what the units so far gathered while the next one computes.
      rows.writeInBackground(trx, cases);
    }
  }
}

/**
 * The deferred rows of a batch: those of the units that ended well, and those of the unit in
 * progress. Batch rows written while that unit held its savepoint go back to the queue if it
 * rolls back (the rollback took them too). A failure writing the batch's rows is the batch's,
 * not the unit's that asked for the flush (`BatchAborted`): every unit then runs again alone.
 */
class DeferredQueue {
  #batch: DeferredRows[] = [];
  #unit: DeferredRows[] = [];
  #underSavepoint: DeferredRows[] = [];
  /** The write under way in the background: resolves to its failure, or null. */
  #inFlight: Promise<BatchAborted | null> | null = null;

  defer(rows: DeferredRows): void {
    this.#unit.push(rows);
  }

  /**
   * Start writing the rows of the units that ended well, without waiting for it, unless a write
   * is already under way (the next one takes what gathered meanwhile). Its failure is the
   * batch's, thrown by the next `settle` or `flush`.
   */
  writeInBackground(db: Knex, cases: BatchCases): void {
    if (this.#inFlight || this.#batch.length === 0) return;
    const batch = this.#batch;
    this.#batch = [];
    this.#inFlight = writeDeferred(db, merged(batch), cases).then(
      () => null,
      (error: unknown) => new BatchAborted(error),
    );
  }

  /** Wait for the write under way; throws `BatchAborted` when it failed. */
  async settle(): Promise<void> {
    const inFlight = this.#inFlight;
    if (!inFlight) return;
    const failed = await inFlight;
    this.#inFlight = null;
    if (failed) throw failed;
  }

  /** Wait for the write under way, whatever its end (the batch is ending anyway). */
  async settled(): Promise<void> {
    await this.#inFlight;
  }

  async flush(db: Knex, underSavepoint: boolean, cases: BatchCases): Promise<void> {
    await this.settle();
    const batch = this.#batch;
    const unit = this.#unit;
    this.#batch = [];
    this.#unit = [];
    if (underSavepoint) this.#underSavepoint.push(...batch);
    if (batch.length > 0) {
      try {
        await writeDeferred(db, merged(batch), cases);
      } catch (error) {
        throw new BatchAborted(error);
      }
    }
    if (unit.length > 0) await writeDeferred(db, merged(unit), cases);
  }

  unitEnded(ok: boolean): void {
    if (ok) this.#batch.push(...this.#unit);
    else this.#batch = [...this.#underSavepoint, ...this.#batch];
    this.#unit = [];
    this.#underSavepoint = [];
  }
}

function merged(all: readonly DeferredRows[]): DeferredRows {
  return {
    cases: all.flatMap((rows) => rows.cases),
    events: all.flatMap((rows) => rows.events),
    changes: all.flatMap((rows) => rows.changes),
  };
}

/** The defaults per dialect: SQLite has one connection; PostgreSQL runs a few batches at once. */
export function defaultGroupCommit(dialect: 'sqlite' | 'postgres'): GroupCommitOptions {
  return dialect === 'sqlite'
    ? { maxBatch: 64, maxWaitMs: 0, concurrency: 1 }
    : { maxBatch: 32, maxWaitMs: 0, concurrency: 4 };
}
