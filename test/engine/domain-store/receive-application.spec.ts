/** 收件 against the catalogue: the matter's version, its form, its materials. */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import {
  ApplicationInvalidError,
  MatterNotFoundError,
  receiveApplication,
} from '../../../engine/domain-store/index.js';
import { deployMatter } from '../../../engine/matters-store/index.js';
import { TestEngine } from '../../support/test-engine.js';

const fixture = (name: string) => new URL(`../../fixtures/matters/${name}`, import.meta.url);
const matter = JSON.parse(readFileSync(fixture('food-business-licence.json'), 'utf8')) as Record<string, unknown>;
const form = {
  applicantName: '张三',
  idType: '居民身份证',
  idNumber: '330102199001011234',
  businessAddress: '杭州市上城区某某路1号',
};
const applicant = { name: '张三', idType: '居民身份证', idNumber: '330102199001011234' };
const allMaterials = {
  application: true,
  'business-licence': true,
  'id-card': true,
  'premises-layout': true,
  'safety-rules': true,
};

describe('domain: 收件 against the matter catalogue', () => {
  let engine: TestEngine;
  beforeEach(async () => {
    engine = await TestEngine.create({ start: '2026-09-29T02:00:00.000Z', calendar: true });
    await engine.deploy(readFileSync(fixture('food-business-licence.bpmn'), 'utf8'));
    await deployMatter(engine.store.database.knex, matter, { actor: 'admin' });
  });
  afterEach(() => engine.close());

  it('a case keeps the matter version it was received under, even after the matter changes', async () => {
    const knex = engine.store.database.knex;
    await receiveApplication(engine.store, knex, {
      caseId: 'c1',
      matterCode: '330102-SJ-000105013',
      applicant,
      channel: '网上',
      materials: allMaterials,
      form,
      actor: '窗口-李四',
    });
    await deployMatter(knex, { ...matter, resultName: '食品经营许可证（新版）' }, { actor: 'admin' });
    await receiveApplication(engine.store, knex, {
      caseId: 'c2',
      matterCode: '330102-SJ-000105013',
      applicant,
      channel: '网上',
      materials: allMaterials,
      form,
      actor: '窗口-李四',
    });
    expect((await engine.state('c1')).domain?.matter.version).to.equal(1);
    expect((await engine.state('c2')).domain?.matter.version).to.equal(2);
    expect(
      (await engine.state('c1')).domain?.matter.materials.find((m) => m.id === 'premises-layout')?.necessity,
    ).to.equal('tolerated');
    await engine.expectConsistent('c1');
  });

  it('refuses an application whose form does not match the 一表申请 schema, naming the field, and stores nothing', async () => {
    const error = await receiveApplication(engine.store, engine.store.database.knex, {
      caseId: 'c1',
      matterCode: '330102-SJ-000105013',
      applicant,
      channel: '窗口',
      materials: allMaterials,
      form: { ...form, businessAddress: undefined },
      actor: '窗口-李四',
    }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(ApplicationInvalidError);
    expect((error as ApplicationInvalidError).errors.map((e) => e.field).join(' ')).to.contain('businessAddress');
    expect(await engine.store.getCase('c1')).to.equal(null);
  });

  it('refuses a matter that is not in the catalogue', async () => {
    const error = await receiveApplication(engine.store, engine.store.database.knex, {
      caseId: 'c1',
      matterCode: 'nope',
      applicant,
      channel: '窗口',
      materials: {},
      form,
      actor: 'x',
    }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(MatterNotFoundError);
  });
});
