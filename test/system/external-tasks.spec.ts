/**
 * Other systems join a case through the running server (issue 17), on the test clock: the
 * credit platform's worker — client/examples/credit-check-worker.ts, a process of its own —
 * fetches the 信用核查 task of a 收件 case and hangs on the platform; it is killed mid-task; its
 * lock expires; a second worker completes the task, exactly once. A long poll answers as soon
 * as a task appears. A department's system then sends the result message: with no waiting case
 * (404), with two (409, naming both), by 办件编号 (that one), and to the one left.
 */
import { expect } from 'chai';
import {
  creditCheckApplication,
  CREDIT_TOPIC,
  publishCreditCheckMatter,
  RESULT_MESSAGE,
} from './support/credit-check-matter.js';
import { CreditPlatform } from './support/credit-platform.js';
import { ServerProcess, type HttpAnswer } from './support/server-process.js';
import { WorkerProcess } from './support/worker-process.js';

const MONDAY_0930_BEIJING = '2026-03-02T01:30:00.000Z';
const PERMITS = '西湖区市场监督管理局行政许可科';

interface Received {
  readonly caseId: string;
  readonly number: string;
}
interface AuditEvent {
  readonly type: string;
  readonly actor: string;
  readonly data: Record<string, unknown>;
}
interface LockedTask {
  readonly id: string;
  readonly caseId: string;
  readonly caseNumber: string | null;
  readonly elementId: string;
  readonly variables: Record<string, unknown>;
}

