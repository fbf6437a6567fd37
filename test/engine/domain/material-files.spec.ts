/** Material files: filed with 收件 and 补交 as `material.filed` events carrying their sha256; a 补正 adds a version. */
import { expect } from 'chai';
import { CommandRejectedError } from '../../../engine/store/index.js';
import type { TestEngine } from '../../support/test-engine.js';
import { APPLICANT, domainEngine, FOOD_LICENCE } from './support.js';

const hash = (digit: string) => digit.repeat(64);
const file = (materialId: string, digit: string, fileName = `${materialId}.pdf`) => ({
  materialId,
  sha256: hash(digit),
  size: 1024,
  mediaType: 'application/pdf',
  fileName,
});

describe('domain: material files', () => {
  let engine: TestEngine;
  beforeEach(async () => {
    engine = await domainEngine();
  });
  afterEach(() => engine.close());

  const receiveWithFiles = (caseId: string, files: ReturnType<typeof file>[]) =>
    engine.store.dispatch(caseId, {
      type: 'case.receive',
      actor: 'applicant-zhang',
      data: {
        caseId,
        processId: 'foodLicence',
        matter: FOOD_LICENCE,
        applicant: APPLICANT,
        channel: '网上',
        materials: {},
        form: {},
        files,
      },
    });

  it('should file each file with 收件 as version 1, its material counted as received', async () => {
    const { events, state } = await receiveWithFiles('c1', [file('licence', 'a'), file('idCard', 'b', '身份证.jpg')]);
    const filed = events.filter((event) => event.type === 'material.filed').map((event) => event.data);
    expect(filed).to.deep.equal([
      {
        materialId: 'licence',
        version: 1,
        sha256: hash('a'),
        size: 1024,
        mediaType: 'application/pdf',
        fileName: 'licence.pdf',
      },
      {
        materialId: 'idCard',
        version: 1,
        sha256: hash('b'),
        size: 1024,
        mediaType: 'application/pdf',
        fileName: '身份证.jpg',
      },
    ]);
    expect(state.domain?.materials).to.include({ licence: true, idCard: true, safetyRules: false });
    expect(state.domain?.files?.map((f) => [f.materialId, f.version, f.by])).to.deep.equal([
      ['licence', 1, 'applicant-zhang'],
      ['idCard', 1, 'applicant-zhang'],
    ]);
    await engine.expectConsistent('c1');
  });

  it('should add the next version when a material is handed in again (补正), keeping the earlier one', async () => {
    await receiveWithFiles('c1', [file('licence', 'a')]);
    await engine.store.dispatch('c1', {
      type: 'case.noticeCorrection',
      actor: '窗口-王五',
      data: { defects: ['营业执照复印件不清晰'] },
    });
    const { state } = await engine.store.dispatch('c1', {
      type: 'materials.supply',
      actor: 'applicant-zhang',
      data: { materials: [], cures: ['营业执照复印件不清晰'], files: [file('licence', 'c'), file('licence', 'd')] },
    });
    expect(state.domain?.files?.map((f) => [f.materialId, f.version, f.sha256[0]])).to.deep.equal([
      ['licence', 1, 'a'],
      ['licence', 2, 'c'],
      ['licence', 2, 'd'],
    ]);
    expect(state.domain?.status).to.equal('已收件');
    await engine.expectConsistent('c1');
  });

  it('should NOT file a file of a material the matter does not list, nor a malformed hash: nothing is stored', async () => {
    const refused = async (work: Promise<unknown>) => {
      const error = await work.then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).to.be.instanceOf(CommandRejectedError);
      return (error as CommandRejectedError).message;
    };
    expect(await refused(receiveWithFiles('c1', [file('passport', 'a')]))).to.contain('passport');
    expect(await refused(receiveWithFiles('c1', [{ ...file('licence', 'a'), sha256: 'abc' }]))).to.contain('sha256');
    expect(await engine.store.getCase('c1')).to.equal(null);
  });
});
