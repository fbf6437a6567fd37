import { expect } from 'chai';
import { processAgreementErrors, type Matter, type MatterProcessFacts } from '../../../engine/matters/index.js';
import { foodBusinessLicence } from './matter-files.js';

/** 企业开办一件事: 营业执照 first, then 印章, 发票, 社保, 公积金, each a call activity. */
const businessStartup: MatterProcessFacts = {
  processId: 'business-startup',
  callActivities: new Set([
    'businessLicence',
    'sealEngraving',
    'invoiceApplication',
    'socialSecurityRegistration',
    'housingFundAccount',
  ]),
  caseType: null,
};

const matter = (changes: Partial<Record<keyof Matter, unknown>>): Matter =>
  ({ ...foodBusinessLicence(), ...changes }) as unknown as Matter;

describe('matters: a matter file against the process it runs', () => {
  it('should accept core parts that are call activities of the process', () => {
    // given 营业执照 is the core part of 企业开办
    const file = matter({ package: { onPartRefused: '部分办结', coreParts: ['businessLicence'] } });

    // when / then
    expect(processAgreementErrors(file, businessStartup)).to.deep.equal([]);
  });

  it('should NOT accept a core part the process does not call, naming the field and the id', () => {
    // given a core part misspelt, beside a right one
    const file = matter({ package: { onPartRefused: '部分办结', coreParts: ['businessLicence', 'businessLicense'] } });

    // when
    const errors = processAgreementErrors(file, businessStartup);

    // then
    expect(errors.map(({ field, code }) => ({ field, code }))).to.deep.equal([
      { field: '/package/coreParts/1', code: 'core-part-not-call-activity' },
    ]);
    expect(errors[0]!.message.zh).to.contain('package.coreParts').and.contain('businessLicense');
    expect(errors[0]!.message.zh).to.contain('business-startup').and.contain('callActivity');
    expect(errors[0]!.message.en).to.contain('package.coreParts').and.contain('"businessLicense"');
    expect(errors[0]!.message.en).to.contain('its call activities: businessLicence, housingFundAccount');
  });

  it('should NOT accept a user task as a core part: only a call activity runs a child matter', () => {
    // given a process whose only steps are user tasks
    const file = matter({ package: { onPartRefused: '整体不予许可', coreParts: ['review'] } });
    const foodLicence: MatterProcessFacts = { processId: 'food-licence', callActivities: new Set(), caseType: null };

    // when
    const errors = processAgreementErrors(file, foodLicence);

    // then
    expect(errors.map((error) => error.field)).to.deep.equal(['/package/coreParts/0']);
    expect(errors[0]!.message.zh).to.contain('该流程没有调用子事项的环节');
  });

  it('should accept the 办件类型 the process declares, and any when it declares none', () => {
    const promised = matter({ caseType: 2 });
    expect(processAgreementErrors(promised, { ...businessStartup, caseType: '2' })).to.deep.equal([]);
    expect(processAgreementErrors(promised, businessStartup)).to.deep.equal([]);
  });

  it('should NOT accept a 办件类型 other than the one the process declares, naming both in Chinese and English', () => {
    // given a 承诺件 matter whose process says 即办件
    const promised = matter({ caseType: 2 });

    // when
    const errors = processAgreementErrors(promised, { ...businessStartup, caseType: '1' });

    // then
    expect(errors.map(({ field, code }) => ({ field, code }))).to.deep.equal([
      { field: '/caseType', code: 'case-type-disagrees-with-process' },
    ]);
    expect(errors[0]!.message.zh).to.equal(
      '事项的办件类型 caseType 2（承诺件）与办理流程 business-startup 声明的 gov:caseType 1（即办件）不一致',
    );
    expect(errors[0]!.message.en).to.equal(
      "The matter's caseType 2 (承诺件, promised) disagrees with gov:caseType 1 (即办件, on the spot) declared by process business-startup",
    );
  });

  it('should NOT take a code outside the list for one in it', () => {
    const errors = processAgreementErrors(matter({ caseType: 2 }), { ...businessStartup, caseType: '02' });
    expect(errors[0]!.message.zh).to.contain('gov:caseType “02”');
  });
});
