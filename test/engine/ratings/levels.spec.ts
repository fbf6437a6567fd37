/** The five levels as labels, and the two numberings platforms use, each named by direction. */
import { expect } from 'chai';
import {
  LEVELS,
  isBadLevel,
  levelFromGbCode,
  levelFromReversedCode,
  levelToGbCode,
  levelToReversedCode,
} from '../../../engine/ratings/index.js';

describe('好差评 levels', () => {
  it('should code the levels 1..5 from 非常满意 to 非常不满意, as GB/T 39046 does', () => {
    expect(LEVELS.map(levelToGbCode)).to.deep.equal([1, 2, 3, 4, 5]);
    expect([1, 2, 3, 4, 5].map(levelFromGbCode)).to.deep.equal([
      '非常满意',
      '满意',
      '基本满意',
      '不满意',
      '非常不满意',
    ]);
  });

  it('should read the reversed numbering (5 = 非常满意) the other way round', () => {
    expect(levelFromReversedCode(5)).to.equal('非常满意');
    expect(levelFromReversedCode(1)).to.equal('非常不满意');
    expect(LEVELS.map(levelToReversedCode)).to.deep.equal([5, 4, 3, 2, 1]);
    for (const level of LEVELS) expect(levelFromReversedCode(levelToReversedCode(level))).to.equal(level);
  });

  it('should NOT accept a code outside 1..5', () => {
    expect(() => levelFromGbCode(0)).to.throw(RangeError, /1\.\.5/);
    expect(() => levelFromReversedCode(6)).to.throw(RangeError);
    expect(() => levelFromGbCode(2.5)).to.throw(RangeError);
  });

  it('should call only 不满意 and 非常不满意 a 差评', () => {
    expect(LEVELS.filter(isBadLevel)).to.deep.equal(['不满意', '非常不满意']);
  });
});
