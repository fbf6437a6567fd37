/** The worklist shows each task's due date, clock state and 电子监察 signal. */
import { expect } from 'chai';
import request from 'supertest';
import { testServer, type TestServer } from '../support.js';
import { FOOD_LICENCE_APPLICATION as application } from '../../support/applications.js';
import { SHIPPED_SUPERVISION as rules } from '../../support/supervision.js';

describe('server: the worklist', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await testServer({ supervision: rules, testClock: true });
  });
  afterEach(() => server.close());
  const as = (user: string) => ({ Authorization: `Bearer ${server.tokens[user]}` });

  it('should show a step’s due date, its running clock and, once late, its signal level, with the case’s limit', async () => {
    const created = (await request(server.app).post('/api/cases').set(as('window-li')).send(application).expect(201))
      .body as { caseId: string; tasks: Array<{ taskId: string; elementId: string }> };
    const windowTask = created.tasks.find((t) => t.elementId === 'windowAcceptance')!;
    await request(server.app)
      .post(`/api/cases/${created.caseId}/operations`)
      .set(as('window-li'))
      .send({ operation: 'case.accept', data: { taskId: windowTask.taskId } })
      .expect(200);
    const before = (await request(server.app).get('/api/tasks').set(as('food-zhao')).expect(200)).body.tasks as Array<{
      elementId: string;
      step: { dueAt: string; clock: string; signal: string | null };
      case: { dueAt: string } | null;
    }>;
    const review = before.find((t) => t.elementId === 'review')!;
    expect(review.step).to.deep.include({ clock: 'running', signal: null });
    expect(review.step.dueAt).to.be.a('string');
    expect(review.case?.dueAt).to.be.a('string');
    await request(server.app).post('/api/test/clock').set(as('admin')).send({ advance: 'P30D' }).expect(200);
    const after = (await request(server.app).get('/api/tasks').set(as('food-zhao')).expect(200)).body.tasks as Array<{
      elementId: string;
      step: { signal: string | null };
    }>;
    expect(after.find((t) => t.elementId === 'review')!.step.signal).to.equal('红牌');
  });
});
