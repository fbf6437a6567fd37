import { expect } from 'chai';
import { fileURLToPath } from 'node:url';
import { MemoryEngine } from '../../../../support/memory-engine.js';
import { expectReplayMatches } from '../../helpers.js';

const bpmn = fileURLToPath(new URL('./service-task.bpmn', import.meta.url));

describe('runtime: service and send tasks (jobs for registered handlers)', () => {
  let engine: MemoryEngine;
  beforeEach(async () => {
    engine = new MemoryEngine({ clock: '2026-03-02T01:00:00.000Z' });
    await engine.deploy(bpmn);
  });

  const jobOf = (caseId: string) => Object.values(engine.get(caseId).state.jobs)[0]!;

  it('should create a job of the handler type with the configured retries and wait for it', () => {
    const caseId = engine.start('fetchLicence');
    const job = jobOf(caseId);
    expect(job).to.include({
      type: 'e-licence.query',
      retries: 2,
      elementId: 'queryElectronicLicence',
      dueAt: '2026-03-02T01:00:00.000Z',
    });
    expect(engine.get(caseId).state.tasks).to.deep.equal({});
    expectReplayMatches(engine, caseId);
  });

  it('should continue with the handler result as variables when the job completes', () => {
    const caseId = engine.start('fetchLicence');
    engine.run(caseId, {
      type: 'job.complete',
      actor: 'job:e-licence.query',
      data: { jobId: jobOf(caseId).id, variables: { licenceNo: 'JY13301060001' } },
    });
    const { state } = engine.get(caseId);
    expect(state.variables[state.rootInstanceId]).to.deep.equal({ licenceNo: 'JY13301060001' });
    expect(Object.values(state.tasks).map((t) => t.elementId)).to.deep.equal(['review']);
    expect(state.jobs).to.deep.equal({});
    expectReplayMatches(engine, caseId);
  });

  it('should retry a failed job after its backoff, and raise an incident when no retries are left', () => {
    const caseId = engine.start('fetchLicence');
    const jobId = jobOf(caseId).id;
    engine.run(caseId, {
      type: 'job.fail',
      actor: 'job:e-licence.query',
      data: { jobId, message: 'timeout', backoff: 'PT30S' },
    });
    expect(jobOf(caseId)).to.include({ retries: 1, dueAt: '2026-03-02T01:00:30.000Z', lastError: 'timeout' });
    expect(engine.get(caseId).state.incidents).to.deep.equal({});

    engine.run(caseId, { type: 'job.fail', actor: 'job:e-licence.query', data: { jobId, message: 'timeout again' } });
    const incidents = Object.values(engine.get(caseId).state.incidents);
    expect(incidents).to.have.length(1);
    expect(incidents[0]).to.include({ kind: 'job-failed', jobId, elementId: 'queryElectronicLicence' });
    expect(incidents[0]!.message).to.contain('timeout again');
    expect(engine.get(caseId).state.status).to.equal('active');
    expectReplayMatches(engine, caseId);
  });

  it('should give the job retries back when its incident is resolved, without losing the case', () => {
    const caseId = engine.start('fetchLicence');
    const jobId = jobOf(caseId).id;
    engine.run(caseId, { type: 'job.fail', actor: 'w', data: { jobId, message: 'down' } });
    engine.run(caseId, { type: 'job.fail', actor: 'w', data: { jobId, message: 'down' } });
    const incidentId = Object.keys(engine.get(caseId).state.incidents)[0]!;
    engine.run(caseId, { type: 'incident.resolve', actor: 'admin', data: { incidentId, retries: 3 } });
    expect(jobOf(caseId)).to.include({ retries: 3 });
    engine.run(caseId, { type: 'job.complete', actor: 'w', data: { jobId } });
    expect(Object.values(engine.get(caseId).state.tasks).map((t) => t.elementId)).to.deep.equal(['review']);
    expectReplayMatches(engine, caseId);
  });

  it('should route a BPMN error thrown by the handler to the error boundary of the task', () => {
    const caseId = engine.start('fetchLicence');
    engine.run(caseId, {
      type: 'job.throwError',
      actor: 'w',
      data: { jobId: jobOf(caseId).id, errorCode: 'LICENCE_REVOKED', message: '证照已注销' },
    });
    const { state } = engine.get(caseId);
    expect(state.jobs).to.deep.equal({});
    expect(Object.values(state.tasks).map((t) => t.elementId)).to.deep.equal(['askApplicant']);
    expect(state.stats.completed['queryElectronicLicence'] ?? 0).to.equal(0);
    expect(state.stats.completed['revoked']).to.equal(1);
    expectReplayMatches(engine, caseId);
  });

  it('should raise an incident for a BPMN error nobody catches, keeping the job', () => {
    const caseId = engine.start('unguardedFetch');
    const jobId = jobOf(caseId).id;
    engine.run(caseId, { type: 'job.throwError', actor: 'w', data: { jobId, errorCode: 'NO_SIGNAL' } });
    const incident = Object.values(engine.get(caseId).state.incidents)[0];
    expect(incident).to.include({ kind: 'unhandled-error', jobId, elementId: 'sendNotice' });
    expect(engine.get(caseId).state.status).to.equal('active');
  });

  it('should keep the retries the worker reports with a failure, and raise the incident when it reports none left', () => {
    const caseId = engine.start('fetchLicence');
    const jobId = jobOf(caseId).id;
    engine.run(caseId, { type: 'job.fail', actor: 'w', data: { jobId, message: 'busy', retries: 5, backoff: 'PT1M' } });
    expect(jobOf(caseId)).to.include({ retries: 5, dueAt: '2026-03-02T01:01:00.000Z' });
    engine.run(caseId, { type: 'job.fail', actor: 'w', data: { jobId, message: 'gave up', retries: 0 } });
    const incident = Object.values(engine.get(caseId).state.incidents)[0];
    expect(incident).to.include({ kind: 'job-failed', jobId });
    expect(incident!.message).to.contain('gave up');
    expectReplayMatches(engine, caseId);
  });

  it('should NOT accept retries that are not a whole number of at least 0', () => {
    const caseId = engine.start('fetchLicence');
    const jobId = jobOf(caseId).id;
    expect(() =>
      engine.run(caseId, { type: 'job.fail', actor: 'w', data: { jobId, message: 'x', retries: -1 } }),
    ).to.throw(/INVALID_ARGUMENT/);
  });

  it('should set the variables a BPMN error carries before the boundary takes it', () => {
    const caseId = engine.start('fetchLicence');
    engine.run(caseId, {
      type: 'job.throwError',
      actor: 'w',
      data: { jobId: jobOf(caseId).id, errorCode: 'LICENCE_REVOKED', variables: { revokedOn: '2026-02-01' } },
    });
    const { state } = engine.get(caseId);
    expect(state.variables[state.rootInstanceId]).to.deep.include({ revokedOn: '2026-02-01' });
    expect(Object.values(state.tasks).map((t) => t.elementId)).to.deep.equal(['askApplicant']);
    expectReplayMatches(engine, caseId);
  });

  it('should NOT accept a report for a job that is not open', () => {
    const caseId = engine.start('unguardedFetch');
    expect(() => engine.run(caseId, { type: 'job.complete', actor: 'w', data: { jobId: 'nope' } })).to.throw(
      /JOB_NOT_FOUND/,
    );
  });
});
