/** The worklist shows each task's due date, clock state and 电子监察 signal. */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import request from 'supertest';
import { parseSupervisionConfig } from '../../engine/supervision/index.js';
import { testServer, type TestServer } from './support.js';

const rules = parseSupervisionConfig(JSON.parse(readFileSync(new URL('../../engine/supervision/default-rules.json', import.meta.url), 'utf8')) as unknown);
const application = {
  matterCode: '330106-SJ-000105013',
  applicant: { name: '张三', idType: '居民身份证', idNumber: '330102199001011234' },
  channel: '窗口',
  materials: { application: true, 'business-licence': true, 'id-card': true, 'premises-layout': true, 'safety-rules': true },
  form: { applicantName: '张三', idType: '居民身份证', idNumber: '330102199001011234', businessName: '杭州某某餐饮有限公司', businessAddress: '杭州市西湖区某某路88号', businessItems: ['热食类食品制售'], 办理方式: '一般程序' },
};

describe('server: the worklist', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await testServer({ supervision: rules, testClock: true });
  });
  afterEach(() => server.close());
  const as = (user: string) => ({ Authorization: `Bearer ${server.tokens[user]}` });

  it('should show a step’s due date, its running clock and, once late, its signal level, with the case’s limit', async () => {
    const created = (await request(server.app).post('/api/cases').set(as('window-li')).send(application).expect(201)).body as { caseId: string; tasks: Array<{ taskId: string; elementId: string }> };
    const windowTask = created.tasks.find((t) => t.elementId === 'windowAcceptance')!;
    await request(server.app).post(`/api/cases/${created.caseId}/operations`).set(as('window-li')).send({ operation: 'case.accept', data: { taskId: windowTask.taskId } }).expect(200);
    const before = (await request(server.app).get('/api/tasks').set(as('food-zhao')).expect(200)).body as Array<{ elementId: string; step: { dueAt: string; clock: string; signal: string | null }; case: { dueAt: string } | null }>;
    const review = before.find((t) => t.elementId === 'review')!;
    expect(review.step).to.deep.include({ clock: 'running', signal: null });
    expect(review.step.dueAt).to.be.a('string');
    expect(review.case?.dueAt).to.be.a('string');
    await request(server.app).post('/api/test/clock').set(as('admin')).send({ advance: 'P30D' }).expect(200);
    const after = (await request(server.app).get('/api/tasks').set(as('food-zhao')).expect(200)).body as Array<{ elementId: string; step: { signal: string | null } }>;
    expect(after.find((t) => t.elementId === 'review')!.step.signal).to.equal('红牌');
  });
});
