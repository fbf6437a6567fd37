/**
 * Scale-out on PostgreSQL (issue 16): three server processes, `server/main.ts` as `npm start` runs
 * it, on one database, with the test clock, each with its own timer poller and group commit.
 * 500 cases of the publicity matter are driven through them over HTTP, each request to a process
 * picked at random (seeded): 收件, the 公示 timer brought due by moving every process's clock, then
 * 资格审核 completed by the department's officer. Then: every case completed, every timer fired
 * exactly once, every case's seqs are 1..n with none missing or doubled, and every case verifies
 * (hash chain recomputed, replay == the stored snapshot and the query tables).
 *
 * Several processes share a database only on PostgreSQL, so this file needs one: `npm test`
 * leaves out `*.postgres.spec.ts`; `npm run test:store` (CI, MATTERFLOW_TEST_DB=postgres) runs it.
 */
import { expect } from 'chai';
import { addUser } from './support/cli-user.js';
import { ServerProcess } from './support/server-process.js';
import {
  idNumberOf,
  PUBLICITY_MATTER_CODE,
  PUBLICITY_REVIEW_DEPARTMENT,
  publicityApplication,
  publishPublicityMatter,
} from './support/publicity-matter.js';
import { pool } from './support/pool.js';

const CASES = 500;
const PROCESSES = 3;

interface AuditEvent {
  seq: number;
  type: string;
  data: Record<string, unknown>;
}

/** A small seeded generator (mulberry32): the same "random" process per request on every run. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe(`system: ${PROCESSES} server processes on one PostgreSQL database drive ${CASES} cases with timers`, function () {
  this.timeout(600_000);
  const servers: ServerProcess[] = [];
  let officer = '';
  before(async () => {
    const first = await ServerProcess.start({ dialect: 'postgres', testClock: true });
    servers.push(first);
    for (let n = 1; n < PROCESSES; n += 1)
      servers.push(await ServerProcess.start({ database: first.database, testClock: true }));
    officer = await addUser(first.database, {
      id: 'housing-wang',
      name: '王审核',
      roles: ['department'],
      department: PUBLICITY_REVIEW_DEPARTMENT,
    });
  });
  after(async () => {
    for (const server of [...servers].reverse()) await server.dispose();
  });

  it('should complete every case, fire every timer once, and keep every log whole and verifiable', async () => {
    const random = seeded(16);
    const any = () => servers[Math.floor(random() * servers.length)]!;
    // Only the first process created the administrator; its token works on every process.
    const admin = servers[0]!.admin!.token;
    await publishPublicityMatter(servers[0]!, { duration: 'PT1H' });

    // 收件 through any process; each case waits at its 公示 timer.
    const caseIds = await pool(CASES, 24, async (index) => {
      const answer = await any().request<{ caseId: string; tasks: unknown[] }>('/api/cases', {
        token: admin,
        body: publicityApplication({ name: '申请人', idNumber: idNumberOf(index) }),
      });
      expect(answer.status, answer.text).to.equal(201);
      expect(answer.body.tasks).to.deep.equal([]);
      return answer.body.caseId;
    });
    expect(new Set(caseIds).size).to.equal(CASES);

    // Business time moves on in every process: each fires what came due, and so do their pollers.
    for (const server of servers) {
      const moved = await server.request<{ now: string }>('/api/test/clock', {
        token: admin,
        body: { advance: 'PT2H' },
      });
      expect(moved.status, moved.text).to.equal(200);
    }
    const reviews = new Map<string, string>();
    await servers[0]!.eventually(
      async () => {
        await pool(CASES, 16, async (index) => {
          const caseId = caseIds[index]!;
          if (reviews.has(caseId)) return;
          const answer = await any().request<{ tasks: Array<{ taskId: string; elementId: string }> }>(
            `/api/cases/${caseId}`,
            { token: admin },
          );
          expect(answer.status, answer.text).to.equal(200);
          const review = answer.body.tasks.find((task) => task.elementId === 'review');
          if (review) reviews.set(caseId, review.taskId);
        });
        return reviews.size === CASES ? true : undefined;
      },
      { timeoutMs: 120_000, intervalMs: 500, what: `all ${CASES} timers to fire` },
    );

    // 资格审核 by the department's officer, through any process.
    await pool(CASES, 24, async (index) => {
      const caseId = caseIds[index]!;
      const answer = await any().request(`/api/cases/${caseId}/operations`, {
        token: officer,
        body: { operation: 'task.complete', data: { taskId: reviews.get(caseId), variables: {} } },
      });
      expect(answer.status, answer.text).to.equal(200);
    });

    const problems: string[] = [];
    await pool(CASES, 16, async (index) => {
      const caseId = caseIds[index]!;
      const events = await any().request<AuditEvent[]>(`/api/audit/cases/${caseId}/events`, { token: admin });
      expect(events.status, events.text).to.equal(200);
      const seqs = events.body.map((event) => event.seq);
      if (seqs.join() !== seqs.map((_, i) => i + 1).join()) problems.push(`${caseId}: seqs ${seqs.join()}`);
      const fired = events.body.filter((event) => event.type === 'timer.fired').length;
      if (fired !== 1) problems.push(`${caseId}: ${fired} timer.fired`);
      if (events.body.filter((event) => event.type === 'case.completed').length !== 1)
        problems.push(`${caseId}: not completed once`);
      const verified = await any().request<{ ok: boolean; reason?: string }>(
        `/api/audit/cases/${caseId}/verification`,
        { token: admin },
      );
      expect(verified.status, verified.text).to.equal(200);
      if (!verified.body.ok) problems.push(`${caseId}: ${verified.body.reason ?? 'does not verify'}`);
    });
    expect(problems).to.deep.equal([]);

    const listed = await any().request<Array<{ caseId: string; status: string }>>(
      `/api/cases?matterCode=${PUBLICITY_MATTER_CODE}`,
      { token: admin },
    );
    expect(listed.status, listed.text).to.equal(200);
    expect(listed.body.map((summary) => summary.caseId).sort()).to.deep.equal([...caseIds].sort());
    expect(listed.body.filter((summary) => summary.status !== 'completed')).to.deep.equal([]);
    for (const server of servers) {
      expect((await server.request('/healthz', { token: null })).status).to.equal(200);
      expect(server.log).to.not.match(/"level":50/);
    }
  });
});
