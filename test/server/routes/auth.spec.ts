import { expect } from 'chai';
import request from 'supertest';
import { passwordOf, testServer, type TestServer } from '../support.js';

describe('Server: logging in to the workspace', function () {
  this.timeout(60_000);
  let server: TestServer;
  before(async () => {
    server = await testServer({ passwords: true, loginRateLimit: 5, sessionTtlMs: 2_000 });
  });
  after(async () => server.close());

  it('a department officer logs in with their password and the session token reads their own worklist', async () => {
    const login = await request(server.app)
      .post('/api/auth/login')
      .send({ user: 'food-zhao', password: passwordOf('food-zhao') })
      .expect(200);
    expect(login.body.user).to.deep.include({
      id: 'food-zhao',
      roles: ['department'],
      department: '西湖区市场监督管理局行政许可科',
    });
    expect(login.body.token).to.be.a('string').with.length.greaterThan(30);
    const me = await request(server.app)
      .get('/api/auth/me')
      .set('Authorization', `Bearer ${login.body.token}`)
      .expect(200);
    expect(me.body).to.deep.include({ id: 'food-zhao', name: 'food-zhao' });
    await request(server.app).get('/api/tasks').set('Authorization', `Bearer ${login.body.token}`).expect(200);
  });

  it('a wrong password and an unknown user get the same 401, which does not say which was wrong', async () => {
    const wrong = await request(server.app)
      .post('/api/auth/login')
      .send({ user: 'window-li', password: 'not-the-password' })
      .expect(401);
    const unknown = await request(server.app)
      .post('/api/auth/login')
      .send({ user: 'nobody', password: 'not-the-password' })
      .expect(401);
    expect(wrong.body).to.deep.equal(unknown.body);
    expect(wrong.body.message.zh).to.equal('用户名或密码错误');
  });

  it('a user created without a password cannot log in with any password', async () => {
    const plain = await testServer();
    try {
      await request(plain.app).post('/api/auth/login').send({ user: 'admin', password: '' }).expect(400);
      await request(plain.app).post('/api/auth/login').send({ user: 'admin', password: 'anything-at-all' }).expect(401);
    } finally {
      await plain.close();
    }
  });

  it('after logging out the session token is refused; the API token of the same user still works', async () => {
    const login = await request(server.app)
      .post('/api/auth/login')
      .send({ user: 'auditor-wu', password: passwordOf('auditor-wu') })
      .expect(200);
    await request(server.app).post('/api/auth/logout').set('Authorization', `Bearer ${login.body.token}`).expect(200);
    await request(server.app).get('/api/auth/me').set('Authorization', `Bearer ${login.body.token}`).expect(401);
    await request(server.app)
      .get('/api/auth/me')
      .set('Authorization', `Bearer ${server.tokens['auditor-wu']}`)
      .expect(200);
  });

  it('a session expires', async () => {
    const login = await request(server.app)
      .post('/api/auth/login')
      .send({ user: 'supervisor-sun', password: passwordOf('supervisor-sun') })
      .expect(200);
    await request(server.app).get('/api/auth/me').set('Authorization', `Bearer ${login.body.token}`).expect(200);
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    await request(server.app).get('/api/auth/me').set('Authorization', `Bearer ${login.body.token}`).expect(401);
  });

  it('guessing passwords is cut off after a few attempts a minute for that user, with a Chinese message', async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 7; attempt++)
      statuses.push(
        (
          await request(server.app)
            .post('/api/auth/login')
            .send({ user: 'admin', password: `guess-${attempt}` })
        ).status,
      );
    expect(statuses.slice(0, 5)).to.deep.equal([401, 401, 401, 401, 401]);
    const refused = await request(server.app)
      .post('/api/auth/login')
      .send({ user: 'admin', password: passwordOf('admin') })
      .expect(429);
    expect(refused.body.message.zh).to.contain('登录尝试过于频繁');
  });
});
