/**
 * The authorization matrix over HTTP: role × action → expected status, one table, one loop.
 * Each row gets its own case at the stage its action needs, so rows do not depend on each
 * other's writes. Includes cross-department attempts (消防救援 on the 许可科's task, the 许可科 on
 * the 局's 决定, a department officer reading another department's signals), the auditor's and
 * supervisor's refused writes, and anonymous requests.
 */
import { expect } from 'chai';
import request from 'supertest';
import { addChief, testServer, type TestServer } from '../support.js';
import { FOOD_LICENCE_APPLICATION as application } from '../../support/applications.js';

const FOOD = '西湖区市场监督管理局行政许可科';
const licence = { name: '食品经营许可证', number: 'JY13301060000001' };

type User =
  'anonymous' | 'admin' | 'window-li' | 'food-zhao' | 'fire-qian' | 'chief-zhou' | 'auditor-wu' | 'supervisor-sun';
/** How far the row's case has gone before the action: its open task is the one named. */
type Stage = 'none' | 'received' | 'accepted' | 'reviewed';
interface Case {
  caseId: string;
  taskId: string;
}
interface Action {
  readonly stage: Stage;
  readonly send: (
    call: (method: 'get' | 'post', path: string, body?: object) => request.Test,
    target: Case,
  ) => request.Test;
}

const op =
  (operation: string, data: (target: Case) => Record<string, unknown> = () => ({})): Action['send'] =>
  (call, target) =>
    call('post', `/api/cases/${target.caseId}/operations`, { operation, data: data(target) });

const ACTIONS: Readonly<Record<string, Action>> = {
  'receive (POST /api/cases)': { stage: 'none', send: (call) => call('post', '/api/cases', application) },
  'list cases': { stage: 'none', send: (call) => call('get', '/api/cases') },
  'read a case': { stage: 'received', send: (call, t) => call('get', `/api/cases/${t.caseId}`) },
  'read a case under 审查 (许可科)': { stage: 'accepted', send: (call, t) => call('get', `/api/cases/${t.caseId}`) },
  'case.accept (受理)': { stage: 'received', send: op('case.accept', (t) => ({ taskId: t.taskId })) },
  'task.complete 审查 (许可科)': {
    stage: 'accepted',
    send: op('task.complete', (t) => ({ taskId: t.taskId, variables: { 需要现场核查: false } })),
  },
  'task.claim 审查 (许可科)': { stage: 'accepted', send: op('task.claim', (t) => ({ taskId: t.taskId })) },
  'case.conclude 出证 (局)': {
    stage: 'reviewed',
    send: op('case.conclude', (t) => ({ kind: '出证', licence, taskId: t.taskId })),
  },
  'case.suspend': { stage: 'accepted', send: op('case.suspend', () => ({ reason: '测试' })) },
  'audit events': { stage: 'received', send: (call, t) => call('get', `/api/audit/cases/${t.caseId}/events`) },
  'audit verification': {
    stage: 'received',
    send: (call, t) => call('get', `/api/audit/cases/${t.caseId}/verification`),
  },
  'signals (all)': { stage: 'none', send: (call) => call('get', '/api/supervision/signals') },
  'signals of 消防救援': {
    stage: 'none',
    send: (call) => call('get', `/api/supervision/signals?department=${encodeURIComponent('消防救援')}`),
  },
  'signals of 许可科': {
    stage: 'none',
    send: (call) => call('get', `/api/supervision/signals?department=${encodeURIComponent(FOOD)}`),
  },
  worklist: { stage: 'none', send: (call) => call('get', '/api/tasks') },
  'deploy a definition': { stage: 'none', send: (call) => call('post', '/api/definitions', { xml: '<x/>' }) },
  'publish a matter': { stage: 'none', send: (call) => call('post', '/api/matters', {}) },
  'advance the test clock': { stage: 'none', send: (call) => call('post', '/api/test/clock', { advance: 'PT1M' }) },
};

