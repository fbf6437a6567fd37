/**
 * Timers fire exactly once with two server processes on one PostgreSQL database (issue 12 §2;
 * several processes share a database only on PostgreSQL, so this file needs one: `npm test`
 * leaves out `*.postgres.spec.ts`, `npm run test:store` runs it):
 * both run `server/main.ts` with the real clock and their own timer poller; 200 cases, received
 * through both, each wait at a PT5S timer. Every timer fires once (one `timer.fired`, one
 * 资格审核 task per case), whichever process's poller claimed it, and both processes stay up.
 */
import { expect } from 'chai';
import { delay, ServerProcess } from './support/server-process.js';
import {
  idNumberOf,
  PUBLICITY_MATTER_CODE,
  PUBLICITY_REVIEW_DEPARTMENT,
  publicityApplication,
  publishPublicityMatter,
} from './support/publicity-matter.js';
import { pool } from './support/pool.js';

const CASES = 200;

interface AuditEvent {
  type: string;
  actor: string;
  data: Record<string, unknown>;
}

describe('system: timers fire exactly once with two server processes on one PostgreSQL database', function () {
  this.timeout(180_000);
  let first: ServerProcess | undefined;
  let second: ServerProcess | undefined;
  before(async () => {
    first = await ServerProcess.start({ dialect: 'postgres' });
    second = await ServerProcess.start({ database: first.database });
  });
  after(async () => {
    await second?.dispose();
    await first?.dispose();
  });

  it(`should fire each of ${CASES} PT5S timers once while both processes run`, async () => {
    const servers = [first!, second!] as const;
    // Only the first process created the administrator; its token works on both.
    const token = first!.admin!.token;
    const on = (index: number) => servers[index % 2]!;
    await publishPublicityMatter(first!, { duration: 'PT5S' });

    const caseIds = await pool(CASES, 20, async (index) => {
      const answer = await on(index).request<{ caseId: string; tasks: unknown[] }>('/api/cases', {
        token,
        body: publicityApplication({ name: '申请人', idNumber: idNumberOf(index) }),
      });
      expect(answer.status, answer.text).to.equal(201);
      expect(answer.body.tasks, 'no task before the timer fires').to.deep.equal([]);
      return answer.body.caseId;
    });
    expect(new Set(caseIds).size).to.equal(CASES);

    // A case is listed under the review department once its timer fired and 资格审核 opened.
    let polls = 0;
    await first!.eventually(
      async () => {
        const answer = await on(polls++).request<Array<{ caseId: string }>>(
          `/api/cases?matterCode=${PUBLICITY_MATTER_CODE}&department=${encodeURIComponent(PUBLICITY_REVIEW_DEPARTMENT)}`,
          { token },
        );
        expect(answer.status, answer.text).to.equal(200);
        return answer.body.length === CASES ? true : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 500, what: `all ${CASES} timers to fire` },
    );
    // Two more heartbeats of both pollers: a second firing of any timer would have happened by now.
    await delay(2_500);

    const histories = await pool(CASES, 10, async (index) => {
      const answer = await on(index).request<AuditEvent[]>(`/api/audit/cases/${caseIds[index]}/events`, { token });
      expect(answer.status, answer.text).to.equal(200);
      return answer.body;
    });
    const firings = histories.map(
      (events) =>
        events.filter((event) => event.type === 'timer.fired' && event.data['elementId'] === 'publicity').length,
    );
    const reviews = histories.map((events) => events.filter((event) => event.type === 'task.created').length);
    expect(
      firings.filter((count) => count !== 1),
      'cases whose timer did not fire exactly once',
    ).to.deep.equal([]);
    expect(
      reviews.filter((count) => count !== 1),
      'cases without exactly one 资格审核 task',
    ).to.deep.equal([]);

    for (const server of servers) {
      expect((await server.request('/healthz', { token: null })).status).to.equal(200);
      expect(server.log.match(/Matterflow listening on/g)).to.have.length(1);
    }
  });
});
