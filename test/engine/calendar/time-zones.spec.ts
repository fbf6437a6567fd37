import { expect } from 'chai';
import { spawnSync } from 'node:child_process';

/** Run the probe in a child process whose host time zone is `zone`. */
function probe(zone: string): Record<string, unknown> {
  const child = spawnSync(process.execPath, ['--import', 'tsx', 'test/engine/calendar/tz-probe.ts'], {
    env: { ...process.env, TZ: zone },
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (child.status !== 0) throw new Error(`probe under TZ=${zone} failed: ${child.stderr}`);
  return JSON.parse(child.stdout) as Record<string, unknown>;
}

describe('calendar: the same answers whatever the host time zone', function () {
  this.timeout(120_000);
  const zones = ['America/Los_Angeles', 'UTC', 'Asia/Shanghai', 'Pacific/Kiritimati'];
  const results = new Map<string, Record<string, unknown>>();

  before(() => {
    for (const zone of zones) results.set(zone, probe(zone));
  });

  it('should really run the probes in those zones', () => {
    expect(results.get('America/Los_Angeles')).to.include({ zone: 'America/Los_Angeles', hostOffsetMinutes: 480 });
    expect(results.get('UTC')).to.include({ hostOffsetMinutes: 0 });
    expect(results.get('Pacific/Kiritimati')).to.include({ hostOffsetMinutes: -840 });
  });

  it('should answer the DOMAIN.md checks in Beijing time under TZ=America/Los_Angeles and TZ=UTC', () => {
    for (const zone of zones) {
      const r = results.get(zone);
      expect(r, zone).to.include({ domainCheck: '2026-10-12T09:30:00.000Z', count: 5 });
      expect(r?.['workingDays'], zone).to.deep.equal([true, true, false, false]);
      // 23:30 Beijing on 09-29 is still 09-29; 17:00Z on 09-29 is already 09-30 01:00 in Beijing
      expect(r, zone).to.include({
        lateEvening: '2026-09-30T09:30:00.000Z',
        earlyMorningUtc: '2026-10-08T09:30:00.000Z',
      });
    }
  });

  it('should compute the lunar holidays of a year without data on the same days (春节 2027 from 02-05)', () => {
    for (const zone of zones) {
      expect(results.get(zone)?.['statutory2027'], zone).to.include.members([
        '2027-02-05',
        '2027-02-08',
        '2027-04-05',
        '2027-06-09',
        '2027-09-15',
      ]);
    }
  });

  it('should give identical answers in every zone', () => {
    const { zone: _z, hostOffsetMinutes: _o, ...reference } = results.get('Asia/Shanghai') ?? {};
    for (const zone of zones) {
      const { zone: _zone, hostOffsetMinutes: _offset, ...answers } = results.get(zone) ?? {};
      expect(answers, zone).to.deep.equal(reference);
    }
  });
});
