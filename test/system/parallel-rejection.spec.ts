/**
 * A rejection stops a parallel stage (issue 15), in the spawned server, as the officers would do
 * it over HTTP: the shipped 建筑工程施工许可证核发 (processes/construction-permit.bpmn, loaded at
 * start-up) runs 人防审核, 消防设计审核, 用地批准 and 联合审图 (three institutions, 会签) at once
 * under the 住建-led 并联审查阶段. Everyone approving, 住建 decides and the window delivers the
 * permit. The first 不通过 ends the stage there and then: the reviews still open are cancelled,
 * their officers are told why when they act on them (409 TASK_CANCELLED naming the step and
 * the officer who refused), their clocks raise nothing more, and the case goes back to the
 * window to return the application to the applicant (processes/README.md).
 */
import { expect } from 'chai';
import { readCase, readEvents } from './support/case-reads.js';
import { ServerProcess, type HttpAnswer } from './support/server-process.js';
import { constructionPermitApplication } from '../support/applications.js';

const MONDAY_0930_BEIJING = '2026-03-02T01:30:00.000Z';
const CONSTRUCTION = '330106-ZJ-000115008';

/** The officers, by the department of the steps they handle (gov:department in the BPMN). */
const OFFICERS = {
  'window-li': null,
  'rf-wang': '西湖区人民防空办公室',
  'fire-xu': '西湖区住房和城乡建设局消防审验科',
  'land-zhou': '杭州市规划和自然资源局西湖分局',
  'drawing-chen': '西湖区施工图联合审查中心',
  'zj-liu': '西湖区住房和城乡建设局',
} as const;
type Officer = keyof typeof OFFICERS;

/** Who handles each review, and the variable its verdict gateway reads. */
const REVIEWS = {
  civilDefenceReview: { officer: 'rf-wang', verdict: '人防审核通过' },
  fireDesignReview: { officer: 'fire-xu', verdict: '消防审核通过' },
  landUseApproval: { officer: 'land-zhou', verdict: '用地批准通过' },
  jointDrawingReview: { officer: 'drawing-chen', verdict: '审图通过' },
} as const satisfies Record<string, { officer: Officer; verdict: string }>;
type Review = keyof typeof REVIEWS;

interface Task {
  readonly taskId: string;
  readonly elementId: string;
}
interface CaseBody {
  readonly caseId: string;
  readonly status: string;
  readonly tasks: readonly Task[];
  readonly message?: { zh: string };
  readonly code?: string;
}
interface AuditEvent {
  readonly type: string;
  readonly actor: string;
  readonly data: Record<string, unknown>;
}
interface Signal {
  readonly caseId: string;
  readonly elementId: string;
  readonly level: string;
}

