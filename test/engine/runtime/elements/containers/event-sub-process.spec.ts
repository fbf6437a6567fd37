import { expect } from 'chai';
import { fileURLToPath } from 'node:url';
import { replay } from '../../../../../engine/case/index.js';
import type { CaseEvent } from '../../../../../engine/case/index.js';
import { MemoryEngine } from '../../../../support/memory-engine.js';
import { expectReplayMatches } from '../../helpers.js';

const bpmn = fileURLToPath(new URL('./event-sub-process.join.bpmn', import.meta.url));

describe('runtime: event sub-process taking over its scope', () => {
  let engine: MemoryEngine;
  beforeEach(async () => {
    engine = new MemoryEngine({ checkEveryCommand: true });
    await engine.deploy(bpmn);
  });

  const root = (caseId: string) => {
    const { state } = engine.get(caseId);
    return state.instances[state.rootInstanceId];
  };
  const activationOf = (events: readonly CaseEvent[], elementId: string) =>
    events.find((e) => e.type === 'element.activated' && e.data.elementId === elementId);

  it('should record the take-over on the interrupting event sub-process and forget the join arrivals', () => {
    // given one branch already waiting at the parallel join
    const caseId = engine.start('reviewWithEventSubProcesses');
    engine.completeTask(caseId, 'reviewMaterials');
    expect(root(caseId)?.joins).to.deep.equal({ join: { reviewMaterials_to_join: 1 } });

    // when the interrupting event sub-process starts
    engine.message(caseId, 'ApplicationWithdrawn', { elementId: 'withdrawn' });

    // then its activation says so, and the scope keeps no arrival of the interrupted flow
    expect(activationOf(engine.get(caseId).events, 'withdrawal')?.data).to.include({ interrupting: true });
    expect(root(caseId)?.joins).to.equal(undefined);
    engine.completeTask(caseId, 'recordWithdrawal');
    expect(engine.get(caseId).state.status).to.equal('completed');
    expect(engine.get(caseId).state.stats.entered['join'] ?? 0).to.equal(0);
    expectReplayMatches(engine, caseId);
  });

  it('should NOT mark a non-interrupting event sub-process, whose scope keeps its join arrivals', () => {
    const caseId = engine.start('reviewWithEventSubProcesses');
    engine.completeTask(caseId, 'reviewMaterials');

    engine.signal('MaterialSupplied');

    const activation = activationOf(engine.get(caseId).events, 'supplement');
    expect(activation?.data).to.not.have.property('interrupting');
    expect(root(caseId)?.joins).to.deep.equal({ join: { reviewMaterials_to_join: 1 } });
    engine.completeTask(caseId, 'checkSite');
    expect(engine.get(caseId).state.stats.completed['join']).to.equal(1);
    expect(engine.get(caseId).state.status).to.equal('active');
    engine.completeTask(caseId, 'registerMaterial');
    expect(engine.get(caseId).state.status).to.equal('completed');
    expectReplayMatches(engine, caseId);
  });

  it('should replay a log written before the take-over was recorded as it was written', () => {
    // given the events of an interrupted case, its activation without the mark (older logs)
    const caseId = engine.start('reviewWithEventSubProcesses');
    engine.completeTask(caseId, 'reviewMaterials');
    engine.message(caseId, 'ApplicationWithdrawn', { elementId: 'withdrawn' });
    const old = engine.get(caseId).events.map((event) => {
      if (event.type !== 'element.activated' || !event.data.interrupting) return event;
      const { interrupting: _dropped, ...data } = event.data;
      return { ...event, data };
    });

    // then replay keeps the arrival those logs kept: old events do not change their meaning
    const state = replay(old);
    expect(state?.instances[state.rootInstanceId]?.joins).to.deep.equal({ join: { reviewMaterials_to_join: 1 } });
  });
});
