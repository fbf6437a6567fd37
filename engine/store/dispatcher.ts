/**
 * The dispatcher runs a command and everything it causes as ONE unit: the command's step, then
 * the queue of reactions (child cases, parent notifications, signals, messages) until it is
 * empty, then the unit's writes in one go. Units run through the group commit (group-commit.ts):
 * those arriving together share a transaction, each in its own savepoint, and each caller is
 * answered after the COMMIT that holds its unit. Any throw rolls the unit back, so nothing
 * half-written remains; a lost race surfaces as `ConcurrencyConflictError`.
 *
 * Within a request that carries a command record (`withCommandRecord`), each transaction also
 * writes the record of its steps before it commits, and a command an earlier attempt of the
 * request already committed is answered from that record instead of running again.
 */
import type { Knex } from 'knex';
import { readVersion } from './case-repository.js';
import { commandMatch, currentCommandRecord, type CommandMatch } from './command-record.js';
import { runStep, type StepDeps, type StepProgress, type StepUnit } from './command-step.js';
import { isWriteConflict } from './conflicts.js';
import { CommandRejectedError, ConcurrencyConflictError, StoreError } from './errors.js';
import { GroupCommit, type BatchUnit } from './group-commit.js';
import { reactionLookups } from './reaction-lookups.js';
import { reactionsTo } from './reactions.js';
import type { CommandRequest, ReactionLookups, StepResult } from './requests.js';
import { StaleSnapshotError, UnitWrites } from './unit-writes.js';

/** Guard against reactions that feed each other forever (e.g. two processes echoing a signal). */
const MAX_STEPS_PER_TRANSACTION = 10_000;

export class Dispatcher {
  readonly #knex: Knex;
  readonly #deps: StepDeps;
  readonly #commits: GroupCommit;

  /** `commits`: the group commit to run units through (default: one of its own, unit by unit). */
  constructor(knex: Knex, deps: StepDeps, commits?: GroupCommit) {
    this.#knex = knex;
    this.#deps = deps;
    this.#commits = commits ?? new GroupCommit(knex, { maxBatch: 1, maxWaitMs: 0, concurrency: 1 }, null);
  }

  /**
   * In one transaction: ask `plan` (given lookups on that transaction, and the transaction itself
   * for writes that must commit with the commands) for the commands to run, run them and every
   * reaction they cause. Returns the steps in the order they ran. `at` fixes
   * "now" for the whole transaction (a timer fires at its due time).
   */
  transact(
    plan: (lookups: ReactionLookups, trx: Knex) => Promise<readonly CommandRequest[]>,
    options: { at?: Date } = {},
  ): Promise<StepResult[]> {
    return this.#run(plan, options, null, false, []);
  }

