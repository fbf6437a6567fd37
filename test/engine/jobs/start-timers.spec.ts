import { expect } from 'chai';
import { DeploymentError, createStore, defaultEngine } from '../../../engine/store/index.js';
import { jobsOf, type TimerPoller } from '../../../engine/jobs/index.js';
import { readJson } from '../../../engine/store/json.js';
import { TestEngine } from '../../support/test-engine.js';
import { fixture, jobRows } from './support/helpers.js';

const T0 = '2025-01-06T01:00:00.000Z';

describe('jobs: process timer start events', () => {
  let engine: TestEngine;
  let poller: TimerPoller;

  beforeEach(async () => {
    engine = await TestEngine.create({ start: T0 });
    poller = jobsOf(engine.store).createPoller();
  });

  afterEach(async () => {
    await engine.close();
  });

  /** Cases of `report`: version, start instant, start event. */
  async function reportCases() {
    const cases = await engine.store.listCases({ processId: 'report' });
    const out = [];
    for (const summary of cases.sort((a, b) => a.startedAt.localeCompare(b.startedAt))) {
      const [started] = await engine.store.getEvents(summary.caseId, { upToSeq: 1 });
      const startEventId = started?.type === 'case.started' ? started.data.startEventId : null;
      const { version } = (await engine.store.listDefinitions('report')).find(
        (d) => d.hash === summary.definitionHash,
      ) ?? { version: 0 };
      out.push({ version, startedAt: summary.startedAt, startEventId });
    }
    return out;
  }

  /** Advance the clock by `step` `times` times, ticking the poller after each. */
  async function tickEvery(step: string, times: number) {
    for (let n = 0; n < times; n += 1) {
      engine.clock.advance(step);
      await poller.tick();
    }
  }

  it('should start exactly 3 cases an hour apart for a R3/PT1H timer start', async () => {
    // given
    await engine.deploy(fixture('start-timers.report-v1'));

    // when
    await poller.tick();
    await tickEvery('PT30M', 12);

    // then
    expect(await reportCases()).to.deep.equal([
      { version: 1, startedAt: '2025-01-06T02:00:00.000Z', startEventId: 'hourly' },
      { version: 1, startedAt: '2025-01-06T03:00:00.000Z', startEventId: 'hourly' },
      { version: 1, startedAt: '2025-01-06T04:00:00.000Z', startEventId: 'hourly' },
    ]);
    expect(await jobRows(engine.store.database.knex)).to.have.length(0);
    for (const summary of await engine.store.listCases({ processId: 'report' }))
      await engine.expectConsistent(summary.caseId);
  });

  it('should replace the start timers of the older version when a new version is deployed', async () => {
    // given version 1 started one case
    await engine.deploy(fixture('start-timers.report-v1'));
    await tickEvery('PT1H', 1);

    // when version 2 (R/PT30M) is deployed, then version 3 (no timer start)
    await engine.deploy(fixture('start-timers.report-v2'));
    const afterV2 = await jobRows(engine.store.database.knex, { kind: 'start-timer' });
    await tickEvery('PT30M', 2);
    await engine.deploy(fixture('start-timers.report-v3'));
    await tickEvery('PT1H', 3);

    // then
    expect(
      afterV2.map((row) => [row.process_id, row.due_at, readJson<{ version: number }>(row.payload).version]),
    ).to.deep.equal([['report', '2025-01-06T02:30:00.000Z', 2]]);
    expect(await reportCases()).to.deep.equal([
      { version: 1, startedAt: '2025-01-06T02:00:00.000Z', startEventId: 'hourly' },
      { version: 2, startedAt: '2025-01-06T02:30:00.000Z', startEventId: 'hourly' },
      { version: 2, startedAt: '2025-01-06T03:00:00.000Z', startEventId: 'hourly' },
    ]);
    expect(await jobRows(engine.store.database.knex, { kind: 'start-timer' })).to.deep.equal([]);
  });

  it('should NOT reschedule when the same XML is deployed again', async () => {
    // given
    await engine.deploy(fixture('start-timers.report-v1'));
    const before = await jobRows(engine.store.database.knex);

    // when
    engine.clock.advance('PT10M');
    await engine.deploy(fixture('start-timers.report-v1'));

    // then
    expect(await jobRows(engine.store.database.knex)).to.deep.equal(before);
  });

  it('should start one case, not two, when two pollers race for a start timer', async () => {
    // given
    await engine.deploy(fixture('start-timers.report-v1'));
    const other = await createStore(
      { database: await engine.db.openAnother(), clock: engine.clock, ids: () => engine.nextId() },
      defaultEngine,
    );
    engine.clock.advance('PT1H');

    // when
    const [a, b] = await Promise.all([poller.tick(), jobsOf(other).createPoller().tick()]);

    // then
    expect([...a.timers, ...b.timers].filter((t) => t.outcome === 'fired')).to.have.length(1);
    expect(await reportCases()).to.have.length(1);
    expect((await jobRows(engine.store.database.knex)).map((row) => row.due_at)).to.deep.equal([
      '2025-01-06T03:00:00.000Z',
    ]);
    await other.close();
  });

  it('should refuse a working-day timer start when no calendar is configured, storing nothing', async () => {
    // when
    const deploying = engine.deploy(fixture('start-timers.working-day'));

    // then
    const error = await deploying.then(
      () => null,
      (thrown: unknown) => thrown,
    );
    expect(error).to.be.instanceOf(DeploymentError);
    expect((error as DeploymentError).findings.map((f) => [f.rule, f.elementId])).to.deep.equal([
      ['timer-start-unplannable', 'inFiveDays'],
    ]);
    expect(await engine.store.listDefinitions()).to.deep.equal([]);
    expect(await jobRows(engine.store.database.knex)).to.deep.equal([]);
  });
});
