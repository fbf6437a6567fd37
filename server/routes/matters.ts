/**
 * Matters (事项): the catalogue (latest versions, one version's matter file, versions with who and
 * when, the diff of two versions), deploying a matter file (admin), the published JSON Schema,
 * and the public 办事指南 - what a citizen sees of a matter, with its flow diagram's XML.
 */
import type { Knex } from 'knex';
import {
  CASE_TYPES,
  diffMatters,
  EXERCISE_LEVELS,
  MATERIAL_FORMS,
  MATERIAL_SOURCES,
  MATTER_SCHEMA,
  MATTER_STATUSES,
  MATTER_TYPES,
  type Matter,
} from '../../engine/matters/index.js';
import {
  deployMatter,
  getMatter,
  listMatters,
  listMatterVersions,
  MatterProcessNotDeployedError,
  type StoredMatter,
} from '../../engine/matters-store/index.js';
import { DEFAULT_OFFICE_DAY } from '../../engine/calendar/index.js';
import type { TimeLimit } from '../../engine/model/index.js';
import type { Store } from '../../engine/store/index.js';
import { ApiError } from '../http/errors.js';
import type { Routes } from '../http/route.js';
import { inProcessModels, type ModelService } from '../workers/index.js';
import type { GuideStep } from './matters-guide-flow.js';

const CODE = { type: 'string', minLength: 1, maxLength: 64 } as const;
const VERSION = { type: 'integer', minimum: 1 } as const;

/** 材料必要性 in the words a citizen reads. */
const NECESSITY_LABELS = { required: '必要', tolerated: '容缺', optional: '非必要' } as const;

function matterNotFound(code: string, version?: number): ApiError {
  return version === undefined
    ? new ApiError(404, 'MATTER_NOT_FOUND', `事项 ${code} 不存在`, `No matter ${code}`)
    : new ApiError(
        404,
        'MATTER_NOT_FOUND',
        `事项 ${code} 没有版本 ${version}`,
        `Matter ${code} has no version ${version}`,
      );
}

async function found(knex: Knex, code: string, version?: number): Promise<StoredMatter> {
  const stored = await getMatter(knex, code, version);
  if (!stored) throw matterNotFound(code, version);
  return stored;
}

/** One stored version as the signed-in API returns it: who and when, and the matter file. */
function matterView(stored: StoredMatter) {
  return {
    matterCode: stored.matterCode,
    version: stored.version,
    hash: stored.hash,
    processId: stored.processId,
    createdAt: stored.createdAt,
    createdBy: stored.createdBy,
    matter: stored.matter,
  };
}

function limitView(limit: TimeLimit) {
  return { amount: limit.amount, unit: limit.unit, text: `${limit.amount}个${limit.unit}` };
}

/** Matters a citizen may read the 办事指南 of: in use, or suspended (shown as 暂停); not drafts or cancelled ones. */
const PUBLISHED_STATUSES: ReadonlySet<string> = new Set(['active', 'suspended']);

interface GuideFlow {
  readonly processId: string;
  readonly version: number;
  readonly name: string | null;
  /** The diagram, without documentation, conditions, extension elements or gov attributes. */
  readonly xml: string;
  /** Named steps in the order a case meets them, with department and limit (null when the file does not load). */
  readonly steps: GuideStep[] | null;
}

/** Where and how to apply: the windows (implementer and joint agencies), office hours, online, visits. */
function howToApply(m: Matter) {
  const visits =
    m.visitsRequired === 0
      ? '全程网办，无需到现场（零跑动）'
      : m.visitsRequired === 1
        ? '最多跑一次'
        : `需到办事现场 ${m.visitsRequired} 次`;
  return {
    agencies: [
      { name: m.implementer.name, role: '实施主体（审批、决定）' },
      ...(m.jointAgencies ?? []).map((agency) => ({ name: agency.name, role: agency.role ?? '联办机构' })),
    ],
    officeHours: {
      days: '法定工作日（周末和法定节假日休息，调休上班日照常办公）',
      periods: DEFAULT_OFFICE_DAY.periods.map((period) => `${period.start}–${period.end}`),
    },
    channels: [
      { channel: '窗口', text: '到下列机构的综合窗口提交申请' },
      ...(m.visitsRequired === 0 ? [{ channel: '网上', text: '全程网上办理：在线填写申请表、提交电子材料' }] : []),
    ],
    visitsRequired: m.visitsRequired,
    visits,
  };
}

