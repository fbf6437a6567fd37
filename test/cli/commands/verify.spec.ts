import { expect } from 'chai';
import path from 'node:path';
import { openDatabase } from '../../../engine/store/index.js';
import { caseDatabase } from './case-fixture.js';
import { cli, tempDir, withoutStackTrace } from './cli-helpers.js';

/** What an offline tamperer does: change one stored event's data in place. */
async function tamper(file: string, caseId: string, seq: number): Promise<void> {
  const db = await openDatabase({ client: 'sqlite', filename: file });
  try {
    const row = (await db.knex('case_events').where({ case_id: caseId, seq }).first('data')) as { data: string };
    const data = JSON.parse(row.data) as Record<string, unknown>;
    await db
      .knex('case_events')
      .where({ case_id: caseId, seq })
      .update({ data: JSON.stringify({ ...data, tampered: true }) });
  } finally {
    await db.close();
  }
}

describe('cli: matterflow verify', function () {
  this.timeout(60_000);
  const dir = tempDir();
  const file = path.join(dir, 'audit.sqlite');

  before(async () => {
    // two cases, so --all must name the broken one among others
    await caseDatabase(file, 'case-a');
    await caseDatabase(file, 'case-b');
  });

  it('should pass a clean database with exit 0: --all and named cases', async () => {
    const all = await cli(['verify', '--database', file, '--all']);
    expect(all.code).to.equal(0);
    expect(all.stdout.trim()).to.equal('2 verified, 0 failed');
    expect(all.stderr).to.equal('');
    const named = await cli(['verify', '--database', file, 'case-a']);
    expect(named.code).to.equal(0);
    expect(named.stdout.trim()).to.equal('1 verified, 0 failed');
  });

  it('should exit 1 naming the tampered case and the seq where its chain breaks', async () => {
    // given
    await tamper(file, 'case-b', 2);
    // when
    const run = await cli(['verify', '--database', file, '--all']);
    const json = await cli(['verify', '--database', file, '--all', '--json']);
    // then
    expect(run.code).to.equal(1);
    const lines = run.stdout.trim().split('\n');
    expect(lines).to.have.length(2);
    expect(lines[0]).to.match(/^case-b: broken at seq 2: \S/);
    expect(lines[1]).to.equal('1 verified, 1 failed');
    expect(json.code).to.equal(1);
    const [failure, summary] = json.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(failure).to.include({ caseId: 'case-b', ok: false, brokenAtSeq: 2 });
    expect(summary).to.deep.equal({ verified: 1, failed: 1 });
  });

  it('should fail a case that does not exist', async () => {
    const run = await cli(['verify', '--database', file, 'case-a', 'nope']);
    expect(run.code).to.equal(1);
    expect(run.stdout).to.match(/^nope: broken at seq 0: /m);
    expect(run.stdout).to.contain('1 verified, 1 failed');
  });

  it('should exit 1 with one line, no stack trace, when the database file does not exist', async () => {
    const missing = path.join(dir, 'missing.sqlite');
    const run = await cli(['verify', '--database', missing, '--all']);
    expect(run.code).to.equal(1);
    expect(run.stderr.trim()).to.equal(`matterflow verify: no database at ${missing}`);
    expect(withoutStackTrace(run)).to.equal(true);
  });

  for (const args of [['verify'], ['verify', '--all', 'case-a'], ['verify', '--at', '3']]) {
    it(`should exit 2 with the usage: matterflow ${args.join(' ')}`, async () => {
      const run = await cli(args);
      expect(run.code).to.equal(2);
      expect(run.stderr).to.contain('Usage: matterflow verify');
    });
  }
});
