import { expect } from 'chai';
import type { CaseEvent } from '../../../engine/case/index.js';
import { chainEvents, checkChain, GENESIS_HASH, hashEvent } from '../../../engine/store/hash-chain.js';

const event = (data: Record<string, unknown>, time = '2025-01-06T01:00:00.000Z'): CaseEvent =>
  ({
    type: 'variables.set',
    v: 1,
    time,
    actor: 'tester',
    data: { scopeInstanceId: 'root', variables: data },
  }) as CaseEvent;

describe('store: hash chain', () => {
  it('should start from the genesis hash and link each event to the previous one', () => {
    // when
    const chained = chainEvents('c1', 0, GENESIS_HASH, [event({ a: 1 }), event({ b: 2 })]);

    // then
    expect(chained.map((c) => c.seq)).to.deep.equal([1, 2]);
    expect(chained[0]?.prevHash).to.equal(GENESIS_HASH);
    expect(chained[1]?.prevHash).to.equal(chained[0]?.hash);
    expect(checkChain('c1', chained)).to.deep.equal({ ok: true });
  });

  it('should hash key order independently (canonical JSON)', () => {
    // given
    const fields = { caseId: 'c1', seq: 1, type: 't', v: 1, time: 'x', actor: 'a' };

    // then
    expect(hashEvent(GENESIS_HASH, { ...fields, data: { a: 1, b: { c: 2, d: 3 } } })).to.equal(
      hashEvent(GENESIS_HASH, { ...fields, data: { b: { d: 3, c: 2 }, a: 1 } }),
    );
  });

  it('should report the first altered event', () => {
    // given
    const chained = chainEvents('c1', 0, GENESIS_HASH, [event({ a: 1 }), event({ b: 2 }), event({ c: 3 })]);
    const second = chained[1];
    if (!second) throw new Error('missing event');

    // when
    chained[1] = { ...second, event: event({ b: 666 }) };

    // then
    expect(checkChain('c1', chained)).to.include({ ok: false, brokenAtSeq: 2 });
  });

  it('should NOT accept a chain whose events were moved to another case', () => {
    const chained = chainEvents('c1', 0, GENESIS_HASH, [event({ a: 1 })]);
    expect(checkChain('c2', chained)).to.include({ ok: false, brokenAtSeq: 1 });
  });
});
