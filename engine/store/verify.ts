/**
 * Audit checks over a stored case: the hash chain recomputed from the stored events, every
 * material file a `material.filed` event names re-hashed (when the store was given the files),
 * the replay of those events compared with the stored snapshot (as JSON, which is what is
 * stored), and the query tables compared with the snapshot.
 */
import type { Knex } from 'knex';
import type { CaseState } from '../case/index.js';
import type { EnginePort } from './engine-port.js';
import { loadCase } from './case-repository.js';
import { readChainedEvents } from './event-log.js';
import { checkChain, type ChainCheck, type ChainedEvent } from './hash-chain.js';
import { canonicalJson } from './json.js';
import { projectionMismatch } from './projection-check.js';

export type VerifyResult = ChainCheck;

/** Re-hashes the stored file `sha256` names: null when its content still has that hash, else what is wrong. */
export type MaterialFileCheck = (sha256: string) => Promise<string | null>;

/** Verify a case's hash chain, that replaying its log reproduces its snapshot, and its projections. */
export async function verifyCase(
  db: Knex,
  engine: Pick<EnginePort, 'replay'>,
  caseId: string,
  files?: MaterialFileCheck,
): Promise<VerifyResult> {
  const record = await loadCase(db, caseId);
  const chained = await readChainedEvents(db, caseId);
  if (!record) return { ok: false, brokenAtSeq: 0, reason: `Expected a case ${caseId}, but there is none` };
  const chain = checkChain(caseId, chained);
  if (!chain.ok) return chain;
  const lastHash = chained[chained.length - 1]?.hash;
  if (chained.length !== record.version || lastHash !== record.lastHash) {
    return {
      ok: false,
      brokenAtSeq: Math.min(chained.length, record.version) + 1,
      reason: `Expected ${record.version} events ending in ${record.lastHash}, but the log holds ${chained.length} ending in ${lastHash ?? 'nothing'}`,
    };
  }
  // The chain covers each file through the hash its event carries: the file must still have it.
  if (files) {
    const broken = await brokenFile(chained, files);
    if (broken) return broken;
  }
  const replayed = engine.replay(chained.map((entry) => entry.event));
  if (!sameJson(replayed, record.state)) {
    return {
      ok: false,
      brokenAtSeq: record.version,
      reason: 'Expected replay of the log to equal the stored snapshot, but they differ',
    };
  }
  const mismatch = await projectionMismatch(db, record.state);
  if (mismatch) return { ok: false, brokenAtSeq: record.version, reason: mismatch };
  return { ok: true };
}

/** The first `material.filed` event whose file no longer hashes to the sha256 it carries. */
async function brokenFile(chained: readonly ChainedEvent[], files: MaterialFileCheck): Promise<VerifyResult | null> {
  for (const { seq, event } of chained) {
    if (event.type !== 'material.filed') continue;
    const { materialId, version, fileName, sha256 } = event.data;
    const problem = await files(sha256);
    if (problem)
      return {
        ok: false,
        brokenAtSeq: seq,
        reason: `Expected the file of material ${materialId} (version ${version}, ${fileName}) to hash to ${sha256}, but ${problem}`,
      };
  }
  return null;
}

/** Equality as stored: canonical JSON of both sides. */
function sameJson(a: CaseState | null, b: CaseState | null): boolean {
  return canonicalJson(a) === canonicalJson(b);
}
