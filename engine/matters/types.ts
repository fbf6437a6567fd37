/**
 * A matter (事项): one entry of the service catalogue, after GB/T 39046-2020 and the national
 * platform's exchange schema. The JSON keys are camelCase English; the code lists keep the
 * national codes, so integrators can map them one to one. schemas/matter.schema.json is the
 * published form of the same shape.
 */
import type { TimeLimit, MaterialNecessity } from '../model/types.js';
import type { SupervisionRules } from '../supervision/index.js';

/** 事项类型 (GB/T 39046-2020 code list). */
export const MATTER_TYPES = {
  '01': '行政许可',
  '02': '行政处罚',
  '03': '行政强制',
  '04': '行政征收',
  '05': '行政给付',
  '06': '行政检查',
  '07': '行政确认',
  '08': '行政奖励',
  '09': '行政裁决',
  '10': '其他行政权力',
  '20': '公共服务',
} as const;
export type MatterType = keyof typeof MATTER_TYPES;

/** 行使层级: 1 国家 … 6 村社区. */
export const EXERCISE_LEVELS = { 1: '国家', 2: '省', 3: '市', 4: '县', 5: '乡镇街道', 6: '村社区' } as const;
export type ExerciseLevel = 1 | 2 | 3 | 4 | 5 | 6;

/** 办件类型: 1 即办件 (no promised limit), 2 承诺件, 9 其他. */
export const CASE_TYPES = { 1: '即办件', 2: '承诺件', 9: '其他' } as const;
export type CaseType = 1 | 2 | 9;

/** 特别程序 kinds: the national eight, plus 现场勘验 and 公示 used locally. */
export const SPECIAL_PROCEDURES = [
  '听证',
  '招标',
  '拍卖',
  '检验',
  '检测',
  '检疫',
  '鉴定',
  '专家评审',
  '现场勘验',
  '公示',
] as const;
export type SpecialProcedure = (typeof SPECIAL_PROCEDURES)[number];

/** A matter's catalogue status: 草稿, 在用, 暂停, 取消. */
export const MATTER_STATUSES = { draft: '草稿', active: '在用', suspended: '暂停', cancelled: '取消' } as const;
export type MatterStatus = keyof typeof MATTER_STATUSES;

/** 材料形式: paper 纸质, electronic 电子. */
export const MATERIAL_FORMS = { paper: '纸质', electronic: '电子' } as const;
export type MaterialForm = keyof typeof MATERIAL_FORMS;

/** applicant = 申请人提交; shared = an electronic licence the office fetches itself (免证办). */
export const MATERIAL_SOURCES = { applicant: '申请人提交', shared: '电子证照共享' } as const;
export type MaterialSource = keyof typeof MATERIAL_SOURCES;

/** The electronic file types a material may be handed in as (checked by the content's signature, never the name). */
export const MATERIAL_FILE_TYPES = { pdf: 'PDF', jpeg: 'JPEG 图片', png: 'PNG 图片', ofd: 'OFD 版式文件' } as const;
export type MaterialFileType = keyof typeof MATERIAL_FILE_TYPES;

/** An organisation with its 统一社会信用代码 (GB 32100-2015). */
export interface Agency {
  readonly name: string;
  readonly creditCode: string;
}

/** A joint agency (联办机构); its credit code is optional in the exchange schema. */
export interface JointAgency {
  readonly name: string;
  readonly creditCode?: string;
  readonly role?: string;
}

/** One 申请材料. necessity tolerated = 容缺-eligible. */
export interface MatterMaterial {
  readonly id: string;
  readonly name: string;
  readonly necessity: MaterialNecessity;
  readonly form: MaterialForm;
  readonly copies: number;
  readonly source: MaterialSource;
  readonly licenceType?: string;
  readonly description?: string;
  /** The file types accepted for it online (default: every one of MATERIAL_FILE_TYPES). */
  readonly fileTypes?: readonly MaterialFileType[];
  /** The largest file accepted for it, in MB (default: the centre's limit). */
  readonly maxFileSizeMb?: number;
}

/** 是否收费, 收费标准, 收费依据. */
export interface MatterFees {
  readonly charged: boolean;
  readonly standard?: string;
  readonly basis?: string;
}

/** 告知承诺制: allowed, and the period within which the 核查 must follow. */
export interface InformedCommitmentOptions {
  readonly allowed: boolean;
  readonly verificationPeriod?: TimeLimit;
}

/** 容缺受理: allowed, and the longest supplement deadline (never beyond the promised limit). */
export interface ToleranceOptions {
  readonly allowed: boolean;
  readonly supplementDeadline?: TimeLimit;
}

/** A JSON Schema object (the 一表申请 form); compiled with ajv. */
export type JsonSchemaObject = Readonly<Record<string, unknown>>;

/** A matter as written in a matter file (the version is assigned by the store). */
export interface Matter {
  readonly $schema?: string;
  readonly $comment?: string;
  readonly name: string;
  readonly baseCode: string;
  readonly implementationCode: string;
  readonly handlingItemCode?: string;
  readonly status: MatterStatus;
  readonly type: MatterType;
  readonly level: ExerciseLevel;
  readonly implementer: Agency;
  readonly jointAgencies?: readonly JointAgency[];
  readonly legalLimit: TimeLimit;
  readonly promisedLimit?: TimeLimit;
  readonly caseType: CaseType;
  readonly materials: readonly MatterMaterial[];
  readonly acceptanceConditions: readonly string[];
  readonly specialProcedures?: readonly SpecialProcedure[];
  readonly fees: MatterFees;
  readonly resultName: string;
  readonly visitsRequired: number;
  readonly applicationForm: JsonSchemaObject;
  readonly supervision?: SupervisionRules;
  readonly process: { readonly processId: string };
  readonly informedCommitment?: InformedCommitmentOptions;
  readonly tolerance?: ToleranceOptions;
  /** 一件事: what a part's 不予许可 means for the package (default 整体不予许可). */
  readonly package?: { readonly onPartRefused: '整体不予许可' | '部分办结'; readonly coreParts?: readonly string[] };
}

/** One defect in a matter file or an application: the JSON pointer, a stable code, zh/en text. */
export interface FieldError {
  readonly field: string;
  readonly code: string;
  readonly message: { readonly zh: string; readonly en: string };
}
