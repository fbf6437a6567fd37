/**
 * `createStore`: the persistence layer assembled from its parts (deploy, dispatcher, queries,
 * audit) over one database. `openStore` (index.ts) wires the real engine. The timers, service
 * jobs and the poller are engine/jobs, above the store: they drive it through `store.jobPort`.
 */
import { randomUUID } from 'node:crypto';
import { listCases, loadCase } from './case-repository.js';
import { openDatabase, type Database } from './database.js';
import { DefinitionCache } from './definition-cache.js';
import { findDefinition, listDefinitions } from './definitions-repository.js';
import { deploy } from './deploy.js';
import { Dispatcher } from './dispatcher.js';
import { CaseSnapshots } from './case-snapshots.js';
import { defaultGroupCommit, GroupCommit } from './group-commit.js';
import type { EnginePort } from './engine-port.js';
import { CaseNotFoundError, CommandRejectedError, ProcessNotDeployedError } from './errors.js';
import { readEvents, type EventRange } from './event-log.js';
import { migrateLatest } from './migrate.js';
import { signalRequests, startBy } from './reactions.js';
import { fireStartTimer } from './start-timers.js';
import type { StepResult } from './requests.js';
import type { CaseEvents, DispatchResult, JobPort, Store, StoreOptions } from './store-types.js';
import { listTasks } from './task-query.js';
import { verifyCase } from './verify.js';

