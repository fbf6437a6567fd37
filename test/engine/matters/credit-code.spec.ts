import { expect } from 'chai';
import { creditCodeCheckChar, isValidCreditCode } from '../../../engine/matters/index.js';

describe('matters: 统一社会信用代码 check character (GB 32100-2015)', () => {
  it('should accept credit codes whose check character is right', () => {
    // a published company code, a widely cited sample, and the fixture's (made-up) 实施主体
    for (const code of ['91330100799655058B', '91350100M000100Y43', '11330102MB1744291F']) {
      expect(isValidCreditCode(code), code).to.equal(true);
    }
  });

  it('should compute the check character from the first 17 characters with weights 3^i mod 31', () => {
    expect(creditCodeCheckChar('91350100M000100Y4')).to.equal('3');
    expect(creditCodeCheckChar('91330100799655058')).to.equal('B');
  });

  it('should give check value 0 when the weighted sum is a multiple of 31', () => {
    // '00000000000000000' sums to 0: check = (31 - 0) mod 31 = 0
    expect(creditCodeCheckChar('00000000000000000')).to.equal('0');
  });

  it('should NOT accept a credit code whose check character is wrong', () => {
    expect(isValidCreditCode('91330100799655058C')).to.equal(false);
    expect(isValidCreditCode('91350100M000100Y44')).to.equal(false);
  });

  it('should NOT accept a code of the wrong length or with letters outside the alphabet (I, O, S, V, Z)', () => {
    expect(isValidCreditCode('91330100799655058')).to.equal(false);
    expect(isValidCreditCode('91330100799655058BB')).to.equal(false);
    expect(isValidCreditCode('9133010079965505OB')).to.equal(false);
    expect(isValidCreditCode('91330100799655058b')).to.equal(false);
    expect(creditCodeCheckChar('9133010079965505I')).to.equal(null);
  });
});
