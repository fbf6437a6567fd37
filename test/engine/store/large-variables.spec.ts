import { expect } from 'chai';
import { fileURLToPath } from 'node:url';
import { TestEngine } from '../../support/test-engine.js';

const bpmn = fileURLToPath(new URL('../runtime/execute.fixture.bpmn', import.meta.url));

describe('store: large variables (a whole application form)', () => {
  let engine: TestEngine;
  beforeEach(async () => {
    engine = await TestEngine.create();
    await engine.deploy(bpmn);
  });
  afterEach(() => engine.close());

  it('should keep a 3 MB application form with CJK text intact through commands, replay and verification', async () => {
    const form = {
      企业名称: '杭州某某科技有限公司',
      经营范围: '食品销售；'.repeat(200_000),
      股东: Array.from({ length: 2_000 }, (_, i) => ({ 姓名: `股东${i}`, 出资额: i * 1000, 备注: '认缴'.repeat(100) })),
    };
    expect(JSON.stringify(form).length).to.be.greaterThan(1_000_000);
    const caseId = await engine.start('review', { form, score: 80 });
    await engine.completeTask(caseId, 'check', { attachment: { 扫描件: 'x'.repeat(500_000) } });
    const state = await engine.state(caseId);
    expect(state.variables[state.rootInstanceId]?.['form']).to.deep.equal(form);
    await engine.expectConsistent(caseId);
  });
});
