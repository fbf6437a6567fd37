import { expect } from 'chai';
import { TestEngine } from '../../support/test-engine.js';
import { fixture } from './fixture.js';

describe('store: call activity reactions', () => {
  let engine: TestEngine;

  beforeEach(async () => {
    engine = await TestEngine.create();
    await engine.deploy(fixture('call-activity.child'));
    await engine.deploy(fixture('call-activity.parent'));
  });

  afterEach(async () => {
    await engine.close();
  });

  it('should start the child case on the latest version of the called process', async () => {
    // when
    const parentId = await engine.start('parent', { applicant: '李四' });

    // then
    const children = await engine.childCases(parentId);
    expect(children).to.have.length(1);
    const child = await engine.state(children[0] ?? '');
    expect(child.processId).to.equal('child');
    expect(child.parent?.caseId).to.equal(parentId);
    expect(child.status).to.equal('active');
    await engine.expectConsistent(parentId);
  });

  it('should complete the call activity when the child completes', async () => {
    // given
    const parentId = await engine.start('parent', { applicant: '李四' });

    // when
    await engine.completeTask(parentId, 'childTask', { result: 'approved' });

    // then
    const [childId] = await engine.childCases(parentId);
    expect((await engine.state(childId ?? '')).status).to.equal('completed');
    expect((await engine.store.listTasks({ caseId: parentId })).map((t) => t.elementId)).to.deep.equal(['afterCall']);
    const parent = await engine.state(parentId);
    expect(parent.variables[parent.rootInstanceId]).to.include({ result: 'approved' });
    await engine.expectConsistent(parentId);
  });

  it('should cancel the child when the parent is cancelled', async () => {
    // given
    const parentId = await engine.start('parent');
    const [childId] = await engine.childCases(parentId);

    // when
    await engine.store.dispatch(parentId, { type: 'case.cancel', actor: 'admin', data: { reason: 'withdrawn' } });

    // then
    expect((await engine.state(parentId)).status).to.equal('cancelled');
    expect((await engine.state(childId ?? '')).status).to.equal('cancelled');
    expect(await engine.store.listTasks({ caseIds: [parentId, childId ?? ''] })).to.deep.equal([]);
    await engine.expectConsistent(parentId);
  });
});
