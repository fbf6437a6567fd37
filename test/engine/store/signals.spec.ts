import { expect } from 'chai';
import { TestEngine } from '../../support/test-engine.js';
import { fixture } from './fixture.js';

describe('store: signals', () => {
  let engine: TestEngine;

  beforeEach(async () => {
    engine = await TestEngine.create();
    await engine.deploy(fixture('signals'));
  });

  afterEach(async () => {
    await engine.close();
  });

  it('should deliver a thrown signal to another waiting case and start signal-start processes', async () => {
    // given
    const waiterId = await engine.start('waiter');

    // when
    const throwerId = await engine.start('thrower');

    // then
    expect((await engine.store.listTasks({ caseId: waiterId })).map((t) => t.elementId)).to.deep.equal(['afterSignal']);
    const started = await engine.store.listCases({ processId: 'onSignal' });
    expect(started).to.have.length(1);
    expect((await engine.store.listTasks({ caseId: started[0]?.caseId ?? '' })).map((t) => t.elementId)).to.deep.equal([
      'started',
    ]);
    for (const id of [waiterId, throwerId, started[0]?.caseId ?? '']) await engine.expectConsistent(id);
  });

  it('should deliver a broadcast signal to every subscribed case', async () => {
    // given
    const first = await engine.start('waiter');
    const second = await engine.start('waiter');

    // when
    const touched = await engine.signal('go', { reason: 'policy changed' });

    // then
    expect(touched.map((c) => c.caseId)).to.include.members([first, second]);
    for (const id of [first, second]) {
      expect((await engine.store.listTasks({ caseId: id })).map((t) => t.elementId)).to.deep.equal(['afterSignal']);
      await engine.expectConsistent(id);
    }
  });

  it('should NOT deliver a signal to a case that no longer waits for it', async () => {
    // given a waiter that already received the signal
    const waiterId = await engine.start('waiter');
    await engine.signal('go');
    const before = await engine.events(waiterId);

    // when
    await engine.signal('go');

    // then
    expect(await engine.events(waiterId)).to.deep.equal(before);
  });
});
