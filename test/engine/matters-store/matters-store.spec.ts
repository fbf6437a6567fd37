import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { MatterInvalidError } from '../../../engine/matters/index.js';
import {
  deployMatter,
  getMatter,
  listMatters,
  listMatterVersions,
  MatterProcessNotDeployedError,
} from '../../../engine/matters-store/index.js';
import { countRows } from '../../support/db-helpers.js';
import { testDialect } from '../../support/test-database.js';
import { TestEngine } from '../../support/test-engine.js';
import { applyVariant, foodBusinessLicence } from '../matters/matter-files.js';
import { SHIPPED_MATTERS, type ShippedMatter } from '../../../processes/index.js';

const SHIPPED = {
  constructionPermit: SHIPPED_MATTERS.find((shipped) => shipped.processId === 'construction-permit')!,
  businessStartup: SHIPPED_MATTERS.find((shipped) => shipped.processId === 'business-startup')!,
};
const shippedFile = (shipped: ShippedMatter) =>
  JSON.parse(readFileSync(shipped.matter, 'utf8')) as Record<string, unknown>;

const CODE = '330102-SJ-000105013';
const AT = '2026-03-02T01:00:00.000Z';

describe(`matters store: the matter catalogue (${testDialect()})`, () => {
  let engine: TestEngine;
  const knex = () => engine.store.database.knex;

  beforeEach(async () => {
    engine = await TestEngine.create();
    await engine.deploy('test/fixtures/matters/food-business-licence.bpmn');
  });

  afterEach(async () => {
    await engine.close();
  });

  it('should give version 1 to a new matter and read it back', async () => {
    // when
    const deployed = await deployMatter(knex(), foodBusinessLicence(), { actor: '审改办', at: AT });

    // then
    expect(deployed).to.deep.equal({ matterCode: CODE, version: 1, created: true });
    const stored = await getMatter(knex(), CODE);
    expect(stored).to.include({
      matterCode: CODE,
      version: 1,
      processId: 'food-business-licence',
      createdAt: AT,
      createdBy: '审改办',
    });
    expect(stored?.matter).to.deep.equal(foodBusinessLicence());
    expect(stored?.hash).to.match(/^[0-9a-f]{64}$/);
  });

  it('should settle administrators saving at once: each content once, consecutive versions, the duplicate unchanged', async () => {
    // given
    const shorter = applyVariant(foodBusinessLicence(), {
      set: { '/promisedLimit/amount': 7, '/tolerance/supplementDeadline/amount': 7 },
    });
    const files = [foodBusinessLicence(), shorter, foodBusinessLicence(), shorter];

    // when
    const saved = await Promise.all(files.map((file) => deployMatter(knex(), file, { actor: '审改办' })));

    // then
    expect((await listMatterVersions(knex(), CODE)).map((v) => v.version)).to.deep.equal([1, 2]);
    expect(saved.filter((s) => s.created)).to.have.length(2);
    expect(saved[0]!.version).to.equal(saved[2]!.version);
    expect(saved[1]!.version).to.equal(saved[3]!.version);
  });

  it('should keep the same version when the same file is deployed again, even with keys reordered', async () => {
    // given
    await deployMatter(knex(), foodBusinessLicence(), { actor: '审改办', at: AT });
    const reordered = Object.fromEntries(Object.entries(foodBusinessLicence()).reverse());

    // when
    const again = await deployMatter(knex(), reordered, { actor: '审改办', at: AT });

    // then
    expect(again).to.deep.equal({ matterCode: CODE, version: 1, created: false });
    expect(await listMatterVersions(knex(), CODE)).to.have.length(1);
  });

  it('should create version n+1 when the matter changed, and keep the old version readable', async () => {
    // given
    await deployMatter(knex(), foodBusinessLicence(), { actor: '审改办', at: AT });
    const shorter = applyVariant(foodBusinessLicence(), {
      set: { '/promisedLimit/amount': 7, '/tolerance/supplementDeadline/amount': 7 },
    });

    // when
    const second = await deployMatter(knex(), shorter, { actor: '审改办', at: '2026-04-01T01:00:00.000Z' });
    const third = await deployMatter(knex(), applyVariant(shorter, { set: { '/visitsRequired': 1 } }), {
      actor: '审改办',
    });

    // then
    expect([second.version, third.version]).to.deep.equal([2, 3]);
    expect((await getMatter(knex(), CODE))?.version).to.equal(3);
    const first = await getMatter(knex(), CODE, 1);
    expect(first?.matter.promisedLimit).to.deep.equal({ amount: 10, unit: '工作日' });
    expect((await getMatter(knex(), CODE, 2))?.matter.promisedLimit).to.deep.equal({ amount: 7, unit: '工作日' });
    expect((await listMatterVersions(knex(), CODE)).map((stored) => stored.version)).to.deep.equal([1, 2, 3]);
  });

  it('should list the latest version of each matter', async () => {
    // given
    await deployMatter(knex(), foodBusinessLicence(), { actor: '审改办', at: AT });
    await deployMatter(knex(), applyVariant(foodBusinessLicence(), { set: { '/visitsRequired': 1 } }), {
      actor: '审改办',
      at: AT,
    });
    await deployMatter(
      knex(),
      applyVariant(foodBusinessLicence(), {
        set: { '/implementationCode': '330102-SJ-000105014', '/name': '食品经营许可（变更）' },
      }),
      {
        actor: '审改办',
        at: AT,
      },
    );

    // when
    const latest = await listMatters(knex());

    // then
    expect(latest.map(({ matterCode, version }) => ({ matterCode, version }))).to.deep.equal([
      { matterCode: CODE, version: 2 },
      { matterCode: '330102-SJ-000105014', version: 1 },
    ]);
  });

  it('should NOT deploy a matter whose process is not deployed, and store nothing', async () => {
    // given
    const file = applyVariant(foodBusinessLicence(), { set: { '/process/processId': 'not-deployed' } });

    // when
    const error = await deployMatter(knex(), file, { actor: '审改办', at: AT }).then(
      () => null,
      (thrown: unknown) => thrown,
    );

    // then
    expect(error).to.be.instanceOf(MatterProcessNotDeployedError);
    expect((error as MatterProcessNotDeployedError).code).to.equal('MATTER_PROCESS_NOT_DEPLOYED');
    expect((error as MatterProcessNotDeployedError).errors[0]?.field).to.equal('/process/processId');
    expect(await countRows(knex(), 'matters')).to.equal(0);
  });

  it('should deploy a matter whose process is deployed alongside (knownProcessIds)', async () => {
    const file = applyVariant(foodBusinessLicence(), { set: { '/process/processId': 'deployed-in-the-same-batch' } });
    const deployed = await deployMatter(knex(), file, {
      actor: '审改办',
      at: AT,
      knownProcessIds: ['deployed-in-the-same-batch'],
    });
    expect(deployed.version).to.equal(1);
  });

  it('should NOT store an invalid matter file, and name every defect', async () => {
    // given
    const file = applyVariant(foodBusinessLicence(), {
      set: { '/implementer/creditCode': '11330102MB17442910', '/caseType': 1 },
    });

    // when
    const error = await deployMatter(knex(), file, { actor: '审改办', at: AT }).then(
      () => null,
      (thrown: unknown) => thrown,
    );

    // then
    expect(error).to.be.instanceOf(MatterInvalidError);
    expect((error as MatterInvalidError).code).to.equal('MATTER_INVALID');
    expect((error as MatterInvalidError).errors.map((defect) => defect.field)).to.have.members([
      '/implementer/creditCode',
      '/promisedLimit',
    ]);
    expect(await countRows(knex(), 'matters')).to.equal(0);
  });

  it('should NOT deploy a 一件事 whose core part is not a call activity of its process, naming the field and the id', async () => {
    // given 企业开办一件事, whose process calls 营业执照 as businessLicence
    await engine.deploy(SHIPPED.businessStartup.bpmn);
    const file = applyVariant(shippedFile(SHIPPED.businessStartup), {
      set: { '/package/coreParts': ['businessLicense'] },
    });

    // when
    const error = await deployMatter(knex(), file, { actor: '审改办', at: AT }).then(
      () => null,
      (thrown: unknown) => thrown,
    );

    // then
    expect(error).to.be.instanceOf(MatterInvalidError);
    const [defect, ...more] = (error as MatterInvalidError).errors;
    expect(more).to.deep.equal([]);
    expect(defect).to.deep.include({ field: '/package/coreParts/0', code: 'core-part-not-call-activity' });
    expect(defect?.message.zh).to.contain('package.coreParts').and.contain('businessLicense');
    expect(defect?.message.en).to.contain('"businessLicense"').and.contain('business-startup');
    expect(await countRows(knex(), 'matters')).to.equal(0);

    // and the file as shipped (businessLicence) is deployed
    expect(
      (await deployMatter(knex(), shippedFile(SHIPPED.businessStartup), { actor: '审改办', at: AT })).version,
    ).to.equal(1);
  });

  it('should NOT deploy a matter whose 办件类型 disagrees with the gov:caseType of its process, naming both', async () => {
    // given 施工许可, whose process declares gov:caseType="2" (承诺件)
    await engine.deploy(SHIPPED.constructionPermit.bpmn);
    const file = applyVariant(shippedFile(SHIPPED.constructionPermit), { set: { '/caseType': 9 } });

    // when
    const error = await deployMatter(knex(), file, { actor: '审改办', at: AT }).then(
      () => null,
      (thrown: unknown) => thrown,
    );

    // then
    expect(error).to.be.instanceOf(MatterInvalidError);
    expect((error as MatterInvalidError).errors.map(({ field, code }) => ({ field, code }))).to.deep.equal([
      { field: '/caseType', code: 'case-type-disagrees-with-process' },
    ]);
    expect((error as MatterInvalidError).message)
      .to.contain('caseType 9 (其他, other)')
      .and.contain('gov:caseType 2');
    expect((error as MatterInvalidError).errors[0]?.message.zh).to.equal(
      '事项的办件类型 caseType 9（其他）与办理流程 construction-permit 声明的 gov:caseType 2（承诺件）不一致',
    );
    expect(await countRows(knex(), 'matters')).to.equal(0);
  });

  it('should check a matter against the latest version of its process', async () => {
    // given 施工许可's process, then a version of it that declares no 办件类型
    await engine.deploy(SHIPPED.constructionPermit.bpmn);
    const undeclared = readFileSync(SHIPPED.constructionPermit.bpmn, 'utf8').replace(' gov:caseType="2"', '');
    await engine.store.deploy(undeclared, { actor: '审改办' });

    // when
    const file = applyVariant(shippedFile(SHIPPED.constructionPermit), { set: { '/caseType': 9 } });
    const deployed = await deployMatter(knex(), file, { actor: '审改办', at: AT });

    // then
    expect(deployed.version).to.equal(1);
  });

  it('should return null for an unknown matter or version', async () => {
    await deployMatter(knex(), foodBusinessLicence(), { actor: '审改办', at: AT });
    expect(await getMatter(knex(), 'no-such-matter')).to.equal(null);
    expect(await getMatter(knex(), CODE, 9)).to.equal(null);
    expect(await listMatterVersions(knex(), 'no-such-matter')).to.deep.equal([]);
  });
});
