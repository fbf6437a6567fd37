import { expect } from 'chai';
import { fileURLToPath } from 'node:url';
import { MemoryEngine } from '../../../../support/memory-engine.js';
import { expectReplayMatches } from '../../helpers.js';

const bpmn = fileURLToPath(new URL('./standard-loop.bpmn', import.meta.url));

describe('runtime: standard loop (loopCondition, loopMaximum, loopCounter)', () => {
  let engine: MemoryEngine;
  beforeEach(async () => {
    engine = new MemoryEngine();
    await engine.deploy(bpmn);
  });

  const open = (caseId: string) => Object.values(engine.get(caseId).state.tasks);
  const counterOf = (caseId: string) => {
    const { state } = engine.get(caseId);
    return state.variables[open(caseId)[0]!.instanceId]?.['loopCounter'];
  };

  it('should run the task again, with the next loopCounter, while the condition holds', () => {
    const caseId = engine.start('correctionRounds');
    expect(counterOf(caseId)).to.equal(1);
    engine.completeTask(caseId, 'checkMaterials', { complete: false });
    expect(counterOf(caseId)).to.equal(2);
    engine.completeTask(caseId, 'checkMaterials', { complete: true });
    expect(engine.get(caseId).state.status).to.equal('completed');
    expect(engine.get(caseId).state.stats.completed['checkMaterials']).to.equal(1);
    expectReplayMatches(engine, caseId);
  });

  it('should stop at loopMaximum even when the condition still holds', () => {
    const caseId = engine.start('correctionRounds');
    for (let round = 0; round < 3; round++) engine.completeTask(caseId, 'checkMaterials', { complete: false });
    expect(engine.get(caseId).state.status).to.equal('completed');
    expectReplayMatches(engine, caseId);
  });
});
