import { expect } from 'chai';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { cli, tempDir } from './cli-helpers.js';

describe('cli: matterflow migrate', function () {
  this.timeout(60_000);
  const dir = tempDir();

  it('should apply every migration to an empty file and print each, then nothing the second time', async () => {
    // given
    const database = path.join(dir, 'empty.sqlite');
    // when
    const first = await cli(['migrate', '--database', database]);
    const second = await cli(['migrate', '--database', database]);
    // then
    expect(first.code).to.equal(0);
    const applied = first.stdout.trim().split('\n');
    expect(applied.length).to.be.greaterThan(3);
    expect(applied[0]).to.match(/^applied 2025\d+_initial$/);
    expect(second.code).to.equal(0);
    expect(second.stdout).to.equal('');
    expect(second.stderr).to.contain('up to date');
  });

  it('should use $MATTERFLOW_DATA_DIR/matterflow.sqlite without --database, as the server does', async () => {
    // given
    const dataDir = path.join(dir, 'data');
    // when
    const run = await cli(['migrate'], { MATTERFLOW_DATA_DIR: dataDir });
    // then
    expect(run.code).to.equal(0);
    expect(existsSync(path.join(dataDir, 'matterflow.sqlite'))).to.equal(true);
  });

  it('should exit 2 with the usage for an unexpected argument', async () => {
    const run = await cli(['migrate', 'now', '--database', path.join(dir, 'x.sqlite')]);
    expect(run.code).to.equal(2);
    expect(run.stderr).to.contain('Usage: matterflow migrate');
  });

  it('should print its help with --help', async () => {
    const run = await cli(['migrate', '--help']);
    expect(run.code).to.equal(0);
    expect(run.stdout).to.contain('Usage: matterflow migrate');
  });
});
