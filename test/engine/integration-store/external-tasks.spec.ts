/**
 * External tasks over the store (both dialects): fetch-and-lock, the reports a worker makes, the
 * lock that guards them (on the store's clock), retries into an incident, and long polling.
 */
import { expect } from 'chai';
import {
  ExternalTasks,
  IntegrationError,
  JobWakeups,
  listIncidents,
  retryIncident,
  wakeOnJobs,
} from '../../../engine/integration-store/index.js';
import type { TestEngine } from '../../support/test-engine.js';
import { engineWith, worker } from './support.js';

const CREDIT = { topicName: 'credit-check', lockDuration: 60_000 };

describe('integration-store: external tasks', () => {
  let engine: TestEngine;
  let tasks: ExternalTasks;
  beforeEach(async () => {
    engine = await engineWith('external-tasks.credit-check');
    tasks = new ExternalTasks(engine.store);
  });
  afterEach(() => engine.close());

  const refusal = async (run: () => Promise<unknown>): Promise<IntegrationError> => {
    try {
      await run();
    } catch (error) {
      if (error instanceof IntegrationError) return error;
      throw error;
    }
    throw new Error('Expected a refusal, but it succeeded');
  };
  const openTasks = async (caseId: string) => (await engine.store.listTasks({ caseId })).map((t) => t.elementId);

  it('should lock the due tasks of a topic with the variables visible at the task, and not give them to another worker while locked', async () => {
    // given
    const credit = await worker(engine, 'credit-platform', { topics: ['credit-check'] });
    const caseId = await engine.start('creditCheck', { applicantKey: 'k-1', amount: 3 });

    // when
    const [task, ...rest] = await tasks.fetchAndLock(credit, { workerId: 'w1', maxTasks: 10, topics: [CREDIT] });

    // then
    expect(rest).to.deep.equal([]);
    expect(task).to.deep.include({
      topicName: 'credit-check',
      workerId: 'w1',
      caseId,
      caseNumber: null,
      processId: 'creditCheck',
      elementId: 'checkCredit',
      retries: 2,
      lockExpirationTime: '2025-01-06T01:01:00.000Z',
      variables: { applicantKey: 'k-1', amount: 3 },
    });
    expect(await tasks.fetchAndLock(credit, { workerId: 'w2', maxTasks: 10, topics: [CREDIT] })).to.deep.equal([]);
  });

  it('should give only the variables asked for', async () => {
    const credit = await worker(engine, 'credit-platform', { topics: ['credit-check'] });
    await engine.start('creditCheck', { applicantKey: 'k-1', amount: 3 });
    const [task] = await tasks.fetchAndLock(credit, {
      workerId: 'w1',
      maxTasks: 1,
      topics: [{ ...CREDIT, variables: ['amount', 'absent'] }],
    });
    expect(task?.variables).to.deep.equal({ amount: 3 });
  });

  it('should complete a locked task with variables, recorded with the worker as actor, exactly once', async () => {
    // given
    const credit = await worker(engine, 'credit-platform', { topics: ['credit-check'] });
    const caseId = await engine.start('creditCheck');
    const [task] = await tasks.fetchAndLock(credit, { workerId: 'w1', maxTasks: 1, topics: [CREDIT] });

    // when
    await tasks.complete(credit, task!.id, { workerId: 'w1', variables: { blacklisted: false } });

    // then
    expect(await openTasks(caseId)).to.deep.equal(['review']);
    const completed = (await engine.events(caseId)).filter((e) => e.type === 'job.completed');
    expect(completed.map((e) => e.actor)).to.deep.equal(['worker:credit-platform']);
    expect((await engine.state(caseId)).variables).to.satisfy((vars: Record<string, Record<string, unknown>>) =>
      Object.values(vars).some((scope) => scope['blacklisted'] === false),
    );
    const again = await refusal(() => tasks.complete(credit, task!.id, { workerId: 'w1' }));
    expect(again.code).to.equal('TASK_NOT_FOUND');
    await engine.expectConsistent(caseId);
  });

  it('should make a task available again when its lock expires, and refuse (LOCK_LOST) the worker that lost it', async () => {
    // given worker 1 locked the task and went quiet
    const credit = await worker(engine, 'credit-platform', { topics: ['credit-check'] });
    const caseId = await engine.start('creditCheck');
    const [first] = await tasks.fetchAndLock(credit, { workerId: 'w1', maxTasks: 1, topics: [CREDIT] });

    // when its lock expires, worker 2 takes the task over
    engine.clock.set('2025-01-06T01:01:00.000Z');
    const [second] = await tasks.fetchAndLock(credit, { workerId: 'w2', maxTasks: 1, topics: [CREDIT] });
    expect(second?.id).to.equal(first?.id);

    // then worker 1's late report is refused, worker 2's is taken, once
    const late = await refusal(() => tasks.complete(credit, first!.id, { workerId: 'w1' }));
    expect(late.code).to.equal('LOCK_LOST');
    expect(late.status).to.equal(409);
    expect(late.details).to.deep.equal({ reason: 'other-owner' });
    await tasks.complete(credit, second!.id, { workerId: 'w2' });
    expect((await engine.events(caseId)).filter((e) => e.type === 'job.completed')).to.have.length(1);
    await engine.expectConsistent(caseId);
  });

  it('should refuse (LOCK_LOST) a report after the lock expired even when nobody took the task over', async () => {
    const credit = await worker(engine, 'credit-platform', { topics: ['credit-check'] });
    await engine.start('creditCheck');
    const [task] = await tasks.fetchAndLock(credit, { workerId: 'w1', maxTasks: 1, topics: [CREDIT] });
    engine.clock.set('2025-01-06T01:01:00.000Z');
    const expired = await refusal(() => tasks.complete(credit, task!.id, { workerId: 'w1' }));
    expect(expired.details).to.deep.equal({ reason: 'expired' });
  });

  it('should extend a live lock, and NOT a lock that is not the worker’s', async () => {
    // given
    const credit = await worker(engine, 'credit-platform', { topics: ['credit-check'] });
    await engine.start('creditCheck');
    const [task] = await tasks.fetchAndLock(credit, { workerId: 'w1', maxTasks: 1, topics: [CREDIT] });

    // when
    engine.clock.set('2025-01-06T01:00:30.000Z');
    const extended = await tasks.extendLock(credit, task!.id, { workerId: 'w1', newDuration: 120_000 });

    // then the lock outlives its first expiry, and it is still w1's to report
    expect(extended).to.deep.equal({ lockExpirationTime: '2025-01-06T01:02:30.000Z' });
    engine.clock.set('2025-01-06T01:02:00.000Z');
    expect(await tasks.fetchAndLock(credit, { workerId: 'w2', maxTasks: 1, topics: [CREDIT] })).to.deep.equal([]);
    const other = await refusal(() => tasks.extendLock(credit, task!.id, { workerId: 'w2', newDuration: 1000 }));
    expect(other.code).to.equal('LOCK_LOST');
    await tasks.complete(credit, task!.id, { workerId: 'w1' });
  });

  it('should retry a failed task after its retry timeout, raise an incident when no retries are left, and run again once the incident is retried', async () => {
    // given
    const credit = await worker(engine, 'credit-platform', { topics: ['credit-check'] });
    const caseId = await engine.start('creditCheck', { applicantKey: 'k-1' });
    const fetch = () => tasks.fetchAndLock(credit, { workerId: 'w1', maxTasks: 1, topics: [CREDIT] });
    const [task] = await fetch();

    // when the worker fails with one retry left, to be retried in a minute
    await tasks.failure(credit, task!.id, {
      workerId: 'w1',
      errorMessage: '信用平台超时',
      retries: 1,
      retryTimeout: 60_000,
    });

    // then the task waits a minute
    expect(await fetch()).to.deep.equal([]);
    engine.clock.set('2025-01-06T01:01:00.000Z');
    const [retried] = await fetch();
    expect(retried).to.include({ id: task!.id, retries: 1 });

    // when it fails with none left
    await tasks.failure(credit, task!.id, {
      workerId: 'w1',
      errorMessage: '信用平台不可用',
      errorDetails: 'HTTP 503',
      retries: 0,
      retryTimeout: 0,
    });

    // then an incident stops it
    engine.clock.set('2025-01-06T02:00:00.000Z');
    expect(await fetch()).to.deep.equal([]);
    const { incidents, total } = await listIncidents(engine.store.database.knex, { processId: 'creditCheck' });
    expect(total).to.equal(1);
    expect(incidents[0]).to.include({ caseId, elementId: 'checkCredit', kind: 'job-failed', jobId: task!.id });
    expect(incidents[0]!.message).to.contain('信用平台不可用').and.contain('HTTP 503');

    // when an administrator retries it with a corrected variable and two retries
    await retryIncident(engine.store, incidents[0]!.incidentId, {
      variables: { applicantKey: 'k-2' },
      retries: 2,
      actor: 'admin',
    });

    // then the task runs again with the new variable, and completes
    const [again] = await fetch();
    expect(again).to.deep.include({ id: task!.id, retries: 2, variables: { applicantKey: 'k-2' } });
    await tasks.complete(credit, again!.id, { workerId: 'w1' });
    expect(await openTasks(caseId)).to.deep.equal(['review']);
    expect((await listIncidents(engine.store.database.knex)).total).to.equal(0);
    const actors = (await engine.events(caseId))
      .filter((e) => ['job.failed', 'variables.set', 'incident.resolved'].includes(e.type))
      .map((e) => `${e.type} ${e.actor}`);
    expect(actors).to.deep.equal([
      'job.failed worker:credit-platform',
      'job.failed worker:credit-platform',
      'variables.set admin',
      'incident.resolved admin',
    ]);
    await engine.expectConsistent(caseId);
  });

  it('should route a BPMN error with its variables to the boundary event', async () => {
    const credit = await worker(engine, 'credit-platform', { topics: ['credit-check'] });
    const caseId = await engine.start('creditCheck');
    const [task] = await tasks.fetchAndLock(credit, { workerId: 'w1', maxTasks: 1, topics: [CREDIT] });
    await tasks.bpmnError(credit, task!.id, {
      workerId: 'w1',
      errorCode: 'BLACKLISTED',
      errorMessage: '申请人列入失信名单',
      variables: { blacklistedSince: '2024-05-01' },
    });
    expect(await openTasks(caseId)).to.deep.equal(['refuseTolerance']);
    const state = await engine.state(caseId);
    expect(state.variables[state.rootInstanceId]).to.deep.include({ blacklistedSince: '2024-05-01' });
    await engine.expectConsistent(caseId);
  });

  it('should NOT let a worker fetch or report on a topic outside its token’s scope', async () => {
    // given
    const sms = await worker(engine, 'sms-gateway', { topics: ['sms.notify'] });
    const credit = await worker(engine, 'credit-platform', { topics: ['credit-check'] });
    await engine.start('creditCheck');

    // then
    const fetching = await refusal(() => tasks.fetchAndLock(sms, { workerId: 's1', maxTasks: 1, topics: [CREDIT] }));
    expect(fetching).to.include({ code: 'OUT_OF_SCOPE', status: 403, field: '/body/topics' });
    expect(fetching.details).to.deep.equal({ topics: ['credit-check'] });
    const [task] = await tasks.fetchAndLock(credit, { workerId: 'w1', maxTasks: 1, topics: [CREDIT] });
    const reporting = await refusal(() => tasks.complete(sms, task!.id, { workerId: 'w1' }));
    expect(reporting.code).to.equal('OUT_OF_SCOPE');
  });

  it('should give two workers fetching at once disjoint tasks', async () => {
    // given
    const credit = await worker(engine, 'credit-platform', { topics: ['credit-check'] });
    for (let i = 0; i < 6; i += 1) await engine.start('creditCheck', { i });

    // when
    const [a, b] = await Promise.all([
      tasks.fetchAndLock(credit, { workerId: 'a', maxTasks: 4, topics: [CREDIT] }),
      tasks.fetchAndLock(credit, { workerId: 'b', maxTasks: 4, topics: [CREDIT] }),
    ]);

    // then
    const ids = [...a, ...b].map((task) => task.id);
    expect(ids).to.have.length(6);
    expect(new Set(ids).size).to.equal(6);
  });

  it('should answer a long poll as soon as a task appears, woken by the command that made it', async () => {
    // given a worker waiting (it would look again only after a minute, and wait ten)
    const wakeups = new JobWakeups();
    const store = wakeOnJobs(engine.store, wakeups);
    const longPolls = new ExternalTasks(store, { wakeups, pollIntervalMs: 60_000 });
    const credit = await worker(engine, 'credit-platform', { topics: ['credit-check'] });
    const polling = longPolls.fetchAndLock(credit, {
      workerId: 'w1',
      maxTasks: 1,
      topics: [CREDIT],
      asyncResponseTimeout: 600_000,
    });
    while (wakeups.waiting === 0) await new Promise((resolve) => setImmediate(resolve));

    // when a case reaches the task
    const caseId = (await store.startCase({ processId: 'creditCheck', actor: 'tester' })).caseId;

    // then the poll answers with it
    const [task] = await polling;
    expect(task).to.include({ caseId, elementId: 'checkCredit' });
  });

  it('should list a waiting long poll, and end it with nothing when its caller goes away', async () => {
    const credit = await worker(engine, 'credit-platform', { topics: ['credit-check'] });
    const abort = new AbortController();
    const polling = tasks.fetchAndLock(
      credit,
      { workerId: 'w1', maxTasks: 1, topics: [CREDIT], asyncResponseTimeout: 600_000 },
      abort.signal,
    );
    while (tasks.wakeups.waiting === 0) await new Promise((resolve) => setImmediate(resolve));
    expect(tasks.waitingWorkers().map(({ worker, workerId, topics }) => ({ worker, workerId, topics }))).to.deep.equal([
      { worker: 'credit-platform', workerId: 'w1', topics: ['credit-check'] },
    ]);
    abort.abort();
    expect(await polling).to.deep.equal([]);
    expect(tasks.waitingWorkers()).to.deep.equal([]);
  });
});
