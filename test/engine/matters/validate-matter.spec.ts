import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { MATTER_SCHEMA, validateMatter, type FieldError } from '../../../engine/matters/index.js';
import { applyVariant, foodBusinessLicence, invalidVariants } from './matter-files.js';

const CHINESE = /[\u4e00-\u9fff]/;

describe('matters: validating a matter file', () => {
  it('should accept the 食品经营许可 matter file', () => {
    // when
    const result = validateMatter(foodBusinessLicence());

    // then
    expect(result.ok, JSON.stringify(result)).to.equal(true);
    if (result.ok)
      expect(result.matter).to.include({ implementationCode: '330102-SJ-000105013', caseType: 2, type: '01' });
  });

  for (const variant of invalidVariants()) {
    it(`should NOT accept a matter file with ${variant.name}, naming the field in Chinese and English`, () => {
      // given
      const file = applyVariant(foodBusinessLicence(), variant);

      // when
      const result = validateMatter(file);

      // then
      expect(result.ok).to.equal(false);
      const errors: readonly FieldError[] = result.ok ? [] : result.errors;
      for (const wanted of variant.expect) {
        expect(
          errors.map(({ field, code }) => ({ field, code })),
          JSON.stringify(errors),
        ).to.deep.include(wanted);
      }
      for (const error of errors) {
        expect(error.field).to.match(/^\//);
        expect(error.message.zh).to.match(CHINESE);
        expect(error.message.en).to.match(/[a-z]/);
      }
    });
  }

  it('should report every defect of a file at once (一次性告知)', () => {
    // given
    const file = applyVariant(foodBusinessLicence(), { set: { '/type': '99', '/level': 0 }, remove: ['/resultName'] });

    // when
    const result = validateMatter(file);

    // then
    const fields = result.ok ? [] : result.errors.map((error) => error.field);
    expect(fields).to.include.members(['/type', '/level', '/resultName']);
  });

  it('should NOT accept something that is not a matter file', () => {
    expect(validateMatter(null).ok).to.equal(false);
    expect(validateMatter([]).ok).to.equal(false);
  });

  it('should publish schemas/matter.schema.json equal to the schema the engine validates with', () => {
    // The published file is generated from engine/matters/schema.ts: regenerate with
    // npx tsx -e "import {MATTER_SCHEMA} from './engine/matters/schema.ts'; import {writeFileSync} from 'node:fs'; writeFileSync('schemas/matter.schema.json', JSON.stringify(MATTER_SCHEMA, null, 2) + '\n')"
    const published = JSON.parse(readFileSync('schemas/matter.schema.json', 'utf8')) as unknown;
    expect(published).to.deep.equal(JSON.parse(JSON.stringify(MATTER_SCHEMA)));
  });

  it('should publish a draft-07 schema that a plain ajv compiles, with Chinese titles', () => {
    // given
    const published = JSON.parse(readFileSync('schemas/matter.schema.json', 'utf8')) as Record<string, unknown>;

    // when
    const validate = new Ajv().compile(published);

    // then
    expect(published['$schema']).to.equal('http://json-schema.org/draft-07/schema#');
    expect(validate(foodBusinessLicence())).to.equal(true);
    const properties = published['properties'] as Record<string, { title?: string }>;
    expect(properties['implementationCode']?.title).to.equal('实施编码');
    expect(properties['caseType']?.title).to.equal('办件类型');
  });
});
