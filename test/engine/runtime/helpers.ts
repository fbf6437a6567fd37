/** Assertions shared by the runtime specs. */
import { expect } from 'chai';
import type { MemoryEngine } from '../../support/memory-engine.js';

/** Replaying the case's events (and its children's) rebuilds exactly the state commands produced. */
export function expectReplayMatches(engine: MemoryEngine, caseId: string): void {
  for (const id of engine.family(caseId)) {
    const { replayed, state } = engine.replayMatches(id);
    expect(replayed, `replay of case ${id}`).to.deep.equal(state);
  }
}