/** role × action → status. */
const MATRIX: ReadonlyArray<readonly [User, keyof typeof ACTIONS, number]> = [
  // 收件: the window (and admin), nobody else.
  ['window-li', 'receive (POST /api/cases)', 201],
  ['admin', 'receive (POST /api/cases)', 201],
  ['food-zhao', 'receive (POST /api/cases)', 403],
  ['auditor-wu', 'receive (POST /api/cases)', 403],
  ['supervisor-sun', 'receive (POST /api/cases)', 403],
  ['anonymous', 'receive (POST /api/cases)', 401],
  // Reading: every staff role; nobody anonymous.
  ['auditor-wu', 'list cases', 200],
  ['food-zhao', 'list cases', 200],
  ['anonymous', 'list cases', 401],
  ['supervisor-sun', 'read a case', 200],
  // A department reads the cases that reached it (a step of theirs, open or done), no others.
  ['window-li', 'read a case', 200],
  ['fire-qian', 'read a case', 403],
  ['food-zhao', 'read a case', 403],
  ['food-zhao', 'read a case under 审查 (许可科)', 200],
  ['fire-qian', 'read a case under 审查 (许可科)', 403],
  ['auditor-wu', 'read a case under 审查 (许可科)', 200],
  ['anonymous', 'read a case', 401],
  // 受理: the window only.
  ['window-li', 'case.accept (受理)', 200],
  ['food-zhao', 'case.accept (受理)', 403],
  ['admin', 'case.accept (受理)', 403],
  ['auditor-wu', 'case.accept (受理)', 403],
  ['supervisor-sun', 'case.accept (受理)', 403],
  // 审查 is the 许可科's task: another department may not touch it.
  ['food-zhao', 'task.complete 审查 (许可科)', 200],
  ['fire-qian', 'task.complete 审查 (许可科)', 403],
  ['chief-zhou', 'task.complete 审查 (许可科)', 403],
  ['auditor-wu', 'task.complete 审查 (许可科)', 403],
  ['supervisor-sun', 'task.complete 审查 (许可科)', 403],
  ['admin', 'task.complete 审查 (许可科)', 403],
  ['food-zhao', 'task.claim 审查 (许可科)', 200],
  ['fire-qian', 'task.claim 审查 (许可科)', 403],
  // 决定 is the 局's task: the 许可科 (a different department, however close) may not sign it.
  ['chief-zhou', 'case.conclude 出证 (局)', 200],
  ['food-zhao', 'case.conclude 出证 (局)', 403],
  ['fire-qian', 'case.conclude 出证 (局)', 403],
  ['window-li', 'case.conclude 出证 (局)', 403],
  ['auditor-wu', 'case.conclude 出证 (局)', 403],
  // Suspension: supervisor and admin, not the auditor nor a department.
  ['supervisor-sun', 'case.suspend', 200],
  ['admin', 'case.suspend', 200],
  ['auditor-wu', 'case.suspend', 403],
  ['food-zhao', 'case.suspend', 403],
  // Audit: auditor, supervisor, admin.
  ['auditor-wu', 'audit events', 200],
  ['supervisor-sun', 'audit events', 200],
  ['admin', 'audit verification', 200],
  ['window-li', 'audit events', 403],
  ['food-zhao', 'audit verification', 403],
  // 电子监察: wide roles see all; a department officer only their own department.
  ['supervisor-sun', 'signals (all)', 200],
  ['auditor-wu', 'signals (all)', 200],
  ['food-zhao', 'signals (all)', 200],
  ['food-zhao', 'signals of 许可科', 200],
  ['food-zhao', 'signals of 消防救援', 403],
  ['fire-qian', 'signals of 许可科', 403],
  ['window-li', 'signals (all)', 403],
  // Worklist: staff.
  ['food-zhao', 'worklist', 200],
  ['auditor-wu', 'worklist', 200],
  ['anonymous', 'worklist', 401],
  // Administration: admin only (the refused are refused before their body is looked at).
  ['auditor-wu', 'deploy a definition', 403],
  ['window-li', 'deploy a definition', 403],
  ['supervisor-sun', 'publish a matter', 403],
  ['food-zhao', 'publish a matter', 403],
  ['admin', 'advance the test clock', 200],
  ['supervisor-sun', 'advance the test clock', 403],
  ['auditor-wu', 'advance the test clock', 403],
];

describe('server: authorization matrix (role × action)', () => {
  let server: TestServer;
  const tokens: Record<string, string> = {};
  before(async () => {
    server = await testServer({ testClock: true });
    Object.assign(tokens, server.tokens);
    tokens['chief-zhou'] = await addChief(server);
  });
  after(() => server.close());

  const call = (user: User) => (method: 'get' | 'post', path: string, body?: object) => {
    const req = request(server.app)[method](path);
    if (user !== 'anonymous') void req.set('Authorization', `Bearer ${tokens[user]}`);
    return body === undefined ? req : req.send(body);
  };
  const operate = async (user: User, caseId: string, operation: string, data: Record<string, unknown>) =>
    (await call(user)('post', `/api/cases/${caseId}/operations`, { operation, data }).expect(200)).body as {
      tasks: Array<{ taskId: string; elementId: string }>;
    };
  const open = (tasks: Array<{ taskId: string; elementId: string }>, elementId: string) =>
    tasks.find((t) => t.elementId === elementId)!.taskId;

  /** A fresh case brought to the stage, through HTTP, by the users whose job each step is. */
  async function caseAt(stage: Stage): Promise<Case> {
    const received = (await call('window-li')('post', '/api/cases', application).expect(201)).body as {
      caseId: string;
      tasks: Array<{ taskId: string; elementId: string }>;
    };
    const { caseId } = received;
    if (stage === 'received') return { caseId, taskId: open(received.tasks, 'windowAcceptance') };
    const accepted = await operate('window-li', caseId, 'case.accept', {
      taskId: open(received.tasks, 'windowAcceptance'),
    });
    if (stage === 'accepted') return { caseId, taskId: open(accepted.tasks, 'review') };
    const reviewed = await operate('food-zhao', caseId, 'task.complete', {
      taskId: open(accepted.tasks, 'review'),
      variables: { 需要现场核查: false },
    });
    return { caseId, taskId: open(reviewed.tasks, 'decision') };
  }

  it('should have a row for every action', () => {
    expect(new Set(MATRIX.map(([, action]) => action))).to.have.property('size', Object.keys(ACTIONS).length);
  });

  for (const [user, action, status] of MATRIX) {
    it(`${user} × ${action} → ${status}`, async () => {
      const { stage, send } = ACTIONS[action]!;
      const target = stage === 'none' ? { caseId: '', taskId: '' } : await caseAt(stage);
      const response = await send(call(user), target);
      expect(response.status, JSON.stringify(response.body)).to.equal(status);
      if (status === 401) expect(response.body.code).to.equal('UNAUTHENTICATED');
      if (status === 403) {
        expect(response.body.code).to.equal('FORBIDDEN');
        expect(response.body.message).to.have.keys(['zh', 'en']);
      }
    });
  }
});
