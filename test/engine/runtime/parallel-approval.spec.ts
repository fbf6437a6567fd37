/** 串改并 patterns as BPMN: 提前介入 and 或签. */
import { expect } from 'chai';
import { fileURLToPath } from 'node:url';
import { MemoryEngine } from '../../support/memory-engine.js';
import { expectReplayMatches } from './helpers.js';

const bpmn = fileURLToPath(new URL('./parallel-approval.bpmn', import.meta.url));

describe('runtime: 串改并 patterns', () => {
  let engine: MemoryEngine;
  beforeEach(async () => {
    engine = new MemoryEngine();
    await engine.deploy(bpmn);
  });

  const open = (caseId: string) =>
    Object.values(engine.get(caseId).state.tasks)
      .map((t) => t.elementId)
      .sort();

  it('提前介入: 消防 starts its technical review while 规划 is still deciding, and issues only once 规划’s approval lands', () => {
    const caseId = engine.start('jointApproval');
    expect(open(caseId)).to.deep.equal(['fireTechnicalReview', 'planningApproval']);
    engine.completeTask(caseId, 'fireTechnicalReview');
    expect(open(caseId)).to.deep.equal(['planningApproval']);
    engine.completeTask(caseId, 'planningApproval');
    expect(open(caseId)).to.deep.equal(['fireIssue']);
    expectReplayMatches(engine, caseId);
  });

  it('或签: the first approval completes the step and cancels the others', () => {
    const caseId = engine.start('jointApproval');
    engine.completeTask(caseId, 'fireTechnicalReview');
    engine.completeTask(caseId, 'planningApproval');
    engine.completeTask(caseId, 'fireIssue');
    expect(open(caseId)).to.deep.equal(['signOff', 'signOff', 'signOff']);
    engine.completeTask(caseId, 'signOff');
    expect(engine.get(caseId).state.status).to.equal('completed');
    const cancelled = engine
      .get(caseId)
      .events.filter((e) => e.type === 'element.terminated' && e.data.reason === 'completion-condition');
    expect(cancelled).to.have.length(2);
    expectReplayMatches(engine, caseId);
  });
});
