/** 收件 against the catalogue: the matter's version, its form, its materials. */
import { expect } from 'chai';
import {
  ApplicationInvalidError,
  MatterNotFoundError,
  receiveApplication,
} from '../../../engine/domain-store/index.js';
import { deployMatter } from '../../../engine/matters-store/index.js';
import type { TestEngine } from '../../support/test-engine.js';
import { ALL_MATERIALS, APPLICANT, foodLicenceEngine, FORM, MATTER_CODE, MATTER } from './support.js';

describe('domain: 收件 against the matter catalogue', () => {
  let engine: TestEngine;
  beforeEach(async () => {
    engine = await foodLicenceEngine('2026-09-29T02:00:00.000Z');
  });
  afterEach(() => engine.close());

  it('a case keeps the matter version it was received under, even after the matter changes', async () => {
    const knex = engine.store.database.knex;
    await receiveApplication(engine.store, knex, {
      caseId: 'c1',
      matterCode: MATTER_CODE,
      applicant: APPLICANT,
      channel: '网上',
      materials: ALL_MATERIALS,
      form: FORM,
      actor: '窗口-李四',
    });
    await deployMatter(knex, { ...MATTER, resultName: '食品经营许可证（新版）' }, { actor: 'admin' });
    await receiveApplication(engine.store, knex, {
      caseId: 'c2',
      matterCode: MATTER_CODE,
      applicant: APPLICANT,
      channel: '网上',
      materials: ALL_MATERIALS,
      form: FORM,
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
      matterCode: MATTER_CODE,
      applicant: APPLICANT,
      channel: '窗口',
      materials: ALL_MATERIALS,
      form: { ...FORM, businessAddress: undefined },
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
      applicant: APPLICANT,
      channel: '窗口',
      materials: {},
      form: FORM,
      actor: 'x',
    }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(MatterNotFoundError);
  });
});
