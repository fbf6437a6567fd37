import fs from 'node:fs';
import { expect } from 'chai';
import { DeploymentError } from '../../../engine/store/errors.js';
import { countRows } from '../../support/db-helpers.js';
import { TestEngine } from '../../support/test-engine.js';
import { fixture } from './fixture.js';

describe('store: deploy', () => {
  let engine: TestEngine;

  beforeEach(async () => {
    engine = await TestEngine.create();
  });

  afterEach(async () => {
    await engine.close();
  });

  it('should give version 1 to a new process', async () => {
    // when
    const result = await engine.deploy(fixture('deploy.approval'));

    // then
    expect(result.processes).to.have.length(1);
    expect(result.processes[0]).to.include({ processId: 'approval', version: 1, created: true });
  });

  it('should NOT create a new version when the same XML is deployed again', async () => {
    // given
    const first = await engine.deploy(fixture('deploy.approval'));

    // when
    const second = await engine.deploy(fixture('deploy.approval'));

    // then
    expect(second.processes[0]).to.include({
      processId: 'approval',
      version: 1,
      created: false,
      hash: first.processes[0]?.hash,
    });
    expect(await engine.store.listDefinitions('approval')).to.have.length(1);
  });

  it('should settle concurrent deploys: the same XML once, different XML as consecutive versions, never a raw unique error', async () => {
    // given: four administrators publish at once, two of them the same file
    const deploys = [
      fixture('deploy.approval'),
      fixture('deploy.approval-v2'),
      fixture('deploy.approval'),
      fixture('deploy.approval-v2'),
    ].map((file) => engine.deploy(file));

    // when
    const results = await Promise.all(deploys);

    // then: two versions, each XML exactly once, the duplicates reported unchanged
    const versions = await engine.store.listDefinitions('approval');
    expect(versions.map((v) => Number(v.version)).sort()).to.deep.equal([1, 2]);
    expect(new Set(versions.map((v) => v.hash)).size).to.equal(2);
    expect(results.map((r) => r.processes[0]!.created).filter(Boolean)).to.have.length(2);
    expect(results[0]!.processes[0]!.hash).to.equal(results[2]!.processes[0]!.hash);
  });

  it('should create version n+1 when the XML changed', async () => {
    // given
    await engine.deploy(fixture('deploy.approval'));

    // when
    const second = await engine.deploy(fixture('deploy.approval-v2'));

    // then
    expect(second.processes[0]).to.include({ processId: 'approval', version: 2, created: true });
  });

  it('should keep a running case on its version while a new case gets version n+1', async () => {
    // given a case started on version 1
    const v1 = (await engine.deploy(fixture('deploy.approval'))).processes[0]?.hash;
    const running = await engine.start('approval');

    // when version 2 is deployed and a new case started
    const v2 = (await engine.deploy(fixture('deploy.approval-v2'))).processes[0]?.hash;
    const fresh = await engine.start('approval');

    // then
    expect(v1).to.not.equal(v2);
    expect((await engine.state(running)).definitionHash).to.equal(v1);
    expect((await engine.state(fresh)).definitionHash).to.equal(v2);
    await engine.completeTask(running, 'review');
    expect((await engine.state(running)).status).to.equal('completed');
    await engine.expectConsistent(running);
  });

  it('should version each process of a file separately', async () => {
    // given
    await engine.deploy(fixture('deploy.approval'));

    // when
    const result = await engine.deploy(fixture('signals'));

    // then
    expect(result.processes.map((p) => [p.processId, p.version])).to.have.deep.members([
      ['waiter', 1],
      ['thrower', 1],
      ['onSignal', 1],
    ]);
    expect((await engine.store.listDefinitions('approval')).map((d) => d.version)).to.deep.equal([1]);
  });

  it('should NOT store anything when the BPMN is invalid', async () => {
    // given
    const xml = fs.readFileSync(fixture('deploy.invalid'), 'utf8');

    // when
    const error = await engine.store.deploy(xml, { actor: 'admin' }).then(
      () => null,
      (e: unknown) => e,
    );

    // then
    expect(error).to.be.instanceOf(DeploymentError);
    expect((error as DeploymentError).code).to.equal('DEPLOYMENT_INVALID');
    expect((error as DeploymentError).findings.some((f) => f.severity === 'error')).to.equal(true);
    expect(await countRows(engine.store.database.knex, 'deployments')).to.equal(0);
    expect(await engine.store.listDefinitions()).to.deep.equal([]);
  });
});
