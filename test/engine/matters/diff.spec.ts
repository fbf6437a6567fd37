import { expect } from 'chai';
import { diffMatters, type Matter } from '../../../engine/matters/index.js';
import { applyVariant, foodBusinessLicence } from './matter-files.js';

const v1 = (): Matter => foodBusinessLicence() as unknown as Matter;

describe('matters: comparing two versions for review', () => {
  it('should find no change between a matter and its copy with keys in another order', () => {
    const reordered = Object.fromEntries(Object.entries(v1()).reverse()) as unknown as Matter;
    expect(diffMatters(v1(), reordered)).to.deep.equal([]);
  });

  it('should list the promised limit shortened, a material added and 告知承诺 withdrawn', () => {
    // given
    const v2 = applyVariant(v1() as unknown as Record<string, unknown>, {
      set: {
        '/promisedLimit/amount': 7,
        '/materials/6': {
          id: 'health-certificates',
          name: '从业人员健康证明',
          necessity: 'optional',
          form: 'paper',
          copies: 1,
          source: 'applicant',
        },
      },
      remove: ['/informedCommitment'],
    }) as unknown as Matter;

    // when
    const changes = diffMatters(v1(), v2);

    // then
    expect(changes).to.deep.equal([
      { field: '/promisedLimit/amount', kind: 'changed', before: 10, after: 7 },
      { field: '/materials/6', kind: 'added', after: v2.materials[6] },
      { field: '/informedCommitment', kind: 'removed', before: v1().informedCommitment },
    ]);
  });

  it('should name a changed field inside the application form', () => {
    const v2 = applyVariant(v1() as unknown as Record<string, unknown>, {
      set: { '/applicationForm/properties/businessAddress/minLength': 8 },
    }) as unknown as Matter;
    expect(diffMatters(v1(), v2)).to.deep.equal([
      { field: '/applicationForm/properties/businessAddress/minLength', kind: 'changed', before: 5, after: 8 },
    ]);
  });
});
