/**
 * 即办件 raise no signals (issue 15), in the spawned server on the test clock. An administrator
 * publishes, over the API, two 即办件 matters (办件类型 1) and a 承诺件 control: a 即办件 whose flow
 * sets no step limits (gov:caseType="1", which the lint then does not require them of), a 即办件
 * whose flow keeps one-working-day limits (the symptom: 预警 at once under the centre's
 * default rules), and the same flow as a 承诺件. A window officer receives and accepts one case of
 * each on Monday 2026-03-02 (Beijing; March 2026 has no holiday); business time moves ten days
 * on. The 承诺件 has a case clock and its signals; neither 即办件 has a case clock or any signal,
 * in the case, the supervision board's signal list or the history.
 */
import { expect } from 'chai';
import { idNumberOf } from './support/publicity-matter.js';
import { historiesSettled, readCase, readEvents, readOk } from './support/case-reads.js';
import { ServerProcess } from './support/server-process.js';

const MONDAY_0930_BEIJING = '2026-03-02T01:30:00.000Z';
const WINDOW = '西湖区政务服务中心综合窗口';
const DEPARTMENT = '西湖区民政局';

interface Published {
  readonly code: string;
  readonly processId: string;
  readonly caseType: 1 | 2;
  /** The steps' time limit in working days, or none. */
  readonly stepDays: number | null;
}
const IMMEDIATE: Published = { code: '330106-SYS-JB-001', processId: 'system-immediate', caseType: 1, stepDays: null };
const IMMEDIATE_WITH_LIMITS: Published = {
  code: '330106-SYS-JB-002',
  processId: 'system-immediate-limits',
  caseType: 1,
  stepDays: 1,
};
const PROMISED: Published = { code: '330106-SYS-CN-001', processId: 'system-promised', caseType: 2, stepDays: 1 };

