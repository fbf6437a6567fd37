/** What an upload's file name becomes before it is kept and filed in a case's events. */
import { expect } from 'chai';
import { fileNameOf } from '../../../engine/materials-store/index.js';

describe('engine/materials-store: file names', () => {
  it('should keep the last path segment, without control characters, a 证件号码 in it masked', () => {
    expect(fileNameOf('C:\\\\扫描\\\\营业执照.pdf')).to.equal('营业执照.pdf');
    expect(fileNameOf('a/b/平面图\u0000.png')).to.equal('平面图.png');
    expect(fileNameOf('330102199001011234身份证.jpg')).to.equal('330102********1234身份证.jpg');
    expect(fileNameOf('  ')).to.equal('未命名文件');
    expect(fileNameOf('长'.repeat(300))).to.have.length(200);
  });
});
