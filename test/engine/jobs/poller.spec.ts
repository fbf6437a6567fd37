import { expect } from 'chai';
import { SettableClock } from '../../../engine/clock.js';
import { claimBatch } from '../../../engine/jobs/claim-batch.js';
import { jobsOf } from '../../../engine/jobs/index.js';
import { createStore, defaultEngine } from '../../../engine/store/index.js';
import { TestEngine } from '../../support/test-engine.js';
import { fixture, jobRows, sleep, timersFired } from './support/helpers.js';

const T0 = '2025-01-06T01:00:00.000Z';

describe('jobs: timer poller', () => {
  let engine: TestEngine;

  beforeEach(async () => {
    engine = await TestEngine.create({ start: T0 });
    await engine.deploy(fixture('poller.wait'));
  });

  afterEach(async () => {
    await engine.close();
  });

  it('should fire the timers that are due and NOT those due later', async () => {
    // given
    const soon = await engine.start('wait', { delay: 'PT1H' });
    const later = await engine.start('wait', { delay: 'PT3H' });
    const poller = jobsOf(engine.store).createPoller();

    // when
    const early = await poller.tick();
    engine.clock.advance('PT1H');
    const due = await poller.tick();

    // then
    expect(early.timers).to.deep.equal([]);
    expect(due.timers.map((t) => [t.caseId, t.outcome])).to.deep.equal([[soon, 'fired']]);
    expect((await engine.state(soon)).status).to.equal('completed');
    expect(await timersFired(engine.store, later)).to.deep.equal([]);
    expect(await jobRows(engine.store.database.knex, { case_id: later }))
      .to.have.length(1)
      .and.to.satisfy((rows: { lease_owner: unknown }[]) => rows[0]?.lease_owner === null);
    await engine.expectConsistent(soon);
  });

  it('should fire at start-up, exactly once, every timer that came due while the server was down', async () => {
    // given five cases whose timers came due while no poller ran
    const caseIds: string[] = [];
    for (let n = 0; n < 5; n += 1) caseIds.push(await engine.start('wait', { delay: `PT${n + 1}M` }));
    const restartedAt = new SettableClock('2025-01-06T03:00:00.000Z');
    const restarted = await createStore(
      { database: await engine.db.openAnother(), clock: restartedAt, ids: () => engine.nextId() },
      defaultEngine,
    );
    const poller = jobsOf(restarted).createPoller();

    // when the server starts again
    const first = await poller.start();
    const second = await poller.tick();
    await poller.stop();

    // then
    expect(first.timers.map((t) => t.outcome)).to.deep.equal(['fired', 'fired', 'fired', 'fired', 'fired']);
    expect(second.timers).to.deep.equal([]);
    for (const caseId of caseIds) {
      expect(await timersFired(restarted, caseId)).to.have.length(1);
      expect((await restarted.getCase(caseId))?.status).to.equal('completed');
      await engine.expectConsistent(caseId);
    }
    await restarted.close();
  });

  it('should reclaim the timers of a poller that died holding their lease, once the lease expired', async () => {
    // given a poller that claimed the due timer with a short lease, then died
    const caseId = await engine.start('wait', { delay: 'PT1H' });
    engine.clock.advance('PT1H');
    const { knex, dialect } = engine.store.database;
    const claim = {
      kinds: ['timer'] as const,
      dueBy: engine.clock.now().toISOString(),
      owner: 'poller:dead',
      leaseMs: 500,
      limit: 10,
    };
    expect(await claimBatch(knex, dialect, { ...claim, now: new Date().toISOString() })).to.have.length(1);
    const poller = jobsOf(engine.store).createPoller();

    // when
    const whileLeased = await poller.tick();
    await sleep(600);
    const afterExpiry = await poller.tick();

    // then
    expect(whileLeased.timers).to.deep.equal([]);
    expect(afterExpiry.timers.map((t) => t.outcome)).to.deep.equal(['fired']);
    expect(await timersFired(engine.store, caseId)).to.have.length(1);
    expect(await jobRows(knex)).to.deep.equal([]);
  });

  it('should NOT fire a timer whose scope was cancelled', async () => {
    // given a boundary timer cancelled by completing its task, and a case cancelled while waiting
    await engine.deploy(fixture('poller.boundary'));
    const completed = await engine.start('boundary');
    await engine.completeTask(completed, 'review');
    const cancelled = await engine.start('wait', { delay: 'PT1H' });
    await engine.store.dispatch(cancelled, { type: 'case.cancel', actor: 'tester', data: { reason: 'withdrawn' } });
    engine.clock.advance('PT2H');

    // when
    const result = await jobsOf(engine.store).createPoller().tick();

    // then
    expect(result.timers).to.deep.equal([]);
    expect(await timersFired(engine.store, completed)).to.deep.equal([]);
    expect(await timersFired(engine.store, cancelled)).to.deep.equal([]);
    expect(await jobRows(engine.store.database.knex)).to.deep.equal([]);
    await engine.expectConsistent(completed);
    await engine.expectConsistent(cancelled);
  });

  it('should run due service-task jobs in the same tick', async () => {
    // given
    await engine.deploy(fixture('poller.slow-service'));
    engine.registerHandler('slow', () => ({ answer: 42 }));
    const caseId = await engine.start('slowService');

    // when
    const result = await jobsOf(engine.store).createPoller().tick();

    // then
    expect(result.serviceJobs.map((j) => [j.caseId, j.outcome])).to.deep.equal([[caseId, 'completed']]);
    expect((await engine.state(caseId)).status).to.equal('completed');
  });
});
