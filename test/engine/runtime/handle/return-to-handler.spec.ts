import { expect } from 'chai';
import { fileURLToPath } from 'node:url';
import { replay, type CaseEvent } from '../../../../engine/case/index.js';
import type { TaskState } from '../../../../engine/runtime/index.js';
import { MemoryEngine } from '../../../support/memory-engine.js';
import { expectReplayMatches } from '../helpers.js';

const approval = fileURLToPath(new URL('./approval.bpmn', import.meta.url));
const countersign = fileURLToPath(new URL('./countersign.bpmn', import.meta.url));

describe('runtime: 退回 goes back to the officer who handled the step (首办负责)', () => {
  let engine: MemoryEngine;
  beforeEach(async () => {
    engine = new MemoryEngine({ checkEveryCommand: true });
    await engine.deploy(approval);
    await engine.deploy(countersign);
  });

  const state = (caseId: string) => engine.get(caseId).state;
  const taskAt = (caseId: string, elementId: string): TaskState | undefined =>
    Object.values(state(caseId).tasks).find((t) => t.elementId === elementId);
  const claim = (caseId: string, elementId: string, officer: string) =>
    engine.run(caseId, { type: 'task.claim', actor: officer, data: { taskId: taskAt(caseId, elementId)!.id } });
  const complete = (caseId: string, elementId: string, officer: string, admin?: boolean) =>
    engine.run(caseId, {
      type: 'task.complete',
      actor: officer,
      data: { taskId: taskAt(caseId, elementId)!.id, ...(admin ? { admin } : {}) },
    });
  const handle = (caseId: string, elementId: string, officer: string) => {
    claim(caseId, elementId, officer);
    complete(caseId, elementId, officer);
  };
  const returnTo = (caseId: string, from: string, to: string) =>
    engine.run(caseId, {
      type: 'case.modify',
      actor: '局长',
      data: { cancel: [taskAt(caseId, from)!.instanceId], activate: to, reason: '材料需补充核查' },
    });
  const created = (events: readonly CaseEvent[]) => events.find((e) => e.type === 'task.created');
  const modified = (events: readonly CaseEvent[]) => events.find((e) => e.type === 'instance.modified');

  it('should create the returned step’s task assigned to the officer who completed it, and name them in the event', () => {
    // given 李四 completed 审查 and the case waits at 决定
    const caseId = engine.start('approval');
    handle(caseId, 'review', '李四');

    // when 决定 returns it to 审查
    const events = returnTo(caseId, 'decide', 'review');

    // then the modification names 李四, the task is created with 李四 as assignee
    expect(modified(events)?.data).to.include({ returnedTo: '李四', reason: '材料需补充核查' });
    expect(created(events)?.data).to.include({ elementId: 'review', assignee: '李四' });
    expect(taskAt(caseId, 'review')?.assignee).to.equal('李四');
    expectReplayMatches(engine, caseId);
  });

  it('should go back to the officer of the last completion: after 转办, the one who completed it', () => {
    // given 审查 done by 李四, returned, transferred to 王五, completed by 王五
    const caseId = engine.start('approval');
    handle(caseId, 'review', '李四');
    returnTo(caseId, 'decide', 'review');
    engine.run(caseId, {
      type: 'task.transfer',
      actor: '李四',
      data: { taskId: taskAt(caseId, 'review')!.id, to: '王五' },
    });
    complete(caseId, 'review', '王五');

    // when 决定 returns it again
    const events = returnTo(caseId, 'decide', 'review');

    // then it goes to 王五
    expect(modified(events)?.data).to.include({ returnedTo: '王五' });
    expect(taskAt(caseId, 'review')?.assignee).to.equal('王五');
    expectReplayMatches(engine, caseId);
  });

  it('should record the assignee, not the administrator or the system, who completed it for them', () => {
    // given 李四 claimed 审查 and an administrator completed it for him
    const caseId = engine.start('approval');
    claim(caseId, 'review', '李四');
    const events = complete(caseId, 'review', '管理员', true);
    expect(events.find((e) => e.type === 'task.completed')?.data).to.include({ handler: '李四' });

    // when 决定 returns it, then it goes to 李四
    returnTo(caseId, 'decide', 'review');
    expect(taskAt(caseId, 'review')?.assignee).to.equal('李四');
    expectReplayMatches(engine, caseId);
  });

  it('should NOT name a handler when the system completed an unassigned step: the task is open to its group', () => {
    const caseId = engine.start('approval');
    const events = complete(caseId, 'review', 'system');
    expect(events.find((e) => e.type === 'task.completed')?.data).to.not.have.property('handler');

    const returned = returnTo(caseId, 'decide', 'review');

    expect(modified(returned)?.data).to.not.have.property('returnedTo');
    expect(taskAt(caseId, 'review')).to.include({ assignee: null });
    expect(taskAt(caseId, 'review')?.candidateGroups).to.deep.equal(['审查科']);
    expectReplayMatches(engine, caseId);
  });

  it('should NOT assign a step nobody completed yet', () => {
    const caseId = engine.start('approval');
    const events = engine.run(caseId, {
      type: 'case.modify',
      actor: '局长',
      data: { cancel: 'all', activate: 'review' },
    });
    expect(modified(events)?.data).to.not.have.property('returnedTo');
    expect(taskAt(caseId, 'review')?.assignee).to.equal(null);
  });

  it('should NOT give a multi-instance step (会签) to one officer: each signer gets their own again', () => {
    // given a 会签 of 甲 and 乙, both signed, the case at 决定
    const caseId = engine.start('countersign', { signers: ['甲', '乙'] });
    for (const signer of ['甲', '乙']) {
      const task = Object.values(state(caseId).tasks).find((t) => t.assignee === signer)!;
      engine.run(caseId, { type: 'task.complete', actor: signer, data: { taskId: task.id } });
    }

    // when 决定 returns it to 会签
    const events = returnTo(caseId, 'decide', 'sign');

    // then the modification names nobody and each signer has a task again
    expect(modified(events)?.data).to.not.have.property('returnedTo');
    expect(
      Object.values(state(caseId).tasks)
        .map((t) => t.assignee)
        .sort(),
    ).to.deep.equal(['乙', '甲']);
    expectReplayMatches(engine, caseId);
  });

  it('should give 撤回 back to the officer who withdraws', () => {
    const caseId = engine.start('approval');
    handle(caseId, 'review', '李四');
    engine.run(caseId, { type: 'task.withdraw', actor: '李四', data: {} });
    expect(taskAt(caseId, 'review')?.assignee).to.equal('李四');
    expectReplayMatches(engine, caseId);
  });

  it('should replay a log written before completions named their handler without a record of handlers', () => {
    // given the events of a case, its completions without `handler` (as older logs hold them)
    const caseId = engine.start('approval');
    handle(caseId, 'review', '李四');
    const old = engine.get(caseId).events.map((event) => {
      if (event.type !== 'task.completed') return event;
      const { handler: _dropped, ...data } = event.data;
      return { ...event, data };
    });

    // then the replayed state has no stepHandlers key, as the states those logs recorded
    expect(replay(old)).to.not.have.property('stepHandlers');
    expect(state(caseId).stepHandlers).to.deep.equal({ review: '李四' });
  });
});