/** Open (and migrate) the store over `options.database`, using `engine` for compile/execute/replay. */
export async function createStore(options: StoreOptions, engine: EnginePort): Promise<Store> {
  const owned = !isDatabase(options.database);
  const database = isDatabase(options.database) ? options.database : await openDatabase(options.database);
  if (options.migrate !== false) await migrateLatest(database);
  const { knex } = database;
  const { clock } = options;
  const ids = options.ids ?? randomUUID;
  const cache = new DefinitionCache(engine);
  // Snapshots in memory only where this process is the only writer (SQLite; checked by version).
  const snapshotLimit = options.snapshots ?? (database.dialect === 'sqlite' ? 10_000 : 0);
  const commits = new GroupCommit(
    knex,
    { ...defaultGroupCommit(database.dialect), ...options.groupCommit },
    snapshotLimit > 0 ? new CaseSnapshots(snapshotLimit) : null,
  );
  const dispatcher = new Dispatcher(
    knex,
    {
      engine,
      cache,
      clock,
      ids,
      ...(options.calendar ? { calendar: options.calendar } : {}),
      ...(options.supervision ? { supervision: options.supervision } : {}),
      ...(options.creditCheck ? { creditCheck: options.creditCheck } : {}),
    },
    commits,
  );
  const dispatch = async (caseId: string, command: Parameters<Store['dispatch']>[1], at?: Date) =>
    toResult(caseId, await dispatcher.dispatch({ caseId, command }, at ? { at } : {}));

  const jobPort: JobPort = {
    knex,
    dialect: database.dialect,
    clock,
    dispatch: (caseId, command, opts) => dispatch(caseId, command, opts?.at),
    getCase: async (caseId) => (await loadCase(knex, caseId))?.state ?? null,
    fireStartTimer: (job, owner) => fireStartTimer(dispatcher, job, owner, { ids, now: clock.now().toISOString() }),
  };

  const store: Store = {
    database,
    deploy: (xml, { actor }) =>
      deploy(knex, engine, cache, xml, {
        actor,
        now: clock.now().toISOString(),
        ids,
        ...(options.calendar ? { calendar: options.calendar } : {}),
      }),
    async startCase(input) {
      const caseId = input.caseId ?? ids();
      const data = {
        caseId,
        processId: input.processId,
        variables: input.variables ?? {},
        ...(input.startEventId ? { startEventId: input.startEventId } : {}),
      };
      // The deployment is looked up in the transaction that starts the case (with the others of
      // its batch), not in a statement of its own before it.
      const steps = await dispatcher.dispatchBuilt(
        caseId,
        'case.start',
        async (trx) => {
          const ref = await findDefinition(trx, input.processId, input.version);
          if (!ref) throw new ProcessNotDeployedError(input.processId, input.version ?? null);
          return { caseId, definitionHash: ref.hash, command: { type: 'case.start', actor: input.actor, data } };
        },
        { buildReadsOnly: true },
      );
      return toResult(caseId, steps);
    },
    dispatch: (caseId, command) => dispatch(caseId, command),
    async dispatchBuilt(caseId, type, build) {
      const at = clock.now();
      const steps = await dispatcher.dispatchBuilt(
        caseId,
        type,
        async (trx) => ({ caseId, command: await build(trx, at) }),
        { at },
      );
      return toResult(caseId, steps);
    },
    async correlateMessage(name, input = {}) {
      const actor = input.actor ?? 'system';
      const data = {
        name,
        variables: input.variables ?? {},
        ...(input.elementId ? { elementId: input.elementId } : {}),
      };
      let target = input.caseId;
      const steps = await dispatcher.transact(async (lookups) => {
        if (target === undefined) {
          const [subscriber] = await lookups.subscribers(
            'message',
            name,
            input.elementId ? { elementId: input.elementId } : {},
          );
          target = subscriber?.caseId;
          if (target === undefined) {
            const [trigger] = await lookups.startTriggers('message', name);
            if (!trigger)
              throw new CommandRejectedError('', 'message.correlate', {
                code: 'NO_SUBSCRIPTION',
                message: `Expected a case or process waiting for message ${name}, but there is none`,
              });
            target = lookups.newCaseId();
            return [startBy(trigger, target, data.variables, actor)];
          }
        }
        return [{ caseId: target, command: { type: 'message.correlate', actor, data } }];
      });
      return toResult(target ?? '', steps);
    },
    async broadcastSignal(name, variables = {}, opts = {}) {
      const steps = await dispatcher.transact((lookups) =>
        signalRequests(lookups, name, variables, opts.actor ?? 'system'),
      );
      return groupByCase(steps);
    },
    getCase: async (caseId) => (await loadCase(knex, caseId))?.state ?? null,
    getEvents: (caseId, range) => readEvents(knex, caseId, normalizeRange(range)),
    listTasks: (filter) => listTasks(knex, filter),
    listCases: (filter) => listCases(knex, filter),
    listDefinitions: (processId) => listDefinitions(knex, processId),
    definition: (hash) => cache.get(knex, hash),
    async replay(caseId, range) {
      const state = engine.replay(await readEvents(knex, caseId, normalizeRange(range)));
      if (!state) throw new CaseNotFoundError(caseId);
      return state;
    },
    verify: (caseId) => verifyCase(knex, engine, caseId, options.materialFiles),
    jobPort,
    commitStats: () => ({ ...commits.stats }),
    close: async () => {
      if (owned) await database.close();
    },
  };
  return store;
}

function isDatabase(value: StoreOptions['database']): value is Database {
  return typeof (value as Database).knex === 'function';
}

function normalizeRange(range: EventRange = {}): EventRange {
  return range.atTime === undefined ? range : { ...range, atTime: new Date(range.atTime).toISOString() };
}

/**
 * The target case's events (all its steps) and final state, plus the other cases touched. The
 * target is the case of the first step, the caller's own command: `caseId` unless the steps were
 * replayed from an earlier attempt of the request, which chose the id of the case it created.
 */
function toResult(caseId: string, steps: readonly StepResult[]): DispatchResult {
  const target = steps[0]?.caseId ?? caseId;
  const own = steps.filter((step) => step.caseId === target);
  const last = own[own.length - 1];
  if (!last) throw new CaseNotFoundError(caseId);
  return {
    caseId: target,
    events: own.flatMap((step) => step.events),
    state: last.state,
    reactions: groupByCase(steps.filter((step) => step.caseId !== target)),
  };
}

function groupByCase(steps: readonly StepResult[]): CaseEvents[] {
  const byCase = new Map<string, StepResult['events'][number][]>();
  for (const step of steps) byCase.set(step.caseId, [...(byCase.get(step.caseId) ?? []), ...step.events]);
  return [...byCase].map(([caseId, events]) => ({ caseId, events }));
}
