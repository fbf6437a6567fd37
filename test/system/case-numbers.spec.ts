/**
 * 办件编号 in the spawned server, as a window officer uses it: cases received on two Beijing days
 * (the test clock, never the wall clock) are numbered by date and daily sequence, also when
 * several arrive at once; the officer finds a case by the number the applicant reads out, and a
 * day's cases by the date, in the case list and the worklist; the auditor in the audit search.
 */
import { expect } from 'chai';
import { FOOD_LICENCE_APPLICATION as food } from '../support/applications.js';
import { ServerProcess } from './support/server-process.js';

interface CaseBody {
  caseId: string;
  number: string | null;
  tasks: Array<{ taskId: string; elementId: string }>;
}

describe('system: 办件编号 (case numbers) over the real server', function () {
  this.timeout(120_000);
  let server: ServerProcess | undefined;
  const tokens: Record<string, string> = {};
  before(async () => {
    server = await ServerProcess.start({ testClock: true });
    for (const user of [
      { id: 'window-li', name: '李窗口', roles: ['window'] },
      { id: 'auditor-wu', name: '吴审计', roles: ['auditor'] },
    ]) {
      const created = await server.request<{ token: string }>('/api/users', { body: user });
      expect(created.status, created.text).to.equal(201);
      tokens[user.id] = created.body.token;
    }
  });
  after(async () => {
    await server?.dispose();
  });

  const s = () => server!;
  const setClock = async (set: string) => {
    const answer = await s().request('/api/test/clock', { body: { set } });
    expect(answer.status, answer.text).to.equal(200);
  };
  const receive = async () => {
    const answer = await s().request<CaseBody>('/api/cases', { token: tokens['window-li']!, body: food });
    expect(answer.status, answer.text).to.equal(201);
    return answer.body;
  };
  const get = async <T>(path: string, user = 'window-li') => {
    const answer = await s().request<T>(path, { token: tokens[user]! });
    expect(answer.status, answer.text).to.equal(200);
    return answer.body;
  };

  it('numbers cases by the Beijing date of 收件 and a daily sequence, and a window officer finds them by number and date', async () => {
    // Monday 2026-12-07, 23:50 in Beijing (15:50 UTC): still the 7th
    await setClock('2026-12-07T15:50:00.000Z');
    const first = await receive();
    const second = await receive();
    // 00:10 on the 8th in Beijing, still the 7th in UTC: a new day, a new sequence
    await setClock('2026-12-07T16:10:00.000Z');
    const concurrent = await Promise.all(Array.from({ length: 5 }, () => receive()));
    expect([first.number, second.number]).to.deep.equal(['20261207-0001', '20261207-0002']);
    expect(concurrent.map((c) => c.number).sort()).to.deep.equal([
      '20261208-0001',
      '20261208-0002',
      '20261208-0003',
      '20261208-0004',
      '20261208-0005',
    ]);

    // The applicant phones and reads out the number: the officer finds the case…
    const wanted = concurrent.find((c) => c.number === '20261208-0004')!;
    expect((await get<CaseBody[]>('/api/cases?number=20261208-0004')).map((c) => c.caseId)).to.deep.equal([
      wanted.caseId,
    ]);
    expect(await get<CaseBody>(`/api/cases/${wanted.caseId}`)).to.include({ number: '20261208-0004' });
    // …and its open step in their own worklist
    const tasks = await get<{ tasks: Array<{ caseId: string; caseNumber: string; elementId: string }> }>(
      '/api/tasks?mine=true&caseNumber=20261208-0004',
    );
    expect(tasks.tasks.map((t) => [t.caseId, t.caseNumber, t.elementId])).to.deep.equal([
      [wanted.caseId, '20261208-0004', 'windowAcceptance'],
    ]);
    // a day's cases by the date, however it is written
    expect((await get<CaseBody[]>('/api/cases?number=2026-12-07')).map((c) => c.number).sort()).to.deep.equal([
      '20261207-0001',
      '20261207-0002',
    ]);
    expect((await get<{ tasks: unknown[] }>('/api/tasks?caseNumber=20261208')).tasks).to.have.length(5);
    // the auditor's search too
    const audited = await get<Array<{ caseId: string; number: string }>>(
      '/api/audit/cases?number=20261207-0002',
      'auditor-wu',
    );
    expect(audited.map((c) => [c.caseId, c.number])).to.deep.equal([[second.caseId, '20261207-0002']]);
    // the number is in the record: case.received carries it, under the hash chain
    const events = await get<Array<{ type: string; data: Record<string, unknown> }>>(
      `/api/audit/cases/${wanted.caseId}/events`,
      'auditor-wu',
    );
    expect(events.find((e) => e.type === 'case.received')?.data['number']).to.equal('20261208-0004');
    const verified = await get<{ ok: boolean }>(`/api/audit/cases/${wanted.caseId}/verification`, 'auditor-wu');
    expect(verified.ok).to.equal(true);
  });
});
