/**
 * A crash during a keyed request, with the real server process: SIGKILL while a keyed 收件 is in
 * flight, start a second process on the same database, retry with the same Idempotency-Key:
 * exactly one case, and the retry gets it (201).
 *
 * Where the request is when the process dies is made deterministic by a test-only pause
 * (MATTERFLOW_TEST_IDEMPOTENCY_PAUSE, honoured only with MATTERFLOW_TEST_CLOCK=1), which the
 * process logs when it reaches it: `before-commit` inside the command's transaction (the case is
 * written, not committed), `before-store` after the commit and before the response is stored.
 * Killing "right after the request was logged" would race the request; the pause does not.
 * Both processes run with a 1 s lease, so the retry waits (409 IDEMPOTENCY_IN_PROGRESS) about a
 * second for the dead attempt's lease to run out.
 */
import { expect } from 'chai';
import { FOOD_LICENCE_APPLICATION as application } from '../support/applications.js';
import { ServerProcess } from './support/server-process.js';

const LEASE = { MATTERFLOW_IDEMPOTENCY_LEASE_MS: '1000' };

describe('system: a crash during a keyed request', function () {
  this.timeout(180_000);

  for (const dialect of ['sqlite', 'postgres'] as const) {
    for (const pause of ['before-commit', 'before-store'] as const) {
      const when =
        pause === 'before-commit'
          ? 'before its command committed'
          : 'after its command committed, before the response was stored';
      it(`should receive the case once and answer the retry with it when killed ${when} (${dialect})`, async () => {
        // given a server whose keyed requests stop at `pause`
        const first = await ServerProcess.start({
          dialect,
          testClock: true,
          env: { ...LEASE, MATTERFLOW_TEST_IDEMPOTENCY_PAUSE: pause },
        });
        let second: ServerProcess | undefined;
        try {
          const token = first.admin?.token ?? '';
          const key = `receipt-${dialect}-${pause}`;
          const receive = (server: ServerProcess) =>
            server.request<{ caseId: string; status: string; code?: string }>('/api/cases', {
              token,
              body: application,
              headers: { 'Idempotency-Key': key },
            });
          const applicantsCases = async (server: ServerProcess) =>
            (
              await server.request<Array<{ caseId: string }>>(
                `/api/cases?applicantIdNumber=${application.applicant.idNumber}`,
                { token },
              )
            ).body.map((summary) => summary.caseId);

          // when a keyed 收件 reaches the pause and the process is killed there
          const inFlight = receive(first).then(
            () => 'answered',
            () => 'cut off',
          );
          await first.eventually(async () => (first.log.includes(`paused ${pause}`) ? true : undefined), {
            what: `the keyed request to pause ${pause}`,
          });
          await first.kill();
          expect(await inFlight).to.equal('cut off');

          // and a second process starts on the same database
          second = await ServerProcess.start({ database: first.database, env: LEASE });
          const committed = await applicantsCases(second);
          expect(committed).to.have.length(pause === 'before-commit' ? 0 : 1);

          // then a retry with the same key is told to wait until the dead attempt's lease runs out, then gets 201
          const server = second;
          const retry = await second.eventually(
            async () => {
              const answer = await receive(server);
              return answer.status === 409 && answer.body.code === 'IDEMPOTENCY_IN_PROGRESS' ? undefined : answer;
            },
            { what: 'the killed attempt’s lease to run out', timeoutMs: 20_000 },
          );
          expect(retry.status, retry.text).to.equal(201);
          expect(retry.body.status).to.equal('已收件');

          // and there is exactly one case: the one committed before the crash, if any, else the retry's
          expect(await applicantsCases(second)).to.deep.equal([retry.body.caseId]);
          if (pause === 'before-store') expect(retry.body.caseId).to.equal(committed[0]);
          // and a further retry gets it again
          const again = await receive(second);
          expect([again.status, again.body.caseId]).to.deep.equal([201, retry.body.caseId]);
        } finally {
          await second?.dispose();
          await first.dispose();
        }
      });
    }
  }
});
