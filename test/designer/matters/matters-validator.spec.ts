/** The matter editor's browser validator (ajv standalone code) is generated from the schema the server publishes and validates with. */
import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import request from 'supertest';
import { VALIDATOR_FILE, validatorSource } from '../../../designer/matters/generate-validator.mjs';
import { testServer } from '../../server/support.js';

describe('designer: the matter editor’s validator', () => {
  it('should be up to date with the published schema (regenerate: npx tsx designer/matters/generate-validator.mts)', async () => {
    expect(readFileSync(VALIDATOR_FILE, 'utf8')).to.equal(validatorSource());
    const server = await testServer();
    try {
      const published = (await request(server.app).get('/api/matters/schema').expect(200)).body as unknown;
      const module = (await import('../../../designer/matters/matter-validator.js')) as { SCHEMA_JSON: string };
      expect(JSON.stringify(published)).to.equal(module.SCHEMA_JSON);
    } finally {
      await server.close();
    }
  });

  it('should accept a shipped matter file and report a bad promised limit at its field', async () => {
    const { validate } = (await import('../../../designer/matters/matter-validator.js')) as {
      validate: { (data: unknown): boolean; errors?: Array<{ instancePath: string; keyword: string }> | null };
    };
    const food = JSON.parse(readFileSync('processes/food-licence.matter.json', 'utf8')) as Record<string, unknown>;
    expect(validate(food)).to.equal(true);
    expect(validate({ ...food, promisedLimit: { amount: -1, unit: '工作日' } })).to.equal(false);
    expect(validate.errors?.map((e) => [e.instancePath, e.keyword])).to.deep.equal([
      ['/promisedLimit/amount', 'exclusiveMinimum'],
    ]);
  });
});
