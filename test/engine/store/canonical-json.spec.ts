import { expect } from 'chai';
import fc from 'fast-check';
import { canonicalJson } from '../../../engine/store/json.js';

/** The definition: JSON.stringify of a copy whose keys were inserted in sorted order. */
function reference(value: unknown): string {
  const sortKeys = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sortKeys);
    if (v === null || typeof v !== 'object') return v;
    if (typeof (v as { toJSON?: unknown }).toJSON === 'function')
      return sortKeys((v as { toJSON(): unknown }).toJSON());
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(v).sort()) {
      const member = (v as Record<string, unknown>)[key];
      if (member !== undefined && typeof member !== 'function') sorted[key] = sortKeys(member);
    }
    return sorted;
  };
  return JSON.stringify(sortKeys(value));
}

describe('store: canonical JSON (what every event hash covers)', () => {
  it('should write what JSON.stringify writes of the value with its keys sorted, for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(canonicalJson(value)).to.equal(reference(value));
      }),
      { seed: 20261206, numRuns: 2000 },
    );
  });

  it('should put integer-like keys first in numeric order, as objects keep them, then the others sorted', () => {
    const value = {
      b: 1,
      10: 'ten',
      a: [undefined, () => 1, new Date('2026-03-02T01:00:00.000Z')],
      2: null,
      '02': 3,
      4294967295: 'not an index',
      '': 0,
    };
    expect(canonicalJson(value)).to.equal(reference(value));
    expect(canonicalJson(value)).to.equal(
      '{"2":null,"10":"ten","":0,"02":3,"4294967295":"not an index","a":[null,null,"2026-03-02T01:00:00.000Z"],"b":1}',
    );
  });

  it('should leave out a __proto__ member parsed from JSON, as the hashes made so far did', () => {
    const value = JSON.parse('{"a":1,"__proto__":{"x":1}}') as unknown;
    expect(canonicalJson(value)).to.equal(reference(value)).and.to.equal('{"a":1}');
  });

  it('should leave out undefined and function members, and write undefined members of arrays as null', () => {
    expect(canonicalJson({ a: undefined, f: () => 0, n: Number.NaN, x: [undefined] })).to.equal(
      '{"n":null,"x":[null]}',
    );
  });
});