/** The 办事指南: only what is published to citizens (no supervision rules, no created_by). */
function guideView(stored: StoredMatter, flow: GuideFlow | null) {
  const m: Matter = stored.matter;
  return {
    matterCode: stored.matterCode,
    version: stored.version,
    name: m.name,
    baseCode: m.baseCode,
    implementationCode: m.implementationCode,
    ...(m.handlingItemCode ? { handlingItemCode: m.handlingItemCode } : {}),
    status: { code: m.status, label: MATTER_STATUSES[m.status] },
    type: { code: m.type, label: MATTER_TYPES[m.type] },
    level: { code: m.level, label: EXERCISE_LEVELS[m.level] },
    implementer: { name: m.implementer.name, creditCode: m.implementer.creditCode },
    jointAgencies: (m.jointAgencies ?? []).map((a) => ({ name: a.name, ...(a.role ? { role: a.role } : {}) })),
    acceptanceConditions: m.acceptanceConditions,
    materials: m.materials.map((material) => ({
      id: material.id,
      name: material.name,
      necessity: NECESSITY_LABELS[material.necessity],
      tolerance: material.necessity === 'tolerated' ? '可容缺' : '不可容缺',
      form: MATERIAL_FORMS[material.form],
      copies: material.copies,
      source: MATERIAL_SOURCES[material.source],
      ...(material.description ? { description: material.description } : {}),
    })),
    legalLimit: limitView(m.legalLimit),
    ...(m.promisedLimit ? { promisedLimit: limitView(m.promisedLimit) } : {}),
    caseType: { code: m.caseType, label: CASE_TYPES[m.caseType] },
    fees: {
      charged: m.fees.charged,
      label: m.fees.charged ? '收费' : '不收费',
      ...(m.fees.standard ? { standard: m.fees.standard } : {}),
      ...(m.fees.basis ? { basis: m.fees.basis } : {}),
    },
    resultName: m.resultName,
    visitsRequired: m.visitsRequired,
    specialProcedures: m.specialProcedures ?? [],
    tolerance: {
      allowed: m.tolerance?.allowed ?? false,
      ...(m.tolerance?.supplementDeadline ? { supplementDeadline: limitView(m.tolerance.supplementDeadline) } : {}),
    },
    informedCommitment: {
      allowed: m.informedCommitment?.allowed ?? false,
      ...(m.informedCommitment?.verificationPeriod
        ? { verificationPeriod: limitView(m.informedCommitment.verificationPeriod) }
        : {}),
    },
    howToApply: howToApply(m),
    flow,
  };
}

