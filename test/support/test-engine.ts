/**
 * `TestEngine`: the whole engine over an isolated database with a settable clock, for tests of
 * every layer. Deploy, start, complete tasks, correlate, signal, advance time (firing timers at
 * their due times), run jobs, and assert that every case is consistent (hash chain intact and
 * replay(events) deep-equal to the stored state, child cases included).
 */
import fs from 'node:fs';
import { expect } from 'chai';
import { SettableClock, addDuration } from '../../engine/clock.js';
import { jobsOf, type JobHandler } from '../../engine/jobs/index.js';
import type { CaseEvent } from '../../engine/case/index.js';
import type { CaseState } from '../../engine/case/index.js';
import { LiveCalendar } from '../../engine/calendar-store/index.js';
import type { SupervisionPolicy } from '../../engine/supervision/index.js';
import {
  defaultEngine,
  createStore,
  migrateLatest,
  type StoreOptions,
  type Dialect,
  type DispatchResult,
  type EnginePort,
  type Store,
} from '../../engine/store/index.js';
import type { DeployResult } from '../../engine/store/deploy.js';
import { openTestDatabase, type TestDatabase } from './test-database.js';

export interface TestEngineOptions {
  readonly dialect?: Dialect;
  /** The clock's starting instant (default Monday 2025-01-06 09:00 Asia/Shanghai). */
  readonly start?: string;
  /** Replace or wrap parts of the engine (fault injection). */
  readonly engine?: Partial<EnginePort>;
  /** Count with the real working-day calendar, seeded into the test database from chinese-days. */
  readonly calendar?: boolean;
  readonly supervision?: SupervisionPolicy;
  readonly creditCheck?: StoreOptions['creditCheck'];
}

export class TestEngine {
  readonly store: Store;
  readonly clock: SettableClock;
  readonly db: TestDatabase;
  /** The real calendar, when the engine was created with `calendar: true`. */
  readonly calendar: LiveCalendar | null;
  #nextId = 0;

  private constructor(store: Store, clock: SettableClock, db: TestDatabase, calendar: LiveCalendar | null) {
    this.store = store;
    this.clock = clock;
    this.db = db;
    this.calendar = calendar;
  }

  /** A fresh engine over a fresh isolated database. */
  static async create(options: TestEngineOptions = {}): Promise<TestEngine> {
    const db = await openTestDatabase(options.dialect);
    const clock = new SettableClock(options.start ?? '2025-01-06T01:00:00.000Z');
    const holder: { engine?: TestEngine } = {};
    const ids = () => holder.engine?.nextId() ?? 'id-0';
    let calendar: LiveCalendar | null = null;
    if (options.calendar) {
      await migrateLatest(db.database);
      calendar = await LiveCalendar.open(db.database.knex, { warn: () => undefined });
    }
    const store = await createStore(
      {
        database: db.database,
        clock,
        ids,
        ...(calendar ? { calendar } : {}),
        ...(options.supervision ? { supervision: options.supervision } : {}),
        ...(options.creditCheck ? { creditCheck: options.creditCheck } : {}),
      },
      { ...defaultEngine, ...options.engine },
    );
    holder.engine = new TestEngine(store, clock, db, calendar);
    return holder.engine;
  }

  /** Deterministic ids: `id-1`, `id-2`, … */
  nextId(): string {
    this.#nextId += 1;
    return `id-${this.#nextId}`;
  }

  /** Deploy BPMN XML, or the file at a path. */
  deploy(xmlOrPath: string): Promise<DeployResult> {
    const xml = xmlOrPath.trimStart().startsWith('<') ? xmlOrPath : fs.readFileSync(xmlOrPath, 'utf8');
    return this.store.deploy(xml, { actor: 'admin' });
  }

  /** Start a case of the latest version; returns its id. */
  async start(
    processId: string,
    variables: Record<string, unknown> = {},
    options: { startEventId?: string } = {},
  ): Promise<string> {
    const result = await this.store.startCase({ processId, variables, actor: 'tester', ...options });
    return result.caseId;
  }

  /** Complete the open task of this element (or with this task id) in the case or its descendants. */
  async completeTask(
    caseId: string,
    elementIdOrTaskId: string,
    variables: Record<string, unknown> = {},
  ): Promise<DispatchResult> {
    const caseIds = await this.#withDescendants(caseId);
    const tasks = await this.store.listTasks({ caseIds });
    const task =
      tasks.find((t) => t.taskId === elementIdOrTaskId) ?? tasks.find((t) => t.elementId === elementIdOrTaskId);
    if (!task) {
      const open = tasks.map((t) => `${t.elementId} (${t.caseId})`).join(', ') || 'none';
      throw new Error(`Expected an open task ${elementIdOrTaskId} in case ${caseId}, but the open tasks are: ${open}`);
    }
    return this.store.dispatch(task.caseId, {
      type: 'task.complete',
      actor: 'tester',
      data: { taskId: task.taskId, variables },
    });
  }

  /** Correlate a message to a case (or, with null, to whoever waits for it). */
  correlate(
    caseId: string | null,
    name: string,
    options: { elementId?: string; variables?: Record<string, unknown> } = {},
  ): Promise<DispatchResult> {
    return this.store.correlateMessage(name, { ...options, ...(caseId === null ? {} : { caseId }), actor: 'tester' });
  }

  /** Broadcast a signal. */
  signal(name: string, variables: Record<string, unknown> = {}) {
    return this.store.broadcastSignal(name, variables, { actor: 'tester' });
  }

  /** Move the clock forward, firing every timer due in the window in order, each at its due time. */
  advance(by: string | number) {
    const until =
      typeof by === 'number' ? new Date(this.clock.now().getTime() + by) : addDuration(this.clock.now(), by);
    return jobsOf(this.store).fireDueTimers(until);
  }

  registerHandler(type: string, handler: JobHandler): void {
    jobsOf(this.store).registerHandler(type, handler);
  }

  /** Run every due service job. */
  runJobs() {
    return jobsOf(this.store).runDueJobs();
  }

  /** The stored state of a case (throws if there is none). */
  async state(caseId: string): Promise<CaseState> {
    const state = await this.store.getCase(caseId);
    if (!state) throw new Error(`Expected a case ${caseId}, but there is none`);
    return state;
  }

  events(caseId: string): Promise<CaseEvent[]> {
    return this.store.getEvents(caseId);
  }

  /** Ids of the direct child cases (call activities), oldest first. */
  async childCases(caseId: string): Promise<string[]> {
    return (await this.store.listCases({ parentCaseId: caseId })).map((c) => c.caseId);
  }

  /** Assert the hash chain verifies and replay(events) deep-equals the stored state, children too. */
  async expectConsistent(caseId: string): Promise<void> {
    for (const id of await this.#withDescendants(caseId)) {
      expect(await this.store.verify(id), `verify(${id})`).to.deep.equal({ ok: true });
      const replayed = defaultEngine.replay(await this.events(id));
      expect(asJson(replayed), `replay(events of ${id})`).to.deep.equal(asJson(await this.state(id)));
    }
  }

  async close(): Promise<void> {
    await this.store.close();
    await this.db.dispose();
  }

  /** The case and every case it started (call activities), breadth first. */
  family(caseId: string): Promise<string[]> {
    return this.#withDescendants(caseId);
  }

  async #withDescendants(caseId: string): Promise<string[]> {
    const all = [caseId];
    for (let i = 0; i < all.length; i += 1) all.push(...(await this.childCases(all[i] ?? '')));
    return all;
  }
}

function asJson(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value ?? null));
}
