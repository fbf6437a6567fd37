/** 用户管理 over HTTP: administrators create, list, change, deactivate and reactivate users; an applicant bound to a 证件号码 sees their cases. */
import { expect } from 'chai';
import request from 'supertest';
import { FOOD_LICENCE_APPLICATION } from '../../support/applications.js';
import { testServer, type TestServer } from '../support.js';

const ZHANG = FOOD_LICENCE_APPLICATION.applicant.idNumber;
const LI = '11010119850101789X';

const withIdNumber = (idNumber: string) => ({
  ...FOOD_LICENCE_APPLICATION,
  applicant: { ...FOOD_LICENCE_APPLICATION.applicant, idNumber },
  form: { ...FOOD_LICENCE_APPLICATION.form, idNumber },
});

describe('server: 用户管理 (/api/users)', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await testServer();
  });
  afterEach(() => server.close());

  const as = (user: string) => ({ Authorization: `Bearer ${server.tokens[user]}` });
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  const create = (body: Record<string, unknown>, status = 201) =>
    request(server.app).post('/api/users').set(as('admin')).send(body).expect(status);
  const file = async (idNumber: string) =>
    (
      (await request(server.app).post('/api/cases').set(as('window-li')).send(withIdNumber(idNumber)).expect(201))
        .body as { caseId: string }
    ).caseId;

  it('should let an applicant bound to a 证件号码 list exactly the cases filed for that number', async () => {
    // given: cases filed at the window for 张三 and for 李四
    const zhangs = [await file(ZHANG), await file(ZHANG)].sort();
    await file(LI);

    // when: the administrator creates 张三's user, bound to his 证件号码
    const created = await create({ id: 'zhang-san', name: '张三', roles: ['applicant'], idNumber: ZHANG });

    // then: the answer shows the token once and never the number; the token lists his cases only
    const { user, token } = created.body as { user: Record<string, unknown>; token: string };
    expect(user).to.deep.include({
      id: 'zhang-san',
      name: '张三',
      roles: ['applicant'],
      boundIdentity: true,
      active: true,
    });
    expect(JSON.stringify(created.body)).to.not.contain(ZHANG);
    const listed = (await request(server.app).get('/api/cases').set(bearer(token)).expect(200)).body as Array<{
      caseId: string;
    }>;
    expect(listed.map((c) => c.caseId).sort()).to.deep.equal(zhangs);
  });

  it('should refuse every other role (403) and no token (401)', async () => {
    for (const user of ['window-li', 'food-zhao', 'auditor-wu', 'supervisor-sun']) {
      await request(server.app).get('/api/users').set(as(user)).expect(403);
      await request(server.app)
        .post('/api/users')
        .set(as(user))
        .send({ id: 'x', name: 'x', roles: ['auditor'] })
        .expect(403);
      await request(server.app).post('/api/users/window-li/deactivation').set(as(user)).expect(403);
    }
    await request(server.app).get('/api/users').expect(401);
  });

  it('should refuse a deactivated user’s token on their next request (401), and take it again after reactivation', async () => {
    // given
    await request(server.app).get('/api/tasks').set(as('window-li')).expect(200);

    // when
    const deactivated = await request(server.app)
      .post('/api/users/window-li/deactivation')
      .set(as('admin'))
      .expect(200);

    // then
    expect(deactivated.body).to.include({ id: 'window-li', active: false, deactivatedBy: 'admin' });
    const refused = await request(server.app).get('/api/tasks').set(as('window-li')).expect(401);
    expect(refused.body).to.include({ code: 'UNAUTHENTICATED' });
    await request(server.app).delete('/api/users/window-li/deactivation').set(as('admin')).expect(200);
    await request(server.app).get('/api/tasks').set(as('window-li')).expect(200);
  });

  it('should answer 400 naming the field: an unknown role, a department officer without a department, a 证件号码 for a window officer', async () => {
    const unknownRole = await create({ id: 'boss', name: '老板', roles: ['boss'] }, 400);
    expect(unknownRole.body).to.include({ code: 'INVALID_INPUT', field: '/body/roles/0' });
    const noDepartment = await create({ id: 'zhao', name: '赵六', roles: ['department'] }, 400);
    expect(noDepartment.body).to.include({ code: 'USER_INVALID', field: '/body/department' });
    expect(noDepartment.body.message.zh).to.contain('部门');
    const windowWithId = await create({ id: 'li', name: '李四', roles: ['window'], idNumber: LI }, 400);
    expect(windowWithId.body).to.include({ code: 'USER_INVALID', field: '/body/idNumber' });
    expect(JSON.stringify(windowWithId.body)).to.not.contain(LI);
    const extra = await create({ id: 'li', name: '李四', roles: ['window'], admin: true }, 400);
    expect(extra.body).to.include({ code: 'INVALID_INPUT' });
  });

  it('should answer 409 to a taken id, and to an administrator deactivating or demoting themselves', async () => {
    const taken = await create({ id: 'window-li', name: '李', roles: ['window'] }, 409);
    expect(taken.body).to.include({ code: 'USER_EXISTS', field: '/body/id' });
    const self = await request(server.app).post('/api/users/admin/deactivation').set(as('admin')).expect(409);
    expect(self.body).to.include({ code: 'SELF_LOCK_OUT' });
    const demoted = await request(server.app)
      .patch('/api/users/admin')
      .set(as('admin'))
      .send({ roles: ['auditor'] })
      .expect(409);
    expect(demoted.body.message.zh).to.contain('管理员');
  });

  it('should change a user’s roles and department, effective on their next request', async () => {
    const changed = await request(server.app)
      .patch('/api/users/window-li')
      .set(as('admin'))
      .send({ roles: ['department'], department: '消防救援' })
      .expect(200);
    expect(changed.body).to.deep.include({ roles: ['department'], department: '消防救援', updatedBy: 'admin' });
    await request(server.app).get('/api/supervision/signals').set(as('window-li')).expect(200);
    await request(server.app).post('/api/cases').set(as('window-li')).send(FOOD_LICENCE_APPLICATION).expect(403);
  });

  it('should list users with search and paging, without hashes, and read one', async () => {
    const page = await request(server.app).get('/api/users?limit=2&offset=0').set(as('admin')).expect(200);
    expect(page.body).to.include({ total: 6, limit: 2, offset: 0 });
    expect(page.body.users.map((u: { id: string }) => u.id)).to.deep.equal(['admin', 'auditor-wu']);
    const found = await request(server.app)
      .get(`/api/users?q=${encodeURIComponent('消防')}`)
      .set(as('admin'))
      .expect(200);
    expect(found.body.users.map((u: { id: string }) => u.id)).to.deep.equal(['fire-qian']);
    const byRole = await request(server.app).get('/api/users?role=department').set(as('admin')).expect(200);
    expect(byRole.body.users.map((u: { id: string }) => u.id)).to.deep.equal(['fire-qian', 'food-zhao']);
    expect(JSON.stringify(byRole.body)).to.not.match(/hash|token/i);
    await request(server.app).get('/api/users/food-zhao').set(as('admin')).expect(200);
    const missing = await request(server.app).get('/api/users/nobody').set(as('admin')).expect(404);
    expect(missing.body).to.include({ code: 'USER_NOT_FOUND' });
  });

  it('should reset a password: the user logs in with the new one', async () => {
    await request(server.app)
      .post('/api/users/window-li/password')
      .set(as('admin'))
      .send({ password: '新的密码-2026' })
      .expect(200);
    await request(server.app)
      .post('/api/auth/login')
      .send({ user: 'window-li', password: '新的密码-2026' })
      .expect(200);
    const short = await request(server.app)
      .post('/api/users/window-li/password')
      .set(as('admin'))
      .send({ password: 'short' })
      .expect(400);
    expect(short.body).to.include({ field: '/body/password' });
  });

  it('should show the token to the first answer only: a retry with the same Idempotency-Key answers token null', async () => {
    const body = { id: 'auditor-zhou', name: '周', roles: ['auditor'] };
    const first = await request(server.app)
      .post('/api/users')
      .set(as('admin'))
      .set('Idempotency-Key', 'k-1')
      .send(body)
      .expect(201);
    expect(first.body.token).to.be.a('string');
    const retry = await request(server.app)
      .post('/api/users')
      .set(as('admin'))
      .set('Idempotency-Key', 'k-1')
      .send(body)
      .expect(201);
    expect(retry.body.token).to.equal(null);
    expect(retry.body.user).to.deep.equal(first.body.user);
    const stored = await server.db.database.knex('idempotency_keys').select('body');
    expect(JSON.stringify(stored)).to.not.contain(first.body.token);
  });

  it('should appear in the OpenAPI document', async () => {
    const doc = (await request(server.app).get('/api/openapi.json').expect(200)).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    expect(Object.keys(doc.paths['/api/users/{userId}'] ?? {})).to.include.members(['get', 'patch']);
    expect(Object.keys(doc.paths['/api/users/{userId}/deactivation'] ?? {})).to.deep.equal(['post', 'delete']);
  });
});
