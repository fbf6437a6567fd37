import { expect } from 'chai';
import { cli } from './cli-helpers.js';

describe('cli: matterflow serve', function () {
  this.timeout(60_000);

  it('should print its help with --help, saying it runs what npm start runs', async () => {
    const run = await cli(['serve', '--help']);
    expect(run.code).to.equal(0);
    expect(run.stdout).to.contain('Usage: matterflow serve');
    expect(run.stdout).to.contain('npm start');
  });

  for (const args of [
    ['serve', '--database', 'copy.sqlite'],
    ['serve', '--port', 'http'],
    ['serve', 'now'],
  ]) {
    it(`should exit 2 with the usage, starting nothing: matterflow ${args.join(' ')}`, async () => {
      const run = await cli(args);
      expect(run.code).to.equal(2);
      expect(run.stderr).to.contain('Usage: matterflow serve');
    });
  }
});
