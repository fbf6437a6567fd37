/**
 * `CaseDriver`: cases made through the HTTP API only, as the named test users (test/server/support.ts),
 * with the test clock: 收件 and 受理 of a 食品经营许可, its steps, the 局's 决定 (chief-zhou, added on demand).
 */
import { expect } from 'chai';
import request from 'supertest';
import { addChief, type TestServer } from '../server/support.js';
import { FOOD_LICENCE_APPLICATION } from './applications.js';

export interface CaseBody {
  caseId: string;
  status: string;
  tasks: Array<{ taskId: string; elementId: string }>;
}

/** An API client for one test server, as the named users. */
export class CaseDriver {
  readonly #tokens: Record<string, string>;
  constructor(readonly server: TestServer) {
    this.#tokens = { ...server.tokens };
  }

  /** The officer who signs the 决定 of the 市场监督管理局 (none of the shared test users). */
  async addChief(): Promise<void> {
    if (this.#tokens['chief-zhou']) return;
    const knex = this.server.db.database.knex;
    const existing = (await knex('users').where({ user_id: 'chief-zhou' }).first()) as unknown;
    if (existing) throw new Error('chief-zhou exists already: use one CaseDriver per server');
    this.#tokens['chief-zhou'] = await addChief(this.server, '周局');
  }

  async receive(application: object = FOOD_LICENCE_APPLICATION): Promise<CaseBody> {
    return (await request(this.server.app).post('/api/cases').set(this.#as('window-li')).send(application).expect(201))
      .body as CaseBody;
  }

  async operate(user: string, caseId: string, operation: string, data: Record<string, unknown>): Promise<CaseBody> {
    const response = await request(this.server.app)
      .post(`/api/cases/${caseId}/operations`)
      .set(this.#as(user))
      .send({ operation, data });
    expect(response.status, `${operation} by ${user}: ${JSON.stringify(response.body)}`).to.equal(200);
    return response.body as CaseBody;
  }

  async advance(duration: string): Promise<void> {
    await request(this.server.app)
      .post('/api/test/clock')
      .set(this.#as('admin'))
      .send({ advance: duration })
      .expect(200);
  }

  /** Move the test clock to `at` (an instant, e.g. with +08:00), firing the timers on the way. */
  async moveTo(at: string): Promise<void> {
    await request(this.server.app)
      .post('/api/test/clock')
      .set(this.#as('admin'))
      .send({ set: new Date(at).toISOString() })
      .expect(200);
  }

  async get<T>(user: string, path: string): Promise<T> {
    return (await request(this.server.app).get(path).set(this.#as(user)).expect(200)).body as T;
  }

  task(body: CaseBody, elementId: string): string {
    const found = body.tasks.find((t) => t.elementId === elementId);
    expect(found, `open task ${elementId}`).to.not.equal(undefined);
    return found!.taskId;
  }

  /** 收件 and 受理 of a 食品经营许可 now: its 审查 step (4 working days, 许可科) starts. */
  async acceptedFoodCase(application: object = FOOD_LICENCE_APPLICATION): Promise<{ caseId: string; review: string }> {
    const received = await this.receive(application);
    const accepted = await this.operate('window-li', received.caseId, 'case.accept', {
      taskId: this.task(received, 'windowAcceptance'),
    });
    return { caseId: received.caseId, review: this.task(accepted, 'review') };
  }

  /** 收件, 受理, then four days on (审查 raises its 预警): the case lies at 审查. */
  async foodCaseAtReview(): Promise<{ caseId: string; reviewTaskId: string }> {
    const received = await this.receive();
    const accepted = await this.operate('window-li', received.caseId, 'case.accept', {
      taskId: this.task(received, 'windowAcceptance'),
    });
    const reviewTaskId = this.task(accepted, 'review');
    await this.operate('food-zhao', received.caseId, 'task.claim', { taskId: reviewTaskId });
    await this.advance('P4D');
    return { caseId: received.caseId, reviewTaskId };
  }

  /** The rest: 审查 passed, 决定 (出证) by the 局, 送达 at the window. */
  async finishFoodCase(caseId: string, reviewTaskId: string): Promise<void> {
    await this.addChief();
    const reviewed = await this.operate('food-zhao', caseId, 'task.complete', {
      taskId: reviewTaskId,
      variables: { 需要现场核查: false },
    });
    const concluded = await this.operate('chief-zhou', caseId, 'case.conclude', {
      kind: '出证',
      licence: { name: '食品经营许可证', number: 'JY13301060000001' },
      taskId: this.task(reviewed, 'decision'),
    });
    await this.operate('window-li', caseId, 'task.complete', { taskId: this.task(concluded, 'deliverLicence') });
    await this.operate('window-li', caseId, 'case.deliver', { method: '窗口领取' });
  }

  /** The Authorization header of `user` (any test user, and chief-zhou once added). */
  authorization(user: string): { Authorization: string } {
    return { Authorization: `Bearer ${this.#tokens[user]}` };
  }

  #as(user: string) {
    return this.authorization(user);
  }
}
