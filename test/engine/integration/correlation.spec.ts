import { expect } from 'chai';
import { decideCorrelation, nextAttemptDelay } from '../../../engine/integration/index.js';

describe('integration: message correlation decides on exactly one receiver', () => {
  const waiting = (caseId: string) => ({ caseId, elementId: 'waitForResult' });
  const start = { processId: 'report', hash: 'h', startEventId: 'byMessage' };

  it('should take the one waiting case', () => {
    expect(decideCorrelation([waiting('c-1')], [start], false)).to.deep.equal({
      ok: true,
      target: { kind: 'case', waiting: waiting('c-1') },
    });
  });

  it('should start the one process a message starts when no case waits and no key names one', () => {
    expect(decideCorrelation([], [start], false)).to.deep.equal({ ok: true, target: { kind: 'start', start } });
  });

  it('should NOT start a case for a keyed message (a key names a case)', () => {
    expect(decideCorrelation([], [start], true)).to.deep.equal({ ok: false, reason: 'none' });
  });

  it('should refuse none and several, naming the candidates', () => {
    expect(decideCorrelation([], [], false)).to.deep.equal({ ok: false, reason: 'none' });
    expect(decideCorrelation([waiting('c-1'), waiting('c-2')], [], false)).to.deep.equal({
      ok: false,
      reason: 'several',
      waiting: [waiting('c-1'), waiting('c-2')],
      starts: [],
    });
  });
});

describe('integration: webhook retry backoff', () => {
  const policy = { baseMs: 10_000, capMs: 60_000, maxAttempts: 5 };
  it('should double the delay after each failure up to the cap, then give up', () => {
    expect([1, 2, 3, 4].map((n) => nextAttemptDelay(n, policy))).to.deep.equal([10_000, 20_000, 40_000, 60_000]);
    expect(nextAttemptDelay(5, policy)).to.equal(null);
  });
});