/** `models` renders the guide's flow from the deployed BPMN (worker threads in the running server). */
export function matterRoutes(routes: Routes, store: Store, knex: Knex, models: ModelService = inProcessModels): void {
  routes.add({
    method: 'get',
    path: '/api/matters/schema',
    summary: 'The published JSON Schema of a matter file',
    tags: ['matters'],
    access: 'public',
    responses: { 200: { description: 'JSON Schema (draft-07)' } },
    handler: () => Promise.resolve({ body: MATTER_SCHEMA }),
  });
  routes.add({
    method: 'get',
    path: '/api/matters',
    summary: 'The latest version of every matter',
    tags: ['matters'],
    access: 'authenticated',
    responses: {
      200: { description: 'code, name, type, status, version, process, who deployed it and when, by matter code' },
    },
    handler: async () => ({
      body: (await listMatters(knex)).map((stored) => ({
        matterCode: stored.matterCode,
        name: stored.matter.name,
        type: stored.matter.type,
        typeLabel: MATTER_TYPES[stored.matter.type],
        status: stored.matter.status,
        statusLabel: MATTER_STATUSES[stored.matter.status],
        version: stored.version,
        processId: stored.processId,
        createdAt: stored.createdAt,
        createdBy: stored.createdBy,
      })),
    }),
  });
  routes.add({
    method: 'get',
    path: '/api/guide',
    summary: '办事指南 list: the published matters (in use or suspended) with what a citizen picks one by',
    tags: ['matters'],
    access: 'public',
    responses: {
      200: { description: 'code, name, type, implementer, limits, fees, visits; in Chinese collation order' },
    },
    handler: async () => {
      const collator = new Intl.Collator('zh-CN');
      const published = (await listMatters(knex)).filter((stored) => PUBLISHED_STATUSES.has(stored.matter.status));
      return {
        body: published
          .map(({ matterCode, matter: m }) => ({
            matterCode,
            name: m.name,
            type: { code: m.type, label: MATTER_TYPES[m.type] },
            status: { code: m.status, label: MATTER_STATUSES[m.status] },
            implementer: m.implementer.name,
            legalLimit: limitView(m.legalLimit),
            ...(m.promisedLimit ? { promisedLimit: limitView(m.promisedLimit) } : {}),
            caseType: { code: m.caseType, label: CASE_TYPES[m.caseType] },
            fees: m.fees.charged ? '收费' : '不收费',
            visitsRequired: m.visitsRequired,
          }))
          .sort((a, b) => collator.compare(a.name, b.name)),
      };
    },
  });
  routes.add<unknown>({
    method: 'post',
    path: '/api/matters',
    summary: 'Deploy a matter file: changed content gives version n+1, the same content is not a new version',
    tags: ['matters'],
    access: ['admin'],
    idempotent: true,
    body: {
      type: 'object',
      description:
        'A matter file (schema: GET /api/matters/schema); checked in full by the catalogue, every defect listed',
    },
    responses: {
      201: { description: '{ matterCode, version, created }' },
      422: {
        description:
          'MATTER_INVALID (every field error, JSON pointer and zh/en message; a 一件事 core part that is no call activity of the process, a caseType other than the process’s gov:caseType among them) or MATTER_PROCESS_NOT_DEPLOYED',
      },
    },
    handler: async ({ body, principal }) => {
      try {
        return { status: 201, body: await deployMatter(knex, body, { actor: principal?.id ?? 'unknown' }) };
      } catch (error) {
        if (error instanceof MatterProcessNotDeployedError) {
          const first = error.errors[0];
          throw new ApiError(
            422,
            'MATTER_PROCESS_NOT_DEPLOYED',
            `办理流程 ${error.processId} 尚未部署，请先部署流程`,
            error.message,
            first?.field,
            { processId: error.processId, errors: error.errors },
          );
        }
        throw error;
      }
    },
  });
  routes.add<unknown, Record<string, unknown>, { code: string }>({
    method: 'get',
    path: '/api/matters/:code',
    summary: 'The latest version of a matter (the matter file, with who deployed it and when)',
    tags: ['matters'],
    access: 'authenticated',
    params: { type: 'object', required: ['code'], properties: { code: CODE } },
    responses: { 200: { description: 'The matter' }, 404: { description: 'No such matter' } },
    handler: async ({ params }) => ({ body: matterView(await found(knex, params.code)) }),
  });
  routes.add<unknown, Record<string, unknown>, { code: string }>({
    method: 'get',
    path: '/api/matters/:code/versions',
    summary: 'Every version of a matter, oldest first, with who deployed it and when',
    tags: ['matters'],
    access: 'authenticated',
    params: { type: 'object', required: ['code'], properties: { code: CODE } },
    responses: { 200: { description: 'Versions' }, 404: { description: 'No such matter' } },
    handler: async ({ params }) => {
      const versions = await listMatterVersions(knex, params.code);
      if (versions.length === 0) throw matterNotFound(params.code);
      return {
        body: versions.map((v) => ({
          matterCode: v.matterCode,
          version: v.version,
          name: v.matter.name,
          hash: v.hash,
          processId: v.processId,
          createdAt: v.createdAt,
          createdBy: v.createdBy,
        })),
      };
    },
  });
  routes.add<unknown, Record<string, unknown>, { code: string; version: number }>({
    method: 'get',
    path: '/api/matters/:code/versions/:version',
    summary: 'One version of a matter',
    tags: ['matters'],
    access: 'authenticated',
    params: { type: 'object', required: ['code', 'version'], properties: { code: CODE, version: VERSION } },
    responses: { 200: { description: 'The matter' }, 404: { description: 'No such matter or version' } },
    handler: async ({ params }) => ({ body: matterView(await found(knex, params.code, Number(params.version))) }),
  });
  routes.add<unknown, { from: number; to: number }, { code: string }>({
    method: 'get',
    path: '/api/matters/:code/diff',
    summary: 'What changed from one version of a matter to another (JSON pointers, before and after)',
    tags: ['matters'],
    access: 'authenticated',
    params: { type: 'object', required: ['code'], properties: { code: CODE } },
    query: {
      type: 'object',
      required: ['from', 'to'],
      additionalProperties: false,
      properties: { from: VERSION, to: VERSION },
    },
    responses: {
      200: { description: '{ matterCode, from, to, changes }' },
      404: { description: 'No such matter or version' },
    },
    handler: async ({ params, query }) => {
      const from = await found(knex, params.code, Number(query.from));
      const to = await found(knex, params.code, Number(query.to));
      return {
        body: {
          matterCode: params.code,
          from: from.version,
          to: to.version,
          changes: diffMatters(from.matter, to.matter),
        },
      };
    },
  });
  routes.add<unknown, Record<string, unknown>, { code: string }>({
    method: 'get',
    path: '/api/guide/:code',
    summary: '办事指南: what a citizen sees of a matter (conditions, materials, limits, fees, flow with its BPMN XML)',
    tags: ['matters'],
    access: 'public',
    params: { type: 'object', required: ['code'], properties: { code: CODE } },
    responses: {
      200: { description: 'The guide of the latest version' },
      404: { description: 'No such matter, or not published (a draft or cancelled matter)' },
    },
    handler: async ({ params }) => {
      const stored = await found(knex, params.code);
      if (!PUBLISHED_STATUSES.has(stored.matter.status))
        throw new ApiError(
          404,
          'MATTER_NOT_FOUND',
          `事项 ${params.code} 未公布办事指南`,
          `Matter ${params.code} is not published`,
        );
      const definitions = await store.listDefinitions();
      const versions = definitions.filter((definition) => definition.processId === stored.processId);
      const latest = versions.reduce<(typeof versions)[number] | undefined>(
        (best, v) => (!best || Number(v.version) > Number(best.version) ? v : best),
        undefined,
      );
      let flow: GuideFlow | null = null;
      if (latest) {
        const row = (await store.database.knex('deployments').where({ hash: latest.hash }).first('xml')) as
          { xml: string } | undefined;
        const xml = row?.xml ?? '';
        const known = new Set(definitions.map((definition) => definition.processId));
        const shown = xml ? await models.publicFlow(xml, latest.processId, known) : null;
        flow = {
          processId: latest.processId,
          version: Number(latest.version),
          name: latest.name,
          xml: shown?.xml ?? '',
          steps: shown?.steps ?? null,
        };
      }
      return { body: guideView(stored, flow) };
    },
  });
}
