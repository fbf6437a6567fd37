/**
 * Idempotency-Key after a crash, in-process: an attempt that stopped (its process died) leaves a
 * reservation whose lease runs out; a retry takes it over, and gets the result of the one effect
 * - answered from the command record when the command committed, run once when it did not. The
 * wall clock of the leases is a test clock; "a crash" is an attempt held at a hook and never let
 * go until the retry is done.
 */
import { expect } from 'chai';
import request from 'supertest';
import { idempotent } from '../../../server/http/idempotency.js';
import { FOOD_LICENCE_APPLICATION as application } from '../../support/applications.js';
import { testDialect } from '../../support/test-database.js';
import { testServer, type TestServer } from '../support.js';

const LEASE_MS = 60_000;

/** A hook that stops whoever reaches it until released (or makes them fail). */
class Gate {
  readonly reached: Promise<void>;
  #reach!: () => void;
  #release!: (error?: Error) => void;
  readonly #released: Promise<void>;

  constructor() {
    this.reached = new Promise((resolve) => (this.#reach = resolve));
    this.#released = new Promise((resolve, reject) => (this.#release = (error) => (error ? reject(error) : resolve())));
    this.#released.catch(() => undefined);
  }

  readonly hook = async (): Promise<void> => {
    this.#reach();
    await this.#released;
  };

  release(error?: Error): void {
    this.#release(error);
  }
}

describe('server: Idempotency-Key after a crash', () => {
  let server: TestServer;
  let wall: Date;
  let beforeCommit: (() => Promise<void>) | null;
  let beforeStore: (() => Promise<void>) | null;

  beforeEach(async () => {
    wall = new Date('2026-11-02T01:30:00.000Z');
    beforeCommit = null;
    beforeStore = null;
    server = await testServer({
      idempotency: {
        leaseMs: LEASE_MS,
        now: () => new Date(wall.getTime()),
        beforeCommit: async () => beforeCommit?.(),
        beforeStore: async () => beforeStore?.(),
      },
    });
  });
  afterEach(() => server.close());

  const as = (user: string) => ({ Authorization: `Bearer ${server.tokens[user]}` });
  const receiveKeyed = (key: string) =>
    request(server.app).post('/api/cases').set(as('window-li')).set('Idempotency-Key', key).send(application);
  const expireLeases = () => (wall = new Date(wall.getTime() + LEASE_MS + 1));
  const casesOfApplicant = async () => server.store.listCases({});
  /** An attempt at 收件 under `key` that reserved the key and waits at `gate` before running its command (a process about to die). */
  const stalledReceipt = (key: string) => {
    const gate = new Gate();
    const dead = idempotent(
      server.db.database.knex,
      'window-li',
      key,
      { method: 'post', path: '/api/cases', body: application },
      async () => {
        await gate.hook();
        return { status: 201, body: 'never' };
      },
      { leaseMs: LEASE_MS, now: () => new Date(wall.getTime()) },
    );
    return { gate, dead };
  };

  it('should take over a reservation whose attempt died before its command committed, and receive the case once', async () => {
    // given an attempt that reserved the key and stopped before running its command
    const { gate, dead } = stalledReceipt('receipt-crash-1');
    await gate.reached;
    // then a retry while its lease runs is told to wait
    const early = await receiveKeyed('receipt-crash-1').expect(409);
    expect(early.body.code).to.equal('IDEMPOTENCY_IN_PROGRESS');
    expect(Number(early.headers['retry-after'])).to.equal(LEASE_MS / 1000);
    // when the lease has run out, a retry takes over
    expireLeases();
    const retry = await receiveKeyed('receipt-crash-1').expect(201);
    // then exactly one case, the retry's, and the key answers it from now on
    expect((await casesOfApplicant()).map((summary) => summary.caseId)).to.deep.equal([retry.body.caseId]);
    expect((await receiveKeyed('receipt-crash-1').expect(201)).body.caseId).to.equal(retry.body.caseId);
    // and should NOT be disturbed when the dead attempt wakes and fails
    gate.release(new Error('the process died'));
    await dead.catch(() => undefined);
    expect((await receiveKeyed('receipt-crash-1').expect(201)).body.caseId).to.equal(retry.body.caseId);
  });

  it('should answer a retry from the command record when the attempt died after its command committed, without receiving twice', async () => {
    // given an attempt whose 收件 committed and which stopped before storing its response
    const gate = new Gate();
    beforeStore = gate.hook;
    const first = receiveKeyed('receipt-crash-2').then((response) => response);
    await gate.reached;
    beforeStore = null;
    const [created] = await casesOfApplicant();
    const events = await server.store.getEvents(created!.caseId);
    // then a retry while its lease runs is told to wait
    await receiveKeyed('receipt-crash-2').expect(409);
    // when the lease has run out, the retry gets the response of the one effect
    expireLeases();
    const retry = await receiveKeyed('receipt-crash-2').expect(201);
    expect(retry.body.caseId).to.equal(created!.caseId);
    expect(retry.body.status).to.equal('已收件');
    expect(await casesOfApplicant()).to.have.length(1);
    expect(await server.store.getEvents(created!.caseId)).to.deep.equal(events);
    // and the first attempt, woken, changes nothing either
    gate.release();
    expect((await first).body.caseId).to.equal(created!.caseId);
    expect((await receiveKeyed('receipt-crash-2').expect(201)).body.caseId).to.equal(created!.caseId);
    expect(await casesOfApplicant()).to.have.length(1);
  });

  it('should replay an operation that committed before the crash: one 受理, the same response', async () => {
    // given a received case and a keyed 受理 that committed and stopped before storing its response
    const received = await request(server.app).post('/api/cases').set(as('window-li')).send(application).expect(201);
    const task = (received.body.tasks as Array<{ taskId: string; elementId: string }>).find(
      (t) => t.elementId === 'windowAcceptance',
    )!;
    const accept = () =>
      request(server.app)
        .post(`/api/cases/${received.body.caseId}/operations`)
        .set(as('window-li'))
        .set('Idempotency-Key', 'accept-1')
        .send({ operation: 'case.accept', data: { taskId: task.taskId } });
    const gate = new Gate();
    beforeStore = gate.hook;
    const first = accept().then((response) => response);
    await gate.reached;
    beforeStore = null;
    // when its lease has run out and the client retries
    expireLeases();
    const retry = await accept().expect(200);
    // then the case was accepted once, and the retry says so as the first attempt would have
    gate.release();
    expect(retry.body).to.deep.equal((await first).body);
    expect(retry.body.status).to.equal('已受理');
    const accepted = (await server.store.getEvents(received.body.caseId)).filter(
      (event) => event.type === 'case.accepted',
    );
    expect(accepted).to.have.length(1);
  });

  it('should finish 收件 with its decision on the case the failed attempt received, once', async () => {
    // given a keyed 收件 with 受理 whose 收件 committed and whose 受理 then failed (500, rolled back)
    const body = { ...application, decision: { operation: 'case.accept' } };
    const receiveAndAccept = () =>
      request(server.app)
        .post('/api/cases')
        .set(as('window-li'))
        .set('Idempotency-Key', 'receipt-decision-1')
        .send(body);
    let commits = 0;
    beforeCommit = async () => {
      commits += 1;
      if (commits === 2) throw new Error('lost before the 受理 committed');
    };
    await receiveAndAccept().expect(500);
    beforeCommit = null;
    const [received] = await casesOfApplicant();
    expect(received!.domainStatus).to.equal('已收件');
    // when the client retries with the same key and body
    const retry = await receiveAndAccept();
    // then the retry accepts the case the first attempt received: one case, accepted once
    expect(retry.status, JSON.stringify(retry.body)).to.equal(201);
    expect(retry.body.caseId).to.equal(received!.caseId);
    expect(retry.body.status).to.equal('已受理');
    expect(await casesOfApplicant()).to.have.length(1);
    const accepted = (await server.store.getEvents(received!.caseId)).filter((event) => event.type === 'case.accepted');
    expect(accepted).to.have.length(1);
  });

  it('should let a retry replay at once after a server error that followed the commit', async () => {
    // given a keyed 收件 whose command committed and which then failed (500)
    beforeStore = async () => {
      throw new Error('lost after the commit');
    };
    await receiveKeyed('receipt-crash-3').expect(500);
    beforeStore = null;
    const [created] = await casesOfApplicant();
    // when the client retries at once (no lease to wait for: the failed attempt gave it up)
    const retry = await receiveKeyed('receipt-crash-3').expect(201);
    // then it gets that case, and there is still one
    expect(retry.body.caseId).to.equal(created!.caseId);
    expect(await casesOfApplicant()).to.have.length(1);
  });

  it('should free the key after a server error before any commit, so a retry runs once', async () => {
    // given a keyed 收件 that failed inside its transaction (rolled back)
    beforeCommit = async () => {
      throw new Error('failed before the commit');
    };
    await receiveKeyed('receipt-crash-4').expect(500);
    beforeCommit = null;
    expect(await casesOfApplicant()).to.have.length(0);
    // when the client retries at once, then it runs, once
    const retry = await receiveKeyed('receipt-crash-4').expect(201);
    expect((await casesOfApplicant()).map((summary) => summary.caseId)).to.deep.equal([retry.body.caseId]);
  });

  it('should take over a reservation from before leases existed (no owner, no lease)', async () => {
    // given a reservation stuck "in progress" the way crashes left them before this release
    const { gate, dead } = stalledReceipt('receipt-crash-5');
    await gate.reached;
    await server.db.database
      .knex('idempotency_keys')
      .where({ key: 'receipt-crash-5' })
      .update({ owner: null, lease_expires_at: null });
    // when the client retries, then it is received, once
    const retry = await receiveKeyed('receipt-crash-5').expect(201);
    expect((await casesOfApplicant()).map((summary) => summary.caseId)).to.deep.equal([retry.body.caseId]);
    gate.release(new Error('the process died'));
    await dead.catch(() => undefined);
  });

  it('should NOT commit the command of a stalled attempt once a retry took the key over (PostgreSQL)', async function () {
    // SQLite has one writer: while the stalled attempt's transaction is open no retry can write at
    // all, so a takeover cannot overtake it there. PostgreSQL lets the two interleave.
    if (testDialect() !== 'postgres') this.skip();
    // given an attempt stalled inside its command's transaction, before it commits
    const gate = new Gate();
    beforeCommit = gate.hook;
    const stalled = receiveKeyed('receipt-crash-6').then((response) => response);
    await gate.reached;
    beforeCommit = null;
    // when its lease runs out and a retry takes the key over
    expireLeases();
    const retry = await receiveKeyed('receipt-crash-6').expect(201);
    // then the stalled attempt, resumed, is refused and its command rolled back
    gate.release();
    const late = await stalled;
    expect(late.status).to.equal(409);
    expect(late.body.code).to.equal('IDEMPOTENCY_IN_PROGRESS');
    expect((await casesOfApplicant()).map((summary) => summary.caseId)).to.deep.equal([retry.body.caseId]);
    expect((await receiveKeyed('receipt-crash-6').expect(201)).body.caseId).to.equal(retry.body.caseId);
  });
});
