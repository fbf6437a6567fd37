/**
 * One command on one case, inside a unit of a group-commit transaction: take the case row from
 * the transaction or memory (case-snapshots.ts) or read it (the snapshot, never the log), run the
 * runtime, chain the events and gather the writes (the case row, the events, the projections'
 * row changes) into the unit's `UnitWrites`, which sends them together.
 */
import type { Knex } from 'knex';
import type { Clock } from '../clock.js';
import type { WorkingCalendar } from '../runtime/index.js';
import type { DefinitionCache } from './definition-cache.js';
import type { EnginePort } from './engine-port.js';
import { readVersion, type CaseRecord } from './case-repository.js';
import type { BatchCases } from './case-snapshots.js';
import { findDefinition } from './definitions-repository.js';
import { CommandRejectedError } from './errors.js';
import type { SupervisionPolicy } from '../supervision/index.js';
import type { CaseContext, CaseResult } from '../case/index.js';
import { chainEvents, GENESIS_HASH } from './hash-chain.js';
import { withoutEmptyClears } from './projection-clears.js';
import { projectEvents } from './projections.js';
import type { CommandRequest, StepResult } from './requests.js';
import type { UnitWrites } from './unit-writes.js';

/** What a step needs besides the transaction. */
export interface StepDeps {
  readonly engine: Pick<EnginePort, 'execute'>;
  readonly cache: DefinitionCache;
  readonly clock: Clock;
  readonly ids: () => string;
  readonly calendar?: WorkingCalendar;
  readonly supervision?: SupervisionPolicy;
  readonly creditCheck?: CaseContext['creditCheck'];
}

/** The version a step read, so a failure can be reported as a conflict against it. */
export interface StepProgress {
  caseId: string;
  expectedVersion: number;
}

/** Where a step reads and gathers: the transaction, its case rows, the unit's writes. */
export interface StepUnit {
  readonly db: Knex;
  readonly cases: BatchCases;
  readonly writes: UnitWrites;
}

/**
 * Execute `request` in the unit. Throws `CommandRejectedError` on a runtime rejection; a lost
 * race shows when the unit's writes are sent (`ConcurrencyConflictError`).
 */
export async function runStep(
  unit: StepUnit,
  deps: StepDeps,
  request: CommandRequest,
  progress: StepProgress,
): Promise<StepResult> {
  const { caseId, command } = request;
  let loaded = await unit.cases.load(unit.db, caseId);
  const hash = loaded?.record.definitionHash ?? (await startHash(unit.db, request));
  const definition = await deps.cache.get(unit.db, hash);
  const now = deps.clock.now().toISOString();
  const ctx = {
    now,
    ids: deps.ids,
    ...(deps.calendar ? { calendar: deps.calendar } : {}),
    ...(deps.supervision ? { supervision: deps.supervision } : {}),
    ...(deps.creditCheck ? { creditCheck: deps.creditCheck } : {}),
  };
  let result: CaseResult = deps.engine.execute(definition, loaded?.record.state ?? null, command, ctx);
  if (!result.ok && loaded?.remembered && (await readVersion(unit.db, caseId)) !== loaded.record.version) {
    // Refused on a remembered snapshot that another writer has since moved on: judge the stored one.
    unit.cases.forget(caseId);
    loaded = await unit.cases.load(unit.db, caseId);
    result = deps.engine.execute(definition, loaded?.record.state ?? null, command, ctx);
  }
  progress.caseId = caseId;
  progress.expectedVersion = loaded?.record.version ?? 0;
  if (!result.ok) throw new CommandRejectedError(caseId, command.type, result.rejection);

  const { events, state } = result;
  const record = loaded?.record ?? null;
  const version = record?.version ?? 0;
  const before = record?.state ?? null;
  if (events.length === 0) return { caseId, command, before, state, events, firstSeq: version + 1 };

  const chained = chainEvents(caseId, version, record?.lastHash ?? GENESIS_HASH, events);
  const after: CaseRecord = {
    caseId,
    processId: state.processId,
    definitionHash: state.definitionHash,
    version: version + events.length,
    lastHash: chained[chained.length - 1]?.hash ?? GENESIS_HASH,
    status: state.status,
    state,
  };
  unit.writes.add(loaded, after, now, chained, withoutEmptyClears(projectEvents(caseId, version + 1, events), before));
  unit.cases.hold(after);
  return { caseId, command, before, state, events, firstSeq: version + 1 };
}

/** The deployment a `case.start` runs: the one asked for, else the latest of the process. */
async function startHash(db: Knex, request: CommandRequest): Promise<string> {
  const { caseId, command } = request;
  if (command.type !== 'case.start' && command.type !== 'case.receive' && command.type !== 'case.receivePart') {
    throw new CommandRejectedError(caseId, command.type, {
      code: 'CASE_NOT_FOUND',
      message: `Expected case ${caseId} to exist, but it does not`,
    });
  }
  if (request.definitionHash) return request.definitionHash;
  const latest = await findDefinition(db, command.data.processId);
  if (!latest) {
    throw new CommandRejectedError(caseId, command.type, {
      code: 'PROCESS_NOT_FOUND',
      message: `Expected process ${command.data.processId} to be deployed, but it is not`,
    });
  }
  return latest.hash;
}
