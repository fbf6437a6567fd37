import { expect } from 'chai';
import { modelConfigFromEnv } from '../../../server/workers/index.js';

describe("server: the model workers' settings from the environment", () => {
  it('should default to 5,000 elements, one worker and eight waiting tasks', () => {
    expect(modelConfigFromEnv({})).to.deep.equal({ maxElements: 5_000, workers: 1, queueLimit: 8 });
  });

  it('should read MATTERFLOW_MODEL_MAX_ELEMENTS, MATTERFLOW_MODEL_WORKERS and MATTERFLOW_MODEL_QUEUE', () => {
    expect(
      modelConfigFromEnv({
        MATTERFLOW_MODEL_MAX_ELEMENTS: '20000',
        MATTERFLOW_MODEL_WORKERS: '3',
        MATTERFLOW_MODEL_QUEUE: '0',
      }),
    ).to.deep.equal({ maxElements: 20_000, workers: 3, queueLimit: 0 });
  });

  for (const [name, value] of [
    ['MATTERFLOW_MODEL_MAX_ELEMENTS', '0'],
    ['MATTERFLOW_MODEL_WORKERS', 'two'],
    ['MATTERFLOW_MODEL_QUEUE', '-1'],
    ['MATTERFLOW_MODEL_WORKERS', '1.5'],
  ] as const) {
    it(`should NOT start with ${name}=${value}, naming the variable`, () => {
      expect(() => modelConfigFromEnv({ [name]: value })).to.throw(name);
    });
  }
});
