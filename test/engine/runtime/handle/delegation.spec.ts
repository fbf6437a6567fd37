import { expect } from 'chai';
import { fileURLToPath } from 'node:url';
import type { TaskState } from '../../../../engine/runtime/index.js';
import { MemoryEngine } from '../../../support/memory-engine.js';
import { expectReplayMatches } from '../helpers.js';

const bpmn = fileURLToPath(new URL('./approval.bpmn', import.meta.url));

describe('runtime: 转办 and 委派', () => {
  let engine: MemoryEngine;
  let caseId: string;
  let review: TaskState;
  beforeEach(async () => {
    engine = new MemoryEngine();
    await engine.deploy(bpmn);
    // given a 审查 task claimed by 李四
    caseId = engine.start('approval');
    review = Object.values(engine.get(caseId).state.tasks)[0]!;
    engine.run(caseId, { type: 'task.claim', actor: '李四', data: { taskId: review.id } });
  });

  const task = () => engine.get(caseId).state.tasks[review.id];

  it('should give a transferred task to the new assignee, who completes it (转办)', () => {
    // when 科长 transfers it to 王五
    const events = engine.run(caseId, {
      type: 'task.transfer',
      actor: '科长',
      data: { taskId: review.id, to: '王五' },
    });
    // then it is 王五's; 李四 may no longer complete it, 王五 may
    expect(events[0]).to.deep.include({
      type: 'task.transferred',
      actor: '科长',
      data: { taskId: review.id, from: '李四', to: '王五' },
    });
    expect(task()).to.include({ assignee: '王五', owner: null, delegation: null });
    expect(() => engine.run(caseId, { type: 'task.complete', actor: '李四', data: { taskId: review.id } })).to.throw(
      /NOT_ASSIGNEE/,
    );
    engine.run(caseId, { type: 'task.complete', actor: '王五', data: { taskId: review.id } });
    expect(Object.values(engine.get(caseId).state.tasks).map((t) => t.elementId)).to.deep.equal(['decide']);
    expectReplayMatches(engine, caseId);
  });

  it('should NOT transfer a task to the one who already has it', () => {
    expect(() =>
      engine.run(caseId, { type: 'task.transfer', actor: '科长', data: { taskId: review.id, to: '李四' } }),
    ).to.throw(/INVALID_ARGUMENT/);
    expectReplayMatches(engine, caseId);
  });

  it('should let the delegate work on a task and return it to the owner, who then completes it (委派)', () => {
    // when 李四 delegates it to 赵六
    engine.run(caseId, { type: 'task.delegate', actor: '李四', data: { taskId: review.id, to: '赵六' } });
    // then 赵六 works on it, 李四 still owns it, and neither may complete it yet
    expect(task()).to.include({ assignee: '赵六', owner: '李四', delegation: 'pending' });
    expect(() => engine.run(caseId, { type: 'task.complete', actor: '赵六', data: { taskId: review.id } })).to.throw(
      /TASK_DELEGATED/,
    );
    expect(() => engine.run(caseId, { type: 'task.complete', actor: '李四', data: { taskId: review.id } })).to.throw(
      /TASK_DELEGATED/,
    );
    // when 赵六 resolves it
    const resolved = engine.run(caseId, { type: 'task.resolve', actor: '赵六', data: { taskId: review.id } });
    // then it is back with 李四, who completes it
    expect(resolved[0]).to.deep.include({
      type: 'task.resolved',
      actor: '赵六',
      data: { taskId: review.id, owner: '李四' },
    });
    expect(task()).to.include({ assignee: '李四', owner: '李四', delegation: 'resolved' });
    engine.run(caseId, {
      type: 'task.complete',
      actor: '李四',
      data: { taskId: review.id, opinion: { decision: '通过', text: '同意赵六意见' } },
    });
    expect(Object.values(engine.get(caseId).state.tasks).map((t) => t.elementId)).to.deep.equal(['decide']);
    expectReplayMatches(engine, caseId);
  });

  it('should NOT let anyone but the delegate resolve, nor resolve an undelegated task', () => {
    expect(() => engine.run(caseId, { type: 'task.resolve', actor: '李四', data: { taskId: review.id } })).to.throw(
      /NOT_DELEGATED/,
    );
    engine.run(caseId, { type: 'task.delegate', actor: '李四', data: { taskId: review.id, to: '赵六' } });
    expect(() => engine.run(caseId, { type: 'task.resolve', actor: '李四', data: { taskId: review.id } })).to.throw(
      /NOT_ASSIGNEE/,
    );
    expect(() =>
      engine.run(caseId, { type: 'task.transfer', actor: '科长', data: { taskId: review.id, to: '王五' } }),
    ).to.throw(/TASK_DELEGATED/);
    expectReplayMatches(engine, caseId);
  });

  it('should NOT let someone other than the assignee delegate the task', () => {
    expect(() =>
      engine.run(caseId, { type: 'task.delegate', actor: '王五', data: { taskId: review.id, to: '赵六' } }),
    ).to.throw(/NOT_ASSIGNEE/);
    expect(task()).to.include({ assignee: '李四', delegation: null });
    expectReplayMatches(engine, caseId);
  });
});
