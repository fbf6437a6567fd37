import { expect } from 'chai';
import type { Command } from '../../../engine/runtime/commands.js';
import { jobsOf, TimerPoller, type PollerHost } from '../../../engine/jobs/index.js';
import { TestEngine } from '../../support/test-engine.js';
import { fixture, jobRows, sleep, timersFired } from './support/helpers.js';

const T0 = '2025-01-06T01:00:00.000Z';

/** A promise opened from outside. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open = () => {};
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

describe('jobs: timer poller lifecycle', () => {
  let engine: TestEngine;

  beforeEach(async () => {
    engine = await TestEngine.create({ start: T0 });
    await engine.deploy(fixture('poller.slow-service'));
    await engine.deploy(fixture('poller.wait'));
  });

  afterEach(async () => {
    await engine.close();
  });

  /** A handler that blocks until released, and says when it was entered. */
  function blockingHandler() {
    const entered = gate();
    const release = gate();
    let calls = 0;
    engine.registerHandler('slow', async () => {
      calls += 1;
      entered.open();
      await release.promise;
      return { done: true };
    });
    return { entered: entered.promise, release: release.open, calls: () => calls };
  }

  it('should wait in stop() for the tick in flight to finish its command', async () => {
    // given a tick blocked inside a service handler
    const handler = blockingHandler();
    const caseId = await engine.start('slowService');
    const poller = jobsOf(engine.store).createPoller({ schedule: '*/10 * * * * *' });
    const started = poller.start();
    await handler.entered;

    // when
    let stopped = false;
    const stopping = poller.stop().then(() => (stopped = true));
    await sleep(50);
    const stoppedBeforeRelease = stopped;
    handler.release();
    await stopping;

    // then
    expect(stoppedBeforeRelease).to.equal(false);
    expect(poller.running).to.equal(false);
    expect((await started).serviceJobs.map((j) => j.outcome)).to.deep.equal(['completed']);
    expect((await engine.state(caseId)).status).to.equal('completed');
  });

  it('should NOT overlap its own ticks: a tick asked for meanwhile joins the one in flight', async () => {
    // given
    const handler = blockingHandler();
    await engine.start('slowService');
    const poller = jobsOf(engine.store).createPoller();

    // when
    const first = poller.tick();
    await handler.entered;
    const second = poller.tick();
    handler.release();
    const [a, b] = await Promise.all([first, second]);

    // then
    expect(second).to.equal(first);
    expect(a).to.equal(b);
    expect(handler.calls()).to.equal(1);
  });

  it('should drop, without firing, a claimed timer whose case ended before it fired', async () => {
    // given a host that cancels the case between the claim and the fire command
    const caseId = await engine.start('wait', { delay: 'PT1H' });
    engine.clock.advance('PT1H');
    const { store } = engine;
    const host: PollerHost = {
      knex: store.database.knex,
      dialect: store.database.dialect,
      clock: engine.clock,
      async dispatch(id: string, command: Command) {
        await store.dispatch(id, { type: 'case.cancel', actor: 'tester', data: { reason: 'withdrawn' } });
        return store.dispatch(id, command);
      },
      getCase: (id) => store.getCase(id),
      fireStartTimer: async () => null,
      runDueJobs: () => jobsOf(store).runDueJobs(),
    };

    // when
    const result = await new TimerPoller(host).tick();

    // then
    expect(result.timers.map((t) => t.outcome)).to.deep.equal(['gone']);
    expect(await timersFired(store, caseId)).to.deep.equal([]);
    expect(await jobRows(store.database.knex)).to.deep.equal([]);
    await engine.expectConsistent(caseId);
  });

  it('should keep a timer whose command failed leased for the retry delay, and report the error', async () => {
    // given a host whose commands fail
    await engine.start('wait', { delay: 'PT1H' });
    engine.clock.advance('PT1H');
    const { store } = engine;
    const errors: unknown[] = [];
    const host: PollerHost = {
      knex: store.database.knex,
      dialect: store.database.dialect,
      clock: engine.clock,
      dispatch: async () => {
        throw new Error('database hiccup');
      },
      getCase: (id) => store.getCase(id),
      fireStartTimer: async () => null,
      runDueJobs: () => jobsOf(store).runDueJobs(),
    };
    const poller = new TimerPoller(host, {
      id: 'poller:flaky',
      retryDelayMs: 60_000,
      onError: (error) => errors.push(error),
    });

    // when
    const first = await poller.tick();
    const second = await poller.tick();

    // then
    expect(first.timers.map((t) => t.outcome)).to.deep.equal(['failed']);
    expect(second.timers).to.deep.equal([]);
    expect(errors.map((e) => (e as Error).message)).to.deep.equal(['database hiccup']);
    const [row] = await jobRows(store.database.knex);
    expect(row?.lease_owner).to.equal('poller:flaky');
  });

  it('should refuse a schedule that is not a cron expression', () => {
    expect(() => jobsOf(engine.store).createPoller({ schedule: 'every second' })).to.throw(RangeError, /node-cron/);
  });
});
