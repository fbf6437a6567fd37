import { expect } from 'chai';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../../engine/model/helpers.js';
import { cli, tempDir } from './cli-helpers.js';

const HOLIDAY_CN_2020 = path.join(repoRoot, 'test', 'fixtures', 'calendar', 'holiday-cn-2020.json');

describe('cli: matterflow calendar', function () {
  this.timeout(60_000);
  const dir = tempDir();
  const database = path.join(dir, 'calendar.sqlite');

  it('should import a holiday-cn year, print what changed, then find nothing to change the second time', async () => {
    // when
    const first = await cli(['calendar', 'import', '--database', database, '--layout', 'holiday-cn', HOLIDAY_CN_2020]);
    const second = await cli(['calendar', 'import', '--database', database, HOLIDAY_CN_2020]);
    // then
    expect(first.code).to.equal(0);
    expect(first.stdout).to.contain('imported holiday-cn: 2020');
    expect(first.stdout).to.match(/^days: 37 added, 0 changed, 0 removed, 0 unchanged$/m);
    expect(first.stdout).to.contain('local corrections kept: none');
    expect(first.stdout).to.contain('due dates recomputed: 0 case(s) changed');
    expect(second.code).to.equal(0);
    expect(second.stdout).to.match(/^days: 0 added, 0 changed, 0 removed, 37 unchanged$/m);
  });

  it('should show an imported year as official, with its off days and make-up working days', async () => {
    const run = await cli(['calendar', 'show', '2020', '--database', database]);
    expect(run.code).to.equal(0);
    expect(run.stdout).to.match(/^2020: official \(sources: holiday-cn\)$/m);
    const [, off, makeUp] = run.stdout.split(/^(?:off days|make-up working days):$/m);
    expect(off).to.contain('  2020-01-01 元旦 (holiday-cn)');
    expect(off).to.contain('  2020-10-08 国庆节、中秋节 (holiday-cn)');
    expect(makeUp).to.contain('  2020-01-19 春节 (holiday-cn)');
    expect(makeUp).not.to.contain('2020-01-01');
  });

  it('should show a year without an imported notice as provisional', async () => {
    const run = await cli(['calendar', 'show', '2019', '--database', database]);
    expect(run.code).to.equal(0);
    expect(run.stdout).to.match(/^2019: provisional/);
  });

  it('should NOT import a file in neither layout: exit 1 with one line, nothing imported', async () => {
    // given
    const bad = path.join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ year: 2021 }));
    // when
    const run = await cli(['calendar', 'import', '--database', database, bad]);
    const show = await cli(['calendar', 'show', '2021', '--database', database]);
    // then
    expect(run.code).to.equal(1);
    expect(run.stderr.trim().split('\n')).to.have.length(1);
    expect(run.stderr).to.contain('refused, nothing imported');
    expect(show.stdout).to.match(/^2021: provisional/);
  });

  for (const args of [
    ['calendar'],
    ['calendar', 'export', 'x'],
    ['calendar', 'show', 'MMXX'],
    ['calendar', 'import', 'x.json', '--layout', 'gov'],
  ]) {
    it(`should exit 2 with the usage: matterflow ${args.join(' ')}`, async () => {
      const run = await cli(args);
      expect(run.code).to.equal(2);
      expect(run.stderr).to.contain('Usage: matterflow calendar');
    });
  }
});