  /** Run one command (and its reactions); its own rejection is thrown. */
  async dispatch(request: CommandRequest, options: { at?: Date } = {}): Promise<StepResult[]> {
    return this.#run(async () => [request], options, commandMatch(request.caseId, request.command.type), false, [
      request.caseId,
    ]);
  }

  /**
   * Run one command that `build` writes inside the transaction that stores it (and its
   * reactions): for a value drawn from a table that must commit or roll back with the command,
   * or (`buildReadsOnly`) read from the transaction that runs it (no savepoint taken for it).
   * Answered from the request's command record like `dispatch`, without building.
   */
  async dispatchBuilt(
    caseId: string,
    type: CommandRequest['command']['type'],
    build: (trx: Knex) => Promise<CommandRequest>,
    options: { at?: Date; buildReadsOnly?: boolean } = {},
  ): Promise<StepResult[]> {
    return this.#run(
      async (_lookups, trx) => [await build(trx)],
      options,
      commandMatch(caseId, type),
      options.buildReadsOnly !== true,
      [caseId],
    );
  }

  async #run(
    plan: (lookups: ReactionLookups, trx: Knex) => Promise<readonly CommandRequest[]>,
    options: { at?: Date },
    match: CommandMatch | null,
    writesInPlan: boolean,
    caseIds: readonly string[],
  ): Promise<StepResult[]> {
    const record = currentCommandRecord();
    const replayed = record?.replay(match);
    if (replayed) return replayed;
    const progress: StepProgress = { caseId: '', expectedVersion: 0 };
    const at = options.at;
    const deps: StepDeps = at ? { ...this.#deps, clock: { now: () => new Date(at.getTime()) } } : this.#deps;
    const work = async (batch: BatchUnit) => {
      const unit: StepUnit = { db: batch.db, cases: batch.cases, writes: new UnitWrites() };
      const gather = () => {
        if (!unit.writes.empty) batch.defer(unit.writes.take());
      };
      // Lookups read the projection tables: they see what the batch and the unit wrote so far.
      const lookups = flushingFirst(reactionLookups(batch.db, deps.cache, deps.ids), async () => {
        // The unit's own rows are written under its savepoint (rolled back with it if it fails).
        if (!unit.writes.empty) await batch.savepoint();
        gather();
        await batch.flushDeferred();
      });
      const steps = await this.#drain(unit, deps, lookups, [...(await plan(lookups, batch.db))], progress);
      gather();
      const ran = { match, steps };
      if (record) {
        await batch.savepoint();
        await record.save(batch.db, ran);
      }
      return ran;
    };
    try {
      const entry = await this.#commits.submit(work, { writesFirst: writesInPlan, caseIds }).catch((error: unknown) => {
        // A snapshot kept in memory was stale (another writer): once more, on the stored row.
        if (error instanceof StaleSnapshotError)
          return this.#commits.submit(work, { writesFirst: writesInPlan, caseIds });
        throw error;
      });
      record?.saved(entry);
      return entry.steps;
    } catch (error) {
      if (error instanceof ConcurrencyConflictError || !isWriteConflict(error)) throw error;
      const current = await readVersion(this.#knex, progress.caseId).catch(() => null);
      throw new ConcurrencyConflictError(progress.caseId, progress.expectedVersion, current, { cause: error });
    }
  }

  async #drain(
    unit: StepUnit,
    deps: StepDeps,
    lookups: ReactionLookups,
    queue: CommandRequest[],
    progress: StepProgress,
  ): Promise<StepResult[]> {
    const steps: StepResult[] = [];
    for (let request = queue.shift(); request; request = queue.shift()) {
      if (steps.length >= MAX_STEPS_PER_TRANSACTION) {
        throw new StoreError(
          'REACTION_LOOP',
          `Expected reactions to settle, but ${MAX_STEPS_PER_TRANSACTION} commands ran in one transaction`,
        );
      }
      let step: StepResult;
      try {
        step = await runStep(unit, deps, request, progress);
      } catch (error) {
        const handled = onRejection(error, request);
        if (handled === 'rethrow') throw error;
        if (handled !== 'skip') queue.unshift(handled);
        continue;
      }
      steps.push(step);
      queue.push(...(await reactionsTo(step, lookups)));
    }
    return steps;
  }
}

function onRejection(error: unknown, request: CommandRequest): 'rethrow' | 'skip' | CommandRequest {
  if (!(error instanceof CommandRejectedError) || !request.onReject) return 'rethrow';
  if (request.onReject.ignore?.includes(error.code)) return 'skip';
  if (request.onReject.fallback) return request.onReject.fallback(error.message);
  return 'rethrow';
}

/** `lookups` that first send the unit's gathered writes (by `flush`), so that they see them. */
function flushingFirst(lookups: ReactionLookups, flush: () => Promise<void>): ReactionLookups {
  return {
    subscribers: async (kind, name, options) => (await flush(), lookups.subscribers(kind, name, options)),
    startTriggers: (kind, name) => lookups.startTriggers(kind, name),
    latestHash: (processId) => lookups.latestHash(processId),
    newCaseId: () => lookups.newCaseId(),
  };
}
