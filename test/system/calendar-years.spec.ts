/**
 * Next year's calendar in the spawned server: with the test clock in December 2026 (the last year
 * chinese-days has data for), a case accepted now is due in 2027 on a provisional due date, and
 * GET /api/calendar/years lists 2027 as missing with that case; the administrator imports the
 * 2027 file (holiday-cn layout, test/fixtures/calendar/holiday-cn-2027-sample.json: a sample, not
 * the real notice), after which nothing is missing and the case's due date is recomputed (an
 * event). Business time only: the wall clock decides nothing here.
 */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { FOOD_LICENCE_APPLICATION as food } from '../support/applications.js';
import { ServerProcess } from './support/server-process.js';

const notice2027 = JSON.parse(
  readFileSync(new URL('../fixtures/calendar/holiday-cn-2027-sample.json', import.meta.url), 'utf8'),
) as unknown;

interface Year {
  year: number;
  status: 'official' | 'provisional' | 'missing';
  caseCount?: number;
  cases?: Array<{ caseId: string; number: string | null; dueAt: string }>;
}
interface CaseBody {
  caseId: string;
  number: string;
  tasks: Array<{ taskId: string; elementId: string }>;
  timeLimits: Array<{ kind: string; dueAt: string; provisional: boolean }>;
}

describe('system: next year’s calendar missing, then imported, over the real server', function () {
  this.timeout(120_000);
  let server: ServerProcess | undefined;
  let windowToken = '';
  before(async () => {
    server = await ServerProcess.start({ testClock: true });
    const created = await server.request<{ token: string }>('/api/users', {
      body: { id: 'window-li', name: '李窗口', roles: ['window'] },
    });
    expect(created.status, created.text).to.equal(201);
    windowToken = created.body.token;
  });
  after(async () => {
    await server?.dispose();
  });

  const s = () => server!;
  const call = async <T>(path: string, options: { body?: unknown; token?: string } = {}) => {
    const answer = await s().request<T>(path, options);
    expect(answer.status, `${path}: ${answer.text}`).to.be.oneOf([200, 201]);
    return answer.body;
  };
  const missing = async () => (await call<Year[]>('/api/calendar/years')).filter((y) => y.status === 'missing');
  const caseClock = (body: CaseBody) => body.timeLimits.find((limit) => limit.kind === 'case')!;

  it('lists 2027 as missing with the case due in it, and after the import nothing is missing and the due date is recomputed', async () => {
    // November: nothing needs 2027 yet
    await call('/api/test/clock', { body: { set: '2026-11-16T02:00:00.000Z' } });
    expect(await missing()).to.deep.equal([]);

    // Monday 2026-12-21 10:00 Beijing: a 食品经营许可 (10 working days) accepted now ends in January 2027
    await call('/api/test/clock', { body: { set: '2026-12-21T02:00:00.000Z' } });
    const received = await call<CaseBody>('/api/cases', { token: windowToken, body: food });
    const accepted = await call<CaseBody>(`/api/cases/${received.caseId}/operations`, {
      token: windowToken,
      body: { operation: 'case.accept', data: { taskId: received.tasks[0]!.taskId } },
    });
    const before = caseClock(accepted);
    expect(before.provisional).to.equal(true);
    expect(before.dueAt.startsWith('2027-01-')).to.equal(true);

    const [year2027, ...others] = await missing();
    expect(others).to.deep.equal([]);
    expect(year2027).to.deep.include({ year: 2027, status: 'missing', caseCount: 1 });
    expect(year2027!.cases!.map((c) => [c.caseId, c.number])).to.deep.equal([[received.caseId, received.number]]);

    const imported = await call<{ years: number[]; changedCases: string[] }>('/api/calendar/imports', {
      body: { layout: 'holiday-cn', data: notice2027, reason: '2027 年节假日安排' },
    });
    expect(imported).to.deep.include({ years: [2027], changedCases: [received.caseId] });
    expect(await missing()).to.deep.equal([]);
    expect((await call<Year[]>('/api/calendar/years')).find((y) => y.year === 2027)).to.deep.include({
      status: 'official',
    });

    // Monday 2027-01-04 is a day off in the imported file: the due date moves one working day on
    const after = caseClock(await call<CaseBody>(`/api/cases/${received.caseId}`));
    expect(after.provisional).to.equal(false);
    expect(Date.parse(after.dueAt) - Date.parse(before.dueAt)).to.equal(86_400_000);
    const events = await call<Array<{ type: string }>>(`/api/audit/cases/${received.caseId}/events`);
    expect(events.map((e) => e.type)).to.include('clock.dueChanged');
  });
});
