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
  properties: {
    amount: { title: '时长', type: 'number', exclusiveMinimum: 0 },
    unit: { title: '单位', enum: [...TIME_LIMIT_UNITS] },
  },
} as const;

const rules = {
  type: 'object',
  required: ['warning', 'yellowAtDue', 'red'],
  additionalProperties: false,
  properties: {
    warning: {
      title: '预警',
      description: '到期之前何时预警：不预警，剩余一段时限时，或剩余一定比例时',
      oneOf: [
        { title: '不预警', type: 'null' },
        {
          title: '剩余时限',
          type: 'object',
          required: ['remaining'],
          additionalProperties: false,
          properties: { remaining: { title: '剩余时限', ...limit } },
        },
        {
          title: '剩余比例',
          type: 'object',
          required: ['remainingRatio'],
          additionalProperties: false,
          properties: {
            remainingRatio: {
              title: '剩余比例',
              description: '0 到 1 之间，如 0.2 即剩余 20% 时',
              type: 'number',
              exclusiveMinimum: 0,
              exclusiveMaximum: 1,
            },
          },
        },
      ],
    },
    yellowAtDue: { title: '到期即黄牌', type: 'boolean' },
    red: {
      title: '红牌',
      description: '超期多久仍未办结时亮红牌（督办）',
      oneOf: [
        { title: '不设红牌', type: 'null' },
        {
          title: '超期之后',
          type: 'object',
          required: ['after'],
          additionalProperties: false,
          properties: { after: { title: '超期时限', ...limit } },
        },
      ],
    },
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
  const config = value as {
    defaults?: SupervisionRules;
    byMatter?: Record<string, SupervisionRules>;
    byProcess?: Record<string, SupervisionRules>;
  };
  return policyFrom(config);
}
