/** Administering users in the store: deactivation refuses tokens at once, no lock-out, applicants bound by 证件号码. */
import { expect } from 'chai';
import type { Knex } from 'knex';
import { applicantKey, migrateLatest } from '../../../engine/store/index.js';
import {
  createUser,
  deactivateUser,
  getUser,
  listUsers,
  login,
  principalForToken,
  reactivateUser,
  setPassword,
  updateUser,
  userProfile,
  UserExistsError,
  UserInvalidError,
  UserLockOutError,
} from '../../../engine/users-store/index.js';
import { openTestDatabase, testDialect, type TestDatabase } from '../../support/test-database.js';

const AT = '2026-11-02T01:30:00.000Z';
const LATER = '2026-11-02T02:00:00.000Z';
const NOW = new Date('2026-11-02T03:00:00.000Z');
const ZHANG = '330102199001011234';
const FOOD = '西湖区市场监督管理局行政许可科';

describe(`users store: administering users (${testDialect()})`, () => {
  let db: TestDatabase;
  let knex: Knex;
  const by = (actor: string, at = LATER) => ({ actor, at });
  const create = async (id: string, roles: Parameters<typeof createUser>[1]['roles'], extra = {}) =>
    (await createUser(knex, { id, name: id, roles, ...extra }, { actor: 'admin', at: AT })).token;

  beforeEach(async () => {
    db = await openTestDatabase();
    await migrateLatest(db.database);
    knex = db.database.knex;
    await create('admin', ['admin']);
  });
  afterEach(() => db.dispose());

  describe('deactivation', () => {
    it('should refuse a deactivated user’s API token and login session at once, and accept the token again on reactivation', async () => {
      // given
      const token = await create('window-li', ['window'], { password: 'window-li-密码-2026' });
      const session = await login(knex, 'window-li', 'window-li-密码-2026', { now: NOW, ttlMs: 3_600_000 });
      expect(await principalForToken(knex, session!.token, NOW)).to.deep.equal({ id: 'window-li', roles: ['window'] });

      // when
      const deactivated = await deactivateUser(knex, 'window-li', by('admin'));

      // then
      expect(deactivated).to.include({ active: false, deactivatedAt: LATER, deactivatedBy: 'admin' });
      expect(await principalForToken(knex, token, NOW)).to.equal(null);
      expect(await principalForToken(knex, session!.token, NOW)).to.equal(null);
      expect(await knex('sessions').where({ user_id: 'window-li' })).to.have.length(0);
      expect(await login(knex, 'window-li', 'window-li-密码-2026', { now: NOW, ttlMs: 3_600_000 })).to.equal(null);

      // when
      const reactivated = await reactivateUser(knex, 'window-li', by('admin'));

      // then
      expect(reactivated).to.include({ active: true });
      expect(reactivated).to.not.have.property('deactivatedAt');
      expect(await principalForToken(knex, token, NOW)).to.deep.equal({ id: 'window-li', roles: ['window'] });
    });

    it('should NOT let an administrator deactivate themselves', async () => {
      await create('admin-2', ['admin']);
      const refusal = await deactivateUser(knex, 'admin', by('admin')).catch((error: unknown) => error);
      expect(refusal).to.be.instanceOf(UserLockOutError).and.include({ code: 'SELF_LOCK_OUT' });
      expect(await getUser(knex, 'admin')).to.include({ active: true });
    });

    it('should NOT deactivate the last active administrator, but one of two', async () => {
      // given: admin-2 is the only other administrator, and then deactivated
      await create('admin-2', ['admin', 'auditor']);
      await deactivateUser(knex, 'admin-2', by('admin'));
      await create('admin-3', ['admin']);

      // when: admin-3 deactivates admin (two active), then admin-3 is the last
      await deactivateUser(knex, 'admin', by('admin-3'));
      await reactivateUser(knex, 'admin-2', by('admin-3'));
      await deactivateUser(knex, 'admin-2', by('admin-3'));

      // then
      const refusal = await updateUser(knex, 'admin-3', { roles: ['auditor'] }, by('admin-2')).catch(
        (error: unknown) => error,
      );
      expect(refusal).to.be.instanceOf(UserLockOutError).and.include({ code: 'LAST_ADMIN' });
      expect((await listUsers(knex, { role: 'admin', active: true })).users.map((u) => u.id)).to.deep.equal([
        'admin-3',
      ]);
    });
  });

  describe('changing roles', () => {
    it('should NOT let an administrator remove their own admin role, even with another administrator left', async () => {
      await create('admin-2', ['admin']);
      const refusal = await updateUser(knex, 'admin', { roles: ['auditor'] }, by('admin')).catch(
        (error: unknown) => error,
      );
      expect(refusal).to.be.instanceOf(UserLockOutError).and.include({ code: 'SELF_LOCK_OUT' });
      expect(await updateUser(knex, 'admin', { roles: ['admin', 'auditor'] }, by('admin'))).to.include({
        updatedBy: 'admin',
      });
    });

    it('should take a new role and department on the user’s next request', async () => {
      const token = await create('zhao', ['window']);
      const changed = await updateUser(knex, 'zhao', { roles: ['department'], department: FOOD }, by('admin'));
      expect(changed).to.deep.include({ roles: ['department'], department: FOOD, updatedAt: LATER });
      expect(await principalForToken(knex, token, NOW)).to.deep.equal({
        id: 'zhao',
        roles: ['department'],
        department: FOOD,
      });
    });

    it('should refuse a department officer without a department, naming the field', async () => {
      await create('zhao', ['window']);
      const refusal = await updateUser(knex, 'zhao', { roles: ['department'] }, by('admin')).catch(
        (error: unknown) => error,
      );
      expect(refusal).to.be.instanceOf(UserInvalidError).and.include({ field: 'department' });
    });
  });

  describe('applicants', () => {
    it('should bind an applicant to the key of their 证件号码, never storing the number', async () => {
      // when
      const token = await create('zhang-san', ['applicant'], { idNumber: ZHANG });

      // then
      expect(await principalForToken(knex, token, NOW)).to.deep.equal({
        id: 'zhang-san',
        roles: ['applicant'],
        applicantKey: applicantKey(ZHANG),
      });
      expect(await userProfile(knex, 'zhang-san')).to.deep.include({ applicantKey: applicantKey(ZHANG) });
      expect(await getUser(knex, 'zhang-san')).to.include({ boundIdentity: true });
      const row = (await knex('users').where({ user_id: 'zhang-san' }).first()) as Record<string, unknown>;
      expect(JSON.stringify(row)).to.not.contain(ZHANG).and.not.contain(token);
    });

    it('should rebind and unbind an applicant’s 证件号码', async () => {
      const token = await create('zhang-san', ['applicant']);
      await updateUser(knex, 'zhang-san', { idNumber: ZHANG }, by('admin'));
      expect(await principalForToken(knex, token, NOW)).to.include({ applicantKey: applicantKey(ZHANG) });
      await updateUser(knex, 'zhang-san', { idNumber: null }, by('admin'));
      expect(await principalForToken(knex, token, NOW)).to.not.have.property('applicantKey');
    });

    it('should NOT bind a 证件号码 to someone who is not an applicant, nor drop the applicant role of a bound one', async () => {
      const asWindow = await createUser(
        knex,
        { id: 'li', name: '李', roles: ['window'], idNumber: ZHANG },
        { actor: 'admin', at: AT },
      ).catch((error: unknown) => error);
      expect(asWindow).to.be.instanceOf(UserInvalidError).and.include({ field: 'idNumber' });
      await create('zhang-san', ['applicant'], { idNumber: ZHANG });
      const dropped = await updateUser(knex, 'zhang-san', { roles: ['window'] }, by('admin')).catch(
        (error: unknown) => error,
      );
      expect(dropped).to.be.instanceOf(UserInvalidError).and.include({ field: 'roles' });
    });
  });

  describe('creating and listing', () => {
    it('should refuse a taken id', async () => {
      const again = await create('admin', ['auditor']).catch((error: unknown) => error);
      expect(again).to.be.instanceOf(UserExistsError);
    });

    it('should search by id, name, department and role, page by id, and never answer a hash', async () => {
      // given
      await createUser(knex, { id: 'food-zhao', name: '赵六', roles: ['department'], department: FOOD }, by('admin'));
      await createUser(
        knex,
        { id: 'fire-qian', name: '钱九', roles: ['department'], department: '消防救援' },
        by('admin'),
      );
      await create('window-li', ['window'], { password: 'window-li-密码-2026' });
      await deactivateUser(knex, 'window-li', by('admin'));

      // then
      const ids = async (query: Parameters<typeof listUsers>[1]) =>
        (await listUsers(knex, query)).users.map((user) => user.id);
      expect(await ids({ q: '赵' })).to.deep.equal(['food-zhao']);
      expect(await ids({ q: 'ZHAO' })).to.deep.equal(['food-zhao']);
      expect(await ids({ q: '消防' })).to.deep.equal(['fire-qian']);
      expect(await ids({ q: 'department' })).to.deep.equal(['fire-qian', 'food-zhao']);
      expect(await ids({ q: '%' })).to.deep.equal([]);
      expect(await ids({ department: FOOD })).to.deep.equal(['food-zhao']);
      expect(await ids({ active: false })).to.deep.equal(['window-li']);
      const page = await listUsers(knex, { limit: 2, offset: 1 });
      expect(page).to.include({ total: 4, limit: 2, offset: 1 });
      expect(page.users.map((user) => user.id)).to.deep.equal(['fire-qian', 'food-zhao']);
      const all = JSON.stringify(await listUsers(knex));
      expect(all).to.not.match(/hash|scrypt/i);
      expect((await getUser(knex, 'window-li'))!.hasPassword).to.equal(true);
    });

    it('should end a user’s sessions when an administrator resets their password', async () => {
      await create('window-li', ['window'], { password: 'window-li-密码-2026' });
      const session = await login(knex, 'window-li', 'window-li-密码-2026', { now: NOW, ttlMs: 3_600_000 });
      expect(await setPassword(knex, 'window-li', '新的密码-2026', by('admin'))).to.equal(true);
      expect(await principalForToken(knex, session!.token, NOW)).to.equal(null);
      expect(await login(knex, 'window-li', '新的密码-2026', { now: NOW, ttlMs: 3_600_000 })).to.not.equal(null);
      expect(await getUser(knex, 'window-li')).to.include({ updatedBy: 'admin' });
    });
  });
});
