/**
 * The spawned server on the test clock (MATTERFLOW_TEST_CLOCK=1; issue 12 §2): moving business
 * time through POST /api/test/clock fires 预警, 黄牌 and 红牌, §32 deemed acceptance (受理期限) and a
 * 容缺 deadline, each once, while the server's own poller runs beside the clock route; moving it
 * on again fires nothing twice. Two 食品经营许可 cases, received on Monday 2026-03-02 09:30
 * (Beijing; March 2026 has no holiday), whatever today's date: A, an online application nobody
 * answers; B, accepted with 容缺 whose material never comes. A window officer is made as an operator would, with
 * `matterflow user add`.
 */
import { expect } from 'chai';
import { FOOD_LICENCE_APPLICATION } from '../support/applications.js';
import { addUser } from './support/cli-user.js';
import { historiesSettled, readCase, readEvents, readOk } from './support/case-reads.js';
import { delay, ServerProcess } from './support/server-process.js';

const FOOD = FOOD_LICENCE_APPLICATION.matterCode;
const MONDAY_0930_BEIJING = '2026-03-02T01:30:00.000Z';

interface CaseBody {
  caseId: string;
  status: string;
  tolerance: { missing: string[]; deadline: string } | null;
  tasks: Array<{ taskId: string; elementId: string }>;
}
interface AuditEvent {
  seq: number;
  type: string;
  time: string;
  actor: string;
  data: Record<string, unknown>;
}
interface Signal {
  caseId: string;
  clockId: string;
  level: string;
  kind: 'case' | 'step';
  elementId: string;
  department: string | null;
}

