/**
 * 一件事 through the real server (issue 15): the shipped 企业开办 package runs each matter as a part
 * (子件) that is a 办件 of its own — numbered from the package, with its status, clock, decision
 * and result; its department refuses it (不予许可, or 不通过 on its step), and the package's declared
 * rule decides what follows: 部分办结 (the shipped rule: the other parts go on and the package's
 * 办结 states the refusal; 营业执照 is a core part) or 整体不予许可 (a new matter version says so:
 * the other parts end 已终止 and their officers are told why). The applicant and the window see
 * the package and its parts; a part is not rated on its own.
 */
import { expect } from 'chai';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { BUSINESS_STARTUP_APPLICATION } from '../support/applications.js';
import { ServerProcess, type HttpAnswer } from './support/server-process.js';

const WINDOW_DEPARTMENT = '西湖区政务服务中心企业开办专区';
const OFFICERS = {
  'window-chen': { roles: ['window'], department: WINDOW_DEPARTMENT },
  'registry-he': { roles: ['department'], department: '西湖区市场监督管理局登记注册科' },
  'police-qian': { roles: ['department'], department: '杭州市公安局西湖区分局治安管理大队' },
  'tax-sun': { roles: ['department'], department: '国家税务总局杭州市西湖区税务局第一税务所' },
  'social-zhou': { roles: ['department'], department: '西湖区社会保险管理服务中心' },
  'fund-wu': { roles: ['department'], department: '杭州住房公积金管理中心西湖分中心' },
  'applicant-chen': { roles: ['applicant'], idNumber: BUSINESS_STARTUP_APPLICATION.applicant.idNumber },
} as const;
type Officer = keyof typeof OFFICERS;

interface Task {
  readonly taskId: string;
  readonly elementId: string;
}
interface Part {
  readonly caseId: string;
  readonly number: string | null;
  readonly name: string;
  readonly department: string | null;
  readonly status: string | null;
  readonly result: { kind: string; reason: string | null } | null;
}
interface CaseBody {
  readonly caseId: string;
  readonly number?: string;
  readonly status: string;
  readonly tasks: readonly Task[];
  readonly package: { caseId: string; number: string | null; name: string } | null;
  readonly parts: readonly Part[];
  readonly result: { kind: string; reason: string | null } | null;
  readonly timeLimits: ReadonlyArray<{ kind: string; dueAt: string }>;
  readonly code?: string;
  readonly message?: { zh: string };
}

