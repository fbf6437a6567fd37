/**
 * The 电子监察 board over a month of realistic work (November 2026, driven over HTTP with the test
 * clock): 食品经营许可, 最低生活保障 and 建筑工程施工许可 cases of eight departments, some handled in
 * time, some late, some still lying with 预警, 黄牌 or 红牌, and 差评 awaiting rectification. The
 * board shows every level in its colour, every matter finished and every department's times.
 * With MATTERFLOW_SCREENSHOTS=1 it saves docs/screenshots/board.png (1440×900).
 */
import { mkdirSync } from 'node:fs';
import { expect } from 'chai';
import request from 'supertest';
import { createUser } from '../../../engine/users-store/index.js';
import { useWorkspace } from '../support/browser.js';
import { SHIPPED_SUPERVISION as supervision } from '../../support/supervision.js';
import { constructionPermitApplication, foodLicenceApplication } from '../../support/applications.js';

type Matter = 'food' | 'allowance' | 'construction';
interface Task {
  taskId: string;
  elementId: string;
  department: string | null;
}
interface CaseBody {
  caseId: string;
  tasks: Task[];
}

let serial = 0;
/** An application of each matter, different every time (names, addresses, ids). */
function application(matter: Matter): Record<string, unknown> {
  serial += 1;
  const id = `3301061985${String(10 + (serial % 12)).padStart(2, '0')}${String(10 + serial).padStart(2, '0')}${String(1000 + serial * 7).slice(-3)}X`;
  const people = ['王丽', '陈建国', '李秀英', '张伟', '刘芳', '杨帆', '赵敏', '黄磊', '周杰', '吴静', '徐强', '孙悦'];
  const name = people[serial % people.length]!;
  if (matter === 'food') {
    return foodLicenceApplication({
      name,
      idNumber: id,
      businessName: `杭州${name}餐饮店`,
      businessAddress: `杭州市西湖区文三路${100 + serial}号`,
    });
  }
  if (matter === 'allowance') {
    return {
      matterCode: '330106-MZ-000128001',
      applicant: { name, idType: '居民身份证', idNumber: id },
      channel: '窗口',
      materials: {
        application: true,
        'id-card': true,
        'household-register': true,
        'income-declaration': true,
        'verification-authorisation': true,
      },
      form: {
        applicantName: name,
        idType: '居民身份证',
        idNumber: id,
        address: `杭州市西湖区北山街道曙光社区${serial}幢`,
        householdMembers: [{ name, relation: '本人', idNumber: id, employment: '失业' }],
        monthlyIncome: 600,
        reason: '家庭主要劳动力因病失业，收入低于当地最低生活保障标准',
      },
    };
  }
  return constructionPermitApplication(serial);
}

/** What each step's officer records when done (gateway variables). */
const OUTCOME: Readonly<Record<string, Record<string, unknown>>> = {
  review: { 需要现场核查: false },
  civilDefenceReview: { 人防审核通过: true },
  fireDesignReview: { 消防审核通过: true },
  landUseApproval: { 用地批准通过: true },
  jointDrawingReview: { 审图通过: true },
};
const LICENCE: Readonly<Record<Matter, string>> = {
  food: '食品经营许可证',
  allowance: '最低生活保障金领取证',
  construction: '建筑工程施工许可证',
};

type Action =
  | { at: string; do: 'receive'; label: string; matter: Matter }
  | { at: string; do: 'complete'; label: string; elementId: string }
  | { at: string; do: 'rate'; label: string; department: string; level: '不满意' | '非常不满意'; text: string };

/** Beijing wall time → action time. */
const bj = (day: number, time = '10:00') => `2026-11-${String(day).padStart(2, '0')}T${time}:00+08:00`;

