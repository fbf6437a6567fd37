import { expect } from 'chai';
import { fileURLToPath } from 'node:url';
import type { TaskState } from '../../../../engine/runtime/index.js';
import { replay, type CaseEvent, type RecordedEvent } from '../../../../engine/case/index.js';
import { MemoryEngine } from '../../../support/memory-engine.js';
import { expectReplayMatches } from '../helpers.js';

const bpmn = fileURLToPath(new URL('./approval.bpmn', import.meta.url));

describe('runtime: 签收, 通过 / 不通过 and who completes a task', () => {
  let engine: MemoryEngine;
  beforeEach(async () => {
    engine = new MemoryEngine();
    await engine.deploy(bpmn);
  });

  const taskAt = (caseId: string, elementId: string): TaskState =>
    Object.values(engine.get(caseId).state.tasks).find((t) => t.elementId === elementId)!;
  const refusal = (run: () => unknown): string => {
    try {
      run();
    } catch (error) {
      return (error as { code: string }).code;
    }
    throw new Error('Expected the command to be refused');
  };

  it('should make the claiming officer the assignee (签收)', () => {
    // given an unassigned 审查 task
    const caseId = engine.start('approval');
    const review = taskAt(caseId, 'review');
    // when 李四 claims it
    const events = engine.run(caseId, { type: 'task.claim', actor: '李四', data: { taskId: review.id } });
    // then it is his, recorded as task.claimed
    expect(events.map((e) => e.type)).to.deep.equal(['task.claimed']);
    expect(events[0]).to.include({ actor: '李四' });
    expect(taskAt(caseId, 'review').assignee).to.equal('李四');
    expectReplayMatches(engine, caseId);
  });

  it('should NOT let a second officer claim a task someone holds', () => {
    // given a task claimed by 李四
    const caseId = engine.start('approval');
    const review = taskAt(caseId, 'review');
    engine.run(caseId, { type: 'task.claim', actor: '李四', data: { taskId: review.id } });
    // when 王五 claims it, then he is refused and it stays with 李四
    expect(
      refusal(() => engine.run(caseId, { type: 'task.claim', actor: '王五', data: { taskId: review.id } })),
    ).to.equal('TASK_ASSIGNED');
    expect(taskAt(caseId, 'review').assignee).to.equal('李四');
    expectReplayMatches(engine, caseId);
  });

  it('should give a task back to its candidates when its assignee unclaims it, and only then (取消签收)', () => {
    // given a task claimed by 李四
    const caseId = engine.start('approval');
    const review = taskAt(caseId, 'review');
    engine.run(caseId, { type: 'task.claim', actor: '李四', data: { taskId: review.id } });
    // when 王五 tries to unclaim it, then he is refused
    expect(
      refusal(() => engine.run(caseId, { type: 'task.unclaim', actor: '王五', data: { taskId: review.id } })),
    ).to.equal('NOT_ASSIGNEE');
    // when 李四 unclaims it, then it is unassigned and 王五 may claim it
    engine.run(caseId, { type: 'task.unclaim', actor: '李四', data: { taskId: review.id } });
    expect(taskAt(caseId, 'review').assignee).to.equal(null);
    engine.run(caseId, { type: 'task.claim', actor: '王五', data: { taskId: review.id } });
    expect(taskAt(caseId, 'review').assignee).to.equal('王五');
    expectReplayMatches(engine, caseId);
  });

  it('should NOT unclaim a task nobody claimed', () => {
    const caseId = engine.start('approval');
    expect(
      refusal(() =>
        engine.run(caseId, { type: 'task.unclaim', actor: '李四', data: { taskId: taskAt(caseId, 'review').id } }),
      ),
    ).to.equal('NOT_ASSIGNEE');
    expectReplayMatches(engine, caseId);
  });

  it('should record the opinion (通过 with its text) in task.completed', () => {
    // given a claimed 审查 task
    const caseId = engine.start('approval');
    const review = taskAt(caseId, 'review');
    engine.run(caseId, { type: 'task.claim', actor: '李四', data: { taskId: review.id } });
    // when 李四 completes it with an opinion
    const events = engine.run(caseId, {
      type: 'task.complete',
      actor: '李四',
      data: {
        taskId: review.id,
        variables: { passed: true },
        opinion: { decision: '通过', text: '材料齐全，符合法定形式' },
      },
    });
    // then the completion carries the opinion and the actor
    const completed = events.find(
      (e): e is Extract<CaseEvent, { type: 'task.completed' }> => e.type === 'task.completed',
    )!;
    expect(completed.data.opinion).to.deep.equal({ decision: '通过', text: '材料齐全，符合法定形式' });
    expect(completed.actor).to.equal('李四');
    expect(taskAt(caseId, 'decide')).to.not.equal(undefined);
    expectReplayMatches(engine, caseId);
  });

  it('should NOT accept an opinion without a decision', () => {
    const caseId = engine.start('approval');
    const review = taskAt(caseId, 'review');
    const code = refusal(() =>
      engine.run(caseId, {
        type: 'task.complete',
        actor: '李四',
        data: { taskId: review.id, opinion: { decision: '', text: 'x' } },
      }),
    );
    expect(code).to.equal('INVALID_ARGUMENT');
    expectReplayMatches(engine, caseId);
  });

  it('should NOT let anyone but the assignee complete an assigned task, unless system or an administrator', () => {
    // given a 核查 task assigned to 张三 at creation
    const caseId = engine.start('assigned');
    const check = taskAt(caseId, 'check');
    expect(check.assignee).to.equal('张三');
    // when 李四 completes it, then he is refused
    expect(
      refusal(() => engine.run(caseId, { type: 'task.complete', actor: '李四', data: { taskId: check.id } })),
    ).to.equal('NOT_ASSIGNEE');
    expect(engine.get(caseId).state.status).to.equal('active');
    // when an administrator completes it with the admin flag, then it completes
    engine.run(caseId, { type: 'task.complete', actor: '管理员', data: { taskId: check.id, admin: true } });
    expect(engine.get(caseId).state.status).to.equal('completed');
    expectReplayMatches(engine, caseId);
  });

  it('should let the system complete an assigned task', () => {
    const caseId = engine.start('assigned');
    engine.run(caseId, { type: 'task.complete', actor: 'system', data: { taskId: taskAt(caseId, 'check').id } });
    expect(engine.get(caseId).state.status).to.equal('completed');
    expectReplayMatches(engine, caseId);
  });

  it('should write a completion without an opinion as v2 with opinion null', () => {
    // given a task with 张三
    const caseId = engine.start('assigned');
    // when it is completed without an opinion
    engine.run(caseId, { type: 'task.complete', actor: '张三', data: { taskId: taskAt(caseId, 'check').id } });
    // then the event is of the current version, its opinion null, and the log replays
    const completed = engine.get(caseId).events.find((e) => e.type === 'task.completed')!;
    expect(completed).to.include({ v: 2 });
    expect(completed.data).to.deep.include({ opinion: null });
    expectReplayMatches(engine, caseId);
  });

  it('should replay a completion logged as v1 without an opinion (upcast on read)', () => {
    // given a log from before opinions existed: task.completed v1 without the field
    const caseId = engine.start('assigned');
    engine.run(caseId, { type: 'task.complete', actor: '张三', data: { taskId: taskAt(caseId, 'check').id } });
    const events = engine.get(caseId).events.map((e): RecordedEvent => {
      if (e.type !== 'task.completed') return e;
      const { opinion: _opinion, ...data } = e.data;
      return { ...e, v: 1, data };
    });
    // then it replays to the state the case has
    expect(replay(events)).to.deep.equal(engine.get(caseId).state);
  });
});

