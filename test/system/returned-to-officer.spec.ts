/**
 * 退回 goes back to the officer who handled the step (首办负责; issue 15), through the spawned
 * server on the test clock: a 食品经营许可 case is received and accepted at the window, 赵审查 of the
 * 行政许可科 completes 审查, the bureau's 周科长 returns the case from 决定 to 审查. The new 审查 task
 * is 赵审查's: assigned to him in the case and the task, in his own worklist, his to complete
 * (not his colleague's), and the history says it was returned to him.
 */
import { expect } from 'chai';
import { FOOD_LICENCE_APPLICATION } from '../support/applications.js';
import { ServerProcess, type HttpAnswer } from './support/server-process.js';

const PERMITS = '西湖区市场监督管理局行政许可科';
const BUREAU = '西湖区市场监督管理局';
const MONDAY_0930_BEIJING = '2026-03-02T01:30:00.000Z';

interface Task {
  readonly taskId: string;
  readonly elementId: string;
  readonly assignee: string | null;
}
interface CaseBody {
  readonly caseId: string;
  readonly status: string;
  readonly tasks: readonly Task[];
}
interface AuditEvent {
  readonly seq: number;
  readonly type: string;
  readonly actor: string;
  readonly data: Record<string, unknown>;
}

describe('system: 退回 goes back to the officer who handled the step (首办负责)', function () {
  this.timeout(120_000);
  let server: ServerProcess | undefined;
  const tokens = new Map<string, string>();
  const officers = [
    { id: 'window-li', name: '李窗口', roles: ['window'] },
    { id: 'permits-zhao', name: '赵审查', roles: ['department'], department: PERMITS },
    { id: 'permits-qian', name: '钱审查', roles: ['department'], department: PERMITS },
    { id: 'bureau-zhou', name: '周科长', roles: ['department'], department: BUREAU },
    { id: 'auditor-wu', name: '吴审计', roles: ['auditor'] },
  ];

  before(async () => {
    server = await ServerProcess.start({ testClock: true });
    for (const officer of officers) {
      const created = await server.request<{ token: string }>('/api/users', {
        token: server.admin!.token,
        body: officer,
      });
      expect(created.status, created.text).to.equal(201);
      tokens.set(officer.id, created.body.token);
    }
    const clock = await server.request('/api/test/clock', { body: { set: MONDAY_0930_BEIJING } });
    expect(clock.status, clock.text).to.equal(200);
  });
  after(async () => {
    await server?.dispose();
  });

  const s = () => server!;
  const ok = <T>(answer: HttpAnswer<T>): T => {
    expect(answer.status, answer.text).to.be.within(200, 299);
    return answer.body;
  };
  const operate = (who: string, caseId: string, operation: string, data: Record<string, unknown>) =>
    s().request<CaseBody>(`/api/cases/${caseId}/operations`, { token: tokens.get(who)!, body: { operation, data } });
  const taskAt = (body: CaseBody, elementId: string): Task => {
    const task = body.tasks.find((t) => t.elementId === elementId);
    expect(task, `an open ${elementId} in ${JSON.stringify(body.tasks)}`).to.not.equal(undefined);
    return task!;
  };

  it('should give the returned 审查 to the officer who completed it: assigned, in his worklist, named in the history', async () => {
    // given a case accepted at the window, whose 审查 赵审查 completed
    const received = ok(
      await s().request<CaseBody>('/api/cases', { token: tokens.get('window-li')!, body: FOOD_LICENCE_APPLICATION }),
    );
    const caseId = received.caseId;
    const accepted = ok(
      await operate('window-li', caseId, 'case.accept', { taskId: taskAt(received, 'windowAcceptance').taskId }),
    );
    const firstReview = taskAt(accepted, 'review');
    expect(firstReview.assignee).to.equal(null);
    ok(await operate('permits-zhao', caseId, 'task.claim', { taskId: firstReview.taskId }));
    const reviewed = ok(
      await operate('permits-zhao', caseId, 'task.complete', {
        taskId: firstReview.taskId,
        opinion: { decision: '通过', text: '材料齐全' },
        variables: { 需要现场核查: false },
      }),
    );
    const decision = taskAt(reviewed, 'decision');

    // when 周科长 returns the case from 决定 to 审查
    const returned = ok(
      await operate('bureau-zhou', caseId, 'case.modify', {
        taskId: decision.taskId,
        activate: 'review',
        reason: '经营场所面积需复核',
      }),
    );

    // then the new 审查 is 赵审查's, in the case …
    const review = taskAt(returned, 'review');
    expect(review.taskId).to.not.equal(firstReview.taskId);
    expect(review.assignee).to.equal('permits-zhao');
    expect(returned.tasks.map((t) => t.elementId)).to.deep.equal(['review']);

    // … in his own worklist, assigned to him, and not in his colleague's
    const mine = ok(
      await s().request<{ tasks: Task[] }>(`/api/tasks?mine=true&caseId=${caseId}`, {
        token: tokens.get('permits-zhao')!,
      }),
    );
    expect(mine.tasks.map((t) => [t.taskId, t.assignee])).to.deep.equal([[review.taskId, 'permits-zhao']]);
    const colleagues = ok(
      await s().request<{ tasks: Task[] }>(`/api/tasks?mine=true&caseId=${caseId}`, {
        token: tokens.get('permits-qian')!,
      }),
    );
    expect(colleagues.tasks.filter((t) => t.assignee === 'permits-qian')).to.deep.equal([]);

    // … his to complete: his colleague may not take it over
    const taken = await operate('permits-qian', caseId, 'task.claim', { taskId: review.taskId });
    expect(taken.status, taken.text).to.be.within(400, 499);

    // … and the history says it was returned to him
    const page = ok(
      await s().request<{ task: Task; history: Array<{ actor: string; text: string }> }>(
        `/api/tasks/${review.taskId}`,
        {
          token: tokens.get('permits-zhao')!,
        },
      ),
    );
    expect(page.task.assignee).to.equal('permits-zhao');
    const line = page.history.find((entry) => entry.text.startsWith('退回至'));
    expect(line).to.include({ actor: 'bureau-zhou', text: '退回至「审查」，退回给 permits-zhao：经营场所面积需复核' });
    const events = ok(
      await s().request<AuditEvent[]>(`/api/audit/cases/${caseId}/events`, { token: tokens.get('auditor-wu')! }),
    );
    const modified = events.filter((event) => event.type === 'instance.modified');
    expect(modified.map((event) => event.data['returnedTo'])).to.deep.equal(['permits-zhao']);
    const created = events.find((event) => event.type === 'task.created' && event.data['taskId'] === review.taskId);
    expect(created?.data).to.include({ elementId: 'review', assignee: 'permits-zhao' });
    expect(created!.seq).to.be.above(modified[0]!.seq);

    // and 赵审查 handles it again: the case goes on to 决定
    const again = ok(
      await operate('permits-zhao', caseId, 'task.complete', {
        taskId: review.taskId,
        opinion: { decision: '通过', text: '已复核' },
        variables: { 需要现场核查: false },
      }),
    );
    expect(taskAt(again, 'decision').assignee).to.equal(null);
    const verified = ok(
      await s().request<{ ok: boolean }>(`/api/audit/cases/${caseId}/verification`, {
        token: tokens.get('auditor-wu')!,
      }),
    );
    expect(verified).to.deep.include({ ok: true });
  });
});
