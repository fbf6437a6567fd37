/**
 * The JSON Schema of a matter file (draft-07, what ajv's default class speaks). This object is
 * the source; schemas/matter.schema.json is its published copy (a spec keeps them equal).
 * Rules a schema cannot say well (check digits, limits compared, ids unique) are in semantic.ts.
 */
import { SUPERVISION_CONFIG_SCHEMA } from '../supervision/index.js';
import {
  feesSchema,
  implementerSchema,
  informedCommitmentSchema,
  packageRuleSchema,
  jointAgenciesSchema,
  materialsSchema,
  timeLimitSchema,
  toleranceSchema,
} from './schema-parts.js';
import { MATTER_TYPES, SPECIAL_PROCEDURES } from './types.js';

const labels = (list: Readonly<Record<string, string>>) =>
  Object.entries(list)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, label]) => `${code} ${label}`)
    .join('；');

/** The published JSON Schema of a matter file. */
export const MATTER_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://matterflow.cn/schema/matter.schema.json',
  title: '政务服务事项',
  description: '事项目录中的一个事项（参照 GB/T 39046-2020）。版本号由部署时分配，不写在文件中。',
  type: 'object',
  required: [
    'name',
    'baseCode',
    'implementationCode',
    'status',
    'type',
    'level',
    'implementer',
    'legalLimit',
    'caseType',
    'materials',
    'acceptanceConditions',
    'fees',
    'resultName',
    'visitsRequired',
    'applicationForm',
    'process',
  ],
  additionalProperties: false,
  properties: {
    $schema: { type: 'string' },
    $comment: { type: 'string' },
    name: { title: '事项名称', type: 'string', minLength: 1, maxLength: 200 },
    baseCode: { title: '基本编码', type: 'string', pattern: '^[0-9A-Za-z-]{1,40}$' },
    implementationCode: {
      title: '实施编码',
      description: '不超过 24 位',
      type: 'string',
      pattern: '^[0-9A-Za-z-]{1,24}$',
    },
    handlingItemCode: { title: '业务办理项编码', type: 'string', pattern: '^[0-9A-Za-z-]{1,64}$' },
    status: {
      title: '事项状态',
      description: 'draft 草稿；active 在用；suspended 暂停；cancelled 取消',
      enum: ['draft', 'active', 'suspended', 'cancelled'],
    },
    type: { title: '事项类型', description: labels(MATTER_TYPES), enum: Object.keys(MATTER_TYPES).sort() },
    level: {
      title: '行使层级',
      description: '1 国家；2 省；3 市；4 县；5 乡镇街道；6 村社区',
      type: 'integer',
      enum: [1, 2, 3, 4, 5, 6],
    },
    implementer: implementerSchema,
    jointAgencies: jointAgenciesSchema,
    legalLimit: timeLimitSchema('法定办结时限'),
    promisedLimit: timeLimitSchema('承诺办结时限（即办件不设；不得长于法定办结时限）'),
    caseType: {
      title: '办件类型',
      description: '1 即办件（不设承诺办结时限）；2 承诺件；9 其他',
      type: 'integer',
      enum: [1, 2, 9],
    },
    materials: materialsSchema,
    acceptanceConditions: { title: '受理条件', type: 'array', items: { type: 'string', minLength: 1 } },
    specialProcedures: {
      title: '特别程序',
      description: '可启用的特别程序，其期间不计入办结时限',
      type: 'array',
      uniqueItems: true,
      items: { enum: [...SPECIAL_PROCEDURES] },
    },
    fees: feesSchema,
    resultName: { title: '结果名称', description: '办结时出具的证照或文书', type: 'string', minLength: 1 },
    visitsRequired: { title: '到办事现场次数', description: '目标 0 或 1（最多跑一次）', type: 'integer', minimum: 0 },
    applicationForm: { title: '一表申请表单', description: '申请表单的 JSON Schema，提交时据此校验', type: 'object' },
    supervision: {
      title: '电子监察规则',
      description: '预警、黄牌、红牌规则（同电子监察配置）',
      ...SUPERVISION_CONFIG_SCHEMA.properties.defaults,
    },
    process: {
      title: '办理流程',
      type: 'object',
      required: ['processId'],
      additionalProperties: false,
      properties: {
        processId: { title: '流程定义编号', description: '已部署的 BPMN 流程', type: 'string', minLength: 1 },
      },
    },
    informedCommitment: informedCommitmentSchema,
    tolerance: toleranceSchema,
    package: packageRuleSchema,
  },
} as const;