describe('runtime: 催办 and 抄送', () => {
  let engine: MemoryEngine;
  beforeEach(async () => {
    engine = new MemoryEngine();
    await engine.deploy(bpmn);
  });

  it('should record 催办 with its message and count it on the task', () => {
    // given a task with 张三
    const caseId = engine.start('assigned');
    const check = Object.values(engine.get(caseId).state.tasks)[0]!;
    // when the applicant's window urges it twice
    const events = engine.run(caseId, {
      type: 'task.urge',
      actor: '窗口-李四',
      data: { taskId: check.id, message: '申请人来电催问' },
    });
    engine.run(caseId, { type: 'task.urge', actor: '窗口-李四', data: { taskId: check.id, message: '再次催办' } });
    // then each is an event naming the assignee, and the task counts two
    expect(events).to.have.length(1);
    expect(events[0]).to.deep.include({
      type: 'task.urged',
      actor: '窗口-李四',
      data: { taskId: check.id, assignee: '张三', message: '申请人来电催问' },
    });
    expect(engine.get(caseId).state.tasks[check.id]?.urged).to.equal(2);
    expectReplayMatches(engine, caseId);
  });

  it('should record 抄送 to each user once, and NOT to nobody', () => {
    const caseId = engine.start('assigned');
    const check = Object.values(engine.get(caseId).state.tasks)[0]!;
    const events = engine.run(caseId, {
      type: 'task.copy',
      actor: '张三',
      data: { taskId: check.id, to: ['科长', '档案室', '科长'] },
    });
    expect(events[0]).to.deep.include({ type: 'task.copied', data: { taskId: check.id, to: ['科长', '档案室'] } });
    expect(() => engine.run(caseId, { type: 'task.copy', actor: '张三', data: { taskId: check.id, to: [] } })).to.throw(
      /INVALID_ARGUMENT/,
    );
    expectReplayMatches(engine, caseId);
  });
});
