/**
 * Cases for the replay and audit browser tests, made through the HTTP API only (as in
 * test/server/journey.spec.ts): a 食品经营许可 driven step by step with the test clock (its
 * 审查 left lying until a 预警), a 企业开办一件事 accepted so that its 营业执照 child runs, and
 * what the store's own replay says the diagram should show at a seq.
 */
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import request from 'supertest';
import type { CaseState } from '../../engine/runtime/index.js';
import { createUser } from '../../server/auth/users.js';
import type { TestServer } from '../server/support.js';
import { FOOD_LICENCE_APPLICATION } from '../support/applications.js';

/** The centre's shipped 电子监察 rules (预警 1 working day before a step's due date). */
export { SHIPPED_SUPERVISION as SUPERVISION } from '../support/supervision.js';
export { FOOD_LICENCE_APPLICATION as FOOD_APPLICATION, BUSINESS_STARTUP_APPLICATION as STARTUP_APPLICATION } from '../support/applications.js';

interface CaseBody { caseId: string; status: string; tasks: Array<{ taskId: string; elementId: string }> }

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
    this.#tokens['chief-zhou'] = (await createUser(knex, { id: 'chief-zhou', name: '周局', roles: ['department'], department: '西湖区市场监督管理局' }, { actor: 'test', at: '2026-11-01T00:00:00.000Z' })).token;
  }

  async receive(application: object = FOOD_LICENCE_APPLICATION): Promise<CaseBody> {
    return (await request(this.server.app).post('/api/cases').set(this.#as('window-li')).send(application).expect(201)).body as CaseBody;
  }

  async operate(user: string, caseId: string, operation: string, data: Record<string, unknown>): Promise<CaseBody> {
    const response = await request(this.server.app).post(`/api/cases/${caseId}/operations`).set(this.#as(user)).send({ operation, data });
    expect(response.status, `${operation} by ${user}: ${JSON.stringify(response.body)}`).to.equal(200);
    return response.body as CaseBody;
  }

  async advance(duration: string): Promise<void> {
    await request(this.server.app).post('/api/test/clock').set(this.#as('admin')).send({ advance: duration }).expect(200);
  }

  async get<T>(user: string, path: string): Promise<T> {
    return (await request(this.server.app).get(path).set(this.#as(user)).expect(200)).body as T;
  }

  task(body: CaseBody, elementId: string): string {
    const found = body.tasks.find((t) => t.elementId === elementId);
    expect(found, `open task ${elementId}`).to.not.equal(undefined);
    return found!.taskId;
  }

  /** 收件, 受理, then four days on (审查 raises its 预警): the case lies at 审查. */
  async foodCaseAtReview(): Promise<{ caseId: string; reviewTaskId: string }> {
    const received = await this.receive();
    const accepted = await this.operate('window-li', received.caseId, 'case.accept', { taskId: this.task(received, 'windowAcceptance') });
    const reviewTaskId = this.task(accepted, 'review');
    await this.operate('food-zhao', received.caseId, 'task.claim', { taskId: reviewTaskId });
    await this.advance('P4D');
    return { caseId: received.caseId, reviewTaskId };
  }

  /** The rest: 审查 passed, 决定 (出证) by the 局, 送达 at the window. */
  async finishFoodCase(caseId: string, reviewTaskId: string): Promise<void> {
    await this.addChief();
    const reviewed = await this.operate('food-zhao', caseId, 'task.complete', { taskId: reviewTaskId, variables: { 需要现场核查: false } });
    const concluded = await this.operate('chief-zhou', caseId, 'case.conclude', { kind: '出证', licence: { name: '食品经营许可证', number: 'JY13301060000001' }, taskId: this.task(reviewed, 'decision') });
    await this.operate('window-li', caseId, 'task.complete', { taskId: this.task(concluded, 'deliverLicence') });
    await this.operate('window-li', caseId, 'case.deliver', { method: '窗口领取' });
  }

  #as(user: string) {
    return { Authorization: `Bearer ${this.#tokens[user]}` };
  }
}

/** What the diagram must show after an event, from the store's replay of the log up to it. */
export interface Markers {
  readonly completed: string[];
  readonly active: string[];
  readonly flows: string[];
  readonly tokens: Record<string, number>;
}

export function expectedMarkers(state: CaseState): Markers {
  const tokens: Record<string, number> = {};
  for (const instance of Object.values(state.instances)) {
    if (instance.id === state.rootInstanceId || instance.mi) continue;
    tokens[instance.elementId] = (tokens[instance.elementId] ?? 0) + 1;
  }
  const positive = (record: Record<string, number>) => Object.keys(record).filter((id) => (record[id] ?? 0) > 0 && id !== state.processId).sort();
  return { completed: positive(state.stats.completed), active: Object.keys(tokens).sort(), flows: positive(state.stats.flows), tokens };
}

/** What the page's diagram shows now. */
export async function shownMarkers(page: Page): Promise<Markers> {
  // A string, not a function: tsx's helpers (__name) do not exist in the page.
  return page.evaluate<Markers>(`(() => {
    const ids = (marker) => [...new Set([...document.querySelectorAll('[data-testid="replay-diagram"] .djs-element.' + marker)].map((element) => element.getAttribute('data-element-id') || ''))].sort();
    const tokens = {};
    for (const badge of document.querySelectorAll('[data-testid="tokens"]')) tokens[badge.getAttribute('data-element-id') || ''] = Number(badge.textContent);
    return { completed: ids('mf-completed'), active: ids('mf-active'), flows: ids('mf-flow-taken'), tokens };
  })()`);
}

/** The replay page of a case, with its diagram drawn. */
export async function openReplay(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.locator('[data-testid="replay-diagram"][data-ready="true"]').waitFor();
}

/** "第 12 / 40 条" -> [12, 40] */
export async function position(page: Page): Promise<[number, number]> {
  const text = (await page.getByTestId('position').textContent()) ?? '';
  const match = /第\s*(\d+)\s*\/\s*(\d+)\s*条/.exec(text);
  if (!match) throw new Error(`No position in "${text}"`);
  return [Number(match[1]), Number(match[2])];
}