describe('system: the test clock fires 电子监察 signals, deemed acceptance and 容缺 deadlines in the spawned server, each once', function () {
  this.timeout(120_000);
  let server: ServerProcess | undefined;
  let windowOfficer = '';
  before(async () => {
    server = await ServerProcess.start({ testClock: true });
    windowOfficer = await addUser(server.database, { id: 'window-li', name: '李窗口', roles: ['window'] });
  });
  after(async () => {
    await server?.dispose();
  });

  const s = () => server!;
  async function advance(body: { set?: string; advance?: string }): Promise<string> {
    const answer = await s().request<{ now: string }>('/api/test/clock', { body });
    expect(answer.status, answer.text).to.equal(200);
    return answer.body.now;
  }
  const caseOf = (caseId: string) => readCase<CaseBody>(s(), caseId);
  const eventsOf = (caseId: string) => readEvents<AuditEvent>(s(), caseId);
  const signals = () => readOk<Signal[]>(s(), `/api/supervision/signals?open=false&matterCode=${FOOD}`);
  /** The levels raised on one case's clocks, by element (step) or 'case', each list sorted. */
  async function levelsOf(caseId: string): Promise<Record<string, string[]>> {
    const raised = (await eventsOf(caseId)).filter((event) => event.type === 'alert.raised');
    const byClock: Record<string, string[]> = {};
    for (const event of raised) {
      const key = event.data['kind'] === 'case' ? 'case' : String(event.data['elementId']);
      (byClock[key] ??= []).push(String(event.data['level']));
    }
    for (const levels of Object.values(byClock)) levels.sort(byLevel);
    return byClock;
  }
  const byLevel = (a: string, b: string) => ['预警', '黄牌', '红牌'].indexOf(a) - ['预警', '黄牌', '红牌'].indexOf(b);
  const count = (events: AuditEvent[], type: string, data: Record<string, unknown> = {}) =>
    events.filter(
      (event) => event.type === type && Object.entries(data).every(([key, value]) => event.data[key] === value),
    ).length;
  /**
   * The clock route fires what is due before it answers; a timer the server's poller had claimed
   * meanwhile fires at its next heartbeat. Wait until the cases' histories stop growing.
   */
  const settled = (caseIds: readonly string[]) => historiesSettled(s(), caseIds, { quietReads: 5, intervalMs: 500 });
  /** Every (case, clock, level) raised once, in the signals API and in the case histories alike. */
  async function expectEachSignalOnce(caseIds: readonly string[]): Promise<void> {
    const listed = (await signals()).filter((signal) => caseIds.includes(signal.caseId));
    const keys = listed.map((signal) => `${signal.caseId} ${signal.clockId} ${signal.level}`);
    expect(
      keys.length,
      `signals listed twice: ${keys.filter((key, i) => keys.indexOf(key) !== i).join('; ')}`,
    ).to.equal(new Set(keys).size);
    for (const caseId of caseIds) {
      const raised = (await eventsOf(caseId))
        .filter((event) => event.type === 'alert.raised')
        .map((event) => `${String(event.data['clockId'])} ${String(event.data['level'])}`);
      expect(raised.length, `alert.raised twice in ${caseId}`).to.equal(new Set(raised).size);
      expect(raised.slice().sort()).to.deep.equal(
        listed
          .filter((signal) => signal.caseId === caseId)
          .map((signal) => `${signal.clockId} ${signal.level}`)
          .sort(),
      );
    }
  }

  it('should fire each signal, the deemed acceptance and the 容缺 deadline once as business time moves, and nothing again afterwards', async () => {
    expect(await advance({ set: MONDAY_0930_BEIJING })).to.equal(MONDAY_0930_BEIJING);

    // A: an online application, complete, that nobody answers (行政许可法 §32).
    const a = await s().request<CaseBody>('/api/cases', {
      token: windowOfficer,
      body: { ...FOOD_LICENCE_APPLICATION, channel: '网上' },
    });
    expect(a.status, a.text).to.equal(201);
    const caseA = a.body.caseId;
    // B: 容缺受理 with the premises layout owed (10 working days, the promised limit).
    const b = await s().request<CaseBody>('/api/cases', {
      token: windowOfficer,
      body: {
        ...FOOD_LICENCE_APPLICATION,
        materials: { ...FOOD_LICENCE_APPLICATION.materials, 'premises-layout': false },
      },
    });
    expect(b.status, b.text).to.equal(201);
    const caseB = b.body.caseId;
    const acceptance = b.body.tasks.find((task) => task.elementId === 'windowAcceptance')!.taskId;
    const accepted = await s().request<CaseBody>(`/api/cases/${caseB}/operations`, {
      token: windowOfficer,
      body: {
        operation: 'case.acceptWithTolerance',
        data: { taskId: acceptance, commitment: '申请人承诺于期限内补交经营场所平面布局图及设备布局图' },
      },
    });
    expect(accepted.status, accepted.text).to.equal(200);
    expect(accepted.body.tolerance?.missing).to.deep.equal(['premises-layout']);
    const both = [caseA, caseB] as const;

    // Saturday 2026-03-07: B's 审查 (4 working days) is past due; A's answer period is not over.
    await advance({ advance: 'P5D' });
    await settled(both);
    expect((await caseOf(caseA)).status).to.equal('已收件');
    expect(count(await eventsOf(caseA), 'case.accepted')).to.equal(0);
    expect((await levelsOf(caseB))['review']).to.deep.equal(['预警', '黄牌']);
    expect((await caseOf(caseB)).status).to.not.equal('已终止');
    await expectEachSignalOnce(both);

    // Thursday 2026-03-12: nobody answered A for five working days (Monday 03-09): it counts as
    // accepted from its receipt, its window step done by the system; B's 审查 is red.
    await advance({ advance: 'P5D' });
    await settled(both);
    const deemed = await eventsOf(caseA);
    expect((await caseOf(caseA)).status).to.equal('已受理');
    expect(count(deemed, 'deadline.reached', { name: '受理期限' })).to.equal(1);
    expect(count(deemed, 'case.accepted')).to.equal(1);
    expect(deemed.find((event) => event.type === 'case.accepted')).to.deep.include({ actor: 'system' });
    expect(deemed.find((event) => event.type === 'case.accepted')!.data).to.include({ auto: true, officer: 'system' });
    expect((await levelsOf(caseB))['review']).to.deep.equal(['预警', '黄牌', '红牌']);
    expect((await caseOf(caseB)).status).to.not.equal('已终止');
    await expectEachSignalOnce(both);

    // Sunday 2026-03-22: B's 容缺 deadline (Monday 03-16) passed without the material: 已终止.
    await advance({ advance: 'P10D' });
    await settled(both);
    const ended = await eventsOf(caseB);
    expect((await caseOf(caseB)).status).to.equal('已终止');
    expect(count(ended, 'deadline.reached', { name: '容缺补交' })).to.equal(1);
    expect(count(ended, 'case.ended', { status: '已终止' })).to.equal(1);
    await expectEachSignalOnce(both);

    // A month on: A's case clock (10 working days from 收件 on 03-02) has run through every level
    // too, and so has its 审查, which nobody took up. Its window step got 预警 and 黄牌 (its 5 days
    // ran out as the answer period did) but no 红牌: the deemed acceptance completed it.
    await advance({ advance: 'P30D' });
    await settled(both);
    expect(await levelsOf(caseA)).to.deep.equal({
      windowAcceptance: ['预警', '黄牌'],
      review: ['预警', '黄牌', '红牌'],
      case: ['预警', '黄牌', '红牌'],
    });
    expect((await levelsOf(caseB))['review']).to.deep.equal(['预警', '黄牌', '红牌']);
    await expectEachSignalOnce(both);
    const reviewSignals = (await signals()).filter(
      (signal) => signal.caseId === caseB && signal.elementId === 'review',
    );
    expect(reviewSignals.map((signal) => signal.department)).to.deep.equal([
      '西湖区市场监督管理局行政许可科',
      '西湖区市场监督管理局行政许可科',
      '西湖区市场监督管理局行政许可科',
    ]);

    // Nothing is left to fire: moving on again adds no event and no signal.
    const before = { a: await eventsOf(caseA), b: await eventsOf(caseB), signals: await signals() };
    await advance({ advance: 'P30D' });
    await delay(2_500); // two heartbeats of the server's poller
    await settled(both);
    expect(await eventsOf(caseA)).to.deep.equal(before.a);
    expect(await eventsOf(caseB)).to.deep.equal(before.b);
    expect(await signals()).to.deep.equal(before.signals);
    expect(count(before.a, 'case.accepted')).to.equal(1);
    expect(count(before.b, 'deadline.reached', { name: '容缺补交' })).to.equal(1);
  });
});
