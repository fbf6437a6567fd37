import { expect } from 'chai';
import path from 'node:path';
import { maskIdNumber } from '../../../engine/matters/index.js';
import { APPLICANT } from '../../engine/domain/support.js';
import { caseDatabase, type CaseFixture } from './case-fixture.js';
import { cli, tempDir, withoutStackTrace } from './cli-helpers.js';

describe('cli: matterflow replay', function () {
  this.timeout(60_000);
  const file = path.join(tempDir(), 'replay.sqlite');
  let fixture: CaseFixture;

  before(async () => {
    fixture = await caseDatabase(file);
  });

  it('should print the state at the end: 已受理 with the case clock and its due date, the 证件号码 masked', async () => {
    const run = await cli(['replay', '--database', file, fixture.caseId]);
    expect(run.code).to.equal(0);
    expect(run.stdout).to.contain(`as of seq ${fixture.lastSeq}`);
    expect(run.stdout).to.contain('办件 status: 已受理');
    expect(run.stdout).to.match(/case foodLicence: 10 工作日, due 2026-10-20T09:30:00\.000Z/);
    expect(run.stdout).to.match(/^ {2}review 审查 \(task /m);
    expect(run.stdout).to.contain(`applicant: 张三 居民身份证 ${maskIdNumber(APPLICANT.idNumber)}`);
    expect(run.stdout).not.to.contain(APPLICANT.idNumber);
  });

  it('should print the earlier state with --at SEQ: 已收件, no clock, and never the clear 证件号码', async () => {
    // when
    const run = await cli(['replay', '--database', file, fixture.caseId, '--at', String(fixture.receivedSeq)]);
    // then
    expect(run.code).to.equal(0);
    expect(run.stdout).to.contain(`as of seq ${fixture.receivedSeq}`);
    expect(run.stdout).to.contain('办件 status: 已收件');
    expect(run.stdout).to.contain('clocks: none');
    expect(run.stdout).to.contain(maskIdNumber(APPLICANT.idNumber));
    expect(run.stdout).not.to.contain(APPLICANT.idNumber);
  });

  it('should stop at the last event by --at TIME', async () => {
    const run = await cli(['replay', '--database', file, fixture.caseId, '--at', fixture.between]);
    expect(run.code).to.equal(0);
    expect(run.stdout).to.contain(`as of seq ${fixture.receivedSeq}`);
    expect(run.stdout).to.contain('办件 status: 已收件');
  });

  it('should print the masked state as JSON with --json, 证件号码 masked in the 办件 and in the variables', async () => {
    // when
    const run = await cli([
      'replay',
      '--database',
      file,
      fixture.caseId,
      '--at',
      String(fixture.receivedSeq),
      '--json',
    ]);
    // then
    expect(run.code).to.equal(0);
    expect(run.stdout).not.to.contain(APPLICANT.idNumber);
    const state = JSON.parse(run.stdout) as {
      seq: number;
      rootInstanceId: string;
      domain: { status: string; applicant: { idNumber: string } };
      variables: Record<string, Record<string, { 证件号码?: string }>>;
    };
    expect(state.seq).to.equal(fixture.receivedSeq);
    expect(state.domain.status).to.equal('已收件');
    expect(state.domain.applicant.idNumber).to.equal(maskIdNumber(APPLICANT.idNumber));
    expect(state.variables[state.rootInstanceId]?.['法定代表人']?.证件号码).to.equal(maskIdNumber(APPLICANT.idNumber));
  });

  it('should exit 1 with one line for a case that does not exist', async () => {
    const run = await cli(['replay', '--database', file, 'nope']);
    expect(run.code).to.equal(1);
    expect(run.stderr.trim()).to.equal('matterflow replay: no case nope');
    expect(withoutStackTrace(run)).to.equal(true);
  });

  for (const args of [
    ['replay'],
    ['replay', 'a', 'b'],
    ['replay', 'a', '--at', 'yesterday'],
    ['replay', 'a', '--at', '0'],
  ]) {
    it(`should exit 2 with the usage: matterflow ${args.join(' ')}`, async () => {
      const run = await cli(args);
      expect(run.code).to.equal(2);
      expect(run.stderr).to.contain('Usage: matterflow replay');
    });
  }
});
