/**
 * Who may do each declared case operation, played against the real server over HTTP: every
 * operation × every party × every relation to the case (its own applicant or another, the
 * department whose step it is or another, the window on a window step or a department's, before
 * and after 受理, the step open, done or cancelled), each expected allow or deny taken from the
 * declaration (engine/operations `mayPerform` on the case's facts, rebuilt here from its history
 * as an auditor reads it). A denial is exactly a 403 and leaves the history as it was; an allowed
 * operation is never a 403 (the domain may still refuse it). Then the symptoms that made us
 * declare the table, each by name, and the body fuzzed: never a 5xx, nothing changed by a refusal.
 */
import { expect } from 'chai';
import fc from 'fast-check';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { CASE_EVENT_VERSIONS, replay, type CaseEvent } from '../../engine/case/index.js';
import type { Principal, Role } from '../../engine/domain/index.js';
import { loadDefinition, type CompiledProcess } from '../../engine/model/index.js';
import {
  CASE_OPERATION_TYPES,
  CASE_OPERATIONS,
  caseFacts,
  mayPerform,
  type ApiData,
  type CaseOperationType,
} from '../../engine/operations/index.js';
import { FOOD_LICENCE_APPLICATION } from '../support/applications.js';
import { ServerProcess, type HttpAnswer } from './support/server-process.js';

const FOOD = '西湖区市场监督管理局行政许可科';
const BUREAU = '西湖区市场监督管理局';
const FIRE = '消防救援';
/** The applicant keys as the expectations see them: the case is always filed for 张三. */
const OWN = 'own-applicant';

interface Party {
  readonly id: string;
  readonly roles: readonly Role[];
  readonly department?: string;
  readonly idNumber?: string;
  /** Their key in the expectations (applicants). */
  readonly key?: string;
}

const PARTIES: readonly Party[] = [
  { id: 'window-li', roles: ['window'] },
  { id: 'food-zhao', roles: ['department'], department: FOOD },
  { id: 'chief-zhou', roles: ['department'], department: BUREAU },
  { id: 'fire-qian', roles: ['department'], department: FIRE },
  { id: 'zhang-san', roles: ['applicant'], idNumber: FOOD_LICENCE_APPLICATION.applicant.idNumber, key: OWN },
  { id: 'li-si', roles: ['applicant'], idNumber: '330102199202021111', key: 'another-applicant' },
  { id: 'supervisor-sun', roles: ['supervisor'] },
  { id: 'auditor-wu', roles: ['auditor'] },
  { id: 'admin', roles: ['admin'] },
];

/** A valid body for every operation (a missing one does not compile), given the step it names. */
const SAMPLE: { readonly [T in CaseOperationType]: (taskId: string) => ApiData<T> } = {
  'case.noticeCorrection': (taskId) => ({ taskId, defects: ['营业执照：已过有效期'] }),
  'materials.supply': (taskId) => ({ taskId, materials: ['premises-layout'] }),
  'case.accept': (taskId) => ({ taskId }),
  'case.acceptWithTolerance': (taskId) => ({ taskId, commitment: '本人承诺 10 个工作日内补交' }),
  'case.refuse': (taskId) => ({ taskId, reason: '不属于本中心受理范围' }),
  'case.conclude': (taskId) => ({ taskId, kind: '不予许可', reason: '不符合许可条件' }),
  'case.deliver': (taskId) => ({ taskId, method: '窗口领取' }),
  'case.withdraw': (taskId) => ({ taskId, reason: '不再需要办理' }),
  'case.revoke': (taskId) => ({ taskId, reason: '以欺骗手段取得许可' }),
  'specialProcedure.start': (taskId) => ({ taskId, kind: '现场勘验', reason: '需到场核实' }),
  'specialProcedure.end': (taskId) => ({ taskId, result: '勘验合格' }),
  'case.decideOnCommitment': (taskId) => ({
    taskId,
    commitment: '本人承诺符合条件',
    licence: { name: '食品经营许可证', number: 'JY13301060000001' },
  }),
  'commitment.verify': (taskId) => ({ taskId, passed: true, findings: '经核查属实' }),
  'task.claim': (taskId) => ({ taskId }),
  'task.unclaim': (taskId) => ({ taskId }),
  'task.complete': (taskId) => ({ taskId, variables: { 需要现场核查: false } }),
  'task.transfer': (taskId) => ({ taskId, to: 'chief-zhou' }),
  'task.delegate': (taskId) => ({ taskId, to: 'chief-zhou' }),
  'task.resolve': (taskId) => ({ taskId }),
  'task.withdraw': (taskId) => ({ taskId }),
  'task.urge': (taskId) => ({ taskId, message: '请尽快办理' }),
  'task.copy': (taskId) => ({ taskId, to: ['auditor-wu'] }),
  'case.modify': (taskId) => ({ taskId, activate: 'windowAcceptance', reason: '材料需重新核实' }),
  'multiInstance.addInstance': (taskId) => ({ taskId, elementId: 'review', items: ['food-zhao'] }),
  'multiInstance.cancelInstance': (taskId) => ({ taskId, instanceId: 'no-such-instance' }),
  'case.suspend': () => ({ reason: '等待上级批复' }),
  'case.resume': () => ({}),
  'clock.extend': (taskId) => ({ taskId, amount: 1, approver: '中心主任', reason: '情况复杂' }),
};

