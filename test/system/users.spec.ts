/**
 * 用户管理 in the running server: an administrator creates a user over HTTP, the user's token and
 * login session work, the administrator deactivates them, and the very next request with either
 * is refused (401) — no cache between the database and the check. The log holds neither the new
 * token, nor the password, nor the applicant's 证件号码.
 */
import { expect } from 'chai';
import { ServerProcess } from './support/server-process.js';

const ID_NUMBER = '330102199001011234';
const PASSWORD = 'zhang-san-密码-2026';

describe('system: users created and deactivated over HTTP', function () {
  this.timeout(90_000);
  let server: ServerProcess | undefined;
  before(async () => {
    server = await ServerProcess.start();
  });
  after(async () => {
    await server?.dispose();
  });

  it('should create a user whose token works, and refuse it (401) on the request after deactivation', async () => {
    const s = server!;
    // when: the administrator creates an applicant bound to a 证件号码
    const created = await s.request<{ user: { id: string; boundIdentity: boolean }; token: string }>('/api/users', {
      body: { id: 'zhang-san', name: '张三', roles: ['applicant'], idNumber: ID_NUMBER, password: PASSWORD },
      headers: { 'Idempotency-Key': 'create-zhang-san' },
    });
    expect(created.status, created.text).to.equal(201);
    expect(created.body.user).to.include({ id: 'zhang-san', boundIdentity: true });
    const token = created.body.token;

    // then: the token and a login session work
    expect((await s.request('/api/cases', { token })).status).to.equal(200);
    const session = await s.login('zhang-san', PASSWORD);
    expect((await s.request('/api/auth/me', { token: session })).status).to.equal(200);

    // when: deactivated
    const deactivated = await s.request('/api/users/zhang-san/deactivation', { method: 'POST' });
    expect(deactivated.status, deactivated.text).to.equal(200);

    // then: refused at once, token and session alike, and no new login
    expect((await s.request('/api/cases', { token })).status).to.equal(401);
    expect((await s.request('/api/auth/me', { token: session })).status).to.equal(401);
    const again = await s.request('/api/auth/login', { token: null, body: { user: 'zhang-san', password: PASSWORD } });
    expect(again.status).to.equal(401);

    // and: reactivated, the token works again
    expect((await s.request('/api/users/zhang-san/deactivation', { method: 'DELETE' })).status).to.equal(200);
    expect((await s.request('/api/cases', { token })).status).to.equal(200);

    expect(s.log).to.not.contain(ID_NUMBER).and.not.contain(token).and.not.contain(PASSWORD);
  });
});
