import { expect } from 'chai';
import { fileURLToPath } from 'node:url';
import { openAcceptanceStep } from '../../../engine/case/acceptance-step.js';
import { MemoryEngine } from '../../support/memory-engine.js';

const bpmn = fileURLToPath(new URL('./acceptance-step.bpmn', import.meta.url));

describe('case: the open acceptance step a deemed acceptance completes', () => {
  let engine: MemoryEngine;
  beforeEach(async () => {
    engine = new MemoryEngine();
    await engine.deploy(bpmn);
  });

  const stepOf = (caseId: string) => {
    const { definition, state } = engine.get(caseId);
    return openAcceptanceStep(definition, state);
  };
  const taskAt = (caseId: string, elementId: string) =>
    Object.values(engine.get(caseId).state.tasks).find((t) => t.elementId === elementId)?.id;

  it('should be the open task of the window step (gov:windowStep), even when another step was created first', () => {
    const caseId = engine.start('marked');
    expect(taskAt(caseId, 'precheck')).to.not.equal(undefined);
    expect(stepOf(caseId)).to.equal(taskAt(caseId, 'acceptance'));
  });

  it('should be the only open task in a flow that marks no window step', () => {
    const caseId = engine.start('unmarked');
    expect(stepOf(caseId)).to.equal(taskAt(caseId, 'firstStep'));
  });

  it('should NOT guess among several open tasks of a flow that marks no window step', () => {
    expect(stepOf(engine.start('unmarkedTwo'))).to.equal(undefined);
  });

  it('should NOT take a department step of a flow whose window steps are elsewhere', () => {
    expect(stepOf(engine.start('markedLater'))).to.equal(undefined);
  });
});
