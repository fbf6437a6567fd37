import { expect } from 'chai';
import request from 'supertest';
import { testServer, type TestServer } from '../support.js';

describe('Server: the department register', function () {
  this.timeout(60_000);
  let server: TestServer;
  before(async () => {
    server = await testServer();
  });
  after(async () => server.close());
  const as = (user: string) => `Bearer ${server.tokens[user]}`;

  it('lists the departments the shipped processes name and those officers belong to, in Chinese order', async () => {
    const { body } = await request(server.app).get('/api/departments').set('Authorization', as('admin')).expect(200);
    const names = (body as Array<{ name: string; sources: string[] }>).map((department) => department.name);
    expect(names).to.include.members(['西湖区市场监督管理局行政许可科', '西湖区住房和城乡建设局', '消防救援']);
    expect(body.find((department: { name: string }) => department.name === '消防救援').sources).to.deep.equal([
      'users',
    ]);
    expect(
      body.find((department: { name: string }) => department.name === '西湖区市场监督管理局行政许可科').sources,
    ).to.deep.equal(['processes', 'users']);
    expect(names).to.deep.equal([...names].sort(new Intl.Collator('zh-CN').compare));
  });

  it('an administrator adds a department once; a second time is a 409 naming it; others may not add', async () => {
    await request(server.app)
      .post('/api/departments')
      .set('Authorization', as('admin'))
      .send({ name: '西湖区数据资源管理局' })
      .expect(201);
    const again = await request(server.app)
      .post('/api/departments')
      .set('Authorization', as('admin'))
      .send({ name: '西湖区数据资源管理局' })
      .expect(409);
    expect(again.body.message.zh).to.contain('西湖区数据资源管理局');
    await request(server.app)
      .post('/api/departments')
      .set('Authorization', as('window-li'))
      .send({ name: '任意部门' })
      .expect(403);
    const { body } = await request(server.app)
      .get('/api/departments')
      .set('Authorization', as('window-li'))
      .expect(200);
    expect(body).to.deep.include({ name: '西湖区数据资源管理局', sources: ['register'] });
  });

  it('refuses a blank or padded name, naming the field', async () => {
    const refused = await request(server.app)
      .post('/api/departments')
      .set('Authorization', as('admin'))
      .send({ name: ' 部门 ' })
      .expect(400);
    expect(refused.body.field).to.equal('/body/name');
  });
});
