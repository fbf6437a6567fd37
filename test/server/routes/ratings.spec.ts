/** 好差评 over HTTP: a 差评 opens a rectification, 一事一评 once, rectification and appeal by the right roles, statistics internal and public. */
import { expect } from 'chai';
import request from 'supertest';
import { testServer, type TestServer } from '../support.js';
import { FOOD_LICENCE_APPLICATION as application } from '../../support/applications.js';

const FOOD = '西湖区市场监督管理局行政许可科';

describe('server: ratings (好差评)', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await testServer();
  });
  afterEach(() => server.close());

  const as = (user: string) => ({ Authorization: `Bearer ${server.tokens[user]}` });
  const receive = async () =>
    (await request(server.app).post('/api/cases').set(as('window-li')).send(application).expect(201)).body
      .caseId as string;
  const rate = (caseId: string, level: string) =>
    request(server.app)
      .post('/api/ratings')
      .set(as('window-li'))
      .send({ caseId, department: FOOD, officer: 'food-zhao', mode: '一事一评', level, text: '等了很久' });

  it('should open a rectification with a due date on a 差评, and refuse a second 一事一评 rating of the case (422)', async () => {
    const caseId = await receive();
    const rated = await rate(caseId, '不满意').expect(201);
    expect(rated.body).to.deep.include({
      caseId,
      matterCode: application.matterCode,
      department: FOOD,
      level: '不满意',
      status: '有效',
    });
    expect(rated.body.rectification.status).to.equal('整改中');
    expect(rated.body.rectification.dueAt > '2026-11-02T01:30:00.000Z').to.equal(true);
    const again = await rate(caseId, '满意').expect(422);
    expect(again.body.code).to.equal('ALREADY_RATED');
    expect(again.body.message).to.have.keys(['zh', 'en']);
    const read = await request(server.app).get(`/api/ratings/${rated.body.ratingId}`).set(as('auditor-wu')).expect(200);
    expect(read.body.ratingId).to.equal(rated.body.ratingId);
    await request(server.app).get('/api/ratings/nope').set(as('admin')).expect(404);
  });

  it('should let the rated department follow up and complete the rectification, not another department (403); a supervisor decides an appeal', async () => {
    const caseId = await receive();
    const { ratingId } = (await rate(caseId, '非常不满意').expect(201)).body as { ratingId: string };
    await request(server.app)
      .post(`/api/ratings/${ratingId}/follow-ups`)
      .set(as('fire-qian'))
      .send({ method: '电话', summary: '已联系' })
      .expect(403);
    await request(server.app)
      .post(`/api/ratings/${ratingId}/completion`)
      .set(as('food-zhao'))
      .send({ measures: '增加窗口' })
      .expect(422);
    await request(server.app)
      .post(`/api/ratings/${ratingId}/follow-ups`)
      .set(as('food-zhao'))
      .send({ method: '电话', summary: '已向申请人说明并致歉', level: '基本满意' })
      .expect(200);
    const done = await request(server.app)
      .post(`/api/ratings/${ratingId}/completion`)
      .set(as('food-zhao'))
      .send({ measures: '高峰时段增开窗口' })
      .expect(200);
    expect(done.body.rectification.status).to.equal('已整改');

    const other = await receive();
    const second = (await rate(other, '非常不满意').expect(201)).body as { ratingId: string };
    await request(server.app)
      .post(`/api/ratings/${second.ratingId}/appeal`)
      .set(as('food-zhao'))
      .send({ reason: '恶意差评：与办件无关的辱骂' })
      .expect(200);
    await request(server.app)
      .post(`/api/ratings/${second.ratingId}/appeal-decision`)
      .set(as('food-zhao'))
      .send({ decision: 'uphold', opinion: '成立' })
      .expect(403);
    const decided = await request(server.app)
      .post(`/api/ratings/${second.ratingId}/appeal-decision`)
      .set(as('supervisor-sun'))
      .send({ decision: 'uphold', opinion: '经复核属恶意差评' })
      .expect(200);
    expect(decided.body.status).to.equal('已作废');
  });

  it('should publish statistics per department without a token but never per officer, and give officer figures to supervisors only', async () => {
    await rate(await receive(), '满意').expect(201);
    await rate(await receive(), '不满意').expect(201);
    const published = await request(server.app).get('/api/public/ratings/statistics?groupBy=department').expect(200);
    expect(published.body).to.have.length(1);
    expect(published.body[0]).to.deep.include({ key: FOOD, total: 2, bad: 1, satisfactionRate: 0.5 });
    expect(JSON.stringify(published.body)).to.not.contain('food-zhao');
    const officer = await request(server.app).get('/api/public/ratings/statistics?groupBy=officer').expect(400);
    expect(officer.body.field).to.equal('/query/groupBy');
    const internal = await request(server.app)
      .get('/api/ratings/statistics?groupBy=officer&from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z')
      .set(as('supervisor-sun'))
      .expect(200);
    expect(internal.body[0]).to.deep.include({ key: 'food-zhao', total: 2 });
    await request(server.app).get('/api/ratings/statistics?groupBy=officer').set(as('window-li')).expect(403);
  });
});
