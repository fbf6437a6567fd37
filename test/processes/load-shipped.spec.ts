import { expect } from 'chai';
import { getMatter, listMatters } from '../../engine/matters-store/index.js';
import { loadShippedMatters, SHIPPED_MATTERS } from '../../processes/index.js';
import { TestEngine } from '../support/test-engine.js';

describe('loadShippedMatters on a fresh SQLite database', () => {
  let engine: TestEngine;
  const knex = () => engine.store.database.knex;

  beforeEach(async () => {
    engine = await TestEngine.create({ dialect: 'sqlite' });
  });

  afterEach(async () => {
    await engine.close();
  });

  it('should deploy every shipped process, the 一件事 children included, then every matter', async () => {
    const loaded = await loadShippedMatters(engine.store, knex(), { actor: 'system', at: '2026-03-02T01:00:00.000Z' });
    expect(loaded.processes.map((p) => p.processId)).to.have.members([
      'food-licence',
      'construction-permit',
      'minimum-living-allowance',
      'business-startup',
      'business-startup-licence',
      'business-startup-seal',
      'business-startup-invoice',
      'business-startup-social-security',
      'business-startup-housing-fund',
    ]);
    expect(loaded.processes.every((p) => p.created && p.version === 1)).to.equal(true);
    expect(loaded.matters.every((m) => m.created && m.version === 1)).to.equal(true);
    const matters = await listMatters(knex());
    expect(matters.map((m) => m.processId).sort()).to.deep.equal(SHIPPED_MATTERS.map((m) => m.processId).sort());
    const food = await getMatter(knex(), '330106-SJ-000105013');
    expect(food?.matter.name).to.equal('食品经营许可（新办）');
  });

  it('should be idempotent: a second call creates no new versions', async () => {
    await loadShippedMatters(engine.store, knex(), { actor: 'system' });
    const count = async (table: string) => Number((await knex()(table).count({ n: '*' }).first())?.['n'] ?? 0);
    const before = { definitions: await count('definitions'), matters: await count('matters') };
    const again = await loadShippedMatters(engine.store, knex(), { actor: 'system' });
    expect(again.processes.some((p) => p.created)).to.equal(false);
    expect(again.matters.some((m) => m.created)).to.equal(false);
    expect({ definitions: await count('definitions'), matters: await count('matters') }).to.deep.equal(before);
    expect(before).to.deep.equal({ definitions: 9, matters: 4 });
  });

  it('should start a case of a shipped process once loaded', async () => {
    await loadShippedMatters(engine.store, knex(), { actor: 'system' });
    const caseId = await engine.start('food-licence', { 办理方式: '一般程序' });
    expect(caseId).to.be.a('string');
  });
});
