/**
 * GET /api/tasks/{taskId} for a step no longer open: the officer who still has its address (a
 * bookmark, a notice, another tab) is told it was done, by whom and when (Beijing time), and which
 * case (办件编号) it belongs to, so the page can link to the case.
 */
import { expect } from 'chai';
import request from 'supertest';
import { CaseDriver } from '../../support/case-driver.js';
import { testServer, type TestServer } from '../support.js';

describe('server: a task no longer open (GET /api/tasks/{taskId})', () => {
  let server: TestServer;
  let driver: CaseDriver;
  let accepted: { caseId: string; review: string };
  let number: string;
  before(async () => {
    // given a 食品经营许可 accepted at 09:30 Beijing time, its 审查 done by the 许可科 an hour later
    server = await testServer({ testClock: true });
    driver = new CaseDriver(server);
    accepted = await driver.acceptedFoodCase();
    number = (await driver.get<{ number: string }>('window-li', `/api/cases/${accepted.caseId}`)).number;
    await driver.advance('PT1H');
    await driver.operate('food-zhao', accepted.caseId, 'task.complete', {
      taskId: accepted.review,
      opinion: { decision: '通过', text: '材料齐全，同意' },
      variables: { 需要现场核查: false },
    });
  });
  after(() => server.close());

  const task = (user: string, taskId: string) =>
    request(server.app)
      .get(`/api/tasks/${encodeURIComponent(taskId)}`)
      .set(driver.authorization(user));

  it('should answer 410 for a completed step, saying who did it and when in Beijing time, and naming its case', async () => {
    // when
    const gone = await task('food-zhao', accepted.review).expect(410);

    // then
    expect(gone.body.code).to.equal('TASK_CLOSED');
    expect(gone.body.message.zh).to.equal(
      `该任务「审查」已由 food-zhao 于 2026-11-02 10:30 办理完毕，属于办件 ${number}`,
    );
    expect(gone.body.message.en).to.contain(`case ${number} (${accepted.caseId})`);
    expect(gone.body.details).to.deep.equal({
      caseId: accepted.caseId,
      number,
      ended: 'completed',
      endedBy: 'food-zhao',
      endedAt: '2026-11-02T02:30:00.000Z',
    });
    expect(number).to.match(/^\d{8}-\d{4}$/);
  });

  it('should name the case to whoever may read the task page, the window officer too', async () => {
    const gone = await task('window-li', accepted.review).expect(410);
    expect(gone.body.details.number).to.equal(number);
  });

  it('should answer 410 for a step the flow cancelled (the applicant withdrew while it was open), saying when', async () => {
    // given a second case at 审查, withdrawn by its applicant (张三, bound to the form's 证件号码) half an hour later
    const other = await driver.acceptedFoodCase();
    const otherNumber = (await driver.get<{ number: string }>('window-li', `/api/cases/${other.caseId}`)).number;
    const applicant = await request(server.app)
      .post('/api/users')
      .set(driver.authorization('admin'))
      .send({ id: 'zhang-san', name: '张三', roles: ['applicant'], idNumber: '330102199001011234' })
      .expect(201);
    await driver.advance('PT30M');
    await request(server.app)
      .post(`/api/cases/${other.caseId}/operations`)
      .set({ Authorization: `Bearer ${applicant.body.token as string}` })
      .send({ operation: 'case.withdraw', data: { reason: '不再经营' } })
      .expect(200);

    // when
    const gone = await task('food-zhao', other.review).expect(410);

    // then
    expect(gone.body.code).to.equal('TASK_CLOSED');
    expect(gone.body.message.zh).to.equal(
      `该任务「审查」已于 2026-11-02 11:00 取消（流程不再需要该环节），属于办件 ${otherNumber}`,
    );
    expect(gone.body.details).to.deep.equal({
      caseId: other.caseId,
      number: otherNumber,
      ended: 'cancelled',
      // the flow cancelled it, following the withdrawal: the engine, not the applicant, ended the step
      endedBy: 'system',
      endedAt: '2026-11-02T03:00:00.000Z',
    });
  });

  it('should NOT name the case to a department officer of another department (404, as for a task never made)', async () => {
    const refused = await task('fire-qian', accepted.review).expect(404);
    expect(refused.body.code).to.equal('TASK_NOT_FOUND');
    expect(JSON.stringify(refused.body)).not.to.contain(number);
  });

  it('should answer 404 for a task id no case ever had', async () => {
    const missing = await task('food-zhao', 'no-such-task').expect(404);
    expect(missing.body.code).to.equal('TASK_NOT_FOUND');
  });

  it('should still open the step that followed (决定) as a task page', async () => {
    const open = (await request(server.app).get('/api/tasks').set(driver.authorization('admin')).expect(200)).body as {
      tasks: Array<{ taskId: string; caseId: string }>;
    };
    const next = open.tasks.find((row) => row.caseId === accepted.caseId)!;
    await task('admin', next.taskId).expect(200);
  });
});