describe('system: external task workers and message correlation through the running server', function () {
  this.timeout(180_000);
  let server: ServerProcess | undefined;
  let platform: CreditPlatform | undefined;
  const workers: WorkerProcess[] = [];
  const tokens = new Map<string, string>();
  const cases = new Map<string, Received>();

  before(async () => {
    server = await ServerProcess.start({ testClock: true });
    platform = await CreditPlatform.start();
    ok(await s().request('/api/test/clock', { body: { set: MONDAY_0930_BEIJING } }));
    await publishCreditCheckMatter(s());
    for (const user of [
      { id: 'window-li', name: '李窗口', roles: ['window'] },
      { id: 'permits-zhao', name: '赵审查', roles: ['department'], department: PERMITS },
    ])
      tokens.set(user.id, ok(await s().request<{ token: string }>('/api/users', { body: user })).token);
    const worker = async (body: object) =>
      ok(await s().request<{ token: string }>('/api/worker-tokens', { body })).token;
    tokens.set('credit', await worker({ name: '信用平台', topics: [CREDIT_TOPIC] }));
    tokens.set('department', await worker({ name: '市场监管业务系统', messages: [RESULT_MESSAGE] }));
  });
  after(async () => {
    for (const worker of workers) await worker.kill();
    await platform?.close();
    await server?.dispose();
  });

  const s = () => server!;
  function ok<T>(answer: HttpAnswer<T>): T {
    expect(answer.status, answer.text).to.be.within(200, 299);
    return answer.body;
  }
  const receive = async (label: string, n: number) => {
    const received = ok(
      await s().request<Received>('/api/cases', { token: tokens.get('window-li')!, body: creditCheckApplication(n) }),
    );
    cases.set(label, received);
    return received;
  };
  const events = async (caseId: string) =>
    ok(await s().request<AuditEvent[]>(`/api/audit/cases/${caseId}/events`)).filter((e) =>
      ['job.created', 'job.completed', 'event.triggered', 'task.created'].includes(e.type),
    );
  const send = (body: Record<string, unknown>) =>
    s().request<{ code?: string; caseId?: string; details?: { cases: { caseId: string }[] } }>('/api/messages', {
      token: tokens.get('department')!,
      body: { messageName: RESULT_MESSAGE, ...body },
    });
  const startWorker = (workerId: string) => {
    const worker = WorkerProcess.start({
      baseUrl: s().url,
      token: tokens.get('credit')!,
      workerId,
      env: { CREDIT_PLATFORM_URL: platform!.url, LOCK_MS: '60000' },
    });
    workers.push(worker);
    return worker;
  };

  it('should answer 404 MESSAGE_NOT_CORRELATED to a message no case waits for', async () => {
    const none = await send({});
    expect(none.status, none.text).to.equal(404);
    expect(none.body.code).to.equal('MESSAGE_NOT_CORRELATED');
  });

  it('should give the task of a worker killed mid-task to another once its lock expires, completed exactly once; a long poll answers as soon as a task appears', async () => {
    // given worker 1 fetched A's credit check and hangs on the credit platform
    platform!.hang = true;
    const first = startWorker('worker-1');
    const a = await receive('A', 1);
    await s().eventually(async () => (platform!.asked.length > 0 ? true : undefined), {
      timeoutMs: 30_000,
      what: 'worker 1 asking the credit platform',
    });
    const held = ok(await s().request<Array<{ caseId: string; lockedBy: string | null }>>('/api/external-tasks'));
    expect(held.map((t) => [t.caseId, t.lockedBy])).to.deep.equal([[a.caseId, 'worker-1']]);

    // when it is killed mid-task
    await first.kill();
    expect(first.lines.filter((line) => line.kind === 'completed')).to.deep.equal([]);

    // then a long poll waits (A's task is still locked) and answers as soon as B's task appears
    const probe = s().request<LockedTask[]>('/api/external-tasks/fetch-and-lock', {
      token: tokens.get('credit')!,
      timeoutMs: 90_000,
      body: {
        workerId: 'probe',
        maxTasks: 1,
        asyncResponseTimeout: 60_000,
        topics: [{ topicName: CREDIT_TOPIC, lockDuration: 60_000, variables: ['idNumber'] }],
      },
    });
    await s().eventually(
      async () => {
        const waiting = ok(await s().request<Array<{ workerId: string }>>('/api/external-tasks/workers'));
        return waiting.some((w) => w.workerId === 'probe') ? true : undefined;
      },
      { what: 'the probe’s long poll waiting' },
    );
    const b = await receive('B', 2);
    const [task, ...more] = ok(await probe);
    expect(more).to.deep.equal([]);
    expect(task).to.include({ caseId: b.caseId, caseNumber: b.number, elementId: 'checkCredit' });
    expect(task!.variables).to.have.keys(['idNumber']);
    const notTheirs = await s().request<{ code: string }>(`/api/external-tasks/${task!.id}/complete`, {
      token: tokens.get('credit')!,
      body: { workerId: 'worker-1' },
    });
    expect(notTheirs.status, notTheirs.text).to.equal(409);
    expect(notTheirs.body.code).to.equal('LOCK_LOST');
    const completed = await s().request(`/api/external-tasks/${task!.id}/complete`, {
      token: tokens.get('credit')!,
      body: { workerId: 'probe', variables: { 信用核查: '通过' } },
    });
    expect(completed.status, completed.text).to.equal(204);

    // when A's lock expires, worker 2 takes the task over and completes it
    platform!.hang = false;
    const second = startWorker('worker-2');
    ok(await s().request('/api/test/clock', { body: { advance: 'PT61S' } }));
    await s().eventually(
      async () =>
        second.lines.some((line) => line.kind === 'completed' && line.caseId === a.caseId) ? true : undefined,
      { timeoutMs: 30_000, what: `worker 2 completing A's task:\n${second.log}` },
    );

    // then A's credit check completed exactly once, by worker 2's token, and A waits for the result
    const history = await events(a.caseId);
    expect(history.filter((e) => e.type === 'job.created')).to.have.length(1);
    expect(history.filter((e) => e.type === 'job.completed').map((e) => e.actor)).to.deep.equal(['worker:信用平台']);
    expect(ok(await s().request<unknown[]>('/api/external-tasks'))).to.deep.equal([]);
  });

  it('should correlate the department’s result: 409 naming both waiting cases, by 办件编号 to that one, then to the one left', async () => {
    const a = cases.get('A')!;
    const b = cases.get('B')!;

    const ambiguous = await send({ variables: { 审查意见: '同意' } });
    expect(ambiguous.status, ambiguous.text).to.equal(409);
    expect(ambiguous.body.code).to.equal('MESSAGE_AMBIGUOUS');
    expect(ambiguous.body.details!.cases.map((c) => c.caseId)).to.have.members([a.caseId, b.caseId]);

    const byNumber = await send({ correlationKey: a.number, variables: { 审查意见: '同意' } });
    expect(byNumber.status, byNumber.text).to.equal(200);
    expect(byNumber.body.caseId).to.equal(a.caseId);

    const left = await send({ variables: { 审查意见: '补充材料后同意' } });
    expect(left.status, left.text).to.equal(200);
    expect(left.body.caseId).to.equal(b.caseId);

    for (const { caseId } of [a, b]) {
      const triggered = (await events(caseId)).filter((e) => e.type === 'event.triggered');
      expect(triggered.map((e) => e.actor)).to.deep.equal(['worker:市场监管业务系统']);
      const tasks = ok(await s().request<{ tasks: Array<{ elementId: string }> }>(`/api/cases/${caseId}`)).tasks;
      expect(tasks.map((t) => t.elementId)).to.deep.equal(['review']);
    }
    expect((await send({})).status).to.equal(404);
  });
});