/**
 * The order each party tries them in: what leaves the case's relations alone first, what moves or
 * ends it last (the expectation is recomputed before every request, so order changes coverage,
 * not correctness).
 */
const LAST: readonly CaseOperationType[] = [
  'case.suspend',
  'case.resume',
  'task.transfer',
  'task.delegate',
  'task.complete',
  'case.accept',
  'case.acceptWithTolerance',
  'case.modify',
  'case.conclude',
  'case.decideOnCommitment',
  'case.refuse',
  'case.withdraw',
  'case.revoke',
];
const ORDER = [...CASE_OPERATION_TYPES.filter((op) => !LAST.includes(op)), ...LAST];

/** Where the case is when a party tries every operation, and the step the bodies name. */
type Stage = 'received' | 'accepted' | 'reviewDone' | 'reviewCancelled';
const STAGES: readonly Stage[] = ['received', 'accepted', 'reviewDone', 'reviewCancelled'];

interface Event {
  readonly seq: number;
  readonly type: string;
  readonly time: string;
  readonly actor: string;
  readonly data: unknown;
}

describe('system: who may do each declared operation, by relation to the case', function () {
  this.timeout(900_000);
  let server: ServerProcess;
  let process: CompiledProcess;
  const tokens = new Map<string, string>();

  before(async () => {
    server = await ServerProcess.start({ testClock: true, env: { MATTERFLOW_RATE_LIMIT: '1000000' } });
    tokens.set('admin', server.admin!.token);
    for (const party of PARTIES) {
      if (party.id === 'admin') continue;
      const created = await server.request<{ token: string }>('/api/users', {
        body: {
          id: party.id,
          name: party.id,
          roles: party.roles,
          ...(party.department ? { department: party.department } : {}),
          ...(party.idNumber ? { idNumber: party.idNumber } : {}),
        },
      });
      expect(created.status, created.text).to.equal(201);
      tokens.set(party.id, created.body.token);
    }
    const xml = readFileSync(fileURLToPath(new URL('../../processes/food-licence.bpmn', import.meta.url)), 'utf8');
    const loaded = await loadDefinition(xml);
    if (!loaded.ok) throw new Error('processes/food-licence.bpmn does not load');
    const found = loaded.definition.processes.get('food-licence');
    if (!found) throw new Error('processes/food-licence.bpmn has no process food-licence');
    process = found;
  });
  after(async () => {
    await server?.dispose();
  });

  const as = (id: string) => tokens.get(id)!;
  const operate = (who: string, caseId: string, body: unknown) =>
    server.request<{ code?: string; message?: { zh: string }; tasks?: Task[] }>(`/api/cases/${caseId}/operations`, {
      token: as(who),
      body,
    });
  const events = async (caseId: string) => {
    const answer = await server.request<Event[]>(`/api/audit/cases/${caseId}/events`, { token: as('auditor-wu') });
    expect(answer.status, answer.text).to.equal(200);
    return answer.body;
  };
  const ok = <T>(answer: HttpAnswer<T>) => {
    expect(answer.status, answer.text).to.be.within(200, 299);
    return answer.body;
  };
  interface Task {
    readonly taskId: string;
    readonly elementId: string;
  }
  interface CaseBody {
    readonly caseId: string;
    readonly tasks: readonly Task[];
  }
  const taskOf = (body: { tasks?: readonly Task[] }, elementId: string) =>
    body.tasks!.find((task) => task.elementId === elementId)!.taskId;

  /** A fresh case at `stage`, and the step its bodies name there. */
  async function caseAt(stage: Stage): Promise<{ caseId: string; taskId: string }> {
    const received = ok(
      await server.request<CaseBody>('/api/cases', { token: as('window-li'), body: FOOD_LICENCE_APPLICATION }),
    );
    const { caseId } = received;
    const acceptance = taskOf(received, 'windowAcceptance');
    if (stage === 'received') return { caseId, taskId: acceptance };
    const accepted = ok(await operate('window-li', caseId, { operation: 'case.accept', data: { taskId: acceptance } }));
    const review = taskOf(accepted, 'review');
    if (stage === 'accepted') return { caseId, taskId: review };
    if (stage === 'reviewDone') {
      ok(await operate('food-zhao', caseId, { operation: 'task.complete', data: SAMPLE['task.complete'](review) }));
      return { caseId, taskId: review };
    }
    ok(await operate('food-zhao', caseId, { operation: 'case.modify', data: SAMPLE['case.modify'](review) }));
    return { caseId, taskId: review };
  }

  /** What the declaration says of `party` doing `operation` with `data` on the case as its history stands. */
  function expectation(party: Party, operation: CaseOperationType, data: Record<string, unknown>, history: Event[]) {
    const recorded = history.map((event) => ({
      type: event.type,
      v: CASE_EVENT_VERSIONS[event.type as CaseEvent['type']],
      time: event.time,
      actor: event.actor,
      data: event.data,
    }));
    const state = replay(recorded)!;
    const principal: Principal = {
      id: party.id,
      roles: party.roles,
      ...(party.department ? { department: party.department } : {}),
      ...(party.key ? { applicantKey: party.key } : {}),
    };
    const facts = caseFacts({
      state,
      process,
      applicantKey: OWN,
      history: recorded as unknown as CaseEvent[],
      taskId: data['taskId'],
      instanceId: data['instanceId'],
    });
    return mayPerform(principal, operation, facts);
  }

  const seen = new Map<CaseOperationType, { allowed: number; denied: number }>(
    CASE_OPERATION_TYPES.map((op) => [op, { allowed: 0, denied: 0 }]),
  );

  for (const stage of STAGES) {
    for (const party of PARTIES) {
      it(`${party.id} tries every operation on a case ${stage}: each allowed or denied as declared`, async () => {
        const { caseId, taskId } = await caseAt(stage);
        for (const operation of ORDER) {
          const full = SAMPLE[operation](taskId) as Record<string, unknown>;
          const { taskId: _named, ...withoutStep } = full;
          const variants =
            'taskId' in full && !CASE_OPERATIONS[operation].schema.required?.includes('taskId')
              ? [full, withoutStep]
              : [full];
          for (const data of variants) {
            const before = await events(caseId);
            const expected = expectation(party, operation, data, before);
            const answer = await operate(party.id, caseId, { operation, data });
            const what = `${party.id} ${operation} ${JSON.stringify(data)} on a case ${stage} → ${answer.status} ${answer.text}`;
            expect(answer.status, what).to.be.below(500);
            if (expected.allowed) {
              seen.get(operation)!.allowed += 1;
              expect(answer.status, what).to.not.equal(403);
            } else {
              seen.get(operation)!.denied += 1;
              expect(answer.status, `${what} (expected 403: ${expected.zh})`).to.equal(403);
              expect(answer.body.code).to.equal('FORBIDDEN');
              expect(answer.body.message!.zh, what).to.equal(expected.zh);
              expect(await events(caseId), `${what}: the history changed`).to.deep.equal(before);
            }
          }
        }
      });
    }
  }

  it('has played every operation both allowed and denied', () => {
    for (const [operation, count] of seen) {
      expect(count.allowed, `${operation} was never allowed`).to.be.above(0);
      expect(count.denied, `${operation} was never denied`).to.be.above(0);
    }
  });

  describe('the symptoms, by name', () => {
    it('an applicant may withdraw, supply or rate only their own case: 李四 gets 403 on 张三’s, 张三 gets through', async () => {
      const { caseId, taskId } = await caseAt('accepted');
      const before = await events(caseId);
      for (const operation of ['case.withdraw', 'materials.supply'] as const) {
        const refused = await operate('li-si', caseId, { operation, data: SAMPLE[operation](taskId) });
        expect(refused.status, refused.text).to.equal(403);
      }
      const rating = { caseId, department: FOOD, mode: '一事一评', level: '非常不满意' };
      const rated = await server.request('/api/ratings', { token: as('li-si'), body: rating });
      expect(rated.status, rated.text).to.equal(403);
      expect(await events(caseId)).to.deep.equal(before);
      const { reason } = SAMPLE['case.withdraw'](taskId);
      const withdrawn = await operate('zhang-san', caseId, { operation: 'case.withdraw', data: { reason } });
      expect(withdrawn.status, withdrawn.text).to.equal(200);
      expect((withdrawn.body as { status?: string }).status).to.equal('已撤回');
    });

    it('消防救援 may not conclude, send a 补正 notice or start a 特别程序 on a 市场监管 case it has no step on', async () => {
      const { caseId } = await caseAt('accepted');
      for (const operation of ['case.conclude', 'case.noticeCorrection', 'specialProcedure.start'] as const) {
        const { taskId: _none, ...data } = SAMPLE[operation]('') as Record<string, unknown>;
        const refused = await operate('fire-qian', caseId, { operation, data });
        expect(refused.status, refused.text).to.equal(403);
        expect(refused.body.message!.zh).to.contain('该办件当前没有本部门（消防救援）的环节');
      }
    });

    it('a step id inside an array names no step: 403, and the 许可科 task stays unclaimed', async () => {
      const { caseId, taskId } = await caseAt('accepted');
      const refused = await operate('fire-qian', caseId, { operation: 'task.claim', data: { taskId: [taskId] } });
      expect(refused.status, refused.text).to.equal(403);
      const events_ = await events(caseId);
      expect(events_.some((event) => event.type === 'task.claimed')).to.equal(false);
    });

    it('the window may not claim or approve a department’s 审查', async () => {
      const { caseId, taskId } = await caseAt('accepted');
      for (const operation of ['task.claim', 'task.complete'] as const) {
        const refused = await operate('window-li', caseId, { operation, data: SAMPLE[operation](taskId) });
        expect(refused.status, refused.text).to.equal(403);
        expect(refused.body.message!.zh).to.contain('只能办理窗口环节');
      }
    });

    it('a task the flow cancelled answers 409 TASK_CANCELLED, saying what cancelled it', async () => {
      const { caseId, taskId } = await caseAt('reviewCancelled');
      const stale = await operate('food-zhao', caseId, {
        operation: 'task.complete',
        data: SAMPLE['task.complete'](taskId),
      });
      expect(stale.status, stale.text).to.equal(409);
      expect(stale.body.code).to.equal('TASK_CANCELLED');
      expect(stale.body.message!.zh).to.match(/^该任务「审查」已于 .+ 取消：food-zhao 退回了办件$/);
    });

    it('a task someone completed answers 409 CONFLICT, naming who', async () => {
      const { caseId, taskId } = await caseAt('reviewDone');
      const stale = await operate('food-zhao', caseId, { operation: 'task.claim', data: { taskId } });
      expect(stale.status, stale.text).to.equal(409);
      expect(stale.body).to.include({ code: 'CONFLICT' });
      expect(stale.body.message!.zh).to.contain('已由 food-zhao 于');
    });

    it('an unknown field is refused (400 naming it), not ignored', async () => {
      const { caseId, taskId } = await caseAt('received');
      const refused = await operate('window-li', caseId, {
        operation: 'case.acceptWithTolerance',
        data: { ...SAMPLE['case.acceptWithTolerance'](taskId), deadline: '2026-12-31' },
      });
      expect(refused.status, refused.text).to.equal(400);
      expect(refused.body).to.include({ code: 'INVALID_INPUT', field: '/body/data/deadline' });
    });

    it('an auditor’s empty request is 403 before anything of the body or the case is judged', async () => {
      const { caseId } = await caseAt('received');
      for (const body of [{}, { operation: 'case.accept' }, { operation: 'nonsense', data: 1 }]) {
        const refused = await operate('auditor-wu', caseId, body);
        expect(refused.status, refused.text).to.equal(403);
      }
      const unknownCase = await operate('auditor-wu', 'no-such-case', {});
      expect(unknownCase.status, unknownCase.text).to.equal(403);
    });
  });

  describe('bodies fuzzed', () => {
    const junk = fc.oneof(
      fc.anything({ maxDepth: 2 }),
      fc.array(fc.string(), { maxLength: 3 }),
      fc.integer(),
      fc.constant(null),
      fc.constant('x'.repeat(70_000)),
      fc.string({ maxLength: 20 }),
    );
    const body = fc.record(
      {
        operation: fc.oneof(fc.constantFrom(...CASE_OPERATION_TYPES), junk),
        data: fc.oneof(
          junk,
          fc.dictionary(
            fc.constantFrom(
              'taskId',
              'to',
              'reason',
              'kind',
              'defects',
              'materials',
              'amount',
              'unknownField',
              '__proto__',
            ),
            junk,
          ),
        ),
      },
      { requiredKeys: [] },
    );

    it('never answers a 5xx, always JSON, and a refusal changes no history', async () => {
      const { caseId } = await caseAt('accepted');
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom('food-zhao', 'window-li', 'zhang-san', 'supervisor-sun'),
          body,
          async (who, sent) => {
            const before = await events(caseId);
            const answer = await operate(who, caseId, sent);
            expect(answer.status, answer.text).to.be.below(500);
            expect(answer.headers.get('content-type') ?? '').to.contain('application/json');
            if (answer.status >= 400) {
              expect(answer.body.code, answer.text).to.be.a('string');
              expect(await events(caseId)).to.deep.equal(before);
            }
          },
        ),
        { numRuns: 150, seed: 20261205 },
      );
    });
  });
});
