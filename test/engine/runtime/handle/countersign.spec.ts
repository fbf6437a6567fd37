import { expect } from 'chai';
import { fileURLToPath } from 'node:url';
import type { TaskState } from '../../../../engine/runtime/index.js';
import { MemoryEngine } from '../../../support/memory-engine.js';
import { expectReplayMatches } from '../helpers.js';

const bpmn = fileURLToPath(new URL('./countersign.bpmn', import.meta.url));

describe('runtime: 加签 and 减签 on a running countersign', () => {
  let engine: MemoryEngine;
  beforeEach(async () => {
    engine = new MemoryEngine();
    await engine.deploy(bpmn);
  });

  const state = (caseId: string) => engine.get(caseId).state;
  const open = (caseId: string, elementId: string): TaskState[] =>
    Object.values(state(caseId).tasks).filter((t) => t.elementId === elementId);
  const body = (caseId: string, elementId: string) =>
    Object.values(state(caseId).instances).find((i) => i.elementId === elementId && i.mi)!;
  const sign = (caseId: string, task: TaskState) =>
    engine.run(caseId, { type: 'task.complete', actor: task.assignee!, data: { taskId: task.id } });

  it('should need a 4th approval after 加签 on a 会签 (all must approve)', () => {
    // given a 会签 of 甲, 乙, 丙
    const caseId = engine.start('countersign', { signers: ['甲', '乙', '丙'] });
    // when 丁 is added
    engine.run(caseId, {
      type: 'multiInstance.addInstance',
      actor: '科长',
      data: { elementId: 'sign', items: ['丁'] },
    });
    // then 丁 has a task with the next loopCounter and the body counts four
    const tasks = open(caseId, 'sign');
    expect(tasks.map((t) => t.assignee)).to.deep.equal(['甲', '乙', '丙', '丁']);
    const added = tasks[3]!;
    expect(state(caseId).variables[added.instanceId]).to.include({ loopCounter: 4, signer: '丁' });
    expect(body(caseId, 'sign').mi).to.include({ total: 4, active: 4 });
    // when the first three approve, then the 会签 still waits for 丁
    for (const task of tasks.slice(0, 3)) sign(caseId, task);
    expect(open(caseId, 'decide')).to.have.length(0);
    // when 丁 approves, then it completes with four outputs
    sign(caseId, added);
    expect(open(caseId, 'decide')).to.have.length(1);
    expect(state(caseId).variables[state(caseId).rootInstanceId]?.['opinions']).to.deep.equal(['甲', '乙', '丙', '丁']);
    expectReplayMatches(engine, caseId);
  });

  it('should let the added signer of a 或签 complete it alone', () => {
    // given a 或签 of 甲, 乙
    const caseId = engine.start('orSign', { signers: ['甲', '乙'] });
    const bodyId = body(caseId, 'anyOne').id;
    // when 丙 is added by the body's instance id and approves first
    engine.run(caseId, {
      type: 'multiInstance.addInstance',
      actor: '科长',
      data: { instanceId: bodyId, items: ['丙'] },
    });
    const added = open(caseId, 'anyOne').find((t) => t.assignee === '丙')!;
    sign(caseId, added);
    // then the 或签 is done and the others are cancelled
    expect(open(caseId, 'anyOne')).to.have.length(0);
    expect(open(caseId, 'decide2')).to.have.length(1);
    expectReplayMatches(engine, caseId);
  });

  it('should complete the 会签 when the last pending signer is removed (减签)', () => {
    // given a 会签 where 甲 and 乙 approved and 丙 has not
    const caseId = engine.start('countersign', { signers: ['甲', '乙', '丙'] });
    const [a, b, c] = open(caseId, 'sign');
    sign(caseId, a!);
    sign(caseId, b!);
    // when 丙 is removed
    const events = engine.run(caseId, {
      type: 'multiInstance.cancelInstance',
      actor: '科长',
      data: { instanceId: c!.instanceId },
    });
    // then 丙's task is cancelled, two of two approved, and the case goes on to 决定
    expect(events.map((e) => e.type)).to.include.members([
      'multiInstance.instanceCancelled',
      'task.cancelled',
      'element.terminated',
    ]);
    expect(open(caseId, 'sign')).to.have.length(0);
    expect(open(caseId, 'decide')).to.have.length(1);
    expect(state(caseId).variables[state(caseId).rootInstanceId]?.['opinions']).to.deep.equal(['甲', '乙', null]);
    expectReplayMatches(engine, caseId);
  });

  it('should keep waiting after 减签 while others are still pending, with nrOfInstances lowered', () => {
    const caseId = engine.start('countersign', { signers: ['甲', '乙', '丙'] });
    const [a, b, c] = open(caseId, 'sign');
    engine.run(caseId, { type: 'multiInstance.cancelInstance', actor: '科长', data: { instanceId: a!.instanceId } });
    expect(body(caseId, 'sign').mi).to.include({ total: 2, active: 2, removed: 1 });
    sign(caseId, b!);
    expect(open(caseId, 'decide')).to.have.length(0);
    sign(caseId, c!);
    expect(open(caseId, 'decide')).to.have.length(1);
    expectReplayMatches(engine, caseId);
  });

  it('should NOT remove the only signer left, nor a completed one, nor an instance that is not inner', () => {
    const caseId = engine.start('countersign', { signers: ['甲'] });
    const [a] = open(caseId, 'sign');
    expect(() =>
      engine.run(caseId, { type: 'multiInstance.cancelInstance', actor: '科长', data: { instanceId: a!.instanceId } }),
    ).to.throw(/INVALID_ARGUMENT/);
    expect(() =>
      engine.run(caseId, {
        type: 'multiInstance.cancelInstance',
        actor: '科长',
        data: { instanceId: body(caseId, 'sign').id },
      }),
    ).to.throw(/NOT_MULTI_INSTANCE/);
    sign(caseId, a!);
    expect(() =>
      engine.run(caseId, { type: 'multiInstance.cancelInstance', actor: '科长', data: { instanceId: a!.instanceId } }),
    ).to.throw(/INSTANCE_NOT_FOUND/);
    expect(() =>
      engine.run(caseId, { type: 'multiInstance.addInstance', actor: '科长', data: { elementId: 'sign' } }),
    ).to.throw(/INSTANCE_NOT_FOUND/);
    expectReplayMatches(engine, caseId);
  });

  it('should run an added signer last in a sequential approval, and go on past a removed one', () => {
    // given 依次审批 by 甲 then 乙
    const caseId = engine.start('inTurn', { signers: ['甲', '乙'] });
    // when 丙 is added and 甲's turn is removed
    engine.run(caseId, {
      type: 'multiInstance.addInstance',
      actor: '科长',
      data: { elementId: 'each', items: ['丙'] },
    });
    expect(open(caseId, 'each').map((t) => t.assignee)).to.deep.equal(['甲']);
    engine.run(caseId, {
      type: 'multiInstance.cancelInstance',
      actor: '科长',
      data: { instanceId: open(caseId, 'each')[0]!.instanceId },
    });
    // then 乙 and then 丙 approve, and the approval completes
    expect(open(caseId, 'each').map((t) => t.assignee)).to.deep.equal(['乙']);
    sign(caseId, open(caseId, 'each')[0]!);
    expect(open(caseId, 'each').map((t) => t.assignee)).to.deep.equal(['丙']);
    sign(caseId, open(caseId, 'each')[0]!);
    expect(state(caseId).status).to.equal('completed');
    expect(state(caseId).variables[state(caseId).rootInstanceId]?.['order']).to.deep.equal([null, '乙', '丙']);
    expectReplayMatches(engine, caseId);
  });
});
