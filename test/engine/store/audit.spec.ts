import { expect } from 'chai';
import { TestEngine } from '../../support/test-engine.js';
import { fixture } from './fixture.js';

describe('store: audit (verify and replay)', () => {
  let engine: TestEngine;
  let caseId: string;

  beforeEach(async () => {
    engine = await TestEngine.create({ start: '2025-01-06T01:00:00.000Z' });
    await engine.deploy(fixture('dispatch.two-steps'));
    caseId = await engine.start('twoSteps', { applicant: '张三' });
    engine.clock.advance('PT1H');
    await engine.completeTask(caseId, 'first', { opinion: '同意' });
  });

  afterEach(async () => {
    await engine.close();
  });

  it('should verify an untouched case', async () => {
    expect(await engine.store.verify(caseId)).to.deep.equal({ ok: true });
  });

  it('should fail verification at exactly the seq of a tampered event', async () => {
    // given
    const knex = engine.store.database.knex;
    const [row] = await knex('case_events').where({ case_id: caseId, seq: 2 }).select('data');
    const data = JSON.parse(row.data as string) as Record<string, unknown>;

    // when
    await knex('case_events')
      .where({ case_id: caseId, seq: 2 })
      .update({ data: JSON.stringify({ ...data, forged: true }) });

    // then
    expect(await engine.store.verify(caseId)).to.include({ ok: false, brokenAtSeq: 2 });
  });

  it('should fail verification when the snapshot no longer matches the log', async () => {
    // given
    const knex = engine.store.database.knex;
    const state = await engine.state(caseId);

    // when
    await knex('cases')
      .where({ case_id: caseId })
      .update({ state: JSON.stringify({ ...state, status: 'completed' }) });

    // then
    expect(await engine.store.verify(caseId)).to.include({ ok: false });
  });

  it('should fail verification when a query table disagrees with the snapshot', async () => {
    // when
    await engine.store.database.knex('tasks').where({ case_id: caseId }).delete();

    // then
    const result = await engine.store.verify(caseId);
    expect(result).to.include({ ok: false });
    expect(result.ok ? '' : result.reason).to.contain('tasks');
  });

  it('should replay up to a seq', async () => {
    // given
    const events = await engine.events(caseId);
    const completedAt = events.findIndex((e) => e.type === 'task.completed');

    // when
    const before = await engine.store.replay(caseId, { upToSeq: completedAt });

    // then
    expect(before.seq).to.equal(completedAt);
    expect(Object.values(before.tasks).map((t) => t.elementId)).to.deep.equal(['first']);
    expect(Object.values((await engine.store.replay(caseId)).tasks).map((t) => t.elementId)).to.deep.equal(['second']);
  });

  it('should replay as of an instant', async () => {
    // when
    const atStart = await engine.store.replay(caseId, { atTime: '2025-01-06T01:30:00.000Z' });

    // then
    expect(Object.values(atStart.tasks).map((t) => t.elementId)).to.deep.equal(['first']);
    const startEvents = (await engine.events(caseId)).filter((e) => e.time <= '2025-01-06T01:30:00.000Z');
    expect(atStart.seq).to.equal(startEvents.length);
  });
});
