import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { parseSupervisionConfig, SupervisionConfigError } from '../../../engine/supervision/index.js';

const shipped = JSON.parse(
  readFileSync(new URL('../../../engine/supervision/default-rules.json', import.meta.url), 'utf8'),
) as unknown;

describe('supervision: rules configuration', () => {
  it('should read the shipped centre defaults', () => {
    const policy = parseSupervisionConfig(shipped);
    expect(policy.rulesFor({ processId: 'p', matterCode: null, kind: 'case', elementId: null })).to.deep.equal({
      warning: { remaining: { amount: 1, unit: '工作日' } },
      yellowAtDue: true,
      red: { after: { amount: 3, unit: '工作日' } },
    });
  });

  it("should prefer a matter's own rules over the centre's", () => {
    const own = { warning: { remainingRatio: 0.2 }, yellowAtDue: true, red: null };
    const policy = parseSupervisionConfig({ ...(shipped as object), byMatter: { '330100-FOOD-01': own } });
    expect(
      policy.rulesFor({ processId: 'p', matterCode: '330100-FOOD-01', kind: 'step', elementId: 'review' }),
    ).to.deep.equal(own);
    expect(
      policy.rulesFor({ processId: 'p', matterCode: 'other', kind: 'step', elementId: 'review' }).red,
    ).to.not.equal(null);
  });

  it('should refuse a rule in an unknown unit, naming the field', () => {
    const bad = { defaults: { warning: null, yellowAtDue: true, red: { after: { amount: 3, unit: '周' } } } };
    expect(() => parseSupervisionConfig(bad))
      .to.throw(SupervisionConfigError)
      .with.property('field', '/defaults/red');
  });
});
