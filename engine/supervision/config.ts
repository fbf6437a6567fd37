/**
 * Reading 电子监察 rules from configuration (JSON), validated with ajv against a published
 * schema: a bad file is refused with the field named, never half-applied.
 */
import { Ajv } from 'ajv';
import { MatterflowError } from '../errors.js';
import { TIME_LIMIT_UNITS } from '../model/types.js';
import { policyFrom, type SupervisionPolicy, type SupervisionRules } from './rules.js';

const limit = {
  type: 'object',
  required: ['amount', 'unit'],
  additionalProperties: false,
  properties: { amount: { type: 'number', exclusiveMinimum: 0 }, unit: { enum: [...TIME_LIMIT_UNITS] } },
} as const;

const rules = {
  type: 'object',
  required: ['warning', 'yellowAtDue', 'red'],
  additionalProperties: false,
  properties: {
    warning: {
      oneOf: [
        { type: 'null' },
        { type: 'object', required: ['remaining'], additionalProperties: false, properties: { remaining: limit } },
        { type: 'object', required: ['remainingRatio'], additionalProperties: false, properties: { remainingRatio: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 } } },
      ],
    },
    yellowAtDue: { type: 'boolean' },
    red: { oneOf: [{ type: 'null' }, { type: 'object', required: ['after'], additionalProperties: false, properties: { after: limit } }] },
  },
} as const;

/** The JSON Schema of a supervision rules file. */
export const SUPERVISION_CONFIG_SCHEMA = {
  $id: 'https://matterflow.cn/schema/supervision-rules.json',
  type: 'object',
  additionalProperties: false,
  properties: {
    $comment: { type: 'string' },
    defaults: rules,
    byMatter: { type: 'object', additionalProperties: rules },
    byProcess: { type: 'object', additionalProperties: rules },
  },
} as const;

export class SupervisionConfigError extends MatterflowError {
  constructor(
    message: string,
    readonly field: string,
  ) {
    super('SUPERVISION_CONFIG_INVALID', message);
  }
}

const validate = new Ajv({ allErrors: true }).compile(SUPERVISION_CONFIG_SCHEMA);

/** Parse a supervision rules configuration; throws SupervisionConfigError naming the field. */
export function parseSupervisionConfig(value: unknown): SupervisionPolicy {
  if (!validate(value)) {
    const first = validate.errors?.[0];
    const field = first?.instancePath || '/';
    throw new SupervisionConfigError(`Supervision rules: ${field} ${first?.message ?? 'is invalid'}`, field);
  }
  const config = value as { defaults?: SupervisionRules; byMatter?: Record<string, SupervisionRules>; byProcess?: Record<string, SupervisionRules> };
  return policyFrom(config);
}
