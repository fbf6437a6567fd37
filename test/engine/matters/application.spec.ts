import { expect } from 'chai';
import {
  compileApplicationForm,
  validateApplication,
  validateMatter,
  type Matter,
} from '../../../engine/matters/index.js';
import { foodBusinessLicence } from './matter-files.js';

function matter(): Matter {
  const result = validateMatter(foodBusinessLicence());
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.matter;
}

const applicant = {
  applicantName: '张三',
  idType: '居民身份证',
  idNumber: '330102199001011234',
  businessAddress: '杭州市上城区解放路 100 号',
  businessItems: ['预包装食品销售', '热食类食品制售'],
  phone: '13800138000',
  applicationDate: '2026-03-02',
};

describe('matters: 一表申请, the applicant data against the matter form', () => {
  it('should accept a complete 食品经营许可 application', () => {
    expect(validateApplication(matter(), applicant)).to.deep.equal([]);
  });

  it('should NOT accept an application without 证件号码 and 经营场所, naming both fields', () => {
    // given
    const { idNumber: _id, businessAddress: _address, ...incomplete } = applicant;

    // when
    const errors = validateApplication(matter(), incomplete);

    // then
    expect(errors.map((error) => error.field)).to.have.members(['/idNumber', '/businessAddress']);
    expect(errors.find((error) => error.field === '/idNumber')?.message.zh).to.equal(
      '证件号码：应当有必需属性 idNumber',
    );
    expect(
      errors.every((error) => error.code === 'required' && error.message.en.includes('required property')),
    ).to.equal(true);
  });

  it('should NOT accept a resident ID number that is not 18 characters when 证件类型 is 居民身份证', () => {
    const errors = validateApplication(matter(), { ...applicant, idNumber: '33010219900101123' });
    expect(errors.map(({ field, code }) => ({ field, code }))).to.deep.include({ field: '/idNumber', code: 'pattern' });
  });

  it('should accept a passport number when 证件类型 is 护照', () => {
    expect(validateApplication(matter(), { ...applicant, idType: '护照', idNumber: 'E12345678' })).to.deep.equal([]);
  });

  it('should NOT accept an unknown 证件类型, a bad date or an unknown field', () => {
    const errors = validateApplication(matter(), {
      ...applicant,
      idType: '驾驶证',
      applicationDate: '2026-02-30',
      extra: 1,
    });
    expect(errors.map(({ field, code }) => ({ field, code }))).to.deep.include.members([
      { field: '/idType', code: 'enum' },
      { field: '/applicationDate', code: 'format' },
      { field: '/extra', code: 'additionalProperties' },
    ]);
  });

  it('should compile each form once and reuse it', () => {
    // given
    const form = { type: 'object', properties: { a: { type: 'string' } } };

    // when
    const first = compileApplicationForm(form);
    const second = compileApplicationForm(structuredClone(form));

    // then
    expect(first.ok && second.ok && first.validate === second.validate).to.equal(true);
  });

  it('should accept two forms with the same $id (forms are not registered globally)', () => {
    const a = compileApplicationForm({ $id: 'https://example.cn/form.json', type: 'object', required: ['a'] });
    const b = compileApplicationForm({ $id: 'https://example.cn/form.json', type: 'object', required: ['b'] });
    expect([a.ok, b.ok]).to.deep.equal([true, true]);
  });
});
