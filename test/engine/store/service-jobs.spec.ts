import { expect } from 'chai';
import { BpmnError } from '../../../engine/jobs/index.js';
import type { ServiceJob } from '../../../engine/jobs/index.js';
import { TestEngine } from '../../support/test-engine.js';
import { fixture } from './fixture.js';

describe('store: service-task jobs', () => {
  let engine: TestEngine;
  let caseId: string;

  beforeEach(async () => {
    engine = await TestEngine.create();
    await engine.deploy(fixture('service-jobs'));
  });

  afterEach(async () => {
    await engine.close();
  });

  const openTasks = async () => (await engine.store.listTasks({ caseId })).map((t) => t.elementId);

  it('should complete the job with the variables the handler returns', async () => {
    // given
    const seen: ServiceJob[] = [];
    engine.registerHandler('check', (job) => {
      seen.push(job);
      return { score: 7 };
    });
    caseId = await engine.start('service', { applicant: '王五' });

    // when
    const ran = await engine.runJobs();

    // then
    expect(ran.map((r) => r.outcome)).to.deep.equal(['completed']);
    expect(seen[0]?.variables).to.include({ applicant: '王五' });
    expect(await openTasks()).to.deep.equal(['afterCheck']);
    const state = await engine.state(caseId);
    expect(state.variables[state.rootInstanceId]).to.include({ score: 7 });
    expect(await engine.store.database.knex('jobs').where({ case_id: caseId })).to.deep.equal([]);
    await engine.expectConsistent(caseId);
  });

  it('should retry a failing handler with exponential backoff, then raise an incident', async () => {
    // given
    let calls = 0;
    engine.registerHandler('check', () => {
      calls += 1;
      throw new Error('registry offline');
    });
    caseId = await engine.start('service');
    const knex = engine.store.database.knex;

    // when / then: first failure, retry due in 10s
    await engine.runJobs();
    expect(await engine.runJobs()).to.deep.equal([]);
    const [afterFirst] = await knex('jobs').where({ case_id: caseId }).select('due_at', 'retries');
    expect(afterFirst.due_at).to.equal('2025-01-06T01:00:10.000Z');
    expect(Number(afterFirst.retries)).to.equal(2);

    // second failure, retry due 20s later
    await engine.advance('PT10S');
    await engine.runJobs();
    const [afterSecond] = await knex('jobs').where({ case_id: caseId }).select('due_at');
    expect(afterSecond.due_at).to.equal('2025-01-06T01:00:30.000Z');

    // third failure: retries exhausted, incident
    await engine.advance('PT20S');
    await engine.runJobs();
    expect(calls).to.equal(3);
    const incidents = await knex('incidents').where({ case_id: caseId });
    expect(incidents).to.have.length(1);
    expect(Object.keys((await engine.state(caseId)).incidents)).to.have.length(1);

    // the job no longer runs
    await engine.advance('P1D');
    expect(await engine.runJobs()).to.deep.equal([]);
    expect(calls).to.equal(3);
    await engine.expectConsistent(caseId);
  });

  it('should route a BpmnError to the error boundary event', async () => {
    // given
    engine.registerHandler('check', () => {
      throw new BpmnError('REJECTED', 'applicant not eligible');
    });
    caseId = await engine.start('service');

    // when
    const ran = await engine.runJobs();

    // then
    expect(ran.map((r) => r.outcome)).to.deep.equal(['bpmnError']);
    expect(await openTasks()).to.deep.equal(['handleRejection']);
    await engine.expectConsistent(caseId);
  });

  it('should NOT run, nor lease, a job whose type has no handler (it waits for an external worker)', async () => {
    // given
    caseId = await engine.start('service');
    engine.registerHandler('another-type', () => ({}));

    // when
    const ran = await engine.runJobs();

    // then
    expect(ran).to.deep.equal([]);
    expect(await engine.store.database.knex('jobs').where({ case_id: caseId, lease_owner: null })).to.have.length(1);
  });
});