/** The month: each case's steps at the days given (Beijing dates in November 2026). */
function month(): Action[] {
  const actions: Action[] = [];
  const flow = (
    label: string,
    matter: Matter,
    received: number,
    steps: ReadonlyArray<readonly [string, number, string?]>,
  ) => {
    actions.push({ at: bj(received, '09:30'), do: 'receive', label, matter });
    for (const [elementId, day, time] of steps)
      actions.push({ at: bj(day, time ?? '16:00'), do: 'complete', label, elementId });
  };
  // 食品经营许可: 审查 4 working days (许可科), 决定 3 (局), 送达 at the window; the case promises 10.
  const FOOD = ['review', 'decision', 'deliverLicence'];
  const food = (label: string, received: number, days: readonly number[]) =>
    flow(
      label,
      'food',
      received,
      days.map((day, i) => [FOOD[i]!, day] as const),
    );
  food('F1', 2, [4, 5, 6]);
  food('F2', 2, [6, 10, 11]);
  food('F3', 3, [9, 12, 13]);
  food('F4', 4, [12, 17, 19]);
  food('F5', 5, [9, 11, 12]);
  food('F6', 9, [16, 19, 20]);
  food('F7', 10, [13, 16, 17]);
  food('F8', 11, [20, 24]);
  food('F9', 13, []); // 审查 due Thu 19th: 红牌 by the 25th
  food('F10', 18, []); // due Tue 24th: 黄牌
  food('F11', 19, []); // due Wed 25th 17:30: 预警
  // 最低生活保障: 社区 收件 → 街道 入户调查 (3) → 街道 审核 (2) → 公示 (7) → 民政 审查 (10) → 审批 (4) → 送达.
  const ALLOWANCE = [
    'householdSurvey',
    'townshipReview',
    'publicNotice',
    'countyReview',
    'decision',
    'deliverCertificate',
  ];
  const allowance = (label: string, received: number, days: readonly number[]) =>
    flow(
      label,
      'allowance',
      received,
      days.map((day, i) => [ALLOWANCE[i]!, day] as const),
    );
  allowance('M1', 2, [4, 5, 13, 16, 17, 18]);
  allowance('M2', 3, [6, 10, 18, 20, 23, 24]);
  allowance('M3', 9, []); // 入户调查 due the 12th: 红牌
  allowance('M4', 13, [18]); // 审核 due the 20th: 黄牌 (红牌 only on the 25th's close)
  allowance('M5', 19, [24]); // 审核 due the 26th 17:30: not yet
  allowance('M6', 20, []); // 入户调查 due the 25th 17:30: 预警
  // 建筑工程施工许可: 一窗受理, then 人防, 消防, 用地 and 联合审图 (three institutions) at once (15 each), 住建决定 (5), 送达.
  const construction = (label: string, received: number, steps: ReadonlyArray<readonly [string, number, string?]>) =>
    flow(label, 'construction', received, steps);
  construction('C1', 2, [
    ['landUseApproval', 6],
    ['civilDefenceReview', 10],
    ['fireDesignReview', 12],
    ['jointDrawingReview', 13],
    ['decision', 16],
    ['deliverPermit', 17],
  ]);
  construction('C2', 3, [
    ['landUseApproval', 9],
    ['jointDrawingReview', 18],
    ['civilDefenceReview', 24],
    ['fireDesignReview', 25, '09:00'],
  ]); // 人防, 消防 late
  construction('C3', 4, [
    ['landUseApproval', 10],
    ['civilDefenceReview', 19],
  ]); // 消防, 审图 due the 25th: 预警
  construction('C4', 2, [
    ['landUseApproval', 5],
    ['civilDefenceReview', 12],
    ['jointDrawingReview', 16],
  ]); // 消防 due the 23rd: 黄牌
  // 差评 opening rectifications (15 working days).
  actions.push({
    at: bj(3, '11:00'),
    do: 'rate',
    label: 'F1',
    department: '西湖区政务服务中心综合窗口',
    level: '不满意',
    text: '窗口排队时间过长，材料清单说明不清楚',
  });
  actions.push({
    at: bj(12, '15:00'),
    do: 'rate',
    label: 'F5',
    department: '西湖区市场监督管理局行政许可科',
    level: '非常不满意',
    text: '审查意见前后不一致，要求重复补充材料',
  });
  actions.push({
    at: bj(19, '10:30'),
    do: 'rate',
    label: 'M1',
    department: '西湖区北山街道社会救助经办窗口',
    level: '不满意',
    text: '入户调查时工作人员态度生硬',
  });
  return actions.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

describe('Workspace: the supervision board over a month of work (browser)', function () {
  this.timeout(300_000);
  const web = useWorkspace({ supervision });
  const tokens: Record<string, string> = {};
  const as = (user: string) => ({ Authorization: `Bearer ${tokens[user] ?? web.server.tokens[user]}` });

  const officers = new Map<string, string>();
  /** The shipped flows' window steps (gov:windowStep): the window officer's, not a department's. */
  const WINDOW_STEP = /^(windowAcceptance|deliver|returnToApplicant)/;
  /** A department officer of `department` (created once); the window's steps go to the window officer. */
  const officerOf = async (department: string | null, elementId: string): Promise<string> => {
    if (!department || WINDOW_STEP.test(elementId)) return 'window-li';
    const known = officers.get(department);
    if (known) return known;
    const id = `officer-${officers.size + 1}`;
    tokens[id] = (
      await createUser(
        web.server.db.database.knex,
        { id, name: id, roles: ['department'], department },
        { actor: 'test', at: '2026-11-01T00:00:00.000Z' },
      )
    ).token;
    officers.set(department, id);
    return id;
  };

  it('shows signals of every level for several departments and matters, handling figures and overdue rectifications', async () => {
    const cases = new Map<string, { caseId: string; matter: Matter }>();
    const openTasks = async (caseId: string) =>
      ((await request(web.server.app).get(`/api/cases/${caseId}`).set(as('admin')).expect(200)).body as CaseBody).tasks;
    for (const action of month()) {
      await request(web.server.app)
        .post('/api/test/clock')
        .set(as('admin'))
        .send({ set: new Date(action.at).toISOString() })
        .expect(200);
      if (action.do === 'receive') {
        const received = (
          await request(web.server.app)
            .post('/api/cases')
            .set(as('window-li'))
            .send(application(action.matter))
            .expect(201)
        ).body as CaseBody;
        const window = received.tasks.find((t) => t.elementId === 'windowAcceptance')!;
        await request(web.server.app)
          .post(`/api/cases/${received.caseId}/operations`)
          .set(as('window-li'))
          .send({ operation: 'case.accept', data: { taskId: window.taskId } })
          .expect(200);
        cases.set(action.label, { caseId: received.caseId, matter: action.matter });
      } else if (action.do === 'complete') {
        const { caseId, matter } = cases.get(action.label)!;
        const tasks = (await openTasks(caseId)).filter((t) => t.elementId === action.elementId);
        expect(tasks, `${action.label} ${action.elementId} open`).to.not.have.length(0);
        for (const task of tasks) {
          const user = await officerOf(task.department, task.elementId);
          const operation =
            action.elementId === 'decision'
              ? {
                  operation: 'case.conclude',
                  data: {
                    kind: '出证',
                    licence: { name: LICENCE[matter], number: `XH${caseId.slice(0, 8).toUpperCase()}` },
                    taskId: task.taskId,
                  },
                }
              : {
                  operation: 'task.complete',
                  data: { taskId: task.taskId, variables: OUTCOME[action.elementId] ?? {} },
                };
          const response = await request(web.server.app)
            .post(`/api/cases/${caseId}/operations`)
            .set(as(user))
            .send(operation);
          expect(response.status, `${action.label} ${action.elementId}: ${JSON.stringify(response.body)}`).to.equal(
            200,
          );
        }
      } else {
        const { caseId } = cases.get(action.label)!;
        await request(web.server.app)
          .post('/api/ratings')
          .set(as('window-li'))
          .send({ caseId, department: action.department, mode: '一事一评', level: action.level, text: action.text })
          .expect(201);
      }
    }
    await request(web.server.app)
      .post('/api/test/clock')
      .set(as('admin'))
      .send({ set: new Date(bj(25, '10:00')).toISOString() })
      .expect(200);

    const page = await web.loginAs('supervisor-sun');
    await page.goto(web.url('/supervision?from=2026-11-01&to=2026-11-30'));
    const signals = page.getByRole('table', { name: '未解除的监察信号（按部门、事项、级别）' });
    await signals.waitFor();
    const description = (await page.getByTestId('chart-signals').getAttribute('aria-label')) ?? '';
    for (const level of ['预警', '黄牌', '红牌'])
      expect(description).to.match(new RegExp(`表示${level}的柱状图，其数据是——.*的数据是[1-9]`));
    expect(await signals.getByRole('rowheader').count()).to.be.greaterThan(3);
    const onTime = page.getByRole('table', { name: '按时办结率（按事项）' });
    for (const name of ['食品经营许可（新办）', '最低生活保障对象认定', '建筑工程施工许可证核发'])
      await onTime.getByRole('rowheader', { name }).waitFor();
    expect(
      await page.getByRole('table', { name: '办理用时（按部门）' }).getByRole('rowheader').count(),
    ).to.be.greaterThan(6);
    await page.getByRole('table', { name: '差评整改待办' }).getByText('已超期').first().waitFor();

    if (process.env.MATTERFLOW_SCREENSHOTS === '1') {
      await page.waitForTimeout(800); // the charts' entry animation
      mkdirSync('docs/screenshots', { recursive: true });
      await page.screenshot({ path: 'docs/screenshots/board.png', fullPage: false });
    }
  });
});
