import { expect } from 'chai';
import path from 'node:path';
import { applicantKey, openDatabase } from '../../../engine/store/index.js';
import { principalForToken } from '../../../engine/users-store/index.js';
import { cli, tempDir, withoutStackTrace } from './cli-helpers.js';

describe('cli: matterflow user add', () => {
  it('should create a user whose printed token authenticates, storing only its hash', async () => {
    const file = path.join(tempDir(), 'm.sqlite');
    const run = await cli([
      'user',
      'add',
      'fire-qian',
      '--name',
      '钱九',
      '--role',
      'department',
      '--department',
      '消防救援',
      '--database',
      file,
    ]);
    expect(run.code).to.equal(0);
    const token = run.stdout.trim();
    const db = await openDatabase({ client: 'sqlite', filename: file });
    try {
      expect(await principalForToken(db.knex, token)).to.deep.equal({
        id: 'fire-qian',
        roles: ['department'],
        department: '消防救援',
      });
      const row = (await db.knex('users').where({ user_id: 'fire-qian' }).first()) as Record<string, unknown>;
      expect(JSON.stringify(row)).to.not.contain(token);
    } finally {
      await db.close();
    }
  });

  it('should refuse a second user with the same id (exit 1) and an unknown role (exit 2), without a stack trace', async () => {
    const file = path.join(tempDir(), 'm.sqlite');
    expect((await cli(['user', 'add', 'a', '--name', 'A', '--role', 'admin', '--database', file])).code).to.equal(0);
    const again = await cli(['user', 'add', 'a', '--name', 'A', '--role', 'admin', '--database', file]);
    expect(again.code).to.equal(1);
    expect(withoutStackTrace(again)).to.equal(true);
    expect((await cli(['user', 'add', 'b', '--name', 'B', '--role', 'boss', '--database', file])).code).to.equal(2);
    const noDepartment = await cli(['user', 'add', 'c', '--name', 'C', '--role', 'department', '--database', file]);
    expect(noDepartment.code).to.equal(1);
    // In Chinese first, naming the option to add; the English beside it.
    expect(noDepartment.stderr).to.contain('部门审批人员必须选择所属部门（--department 部门名称）');
  });

  it('should bind an applicant to the 证件号码 of --id-number, storing only its key', async () => {
    const file = path.join(tempDir(), 'm.sqlite');
    const run = await cli([
      'user',
      'add',
      'zhang-san',
      '--name',
      '张三',
      '--role',
      'applicant',
      '--id-number',
      '330102199001011234',
      '--database',
      file,
    ]);
    expect(run.code, run.stderr).to.equal(0);
    const db = await openDatabase({ client: 'sqlite', filename: file });
    try {
      expect(await principalForToken(db.knex, run.stdout.trim())).to.deep.equal({
        id: 'zhang-san',
        roles: ['applicant'],
        applicantKey: applicantKey('330102199001011234'),
      });
      const row = (await db.knex('users').where({ user_id: 'zhang-san' }).first()) as Record<string, unknown>;
      expect(JSON.stringify(row)).to.not.contain('330102199001011234');
    } finally {
      await db.close();
    }
    const notApplicant = await cli([
      'user',
      'add',
      'li',
      '--name',
      '李四',
      '--role',
      'window',
      '--id-number',
      '11010119850101789X',
      '--database',
      file,
    ]);
    expect(notApplicant.code).to.equal(1);
    expect(notApplicant.stderr).to.contain('idNumber');
  });

  it('should deactivate a user: their token no longer authenticates', async () => {
    const file = path.join(tempDir(), 'm.sqlite');
    expect((await cli(['user', 'add', 'a', '--name', 'A', '--role', 'admin', '--database', file])).code).to.equal(0);
    const token = (
      await cli(['user', 'add', 'w', '--name', 'W', '--role', 'window', '--database', file])
    ).stdout.trim();
    expect((await cli(['user', 'deactivate', 'w', '--database', file])).code).to.equal(0);
    expect((await cli(['user', 'deactivate', 'a', '--database', file])).code).to.equal(1);
    expect((await cli(['user', 'deactivate', 'nobody', '--database', file])).code).to.equal(1);
    const db = await openDatabase({ client: 'sqlite', filename: file });
    try {
      expect(await principalForToken(db.knex, token)).to.equal(null);
    } finally {
      await db.close();
    }
  });
});
