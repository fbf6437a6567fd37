/**
 * Pieces of the matter JSON Schema: time limits, agencies, materials and the option blocks.
 * Titles and descriptions are Chinese, for the administrators who read the published schema.
 */
import { MATERIAL_NECESSITIES, TIME_LIMIT_UNITS } from '../model/index.js';
import { MATERIAL_FILE_TYPES } from './types.js';

/** 时限: an amount and one of the four units (工作日, 自然日, 小时(工作日), 小时(自然日)). */
export const timeLimitSchema = (title: string) =>
  ({
    title,
    type: 'object',
    required: ['amount', 'unit'],
    additionalProperties: false,
    properties: {
      amount: { title: '时限数值', type: 'number', exclusiveMinimum: 0 },
      unit: { title: '时限单位', enum: [...TIME_LIMIT_UNITS] },
    },
  }) as const;

/** 统一社会信用代码: 18 characters of the GB 32100-2015 alphabet (check digit verified in code). */
const creditCodeSchema = {
  title: '统一社会信用代码',
  description: 'GB 32100-2015：18 位，不含 I、O、Z、S、V；校验码由代码另行校验',
  type: 'string',
  pattern: '^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$',
} as const;

/** 实施主体. */
export const implementerSchema = {
  title: '实施主体',
  type: 'object',
  required: ['name', 'creditCode'],
  additionalProperties: false,
  properties: {
    name: { title: '实施主体名称', type: 'string', minLength: 1, maxLength: 200 },
    creditCode: creditCodeSchema,
  },
} as const;

/** 联办机构. */
export const jointAgenciesSchema = {
  title: '联办机构',
  type: 'array',
  items: {
    type: 'object',
    required: ['name'],
    additionalProperties: false,
    properties: {
      name: { title: '联办机构名称', type: 'string', minLength: 1, maxLength: 200 },
      creditCode: creditCodeSchema,
      role: { title: '联办职责', type: 'string' },
    },
  },
} as const;

/** 申请材料. */
export const materialsSchema = {
  title: '申请材料',
  type: 'array',
  items: {
    title: '材料',
    type: 'object',
    required: ['id', 'name', 'necessity', 'form', 'copies', 'source'],
    additionalProperties: false,
    properties: {
      id: { title: '材料编号', description: '事项内唯一', type: 'string', pattern: '^[A-Za-z0-9_.-]{1,64}$' },
      name: { title: '材料名称', type: 'string', minLength: 1, maxLength: 200 },
      necessity: {
        title: '材料必要性',
        description: 'required 必要（核心材料）；tolerated 容缺（可容缺受理）；optional 非必要',
        enum: [...MATERIAL_NECESSITIES],
      },
      form: { title: '材料形式', description: 'paper 纸质；electronic 电子', enum: ['paper', 'electronic'] },
      copies: { title: '份数', type: 'integer', minimum: 0 },
      source: {
        title: '材料来源',
        description: 'applicant 申请人提交；shared 电子证照共享（免证办，由窗口自行调取）',
        enum: ['applicant', 'shared'],
      },
      licenceType: { title: '电子证照类型', type: 'string' },
      description: { title: '材料说明', type: 'string' },
      fileTypes: {
        title: '电子文件类型',
        description: '网上提交时接受的文件类型，按文件内容识别，不看文件名（不填：PDF、JPEG、PNG、OFD 均可）',
        type: 'array',
        minItems: 1,
        uniqueItems: true,
        items: { enum: Object.keys(MATERIAL_FILE_TYPES) },
      },
      maxFileSizeMb: {
        title: '单个文件大小上限（MB）',
        description: '不填：按服务中心的统一上限',
        type: 'number',
        exclusiveMinimum: 0,
        maximum: 1024,
      },
    },
  },
} as const;

/** 收费: 是否收费, 收费标准, 收费依据 (standard and basis required when charged). */
export const feesSchema = {
  title: '收费',
  type: 'object',
  required: ['charged'],
  additionalProperties: false,
  properties: {
    charged: { title: '是否收费', type: 'boolean' },
    standard: { title: '收费标准', type: 'string', minLength: 1 },
    basis: { title: '收费依据', type: 'string', minLength: 1 },
  },
  if: { properties: { charged: { const: true } } },
  then: { required: ['standard', 'basis'] },
} as const;

/** 告知承诺制 options. */
export const informedCommitmentSchema = {
  title: '告知承诺制',
  type: 'object',
  required: ['allowed'],
  additionalProperties: false,
  properties: {
    allowed: { title: '是否可告知承诺', type: 'boolean' },
    verificationPeriod: timeLimitSchema('核查期限'),
  },
  if: { properties: { allowed: { const: true } } },
  then: { required: ['verificationPeriod'] },
} as const;

/** 容缺受理 options. */
export const toleranceSchema = {
  title: '容缺受理',
  type: 'object',
  required: ['allowed'],
  additionalProperties: false,
  properties: {
    allowed: { title: '是否可容缺受理', type: 'boolean' },
    supplementDeadline: timeLimitSchema('补交期限（不得超过承诺办结时限）'),
  },
  if: { properties: { allowed: { const: true } } },
  then: { required: ['supplementDeadline'] },
} as const;

/** 一件事: what a part's 不予许可 means for the package (a matter that runs other matters as parts). */
export const packageRuleSchema = {
  title: '一件事子事项不予许可规则',
  type: 'object',
  required: ['onPartRefused'],
  additionalProperties: false,
  properties: {
    onPartRefused: {
      title: '子事项不予许可时',
      description:
        '整体不予许可：一件事不予许可，其余子事项终止并告知原因；部分办结：其余子事项继续，办结时写明不予许可的子事项',
      enum: ['整体不予许可', '部分办结'],
    },
    coreParts: {
      title: '核心子事项',
      description: '流程中调用子事项的环节编号（callActivity）；核心子事项不予许可时一件事整体不予许可',
      type: 'array',
      uniqueItems: true,
      items: { type: 'string', minLength: 1 },
    },
  },
} as const;