describe('system: a rejection stops the parallel stage of 建筑工程施工许可 (officers over HTTP)', function () {
  this.timeout(180_000);
  let server: ServerProcess | undefined;
  const tokens = new Map<Officer, string>();
  before(async () => {
    server = await ServerProcess.start({ testClock: true });
    for (const [id, department] of Object.entries(OFFICERS) as Array<[Officer, string | null]>) {
      const created = await server.request<{ token: string }>('/api/users', {
        body: {
          id,
          name: id,
          roles: department === null ? ['window'] : ['department'],
          ...(department === null ? {} : { department }),
        },
      });
      expect(created.status, created.text).to.equal(201);
      tokens.set(id, created.body.token);
    }
    const clock = await server.request('/api/test/clock', { body: { set: MONDAY_0930_BEIJING } });
    expect(clock.status, clock.text).to.equal(200);
  });
  after(async () => {
    await server?.dispose();
  });

  const s = () => server!;
  const operate = (who: Officer, caseId: string, operation: string, data: object) =>
    s().request<CaseBody>(`/api/cases/${caseId}/operations`, { token: tokens.get(who)!, body: { operation, data } });
  const ok = (answer: HttpAnswer<CaseBody>): CaseBody => {
    expect(answer.status, answer.text).to.equal(200);
    return answer.body;
  };
  const open = (body: CaseBody, elementId: string) =>
    body.tasks.filter((task) => task.elementId === elementId).map((task) => task.taskId);
  const caseOf = (caseId: string) => readCase<CaseBody>(s(), caseId);
  const eventsOf = (caseId: string) => readEvents<AuditEvent>(s(), caseId);
  /** 收件 and 受理 at the window: the four reviews open at once (联合审图 once per institution). */
  async function accepted(serial: number): Promise<CaseBody> {
    const received = await s().request<CaseBody>('/api/cases', {
      token: tokens.get('window-li')!,
      body: constructionPermitApplication(serial),
    });
    expect(received.status, received.text).to.equal(201);
    const [acceptance] = open(received.body, 'windowAcceptance');
    const body = ok(await operate('window-li', received.body.caseId, 'case.accept', { taskId: acceptance }));
    expect(body.tasks.map((task) => task.elementId).sort()).to.deep.equal([
      'civilDefenceReview',
      'fireDesignReview',
      'jointDrawingReview',
      'jointDrawingReview',
      'jointDrawingReview',
      'landUseApproval',
    ]);
    return body;
  }
  /** A review's officer records the verdict and the written opinion (通过 / 不通过). */
  function review(caseId: string, step: Review, taskId: string, passed: boolean) {
    const { officer, verdict } = REVIEWS[step];
    return operate(officer, caseId, 'task.complete', {
      taskId,
      variables: { [verdict]: passed },
      opinion: passed
        ? { decision: '通过', text: '符合审查要求' }
        : { decision: '不通过', text: '消防设计不符合《建筑设计防火规范》第 5.5 条疏散要求' },
    });
  }

  it('should issue the permit when every department approves: 汇总, 住建决定, 送达', async () => {
    let body = await accepted(1);
    const { caseId } = body;
    for (const step of Object.keys(REVIEWS) as Review[]) {
      for (const taskId of open(body, step)) body = ok(await review(caseId, step, taskId, true));
    }
    expect(body.tasks.map((task) => task.elementId)).to.deep.equal(['decision']);
    body = ok(
      await operate('zj-liu', caseId, 'case.conclude', {
        taskId: open(body, 'decision')[0],
        kind: '出证',
        licence: { name: '建筑工程施工许可证', number: '330106202603020101' },
      }),
    );
    expect(body.tasks.map((task) => task.elementId)).to.deep.equal(['deliverPermit']);
    ok(
      await operate('window-li', caseId, 'case.deliver', {
        taskId: open(body, 'deliverPermit')[0],
        method: '窗口领取',
      }),
    );
    const history = await eventsOf(caseId);
    expect(history.some((event) => event.type === 'error.thrown')).to.equal(false);
    expect(history.filter((event) => event.type === 'task.cancelled')).to.deep.equal([]);
    expect((await caseOf(caseId)).status).to.equal('已办结');
  });

  it('should end the stage at the first 不通过: the open reviews cancelled, their officers told why, the case back at the window', async () => {
    let body = await accepted(2);
    const { caseId } = body;
    body = ok(await review(caseId, 'civilDefenceReview', open(body, 'civilDefenceReview')[0]!, true));
    const [landUse] = open(body, 'landUseApproval');
    const drawings = open(body, 'jointDrawingReview');
    expect(drawings).to.have.length(3);
    ok(await review(caseId, 'jointDrawingReview', drawings[0]!, true));

    // 消防 refuses while 用地 and two of the three 审图 are still open.
    body = ok(await review(caseId, 'fireDesignReview', open(body, 'fireDesignReview')[0]!, false));
    expect(body.tasks.map((task) => task.elementId)).to.deep.equal(['returnToApplicant']);

    const history = await eventsOf(caseId);
    const thrown = history.find((event) => event.type === 'error.thrown');
    expect(thrown?.data).to.include({ errorCode: 'STAGE_REJECTED', elementId: 'fireDesignRefused' });
    expect(thrown?.actor).to.equal('fire-xu');
    const cancelled = history.filter((event) => event.type === 'task.cancelled').map((event) => event.data['taskId']);
    expect(cancelled).to.have.members([landUse, drawings[1], drawings[2]]);
    expect(
      history.find((event) => event.type === 'element.terminated' && event.data['elementId'] === 'parallelReview')
        ?.data['reason'],
    ).to.equal('interrupted');
    expect(history.some((event) => event.type === 'task.created' && event.data['elementId'] === 'decision')).to.equal(
      false,
    );

    // The officers of the cancelled reviews: gone from their worklists, and told why when they act.
    for (const [officer, step, taskId] of [
      ['land-zhou', 'landUseApproval', landUse],
      ['drawing-chen', 'jointDrawingReview', drawings[1]],
    ] as const) {
      const worklist = await s().request<{ tasks: Array<{ caseId: string }> }>('/api/tasks', {
        token: tokens.get(officer)!,
      });
      expect(worklist.status, worklist.text).to.equal(200);
      expect(
        worklist.body.tasks.filter((task) => task.caseId === caseId),
        officer,
      ).to.deep.equal([]);
      const stale = await review(caseId, step, taskId!, true);
      expect(stale.status, stale.text).to.equal(409);
      expect(stale.body.code).to.equal('TASK_CANCELLED');
      const name = step === 'landUseApproval' ? '用地批准' : '联合审图';
      expect(stale.body.message!.zh).to.match(
        new RegExp(`^该任务「${name}」已于 .+ 取消：fire-xu 办理「消防设计审核」（不通过）后，该环节不再需要办理$`),
      );
    }
    expect((await eventsOf(caseId)).length, 'the refused attempts changed nothing').to.equal(history.length);

    // The cancelled reviews' clocks are finished: a month on, they raise nothing.
    const moved = await s().request('/api/test/clock', { body: { advance: 'P30D' } });
    expect(moved.status, moved.text).to.equal(200);
    await s().eventually(
      async () => ((await eventsOf(caseId)).some((event) => event.type === 'alert.raised') ? true : undefined),
      { timeoutMs: 20_000, intervalMs: 300, what: 'the window step’s signals' },
    );
    const signals = await s().request<Signal[]>(`/api/supervision/signals?open=false&matterCode=${CONSTRUCTION}`);
    expect(signals.status, signals.text).to.equal(200);
    const stepsSignalled = new Set(
      signals.body.filter((signal) => signal.caseId === caseId).map((signal) => signal.elementId),
    );
    for (const step of ['landUseApproval', 'jointDrawingReview', 'parallelReview'])
      expect(stepsSignalled.has(step), step).to.equal(false);

    // Where the flow says: the window returns the application; a resubmission comes back to 一窗受理.
    body = await caseOf(caseId);
    body = ok(await operate('window-li', caseId, 'task.complete', { taskId: open(body, 'returnToApplicant')[0] }));
    expect(body.tasks.map((task) => task.elementId)).to.deep.equal(['windowAcceptance']);
  });
});
