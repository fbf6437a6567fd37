/**
 * A command record: what the case commands of one request (an HTTP request with an
 * Idempotency-Key, say) committed, written by the dispatcher in each command's OWN transaction,
 * so that it commits exactly when the command does. A later attempt of the same request, run with
 * the record of the earlier one, is answered from it: a command that already committed returns its
 * recorded steps and runs no transaction; one that did not, runs now (and is recorded in turn).
 *
 * The record travels with the request as an AsyncLocalStorage context (`withCommandRecord`):
 * the code between the caller and the dispatcher (domain stores, routes) knows nothing of it.
 * Where the record is kept is the caller's business (`CommandRecordSink`).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Knex } from 'knex';
import type { StepResult } from './requests.js';

/** What a recorded transaction was asked to do, to recognise the same command on a later attempt. */
export interface CommandMatch {
  /** The case it ran on (null for a command that creates its case: its id is chosen anew by each attempt). */
  readonly caseId: string | null;
  readonly type: string;
}

/** One committed transaction: the command it ran (null when it was planned from lookups) and its steps. */
export interface CommandRecordEntry {
  readonly match: CommandMatch | null;
  readonly steps: readonly StepResult[];
}

/**
 * Where a record is kept: called inside the command's transaction, after its steps and before
 * its commit, with the new entry and its index (0 for the request's first committed command); it
 * throws to roll the command back (e.g. when another attempt has taken the request over).
 */
export type CommandRecordSink = (trx: Knex, entry: CommandRecordEntry, index: number) => Promise<void>;

/** Commands that create the case they run on. */
const CREATING: ReadonlySet<string> = new Set(['case.start', 'case.receive', 'case.receivePart']);

/** The record of one attempt of a request: what earlier attempts committed, and what this one commits. */
export class CommandRecord {
  readonly #sink: CommandRecordSink;
  readonly #entries: CommandRecordEntry[];
  /** Entries of earlier attempts not yet answered to this one. */
  readonly #unanswered: CommandRecordEntry[];
  #closed = false;

  constructor(committed: readonly CommandRecordEntry[], sink: CommandRecordSink) {
    this.#sink = sink;
    this.#entries = [...committed];
    this.#unanswered = [...committed];
  }

  /** Every entry committed, by earlier attempts and this one, in order. */
  get entries(): readonly CommandRecordEntry[] {
    return this.#entries;
  }

  /** True once this attempt or an earlier one committed a command. */
  get committed(): boolean {
    return this.#entries.length > 0;
  }

  /**
   * The steps an earlier attempt committed for this command, if it did (each entry answers once):
   * a command on a case matches by case and type, one that creates its case by type, a planned
   * transaction by order among the planned ones.
   */
  replay(match: CommandMatch | null): StepResult[] | undefined {
    const index = this.#unanswered.findIndex((entry) => matches(entry.match, match));
    if (index < 0) return undefined;
    const [entry] = this.#unanswered.splice(index, 1);
    return entry ? [...entry.steps] : undefined;
  }

  /** Did an earlier attempt commit this command (an entry not yet answered; it stays unanswered)? */
  recorded(match: CommandMatch | null): boolean {
    return this.#unanswered.some((entry) => matches(entry.match, match));
  }

  /** Inside the command's transaction: write the record with `entry` added (throws to roll back). */
  async save(trx: Knex, entry: CommandRecordEntry): Promise<void> {
    await this.#sink(trx, entry, this.#entries.length);
  }

  /** After the command's transaction committed. */
  saved(entry: CommandRecordEntry): void {
    this.#entries.push(entry);
  }

  /** The attempt is over: work it started later (timers, callbacks) is no longer recorded. */
  close(): void {
    this.#closed = true;
  }

  get closed(): boolean {
    return this.#closed;
  }
}

const context = new AsyncLocalStorage<CommandRecord>();

/** Run `work` with `record` as the command record of every dispatcher transaction it causes. */
export function withCommandRecord<T>(record: CommandRecord, work: () => Promise<T>): Promise<T> {
  return context.run(record, work);
}

/** The record of the request in progress, if any (for the dispatcher). */
export function currentCommandRecord(): CommandRecord | undefined {
  const record = context.getStore();
  return record && !record.closed ? record : undefined;
}

/**
 * Has an earlier attempt of the request in progress already committed the command `type` on
 * `caseId`? Then that attempt was authorised and checked against the case as it was, and the
 * dispatcher will answer from the record: checks against the case as it is now would judge a
 * state the command itself produced.
 */
export function committedEarlier(caseId: string, type: string): boolean {
  return currentCommandRecord()?.recorded(commandMatch(caseId, type)) ?? false;
}

/** The match of a caller's single command. */
export function commandMatch(caseId: string, type: string): CommandMatch {
  return { caseId: CREATING.has(type) ? null : caseId, type };
}

function matches(recorded: CommandMatch | null, wanted: CommandMatch | null): boolean {
  if (recorded === null || wanted === null) return recorded === wanted;
  return recorded.type === wanted.type && recorded.caseId === wanted.caseId;
}
