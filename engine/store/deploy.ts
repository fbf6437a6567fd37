/**
 * Deploying BPMN XML: compile it (refusing it, with nothing stored, when the model reports
 * errors), store the XML once by content hash, and give every executable process in it a
 * version: identical XML is not a new version; changed XML is version n+1 of each process.
 * A new version takes over its process's timer start events (engine/store/start-timers.ts) in
 * the same transaction. Concurrent deploys are serialised by retrying the loser.
 */
import type { Knex } from 'knex';
import type { CompiledDefinition, Finding } from '../model/index.js';
import { isDeployConflict } from './conflicts.js';
import type { DefinitionCache } from './definition-cache.js';
import type { EnginePort } from './engine-port.js';
import { DeploymentError } from './errors.js';
import { replaceStartTimers, type StartTimerContext } from './start-timers.js';
import {
  deployedProcessIds,
  findDefinition,
  findDefinitionByHash,
  insertDefinition,
  insertDeploymentIfMissing,
} from './definitions-repository.js';

/** One process of a deployment and the version it got. */
export interface DeployedProcess {
  readonly processId: string;
  readonly version: number;
  readonly hash: string;
  /** False when this exact XML was already deployed for the process. */
  readonly created: boolean;
}

export interface DeployResult {
  readonly processes: readonly DeployedProcess[];
  /** Warnings (deploying never succeeds with errors). */
  readonly findings: readonly Finding[];
}

/** Compile and store `xml`; throws `DeploymentError` (storing nothing) if it does not compile. */
export async function deploy(
  db: Knex,
  engine: Pick<EnginePort, 'loadDefinition'>,
  cache: DefinitionCache,
  xml: string,
  meta: { actor: string } & StartTimerContext,
): Promise<DeployResult> {
  const loaded = await engine.loadDefinition(xml, { knownProcessIds: new Set(await deployedProcessIds(db)) });
  if (!loaded.ok) throw new DeploymentError(loaded.findings);
  const { definition } = loaded;
  // Two deploys at once may compute the same next version, or store the same XML: the loser's
  // transaction rolls back and runs again, then finds the winner's rows (the same XML is then
  // "unchanged", a different one the version after). A few rounds settle any burst.
  for (let attempt = 1; ; attempt += 1) {
    try {
      const processes = await storeVersions(db, definition, xml, meta);
      cache.put(definition);
      return { processes, findings: loaded.findings };
    } catch (error) {
      if (attempt >= MAX_ATTEMPTS || !isDeployConflict(error)) throw error;
    }
  }
}

const MAX_ATTEMPTS = 5;

function storeVersions(
  db: Knex,
  definition: CompiledDefinition,
  xml: string,
  meta: { actor: string } & StartTimerContext,
): Promise<DeployedProcess[]> {
  return db.transaction(async (trx) => {
    await insertDeploymentIfMissing(trx, { hash: definition.hash, xml, deployedAt: meta.now, deployedBy: meta.actor });
    const deployed: DeployedProcess[] = [];
    const executable = [...definition.processes.values()].filter((process) => process.isExecutable);
    for (const process of executable) {
      const existing = await findDefinitionByHash(trx, process.id, definition.hash);
      if (existing) {
        deployed.push({ processId: process.id, version: existing.version, hash: definition.hash, created: false });
        continue;
      }
      const latest = await findDefinition(trx, process.id);
      const version = (latest?.version ?? 0) + 1;
      await insertDefinition(trx, {
        processId: process.id,
        version,
        hash: definition.hash,
        name: process.name,
        deployedAt: meta.now,
      });
      await replaceStartTimers(trx, process, { version, hash: definition.hash }, meta);
      deployed.push({ processId: process.id, version, hash: definition.hash, created: true });
    }
    return deployed;
  });
}
