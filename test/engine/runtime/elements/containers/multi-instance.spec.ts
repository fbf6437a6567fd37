import { expect } from 'chai';
import { fileURLToPath } from 'node:url';
import { MemoryEngine } from '../../../../support/memory-engine.js';
import { expectReplayMatches } from '../../helpers.js';

const bpmn = fileURLToPath(new URL('./multi-instance.collection.bpmn', import.meta.url));

describe('runtime: multi-instance over a FEEL collection (会签 / 票签)', () => {
  let engine: MemoryEngine;
  beforeEach(async () => {
    engine = new MemoryEngine();
    await engine.deploy(bpmn);
  });

  const tasks = (caseId: string) => Object.values(engine.get(caseId).state.tasks);

  it('should create one task per department, each with its item and loopCounter as local variables', () => {
    const caseId = engine.start('jointReview', { departments: ['人防办', '消防救援', '自然资源'] });
    const state = engine.get(caseId).state;
    expect(tasks(caseId).map((t) => t.candidateGroups)).to.deep.equal([['人防办'], ['消防救援'], ['自然资源']]);
    const locals = tasks(caseId).map((t) => state.variables[t.instanceId]);
    expect(locals).to.deep.equal([
      { loopCounter: 1, department: '人防办', title: '审查：人防办' },
      { loopCounter: 2, department: '消防救援', title: '审查：消防救援' },
      { loopCounter: 3, department: '自然资源', title: '审查：自然资源' },
    ]);
  });

  it('should collect every instance output in loop order, whatever the completion order (会签)', () => {
    const caseId = engine.start('jointReview', { departments: ['人防办', '消防救援', '自然资源'] });
    const [first, second, third] = tasks(caseId);
    for (const [task, passed] of [
      [third, true],
      [first, false],
      [second, true],
    ] as const) {
      engine.run(caseId, {
        type: 'task.complete',
        actor: 'officer',
        data: { taskId: task!.id, variables: { passed } },
      });
    }
    const { state } = engine.get(caseId);
    expect(state.variables[state.rootInstanceId]?.['opinions']).to.deep.equal([
      { department: '人防办', passed: false },
      { department: '消防救援', passed: true },
      { department: '自然资源', passed: true },
    ]);
    expect(tasks(caseId).map((t) => t.elementId)).to.deep.equal(['decide']);
    expect(state.stats.completed['departmentReview']).to.equal(1);
    expectReplayMatches(engine, caseId);
  });

  it('should complete a 票签 as soon as the pass ratio is reached and cancel the remaining votes', () => {
    const caseId = engine.start('ballot', { experts: ['甲', '乙', '丙', '丁', '戊'] });
    const votes = tasks(caseId);
    expect(votes).to.have.length(5);
    for (const task of votes.slice(0, 2))
      engine.run(caseId, {
        type: 'task.complete',
        actor: 'expert',
        data: { taskId: task.id, variables: { approve: true } },
      });
    expect(tasks(caseId)).to.have.length(3);
    engine.run(caseId, {
      type: 'task.complete',
      actor: 'expert',
      data: { taskId: votes[2]!.id, variables: { approve: true } },
    });
    const { state } = engine.get(caseId);
    expect(state.status).to.equal('completed');
    expect(state.variables[state.rootInstanceId]?.['votes']).to.deep.equal([true, true, true, null, null]);
    expectReplayMatches(engine, caseId);
  });

  it('should NOT pass a 票签 below the ratio: it waits for more votes', () => {
    const caseId = engine.start('ballot', { experts: ['甲', '乙', '丙', '丁', '戊'] });
    const votes = tasks(caseId);
    engine.run(caseId, {
      type: 'task.complete',
      actor: 'expert',
      data: { taskId: votes[0]!.id, variables: { approve: true } },
    });
    engine.run(caseId, {
      type: 'task.complete',
      actor: 'expert',
      data: { taskId: votes[1]!.id, variables: { approve: false } },
    });
    engine.run(caseId, {
      type: 'task.complete',
      actor: 'expert',
      data: { taskId: votes[2]!.id, variables: { approve: true } },
    });
    expect(engine.get(caseId).state.status).to.equal('active');
    expect(tasks(caseId)).to.have.length(2);
  });

  it('should complete at once, with an empty output collection, over an empty list', () => {
    const caseId = engine.start('jointReview', { departments: [] });
    const { state } = engine.get(caseId);
    expect(tasks(caseId).map((t) => t.elementId)).to.deep.equal(['decide']);
    expect(state.variables[state.rootInstanceId]?.['opinions']).to.deep.equal([]);
  });

  it('should raise an incident, not crash, when the collection is not a list, and go on once it is fixed', () => {
    const caseId = engine.start('jointReview', { departments: '人防办' });
    const incident = Object.values(engine.get(caseId).state.incidents)[0]!;
    expect(incident).to.include({ kind: 'expression-failed', elementId: 'departmentReview' });
    expect(incident.message).to.contain('to be a list');
    engine.run(caseId, { type: 'variables.set', actor: 'admin', data: { variables: { departments: ['人防办'] } } });
    engine.run(caseId, { type: 'incident.resolve', actor: 'admin', data: { incidentId: incident.id } });
    expect(tasks(caseId).map((t) => t.candidateGroups)).to.deep.equal([['人防办']]);
    expectReplayMatches(engine, caseId);
  });
});
