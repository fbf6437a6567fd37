import { expect } from 'chai';
import { jobsOf } from '../../../engine/jobs/index.js';
import { createStore, defaultEngine } from '../../../engine/store/index.js';
import { TestEngine } from '../../support/test-engine.js';
import { fixture } from './fixture.js';

const T0 = '2025-01-06T01:00:00.000Z';

describe('store: timers', () => {
  let engine: TestEngine;
  let caseId: string;

  beforeEach(async () => {
    engine = await TestEngine.create({ start: T0 });
    await engine.deploy(fixture('timers'));
    caseId = await engine.start('timers');
  });

  afterEach(async () => {
    await engine.close();
  });

  const firedEvents = async () =>
    (await engine.events(caseId)).flatMap((e) =>
      e.type === 'timer.fired' ? [{ elementId: e.data.elementId, time: e.time }] : [],
    );

  it('should fire due timers in due order, each at its due time, including timers scheduled meanwhile', async () => {
    // when
    const fired = await engine.advance('PT3H');

    // then
    expect(fired.map((f) => f.outcome)).to.deep.equal(['fired', 'fired', 'fired']);
    expect(await firedEvents()).to.deep.equal([
      { elementId: 'early', time: '2025-01-06T02:00:00.000Z' },
      { elementId: 'chained', time: '2025-01-06T02:30:00.000Z' },
      { elementId: 'late', time: '2025-01-06T03:00:00.000Z' },
    ]);
    expect(engine.clock.now().toISOString()).to.equal('2025-01-06T04:00:00.000Z');
    expect((await engine.state(caseId)).status).to.equal('completed');
    await engine.expectConsistent(caseId);
  });

  it('should fire the timers of several cases due at one instant together, in one transaction, each case in order', async () => {
    // given four more cases started at the same instant (five in all, each with timers at 02:00, 02:30, 03:00)
    const others = [];
    for (let n = 0; n < 4; n += 1) others.push(await engine.start('timers'));
    const before = engine.store.commitStats();

    // when
    const fired = await engine.advance('PT3H');

    // then 15 timers fired in three transactions, one an instant, every case's in its order
    expect(fired.filter((f) => f.outcome === 'fired')).to.have.length(15);
    expect(engine.store.commitStats().batches - before.batches).to.equal(3);
    for (const id of [caseId, ...others]) {
      const times = (await engine.events(id)).flatMap((e) =>
        e.type === 'timer.fired' ? [`${e.data.elementId} ${e.time}`] : [],
      );
      expect(times, id).to.deep.equal([
        'early 2025-01-06T02:00:00.000Z',
        'chained 2025-01-06T02:30:00.000Z',
        'late 2025-01-06T03:00:00.000Z',
      ]);
      await engine.expectConsistent(id);
    }
  });

  it('should NOT fire timers due after the window', async () => {
    // when
    await engine.advance('PT1H');

    // then
    expect((await firedEvents()).map((f) => f.elementId)).to.deep.equal(['early']);
    const jobs = await engine.store.database
      .knex('jobs')
      .where({ case_id: caseId })
      .orderBy('due_at')
      .select('element_id', 'due_at');
    expect(jobs).to.deep.equal([
      { element_id: 'chained', due_at: '2025-01-06T02:30:00.000Z' },
      { element_id: 'late', due_at: '2025-01-06T03:00:00.000Z' },
    ]);
    await engine.expectConsistent(caseId);
  });

  it('should fire each timer exactly once when two runners fire concurrently', async () => {
    // given a second store (another connection pool) on the same database
    const other = await createStore(
      { database: await engine.db.openAnother(), clock: engine.clock, ids: () => engine.nextId() },
      defaultEngine,
    );
    const until = new Date('2025-01-06T04:00:00.000Z');

    // when
    const [a, b] = await Promise.all([jobsOf(engine.store).fireDueTimers(until), jobsOf(other).fireDueTimers(until)]);

    // then
    const fired = [...a, ...b].filter((f) => f.outcome === 'fired').map((f) => f.elementId);
    expect(fired).to.have.members(['early', 'chained', 'late']);
    expect(await firedEvents()).to.deep.equal([
      { elementId: 'early', time: '2025-01-06T02:00:00.000Z' },
      { elementId: 'chained', time: '2025-01-06T02:30:00.000Z' },
      { elementId: 'late', time: '2025-01-06T03:00:00.000Z' },
    ]);
    expect(await engine.store.database.knex('jobs').where({ case_id: caseId })).to.deep.equal([]);
    await engine.expectConsistent(caseId);
    await other.close();
  });
});
