/**
 * The client other systems run, against the real app listening on 127.0.0.1: a TaskWorker
 * completes with what its handler returns, throws a BPMN error for a BpmnError, reports a
 * failure with one retry fewer for anything else; MessageClient's refusals carry the server's
 * codes; verifyWebhook checks what the server signs.
 */
import { expect } from 'chai';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import {
  BpmnError,
  ExternalTaskClient,
  MatterflowApiError,
  MessageClient,
  TaskFailure,
  TaskWorker,
  verifyWebhook,
  type WorkerLogEvent,
} from '../../client/index.js';
import { signBody } from '../../engine/integration/index.js';
import { fixtureXml } from '../engine/integration-store/support.js';
import { testServer, type TestServer } from '../server/support.js';

describe('client: the worker loop and the message client over HTTP', () => {
  let server: TestServer;
  let http: Server;
  let baseUrl: string;
  let token: string;
  beforeEach(async () => {
    server = await testServer();
    await server.store.deploy(fixtureXml('external-tasks.credit-check'), { actor: 'admin' });
    http = server.app.listen(0, '127.0.0.1');
    await new Promise((resolve) => http.once('listening', resolve));
    baseUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    token = (
      await request(server.app)
        .post('/api/worker-tokens')
        .set({ Authorization: `Bearer ${server.tokens['admin']}` })
        .send({ name: '信用平台', topics: ['credit-check'] })
        .expect(201)
    ).body.token as string;
  });
  afterEach(async () => {
    http.closeAllConnections();
    await new Promise((resolve) => http.close(resolve));
    await server.close();
  });

  const start = async (variables: Record<string, unknown>) =>
    (await server.store.startCase({ processId: 'creditCheck', variables, actor: 'test' })).caseId;
  const openTasks = async (caseId: string) => (await server.store.listTasks({ caseId })).map((t) => t.elementId);

  /** Run a worker until `done` holds for its log, then stop it. */
  async function runWorker(
    handler: ConstructorParameters<typeof TaskWorker>[1]['subscriptions'][number]['handler'],
    done: (log: WorkerLogEvent[]) => boolean,
  ): Promise<WorkerLogEvent[]> {
    const log: WorkerLogEvent[] = [];
    const worker = new TaskWorker(new ExternalTaskClient({ baseUrl, token, workerId: 'test-worker' }), {
      subscriptions: [{ topicName: 'credit-check', lockDuration: 60_000, handler }],
      asyncResponseTimeout: 5_000,
      log: (event) => {
        log.push(event);
        if (done(log)) worker.stop();
      },
    });
    await worker.run();
    return log;
  }

  it('should complete with the variables the handler returns, and throw a BpmnError as a BPMN error', async () => {
    // given
    const good = await start({ idNumber: 'ok' });
    const bad = await start({ idNumber: 'blacklisted' });

    // when
    const log = await runWorker(
      (task) => {
        if (task.variables['idNumber'] === 'blacklisted')
          throw new BpmnError('BLACKLISTED', '失信', { 信用核查: '失信' });
        return { 信用核查: '通过' };
      },
      (events) => events.filter((e) => e.kind === 'completed' || e.kind === 'bpmnError').length === 2,
    );

    // then
    expect(log.filter((e) => e.kind !== 'locked').map((e) => e.kind)).to.have.members(['completed', 'bpmnError']);
    expect(await openTasks(good)).to.deep.equal(['review']);
    expect(await openTasks(bad)).to.deep.equal(['refuseTolerance']);
  });

  it('should report a thrown error as a failure with one retry fewer, and the retry timeout', async () => {
    const caseId = await start({});
    const log = await runWorker(
      () => {
        throw new TaskFailure('信用平台超时', 'GET /credit: ETIMEDOUT after 10 s');
      },
      (events) => events.some((e) => e.kind === 'failed'),
    );
    expect(log.map((e) => e.kind)).to.deep.equal(['locked', 'failed']);
    const job = Object.values((await server.store.getCase(caseId))!.jobs)[0]!;
    expect(job).to.include({ retries: 1, lastError: '信用平台超时\nGET /credit: ETIMEDOUT after 10 s' });
    // 10 s doubled once: the model gave 2 retries of the default 3's schedule.
    expect(Date.parse(job.dueAt) - server.clock.now().getTime()).to.equal(20_000);
  });

  it('should carry the server’s refusal codes', async () => {
    const messages = new MessageClient({ baseUrl, token: server.tokens['admin']! });
    try {
      await messages.correlate({ messageName: '无人等待' });
      expect.fail('a message nobody waits for is refused');
    } catch (error) {
      expect(error).to.be.instanceOf(MatterflowApiError);
      expect(error).to.include({ status: 404, code: 'MESSAGE_NOT_CORRELATED' });
      expect((error as MatterflowApiError).zh).to.contain('无人等待');
    }
  });

  it('should verify what the server signs, and NOT a changed body', () => {
    const body = '{"id":"c:1"}';
    const signature = signBody('whsec_x', 1_790_000_000, body);
    const headers = { timestamp: '1790000000', signature };
    expect(verifyWebhook('whsec_x', body, headers, 1_790_000_010)).to.equal(null);
    expect(verifyWebhook('whsec_x', '{"id":"c:2"}', headers, 1_790_000_010)).to.equal('mismatch');
    expect(verifyWebhook('whsec_x', body, headers, 1_790_001_000)).to.equal('stale');
  });
});