/** 窗口受理 (a window step) → 审核 (the department); step limits when `stepDays` is given. */
function processXml(matter: Published): string {
  const limit = matter.stepDays === null ? '' : `gov:timeLimit="${matter.stepDays}" gov:timeLimitUnit="工作日"`;
  const promised = matter.caseType === 2 ? 'gov:promisedLimit="5" gov:promisedLimitUnit="工作日"' : '';
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:gov="https://matterflow.cn/schema/bpmn/gov/1.0" id="${matter.processId}-definitions" targetNamespace="https://matterflow.cn/test/system/immediate">
  <bpmn:process id="${matter.processId}" name="临时救助金给付（系统测试）" isExecutable="true" gov:matterCode="${matter.code}" gov:caseType="${matter.caseType}" ${promised}>
    <bpmn:startEvent id="received" name="收件"><bpmn:outgoing>toAcceptance</bpmn:outgoing></bpmn:startEvent>
    <bpmn:sequenceFlow id="toAcceptance" sourceRef="received" targetRef="windowAcceptance" />
    <bpmn:userTask id="windowAcceptance" name="窗口受理" gov:department="${WINDOW}" gov:windowStep="true" gov:candidateGroups="综合窗口" ${limit}>
      <bpmn:incoming>toAcceptance</bpmn:incoming><bpmn:outgoing>toReview</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="toReview" sourceRef="windowAcceptance" targetRef="review" />
    <bpmn:userTask id="review" name="审核" gov:department="${DEPARTMENT}" gov:candidateGroups="救助科" ${limit}>
      <bpmn:incoming>toReview</bpmn:incoming><bpmn:outgoing>toDone</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="toDone" sourceRef="review" targetRef="done" />
    <bpmn:endEvent id="done" name="办结"><bpmn:incoming>toDone</bpmn:incoming></bpmn:endEvent>
  </bpmn:process>
</bpmn:definitions>`;
}

function matterFile(matter: Published): unknown {
  return {
    name: `临时救助金给付（系统测试，${matter.caseType === 1 ? '即办件' : '承诺件'}）`,
    baseCode: '000199002000',
    implementationCode: matter.code,
    status: 'active',
    type: '05',
    level: 4,
    implementer: { name: '杭州市西湖区民政局', creditCode: '11330106002493819L' },
    legalLimit: { amount: 5, unit: '工作日' },
    ...(matter.caseType === 2 ? { promisedLimit: { amount: 5, unit: '工作日' } } : {}),
    caseType: matter.caseType,
    materials: [
      {
        id: 'application',
        name: '临时救助申请书',
        necessity: 'required',
        form: 'electronic',
        copies: 1,
        source: 'applicant',
      },
    ],
    acceptanceConditions: ['申请人遭遇突发困难'],
    fees: { charged: false },
    resultName: '临时救助金',
    visitsRequired: 1,
    applicationForm: {
      type: 'object',
      required: ['applicantName'],
      additionalProperties: false,
      properties: { applicantName: { type: 'string', title: '申请人姓名', minLength: 2 } },
    },
    process: { processId: matter.processId },
  };
}

interface CaseBody {
  readonly caseId: string;
  readonly status: string;
  readonly tasks: ReadonlyArray<{ taskId: string; elementId: string }>;
  readonly timeLimits: ReadonlyArray<{ kind: 'case' | 'step'; elementId: string; dueAt: string }>;
  readonly signals: readonly unknown[];
}
interface AuditEvent {
  readonly type: string;
  readonly data: Record<string, unknown>;
}
interface Signal {
  readonly caseId: string;
  readonly level: string;
  readonly kind: 'case' | 'step';
  readonly elementId: string;
}

describe('system: a 即办件 raises no signals, a 承诺件 does', function () {
  this.timeout(120_000);
  let server: ServerProcess | undefined;
  let windowOfficer = '';
  before(async () => {
    server = await ServerProcess.start({ testClock: true });
    const created = await server.request<{ token: string }>('/api/users', {
      body: { id: 'window-li', name: '李窗口', roles: ['window'] },
    });
    expect(created.status, created.text).to.equal(201);
    windowOfficer = created.body.token;
  });
  after(async () => {
    await server?.dispose();
  });

  const s = () => server!;
  async function publish(matter: Published): Promise<void> {
    const deployed = await s().request('/api/definitions', { body: { xml: processXml(matter) } });
    expect(deployed.status, deployed.text).to.be.oneOf([200, 201]);
    const published = await s().request('/api/matters', { body: matterFile(matter) });
    expect(published.status, published.text).to.be.oneOf([200, 201]);
  }
  async function receiveAndAccept(matter: Published, n: number): Promise<string> {
    const received = await s().request<CaseBody>('/api/cases', {
      token: windowOfficer,
      body: {
        matterCode: matter.code,
        applicant: { name: `申请人${n}`, idType: '居民身份证', idNumber: idNumberOf(n) },
        channel: '窗口',
        materials: { application: true },
        form: { applicantName: `申请人${n}` },
      },
    });
    expect(received.status, received.text).to.equal(201);
    const { caseId } = received.body;
    const acceptance = received.body.tasks.find((task) => task.elementId === 'windowAcceptance')!.taskId;
    const accepted = await s().request<CaseBody>(`/api/cases/${caseId}/operations`, {
      token: windowOfficer,
      body: { operation: 'case.accept', data: { taskId: acceptance } },
    });
    expect(accepted.status, accepted.text).to.equal(200);
    expect(accepted.body.status).to.equal('已受理');
    return caseId;
  }
  const caseOf = (caseId: string) => readCase<CaseBody>(s(), caseId);
  const eventsOf = (caseId: string) => readEvents<AuditEvent>(s(), caseId);
  const signalsOf = (matter: Published) =>
    readOk<Signal[]>(s(), `/api/supervision/signals?open=false&matterCode=${matter.code}`);
  /** The clock route fires what is due before it answers; wait until the histories stop growing. */
  const settled = (caseIds: readonly string[]) => historiesSettled(s(), caseIds, { quietReads: 3, intervalMs: 300 });

  it('should publish a 即办件 whose flow sets no step limits, and refuse the same flow as a 承诺件', async () => {
    const deployed = await s().request<{ findings: Array<{ severity: string; rule: string }> }>('/api/definitions', {
      body: { xml: processXml(IMMEDIATE) },
    });
    expect(deployed.status, deployed.text).to.equal(201);
    expect(deployed.body.findings.filter((finding) => finding.rule.startsWith('matterflow/'))).to.deep.equal([]);
    const published = await s().request('/api/matters', { body: matterFile(IMMEDIATE) });
    expect(published.status, published.text).to.equal(201);

    const refused = await s().request<{ code: string }>('/api/definitions', {
      body: { xml: processXml({ ...PROMISED, processId: 'system-promised-no-limits', stepDays: null }) },
    });
    expect(refused.status, refused.text).to.equal(422);
    expect(refused.body.code).to.equal('DEFINITION_INVALID');
    expect(refused.text).to.contain('matterflow/user-task-time-limit');
  });

  it('should raise no signal on a 即办件 as days pass, with or without step limits, while the 承诺件 control gets them', async () => {
    for (const matter of [IMMEDIATE, IMMEDIATE_WITH_LIMITS, PROMISED]) await publish(matter);
    const clock = await s().request<{ now: string }>('/api/test/clock', { body: { set: MONDAY_0930_BEIJING } });
    expect(clock.status, clock.text).to.equal(200);

    const immediate = await receiveAndAccept(IMMEDIATE, 1);
    const immediateWithLimits = await receiveAndAccept(IMMEDIATE_WITH_LIMITS, 2);
    const promised = await receiveAndAccept(PROMISED, 3);
    const all = [immediate, immediateWithLimits, promised];

    // Accepted: the 承诺件 has its case clock; a 即办件 has none, and its steps only due dates if the flow gives limits.
    expect((await caseOf(promised)).timeLimits.map((limit) => limit.kind)).to.have.members(['case', 'step']);
    expect((await caseOf(immediate)).timeLimits).to.deep.equal([]);
    expect((await caseOf(immediateWithLimits)).timeLimits.map((l) => `${l.kind} ${l.elementId}`)).to.deep.equal([
      'step review',
    ]);

    // Thursday 2026-03-12: every one-working-day step and the 5-day promise long past.
    const moved = await s().request<{ now: string }>('/api/test/clock', { body: { advance: 'P10D' } });
    expect(moved.status, moved.text).to.equal(200);
    await settled(all);

    const control = await signalsOf(PROMISED);
    expect(
      control.filter((signal) => signal.caseId === promised).map((signal) => `${signal.kind} ${signal.level}`),
    ).to.include.members(['step 预警', 'step 黄牌', 'case 预警', 'case 黄牌']);
    expect((await caseOf(promised)).signals).to.not.deep.equal([]);

    for (const [matter, caseId] of [
      [IMMEDIATE, immediate],
      [IMMEDIATE_WITH_LIMITS, immediateWithLimits],
    ] as const) {
      expect(await signalsOf(matter), matter.code).to.deep.equal([]);
      const state = await caseOf(caseId);
      expect(state.signals, caseId).to.deep.equal([]);
      expect(state.status).to.equal('已受理');
      const history = await eventsOf(caseId);
      expect(
        history.filter((event) => event.type === 'alert.raised'),
        caseId,
      ).to.deep.equal([]);
      expect(
        history.filter((event) => event.type === 'clock.started' && event.data['kind'] === 'case'),
        `${caseId} has no case clock`,
      ).to.deep.equal([]);
    }
  });
});
