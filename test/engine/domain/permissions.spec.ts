import { expect } from 'chai';
import { mayPerform, type Principal } from '../../../engine/domain/index.js';

const windowOfficer: Principal = { id: '窗口-李四', roles: ['window'] };
const fireOfficer: Principal = { id: '消防-钱九', roles: ['department'], department: '消防救援' };
const auditor: Principal = { id: '审计-吴十', roles: ['auditor'] };
const applicant: Principal = { id: 'applicant-1', roles: ['applicant'] };

describe('domain: who may do what', () => {
  it('a window officer receives, accepts and issues correction notices', () => {
    for (const op of [
      'case.receive',
      'case.accept',
      'case.acceptWithTolerance',
      'case.noticeCorrection',
      'case.refuse',
    ] as const) {
      expect(mayPerform(windowOfficer, op).allowed, op).to.equal(true);
    }
  });

  it('a department officer acts on tasks of their own department only', () => {
    expect(mayPerform(fireOfficer, 'task.complete', { taskDepartment: '消防救援' }).allowed).to.equal(true);
    const refused = mayPerform(fireOfficer, 'task.complete', { taskDepartment: '人防办' });
    expect(refused).to.deep.equal({ allowed: false, reason: '消防-钱九 of 消防救援 may not act on a task of 人防办' });
    expect(mayPerform(fireOfficer, 'case.accept').allowed).to.equal(false);
  });

  it('an auditor reads but changes nothing', () => {
    expect(mayPerform(auditor, 'case.read').allowed).to.equal(true);
    for (const op of ['task.complete', 'case.accept', 'case.revoke', 'case.withdraw', 'clock.extend'] as const) {
      expect(mayPerform(auditor, op).allowed, op).to.equal(false);
    }
  });

  it('an applicant withdraws and supplies materials on their own cases only', () => {
    expect(mayPerform(applicant, 'case.withdraw', { applicantId: 'applicant-1' }).allowed).to.equal(true);
    expect(mayPerform(applicant, 'case.withdraw', { applicantId: 'someone-else' }).allowed).to.equal(false);
    expect(mayPerform(applicant, 'case.accept', { applicantId: 'applicant-1' }).allowed).to.equal(false);
  });
});
