import { expect } from 'chai';
import { PeriodicSweep } from '../../../engine/jobs/index.js';

describe('jobs: a periodic housekeeping sweep (e.g. 差评 rectifications past their deadline)', () => {
  it('sweeps once at start, with what came due while the server was down', async () => {
    let runs = 0;
    const sweep = new PeriodicSweep('test', async () => ++runs, { schedule: '0 0 0 1 1 *' });
    expect(await sweep.start()).to.equal(1);
    expect(sweep.running).to.equal(true);
    await sweep.stop();
    expect(sweep.running).to.equal(false);
  });

  it('never runs two sweeps at once: a second request joins the one in flight', async () => {
    let runs = 0;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const sweep = new PeriodicSweep(
      'test',
      async () => {
        runs += 1;
        await gate;
        return runs;
      },
      { schedule: '0 0 0 1 1 *' },
    );
    const first = sweep.sweep();
    const second = sweep.sweep();
    release();
    expect(await Promise.all([first, second])).to.deep.equal([1, 1]);
    expect(runs).to.equal(1);
    expect(await sweep.sweep()).to.equal(2);
  });

  it('stop waits for the sweep in flight', async () => {
    let finished = false;
    const sweep = new PeriodicSweep(
      'test',
      async () => {
        await new Promise((resolve) => setTimeout(resolve, 50));
        finished = true;
      },
      { schedule: '0 0 0 1 1 *' },
    );
    void sweep.start();
    await sweep.stop();
    expect(finished).to.equal(true);
  });

  it('refuses a schedule node-cron cannot read, naming the sweep', () => {
    expect(
      () => new PeriodicSweep('rectifications-overdue', async () => undefined, { schedule: 'every five minutes' }),
    ).to.throw(RangeError, /rectifications-overdue sweep.*every five minutes/);
  });
});
