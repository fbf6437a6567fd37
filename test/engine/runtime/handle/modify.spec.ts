import { expect } from 'chai';
import { fileURLToPath } from 'node:url';
import type { TaskState } from '../../../../engine/runtime/index.js';
import type { CaseEvent } from '../../../../engine/case/index.js';
import { MemoryEngine } from '../../../support/memory-engine.js';
import { expectReplayMatches } from '../helpers.js';

const bpmn = fileURLToPath(new URL('./approval.bpmn', import.meta.url));

describe('runtime: 退回 (process-instance modification) and 撤回', () => {
  let engine: MemoryEngine;
  beforeEach(async () => {
    engine = new MemoryEngine();
    await engine.deploy(bpmn);
  });

  const state = (caseId: string) => engine.get(caseId).state;
  const taskAt = (caseId: string, elementId: string): TaskState | undefined =>
    Object.values(state(caseId).tasks).find((t) => t.elementId === elementId);
  const handle = (caseId: string, elementId: string, officer: string) => {
    const task = taskAt(caseId, elementId)!;
    engine.run(caseId, { type: 'task.claim', actor: officer, data: { taskId: task.id } });
    engine.run(caseId, { type: 'task.complete', actor: officer, data: { taskId: task.id } });
  };
  const modified = (events: CaseEvent[]) =>
    events.find((e): e is Extract<CaseEvent, { type: 'instance.modified' }> => e.type === 'instance.modified')!;

  it('should return a case from 决定 to 审查: 决定 is cancelled, a new 审查 appears, and the flow goes forward again', () => {
    // given a case at 决定 after 李四's 审查
    const caseId = engine.start('approval');
    handle(caseId, 'review', '李四');
    const decide = taskAt(caseId, 'decide')!;
    // when the leader returns it to 审查
    const events = engine.run(caseId, {
      type: 'case.modify',
      actor: '局长',
      data: {
        cancel: [decide.instanceId],
        activate: 'review',
        reason: '退回',
        variables: { 退回意见: '补充现场核查' },
      },
    });
    // then one instance.modified, 决定 terminated as returned, a fresh 审查 task
    expect(modified(events).data).to.deep.equal({
      cancelled: [decide.instanceId],
      activated: { elementId: 'review', scopeInstanceId: state(caseId).rootInstanceId },
      joinsCleared: [],
      by: '局长',
      reason: '退回',
      returnedTo: '李四',
    });
    expect(events.find((e) => e.type === 'element.terminated')?.data).to.deep.include({
      instanceId: decide.instanceId,
      reason: 'returned',
    });
    expect(events.map((e) => e.type)).to.include('task.cancelled');
    expect(Object.values(state(caseId).tasks).map((t) => [t.elementId, t.assignee])).to.deep.equal([
      ['review', '李四'],
    ]);
    expect(state(caseId).variables[state(caseId).rootInstanceId]).to.include({ 退回意见: '补充现场核查' });
    // when 审查 and 决定 are handled again, then the case moves on to 送达
    handle(caseId, 'review', '李四');
    handle(caseId, 'decide', '局长');
    expect(Object.values(state(caseId).tasks).map((t) => t.elementId)).to.deep.equal(['deliver']);
    expect(state(caseId).stats.entered['review']).to.equal(2);
    expectReplayMatches(engine, caseId);
  });

  it('should restart at the chosen step with cancel all', () => {
    const caseId = engine.start('approval');
    handle(caseId, 'review', '李四');
    engine.run(caseId, { type: 'case.modify', actor: '局长', data: { cancel: 'all', activate: 'review' } });
    expect(Object.values(state(caseId).tasks).map((t) => t.elementId)).to.deep.equal(['review']);
    expectReplayMatches(engine, caseId);
  });

  it('should NOT start at an unknown element, a boundary event or an event sub-process start', () => {
    const caseId = engine.start('assigned');
    const check = taskAt(caseId, 'check')!;
    const codes = ['nowhere', 'withdrawalStart', 'onWithdrawal'].map((activate) => {
      try {
        engine.run(caseId, { type: 'case.modify', actor: '局长', data: { cancel: [check.instanceId], activate } });
        return 'accepted';
      } catch (error) {
        return (error as { code: string }).code;
      }
    });
    expect(codes).to.deep.equal(['ELEMENT_NOT_FOUND', 'ELEMENT_NOT_ACTIVATABLE', 'ELEMENT_NOT_ACTIVATABLE']);
    const other = engine.start('approval');
    expect(() =>
      engine.run(other, { type: 'case.modify', actor: '局长', data: { cancel: [], activate: 'reviewEscalated' } }),
    ).to.throw(/ELEMENT_NOT_ACTIVATABLE/);
    expect(() =>
      engine.run(other, { type: 'case.modify', actor: '局长', data: { cancel: ['id-999'], activate: 'review' } }),
    ).to.throw(/INSTANCE_NOT_FOUND/);
    expect(taskAt(caseId, 'check')?.id).to.equal(check.id);
    expectReplayMatches(engine, caseId);
  });

  it('should NOT start inside a sub-process that is no longer active', () => {
    // given a case past its 部门阶段 sub-process
    const caseId = engine.start('staged');
    handle(caseId, 'inner', '李四');
    const after = taskAt(caseId, 'after')!;
    // when it is returned to the step inside the finished stage, then it is refused
    expect(() =>
      engine.run(caseId, {
        type: 'case.modify',
        actor: '局长',
        data: { cancel: [after.instanceId], activate: 'inner' },
      }),
    ).to.throw(/SCOPE_NOT_ACTIVE/);
    expect(taskAt(caseId, 'after')?.id).to.equal(after.id);
    expectReplayMatches(engine, caseId);
  });

  it('should end a sub-process whose last token is cancelled, without completing it', () => {
    // given a case inside 部门阶段
    const caseId = engine.start('staged');
    const inner = taskAt(caseId, 'inner')!;
    // when its task is cancelled and the step after the stage activated
    const events = engine.run(caseId, {
      type: 'case.modify',
      actor: '局长',
      data: { cancel: [inner.instanceId], activate: 'after' },
    });
    // then the stage is terminated, not completed, and 阶段后 waits
    const stage = events
      .filter((e) => e.type === 'element.terminated' || e.type === 'element.completed')
      .map((e) => [e.type, (e.data as { elementId: string }).elementId]);
    expect(stage).to.deep.equal([
      ['element.terminated', 'inner'],
      ['element.terminated', 'stage'],
    ]);
    expect(Object.values(state(caseId).tasks).map((t) => t.elementId)).to.deep.equal(['after']);
    expectReplayMatches(engine, caseId);
  });

  it('should let the last handler withdraw (撤回) before the next step is claimed', () => {
    // given 李四 completed 审查 and 决定 waits unclaimed
    const caseId = engine.start('approval');
    handle(caseId, 'review', '李四');
    const decide = taskAt(caseId, 'decide')!;
    // when 李四 withdraws
    const events = engine.run(caseId, { type: 'task.withdraw', actor: '李四', data: {} });
    // then 决定 is cancelled and 审查 is back
    expect(modified(events).data).to.include({ reason: '撤回', by: '李四' });
    expect(modified(events).data.cancelled).to.deep.equal([decide.instanceId]);
    expect(Object.values(state(caseId).tasks).map((t) => t.elementId)).to.deep.equal(['review']);
    // and there is nothing more to withdraw until 审查 is completed again
    expect(() => engine.run(caseId, { type: 'task.withdraw', actor: '李四', data: {} })).to.throw(/NOT_WITHDRAWABLE/);
    handle(caseId, 'review', '李四');
    expect(taskAt(caseId, 'decide')).to.not.equal(undefined);
    expectReplayMatches(engine, caseId);
  });

  it('should NOT let the last handler withdraw once the next task is claimed', () => {
    // given 李四 completed 审查 and 局长 claimed 决定
    const caseId = engine.start('approval');
    handle(caseId, 'review', '李四');
    engine.run(caseId, { type: 'task.claim', actor: '局长', data: { taskId: taskAt(caseId, 'decide')!.id } });
    // when 李四 withdraws, then he is refused and 决定 stays
    expect(() => engine.run(caseId, { type: 'task.withdraw', actor: '李四', data: {} })).to.throw(/NOT_WITHDRAWABLE/);
    expect(taskAt(caseId, 'decide')?.assignee).to.equal('局长');
    expectReplayMatches(engine, caseId);
  });

  it('should NOT let anyone but the last handler withdraw', () => {
    const caseId = engine.start('approval');
    handle(caseId, 'review', '李四');
    const last = state(caseId).lastCompleted!;
    expect(() => engine.run(caseId, { type: 'task.withdraw', actor: '王五', data: { taskId: last.taskId } })).to.throw(
      /NOT_WITHDRAWABLE/,
    );
    expect(() => engine.run(caseId, { type: 'task.withdraw', actor: '李四', data: { taskId: 'id-0' } })).to.throw(
      /NOT_WITHDRAWABLE/,
    );
    expectReplayMatches(engine, caseId);
  });
});
