import { expect } from 'chai';
import { CommandRejectedError } from '../../../engine/store/errors.js';
import { TestEngine } from '../../support/test-engine.js';
import { fixture } from './fixture.js';

describe('store: message correlation', () => {
  let engine: TestEngine;

  beforeEach(async () => {
    engine = await TestEngine.create();
    await engine.deploy(fixture('messages'));
  });

  afterEach(async () => {
    await engine.close();
  });

  const openTasks = async (caseId: string) => (await engine.store.listTasks({ caseId })).map((t) => t.elementId);

  it('should correlate a message to the named case', async () => {
    // given
    const first = await engine.start('inbox');
    const second = await engine.start('inbox');

    // when
    await engine.correlate(second, 'docs', { variables: { pages: 3 } });

    // then
    expect(await openTasks(first)).to.deep.equal([]);
    expect(await openTasks(second)).to.deep.equal(['review']);
    await engine.expectConsistent(second);
  });

  it('should correlate a message without a case to the oldest waiting case', async () => {
    // given
    const first = await engine.start('inbox');
    const second = await engine.start('inbox');

    // when
    const result = await engine.correlate(null, 'docs');

    // then
    expect(result.caseId).to.equal(first);
    expect(await openTasks(first)).to.deep.equal(['review']);
    expect(await openTasks(second)).to.deep.equal([]);
  });

  it('should start a process through its message start event when no case waits', async () => {
    // when
    const result = await engine.correlate(null, 'apply', { variables: { applicant: '赵六' } });

    // then
    const state = await engine.state(result.caseId);
    expect(state.processId).to.equal('application');
    expect(state.variables[state.rootInstanceId]).to.include({ applicant: '赵六' });
    expect(await openTasks(result.caseId)).to.deep.equal(['accept']);
    await engine.expectConsistent(result.caseId);
  });

  it('should NOT accept a message nobody waits for', async () => {
    const error = await engine.correlate(null, 'unknown').then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(CommandRejectedError);
    expect(error).to.include({ code: 'NO_SUBSCRIPTION' });
  });
});
