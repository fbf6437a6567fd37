/**
 * Deemed acceptance (行政许可法 §32) moves the case on (issue 15), through the spawned server on
 * the test clock: a 食品经营许可 application filed online on Monday 2026-03-02 09:30 (Beijing;
 * March 2026 has no holiday) that nobody answers. Once five working days have run out it is
 * 已受理 by law: the window's acceptance step is done, the department's 审查 waits in the
 * department's worklist, and the promised limit (10 working days) counts from 收件, so the case
 * is due when a case accepted at receipt would have been, not five working days later.
 */
import { expect } from 'chai';
import { createRequire } from 'node:module';
import { parseChineseDays, WorkingDayCalendar } from '../../engine/calendar/index.js';
import { FOOD_LICENCE_APPLICATION } from '../support/applications.js';
import { ServerProcess, type HttpAnswer } from './support/server-process.js';

const PERMITS = '西湖区市场监督管理局行政许可科';
const MONDAY_0930_BEIJING = '2026-03-02T01:30:00.000Z';
/** Monday 03-09 at the close of office (17:30 Beijing): the fifth working day after receipt. */
const ANSWER_PERIOD_ENDS = '2026-03-09T09:30:00.000Z';

interface Task {
  readonly taskId: string;
  readonly elementId: string;
  readonly department: string | null;
  readonly assignee: string | null;
}
interface CaseBody {
  readonly caseId: string;
  readonly status: string;
  readonly acceptance: { readonly at: string; readonly by: string; readonly auto: boolean } | null;
  readonly timeLimits: ReadonlyArray<{ readonly kind: string; readonly elementId: string; readonly dueAt: string }>;
  readonly tasks: readonly Task[];
}
interface AuditEvent {
  readonly type: string;
  readonly actor: string;
  readonly data: Record<string, unknown>;
}

/** The official calendar the server seeds itself with (the chinese-days package's data). */
function officialCalendar(): WorkingDayCalendar {
  const require = createRequire(import.meta.url);
  return new WorkingDayCalendar(parseChineseDays(require('chinese-days/dist/chinese-days.json')));
}

describe('system: deemed acceptance (行政许可法 §32) moves the case on to 审查, its limit counted from 收件', function () {
  this.timeout(120_000);
  let server: ServerProcess | undefined;
  const tokens = new Map<string, string>();

  before(async () => {
    server = await ServerProcess.start({ testClock: true });
    for (const user of [
      { id: 'window-li', name: '李窗口', roles: ['window'] },
      { id: 'permits-zhao', name: '赵审查', roles: ['department'], department: PERMITS },
      { id: 'auditor-wu', name: '吴审计', roles: ['auditor'] },
    ]) {
      const created = await server.request<{ token: string }>('/api/users', { token: server.admin!.token, body: user });
      expect(created.status, created.text).to.equal(201);
      tokens.set(user.id, created.body.token);
    }
  });
  after(async () => {
    await server?.dispose();
  });

  const s = () => server!;
  const ok = <T>(answer: HttpAnswer<T>): T => {
    expect(answer.status, answer.text).to.be.within(200, 299);
    return answer.body;
  };
  const clock = async (body: { set?: string }) => ok(await s().request<{ now: string }>('/api/test/clock', { body }));
  const caseOf = async (caseId: string) =>
    ok(await s().request<CaseBody>(`/api/cases/${caseId}`, { token: tokens.get('auditor-wu')! }));

  it('should accept an unanswered online application by law, complete its window step and count its limit from receipt', async () => {
    // given an online application received Monday 03-02 09:30 that nobody answers
    await clock({ set: MONDAY_0930_BEIJING });
    const received = ok(
      await s().request<CaseBody>('/api/cases', {
        token: tokens.get('window-li')!,
        body: { ...FOOD_LICENCE_APPLICATION, channel: '网上' },
      }),
    );
    const caseId = received.caseId;
    const acceptance = received.tasks.find((task) => task.elementId === 'windowAcceptance')!;
    expect(received.status).to.equal('已收件');

    // when business time reaches the end of the fifth working day, the answer period's end
    await clock({ set: '2026-03-09T09:29:00.000Z' });
    expect((await caseOf(caseId)).status).to.equal('已收件');
    await clock({ set: ANSWER_PERIOD_ENDS });
    const accepted = await s().eventually(
      async () => {
        const body = await caseOf(caseId);
        return body.status === '已受理' && body.tasks.some((task) => task.elementId === 'review') ? body : undefined;
      },
      { timeoutMs: 20_000, intervalMs: 250, what: 'the case to be accepted by law' },
    );

    // then it is 已受理, by the system, automatically
    expect(accepted.acceptance).to.deep.include({ by: 'system', auto: true });
    // … the window's acceptance step is gone, done by the system as 受理, and 审查 waits
    expect(accepted.tasks.map((task) => task.elementId)).to.deep.equal(['review']);
    const review = accepted.tasks[0]!;
    expect(review).to.deep.include({ department: PERMITS, assignee: null });
    const events = ok(
      await s().request<AuditEvent[]>(`/api/audit/cases/${caseId}/events`, { token: tokens.get('auditor-wu')! }),
    );
    const done = events.find((event) => event.type === 'task.completed' && event.data['taskId'] === acceptance.taskId);
    expect(done?.actor).to.equal('system');
    expect(done?.data['variables']).to.deep.equal({ 受理结果: '受理' });
    // … in the department's worklist
    const worklist = ok(
      await s().request<{ tasks: Task[] }>(`/api/tasks?caseId=${caseId}`, { token: tokens.get('permits-zhao')! }),
    );
    expect(worklist.tasks.map((task) => task.taskId)).to.deep.equal([review.taskId]);
    // … and the case is due 10 working days after receipt (Monday 03-16 at the close of office),
    // not 10 after the answer period (Monday 03-23)
    const calendar = officialCalendar();
    const fromReceipt = calendar.due(MONDAY_0930_BEIJING, 10, '工作日').dueAt;
    expect(fromReceipt).to.equal('2026-03-16T09:30:00.000Z');
    expect(calendar.due(ANSWER_PERIOD_ENDS, 10, '工作日').dueAt).to.equal('2026-03-23T09:30:00.000Z');
    const caseLimit = accepted.timeLimits.find((limit) => limit.kind === 'case');
    expect(caseLimit?.dueAt).to.equal(fromReceipt);
    const started = events.find((event) => event.type === 'clock.started' && event.data['kind'] === 'case');
    expect(started?.data).to.deep.include({ startedAt: MONDAY_0930_BEIJING, dueAt: fromReceipt });

    // and the department officer takes it up: the case is 审查中
    const claimed = ok(
      await s().request<CaseBody>(`/api/cases/${caseId}/operations`, {
        token: tokens.get('permits-zhao')!,
        body: { operation: 'task.claim', data: { taskId: review.taskId } },
      }),
    );
    expect(claimed.status).to.equal('审查中');
    const verified = ok(
      await s().request<{ ok: boolean }>(`/api/audit/cases/${caseId}/verification`, {
        token: tokens.get('auditor-wu')!,
      }),
    );
    expect(verified).to.deep.include({ ok: true });
  });
});