describe('system: every part of a 一件事 is a 办件 of its own, and the package’s rule decides what a refusal means', function () {
  this.timeout(240_000);
  let server: ServerProcess;
  const tokens = new Map<string, string>();

  before(async () => {
    server = await ServerProcess.start({ testClock: true, env: { MATTERFLOW_RATE_LIMIT: '1000000' } });
    for (const [id, officer] of Object.entries(OFFICERS)) {
      const created = await server.request<{ token: string }>('/api/users', {
        body: { id, name: id, ...officer, roles: [...officer.roles] },
      });
      expect(created.status, created.text).to.equal(201);
      tokens.set(id, created.body.token);
    }
  });
  after(async () => {
    await server?.dispose();
  });

  const ok = <T>(answer: HttpAnswer<T>): T => {
    expect(answer.status, answer.text).to.be.within(200, 299);
    return answer.body;
  };
  const read = async (who: Officer, caseId: string) =>
    ok(await server.request<CaseBody>(`/api/cases/${caseId}`, { token: tokens.get(who)! }));
  const operate = (who: Officer, caseId: string, operation: string, data: Record<string, unknown>) =>
    server.request<CaseBody>(`/api/cases/${caseId}/operations`, { token: tokens.get(who)!, body: { operation, data } });
  const taskIn = async (caseId: string) => {
    const [task] = (await read('window-chen', caseId)).tasks;
    if (!task) throw new Error(`no open step in ${caseId}`);
    return task.taskId;
  };
  const partNamed = async (pkg: string, name: string) => {
    const part = (await read('window-chen', pkg)).parts.find((p) => p.name === name);
    if (!part) throw new Error(`no part ${name} in ${pkg}`);
    return part;
  };

  /** 收件 and 一窗受理 of a 企业开办 application; the package's id and number. */
  async function acceptedPackage(): Promise<{ caseId: string; number: string }> {
    const received = ok(
      await server.request<CaseBody>('/api/cases', {
        token: tokens.get('window-chen')!,
        body: BUSINESS_STARTUP_APPLICATION,
      }),
    );
    const acceptance = received.tasks.find((task) => task.elementId === 'windowAcceptance')!.taskId;
    ok(await operate('window-chen', received.caseId, 'case.accept', { taskId: acceptance }));
    return { caseId: received.caseId, number: received.number! };
  }
  async function grantLicence(pkg: string) {
    const licence = await partNamed(pkg, '营业执照');
    ok(
      await operate('registry-he', licence.caseId, 'task.complete', {
        taskId: await taskIn(licence.caseId),
        opinion: { decision: '通过', text: '准予设立登记' },
        variables: { licenceNo: 'SL-2026-0001', unifiedCreditCode: '91330106MA2TEST01X' },
      }),
    );
  }

  it('a part is numbered from its package, accepted at the package’s window, and the applicant and the window see both', async () => {
    const pkg = await acceptedPackage();
    expect(pkg.number).to.match(/^\d{8}-\d{4}$/);
    const seen = await read('window-chen', pkg.caseId);
    expect(seen.parts).to.have.length(1);
    expect(seen.parts[0]).to.deep.include({
      number: `${pkg.number}-01`,
      name: '营业执照',
      department: '西湖区市场监督管理局',
      status: '已受理',
      result: null,
    });
    const licence = await read('applicant-chen', seen.parts[0]!.caseId);
    expect(licence.status).to.equal('已受理');
    expect(licence.package).to.deep.equal({
      caseId: pkg.caseId,
      number: pkg.number,
      name: '企业开办一件事',
      elementId: 'businessLicence',
    });
    expect(
      licence.timeLimits.filter((limit) => limit.kind === 'case'),
      'the part’s own promised limit',
    ).to.have.length(1);
    expect((await read('applicant-chen', pkg.caseId)).parts.map((part) => part.name)).to.deep.equal(['营业执照']);
    await grantLicence(pkg.caseId);
    const started = (await read('applicant-chen', pkg.caseId)).parts;
    expect(started.map((part) => [part.number, part.name, part.status])).to.deep.equal([
      [`${pkg.number}-01`, '营业执照', '已办结'],
      [`${pkg.number}-02`, '印章刻制', '已受理'],
      [`${pkg.number}-03`, '发票申领', '已受理'],
      [`${pkg.number}-04`, '社保登记', '已受理'],
      [`${pkg.number}-05`, '公积金开户', '已受理'],
    ]);
    const found = ok(
      await server.request<Array<{ caseId: string }>>(
        `/api/cases?applicantIdNumber=${BUSINESS_STARTUP_APPLICATION.applicant.idNumber}`,
        {
          token: tokens.get('applicant-chen')!,
        },
      ),
    );
    expect(found.map((summary) => summary.caseId)).to.include.members([
      pkg.caseId,
      ...started.map((part) => part.caseId),
    ]);
  });

  it('部分办结 (the shipped rule): a refused seal and a 不通过 invoice do not stop the others, and the package’s 办结 states both', async () => {
    const pkg = await acceptedPackage();
    await grantLicence(pkg.caseId);
    const seal = await partNamed(pkg.caseId, '印章刻制');
    const invoice = await partNamed(pkg.caseId, '发票申领');
    const sealTask = await taskIn(seal.caseId);
    const otherDepartment = await operate('tax-sun', seal.caseId, 'case.conclude', {
      kind: '不予许可',
      reason: '越权',
      taskId: sealTask,
    });
    expect(otherDepartment.status, 'another department cannot decide the seal').to.equal(403);
    ok(
      await operate('police-qian', seal.caseId, 'case.conclude', {
        kind: '不予许可',
        reason: '印章样式不符合规定',
        taskId: sealTask,
      }),
    );
    ok(
      await operate('tax-sun', invoice.caseId, 'task.complete', {
        taskId: await taskIn(invoice.caseId),
        opinion: { decision: '不通过', text: '纳税人存在未结清欠税' },
      }),
    );
    const afterRefusals = await read('window-chen', pkg.caseId);
    expect(afterRefusals.status).to.equal('审查中');
    expect(afterRefusals.parts.map((part) => [part.name, part.status, part.result?.kind ?? null])).to.deep.equal([
      ['营业执照', '已办结', '出证'],
      ['印章刻制', '已办结', '不予许可'],
      ['发票申领', '已办结', '不予许可'],
      ['社保登记', '已受理', null],
      ['公积金开户', '已受理', null],
    ]);
    for (const [who, name] of [
      ['social-zhou', '社保登记'],
      ['fund-wu', '公积金开户'],
    ] as const) {
      const part = await partNamed(pkg.caseId, name);
      ok(
        await operate(who, part.caseId, 'task.complete', {
          taskId: await taskIn(part.caseId),
          opinion: { decision: '通过', text: '已办理' },
        }),
      );
    }
    const issue = (await read('window-chen', pkg.caseId)).tasks.find((task) => task.elementId === 'issueResults');
    expect(issue, '统一出件 after every part was decided').to.not.equal(undefined);
    const page = ok(
      await server.request<{ history: Array<{ text: string }> }>(`/api/tasks/${issue!.taskId}`, {
        token: tokens.get('window-chen')!,
      }),
    );
    expect(page.history.map((line) => line.text)).to.include.members([
      `子事项「印章刻制」（${pkg.number}-02）开始办理`,
      '子事项「印章刻制」办结：不予许可（印章样式不符合规定）',
      '子事项「发票申领」办结：不予许可（纳税人存在未结清欠税）',
    ]);
    const concluded = ok(
      await operate('window-chen', pkg.caseId, 'case.conclude', {
        kind: '出证',
        licence: { name: '营业执照', number: 'SL-2026-0001' },
        taskId: issue!.taskId,
      }),
    );
    expect(concluded.status).to.equal('已办结');
    expect(concluded.result?.reason).to.equal(
      '部分办结：印章刻制不予许可（印章样式不符合规定）；发票申领不予许可（纳税人存在未结清欠税）',
    );
  });

  it('a core part’s refusal (营业执照) refuses the whole package under 部分办结, and nothing after it starts', async () => {
    const pkg = await acceptedPackage();
    const licence = await partNamed(pkg.caseId, '营业执照');
    ok(
      await operate('registry-he', licence.caseId, 'case.conclude', {
        kind: '不予许可',
        reason: '企业名称与已登记企业重名',
        taskId: await taskIn(licence.caseId),
      }),
    );
    const refused = await read('applicant-chen', pkg.caseId);
    expect(refused.status).to.equal('已办结');
    expect(refused.result).to.deep.include({
      kind: '不予许可',
      reason: '一件事整体不予许可（营业执照不予许可：企业名称与已登记企业重名）',
    });
    expect(refused.parts.map((part) => part.name)).to.deep.equal(['营业执照']);
    expect(refused.tasks).to.deep.equal([]);
  });

  it('a part is not rated on its own: 好差评 goes to the package', async () => {
    const pkg = await acceptedPackage();
    const licence = await partNamed(pkg.caseId, '营业执照');
    const rated = await server.request<{ code: string; message: { zh: string } }>('/api/ratings', {
      token: tokens.get('applicant-chen')!,
      body: { caseId: licence.caseId, department: '西湖区市场监督管理局', mode: '一事一评', level: '满意' },
    });
    expect(rated.status, rated.text).to.equal(422);
    expect(rated.body.code).to.equal('PART_NOT_RATED');
    expect(rated.body.message.zh).to.contain(pkg.number);
  });

  it('整体不予许可 (a new matter version declares it): the first refusal ends the package, the other parts end 已终止 and their officers are told why', async () => {
    const file = JSON.parse(
      fs.readFileSync(fileURLToPath(new URL('../../processes/business-startup.matter.json', import.meta.url)), 'utf8'),
    ) as Record<string, unknown>;
    const published = await server.request('/api/matters', {
      body: { ...file, package: { onPartRefused: '整体不予许可' } },
    });
    expect(published.status, published.text).to.equal(201);
    const pkg = await acceptedPackage();
    await grantLicence(pkg.caseId);
    const seal = await partNamed(pkg.caseId, '印章刻制');
    const invoice = await partNamed(pkg.caseId, '发票申领');
    const invoiceTask = await taskIn(invoice.caseId);
    ok(
      await operate('police-qian', seal.caseId, 'case.conclude', {
        kind: '不予许可',
        reason: '印章样式不符合规定',
        taskId: await taskIn(seal.caseId),
      }),
    );
    const refused = await read('applicant-chen', pkg.caseId);
    expect(refused.status).to.equal('已办结');
    expect(refused.result?.kind).to.equal('不予许可');
    expect(refused.result?.reason).to.equal('一件事整体不予许可（印章刻制不予许可：印章样式不符合规定）');
    expect(refused.parts.map((part) => [part.name, part.status])).to.deep.equal([
      ['营业执照', '已办结'],
      ['印章刻制', '已办结'],
      ['发票申领', '已终止'],
      ['社保登记', '已终止'],
      ['公积金开户', '已终止'],
    ]);
    const stopped = await read('tax-sun', invoice.caseId);
    expect(stopped.result?.reason).to.equal('一件事整体不予许可：印章刻制不予许可：印章样式不符合规定');
    expect(stopped.tasks).to.deep.equal([]);
    const late = await operate('tax-sun', invoice.caseId, 'task.complete', {
      taskId: invoiceTask,
      opinion: { decision: '通过', text: '已核定' },
    });
    expect(late.status, late.text).to.equal(409);
    expect(late.body.code).to.equal('TASK_CANCELLED');
    expect(late.body.message?.zh).to.contain('一件事整体不予许可：印章刻制不予许可');
  });
});
