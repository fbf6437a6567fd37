/**
 * Timers fire while the server runs (issue 12 §2): the real server process (`npm start`'s
 * server/main.ts) on SQLite with the real clock. An administrator publishes a matter whose
 * process waits at a PT3S timer; 收件 over HTTP starts a case; within 10 s, with no restart, the
 * API shows the timer fired once and the next step open.
 */
import { expect } from 'chai';
import { ServerProcess } from './support/server-process.js';
import { idNumberOf, publicityApplication, publishPublicityMatter } from './support/publicity-matter.js';

interface CaseBody {
  caseId: string;
  status: string;
  flowStatus: string;
  tasks: Array<{ taskId: string; elementId: string; department: string | null }>;
}
interface AuditEvent {
  seq: number;
  type: string;
  time: string;
  actor: string;
  data: Record<string, unknown>;
}

describe('system: timers fire in the running server (SQLite, real clock)', function () {
  this.timeout(90_000);
  let server: ServerProcess | undefined;
  before(async () => {
    server = await ServerProcess.start({ dialect: 'sqlite' });
  });
  after(async () => {
    await server?.dispose();
  });

  it('should fire a PT3S timer of a case started over HTTP within 10 s, without a restart: the timer fires once and the next task opens', async () => {
    const s = server!;
    await publishPublicityMatter(s);

    const received = await s.request<CaseBody>('/api/cases', {
      body: publicityApplication({ name: '王五', idNumber: idNumberOf(1) }),
    });
    expect(received.status, received.text).to.equal(201);
    const { caseId } = received.body;
    // The state right after 收件: the token waits at the timer, no task is open yet.
    expect(received.body).to.deep.include({ status: '已收件', flowStatus: 'active', tasks: [] });

    const opened = await s.eventually(
      async () => {
        const answer = await s.request<CaseBody>(`/api/cases/${caseId}`);
        expect(answer.status, answer.text).to.equal(200);
        return answer.body.tasks.length > 0 ? answer.body : undefined;
      },
      { timeoutMs: 10_000, intervalMs: 200, what: 'the publicity timer to fire and 资格审核 to open' },
    );
    expect(opened.tasks.map((task) => task.elementId)).to.deep.equal(['review']);
    expect(opened.flowStatus).to.equal('active');

    const events = (await s.request<AuditEvent[]>(`/api/audit/cases/${caseId}/events`)).body;
    const fired = events.filter((event) => event.type === 'timer.fired');
    expect(fired, 'one timer.fired event').to.have.length(1);
    expect(fired[0]).to.deep.include({ actor: 'timer' });
    expect(fired[0]!.data).to.include({ elementId: 'publicity' });
    // Not before it was due: three seconds of business time after 收件, as the server recorded it.
    const receivedAt = events.find((event) => event.type === 'case.received')!.time;
    expect(Date.parse(fired[0]!.time) - Date.parse(receivedAt)).to.be.at.least(3_000);
    expect(events.filter((event) => event.type === 'task.created')).to.have.length(1);

    // The same process did it: started once, never restarted, still serving.
    expect(s.log.match(/Matterflow listening on/g)).to.have.length(1);
    expect((await s.request('/healthz', { token: null })).status).to.equal(200);
  });
});
