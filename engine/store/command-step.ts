/**
 * One command on one case, inside a transaction: read the case row (the snapshot, never the
 * log), run the runtime, then write the case row (optimistically), the chained events in one
 * batch, and the projections.
 */
import type { Knex } from 'knex';
import type { Clock } from '../clock.js';
import type { WorkingCalendar } from '../runtime/index.js';
import type { DefinitionCache } from './definition-cache.js';
import type { EnginePort } from './engine-port.js';
import { insertCase, loadCase, readVersion, updateCase } from './case-repository.js';
import { findDefinition } from './definitions-repository.js';
import { CommandRejectedError, ConcurrencyConflictError } from './errors.js';
import { appendEvents } from './event-log.js';
import type { SupervisionPolicy } from '../supervision/index.js';
import type { CaseContext } from '../case/index.js';
import { chainEvents, GENESIS_HASH } from './hash-chain.js';
import { projectEvents } from './projections.js';
import { applyRowChanges } from './row-changes.js';
import type { CommandRequest, StepResult } from './requests.js';

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

/**
 * Execute `request` in `trx`. Throws `CommandRejectedError` on a runtime rejection and
 * `ConcurrencyConflictError` when the case moved on since it was read.
 */
export async function runStep(
  trx: Knex,
  deps: StepDeps,
  request: CommandRequest,
  progress: StepProgress,
): Promise<StepResult> {
  const { caseId, command } = request;
  const record = await loadCase(trx, caseId);
  progress.caseId = caseId;
  progress.expectedVersion = record?.version ?? 0;
  const hash = record?.definitionHash ?? (await startHash(trx, request));
  const definition = await deps.cache.get(trx, hash);
  const now = deps.clock.now().toISOString();
  const ctx = {
    now,
    ids: deps.ids,
    ...(deps.calendar ? { calendar: deps.calendar } : {}),
    ...(deps.supervision ? { supervision: deps.supervision } : {}),
    ...(deps.creditCheck ? { creditCheck: deps.creditCheck } : {}),
  };
  const result = deps.engine.execute(definition, record?.state ?? null, command, ctx);
  if (!result.ok) throw new CommandRejectedError(caseId, command.type, result.rejection);

  const { events, state } = result;
  const version = record?.version ?? 0;
  const before = record?.state ?? null;
  if (events.length === 0) return { caseId, command, before, state, events, firstSeq: version + 1 };

  const chained = chainEvents(caseId, version, record?.lastHash ?? GENESIS_HASH, events);
  const lastHash = chained[chained.length - 1]?.hash ?? GENESIS_HASH;
  const nextVersion = version + events.length;
  if (record) {
    if (!(await updateCase(trx, version, state, nextVersion, lastHash, now))) {
      throw new ConcurrencyConflictError(caseId, version, await readVersion(trx, caseId));
    }
  } else {
    await insertCase(trx, state, nextVersion, lastHash, now);
  }
  await appendEvents(trx, caseId, chained);
  await applyRowChanges(trx, projectEvents(caseId, version + 1, events));
  return { caseId, command, before, state, events, firstSeq: version + 1 };
}

/** The deployment a `case.start` runs: the one asked for, else the latest of the process. */
async function startHash(trx: Knex, request: CommandRequest): Promise<string> {
  const { caseId, command } = request;
  if (command.type !== 'case.start' && command.type !== 'case.receive' && command.type !== 'case.receivePart') {
    throw new CommandRejectedError(caseId, command.type, {
      code: 'CASE_NOT_FOUND',
      message: `Expected case ${caseId} to exist, but it does not`,
    });
  }
  if (request.definitionHash) return request.definitionHash;
  const latest = await findDefinition(trx, command.data.processId);
  if (!latest) {
    throw new CommandRejectedError(caseId, command.type, {
      code: 'PROCESS_NOT_FOUND',
      message: `Expected process ${command.data.processId} to be deployed, but it is not`,
    });
  }
  return latest.hash;
}
