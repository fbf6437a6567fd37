/**
 * The applicant's side (网上办事): a matter's online application (its 一表申请 schema and the
 * materials with the files each accepts), drafts kept until submitted, the submission — a 网上
 * 收件 under the applicant's own 证件号码, with the files filed in the case's hash chain and the
 * §32 answer period running — 我的办件 with what is asked of them, and the 补正 answered online
 * by uploading the corrected materials. An applicant reaches only their own drafts and cases.
 */
import type { Knex } from 'knex';
import type { Clock } from '../../engine/clock.js';
import type { FileHandedIn, Principal } from '../../engine/domain/index.js';
import { DEFAULT_MAX_FILE_MB, fileRules, MATERIAL_FILE_TYPES } from '../../engine/materials/index.js';
import {
  createDraft,
  deleteDraft,
  getDraft,
  listDrafts,
  markSubmitted,
  progressCode,
  updateDraft,
  uploadsOf,
  type Draft,
  type DraftContent,
  type DraftFile,
} from '../../engine/materials-store/index.js';
import { receiveApplication } from '../../engine/domain-store/index.js';
import { getMatter, type StoredMatter } from '../../engine/matters-store/index.js';
import { refusalOf } from '../../engine/operations/index.js';
import { applicantKey, CommandRejectedError, type Store } from '../../engine/store/index.js';
import { ApiError } from '../http/errors.js';
import type { Routes } from '../http/route.js';
import { applicantCaseView, departmentsOf } from '../views/applicant-view.js';
import { boundKey, caseFor, unauthenticated } from './case-access.js';
import type { MaterialServices } from './materials.js';

const APPLICANT = ['applicant'] as const;
const DRAFT_FILES = {
  type: 'array',
  maxItems: 100,
  items: {
    type: 'object',
    required: ['materialId', 'uploadId'],
    additionalProperties: false,
    properties: {
      materialId: { type: 'string', minLength: 1, maxLength: 64 },
      uploadId: { type: 'string', minLength: 1, maxLength: 100 },
    },
  },
} as const;
const DRAFT_APPLICANT = {
  type: ['object', 'null'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', maxLength: 100 },
    idType: { type: 'string', maxLength: 50 },
  },
} as const;
const DRAFT_BODY = {
  type: 'object',
  additionalProperties: false,
  properties: { applicant: DRAFT_APPLICANT, form: { type: 'object' }, files: DRAFT_FILES },
} as const;
const DRAFT_ID = {
  type: 'object',
  required: ['draftId'],
  properties: { draftId: { type: 'string', maxLength: 100 } },
} as const;
const CASE_ID = {
  type: 'object',
  required: ['caseId'],
  properties: { caseId: { type: 'string', maxLength: 100 } },
} as const;

interface DraftBody {
  applicant?: { name?: string; idType?: string } | null;
  form?: Record<string, unknown>;
  files?: DraftFile[];
}

export function applicantRoutes(
  routes: Routes,
  store: Store,
  knex: Knex,
  clock: Clock,
  materials: MaterialServices | undefined,
): void {
  const maxFileMb = materials?.maxFileMb ?? DEFAULT_MAX_FILE_MB;

  routes.add<unknown, Record<string, unknown>, { code: string }>({
    method: 'get',
    path: '/api/applicant/matters/:code/application',
    summary:
      '网上申报 of a matter in use: its latest version, the 一表申请 JSON Schema, and each material with what it takes online (file types judged by content, largest file) — shared licences (免证办) are fetched by the office',
    tags: ['applicant'],
    access: 'public',
    params: { type: 'object', required: ['code'], properties: { code: { type: 'string', maxLength: 100 } } },
    responses: { 200: { description: 'The application' }, 404: { description: 'No such matter in use' } },
    handler: async ({ params }) => {
      const stored = await matterInUse(params.code);
      const { matter } = stored;
      return {
        body: {
          matterCode: stored.matterCode,
          version: stored.version,
          name: matter.name,
          caseType: matter.caseType,
          promisedLimit: matter.promisedLimit ?? null,
          legalLimit: matter.legalLimit,
          implementer: matter.implementer.name,
          form: matter.applicationForm,
          materials: matter.materials.map((material) => {
            const rules = fileRules(material, maxFileMb);
            return {
              id: material.id,
              name: material.name,
              necessity: material.necessity,
              source: material.source,
              description: material.description ?? null,
              upload: material.source === 'applicant',
              fileTypes: rules.types,
              fileTypeLabels: rules.types.map((type) => MATERIAL_FILE_TYPES[type]),
              maxBytes: rules.maxBytes,
            };
          }),
        },
      };
    },
  });

  routes.add({
    method: 'get',
    path: '/api/applicant/drafts',
    summary:
      'The applicant’s drafts (网上申报 not yet submitted, and those submitted with their case), the latest change first',
    tags: ['applicant'],
    access: APPLICANT,
    responses: { 200: { description: 'Drafts' } },
    handler: async ({ principal }) => ({
      body: await Promise.all((await listDrafts(knex, owner(principal))).map(draftView)),
    }),
  });

  routes.add<DraftBody & { matterCode: string }>({
    method: 'post',
    path: '/api/applicant/drafts',
    summary: 'Start a draft of 网上申报 for a matter in use (kept until submitted)',
    tags: ['applicant'],
    access: APPLICANT,
    idempotent: true,
    body: {
      ...DRAFT_BODY,
      required: ['matterCode'],
      properties: { ...DRAFT_BODY.properties, matterCode: { type: 'string', minLength: 1, maxLength: 100 } },
    },
    responses: { 201: { description: 'The draft' }, 404: { description: 'No such matter in use' } },
    handler: async ({ body, principal }) => {
      const stored = await matterInUse(body.matterCode);
      const draft = await createDraft(knex, {
        owner: owner(principal),
        matterCode: stored.matterCode,
        ...contentOf(body),
        at: clock.now().toISOString(),
      });
      return { status: 201, body: await draftView(draft) };
    },
  });

  routes.add<unknown, Record<string, unknown>, { draftId: string }>({
    method: 'get',
    path: '/api/applicant/drafts/:draftId',
    summary: 'One of the applicant’s drafts, with the uploads it names',
    tags: ['applicant'],
    access: APPLICANT,
    params: DRAFT_ID,
    responses: { 200: { description: 'The draft' }, 404: { description: 'No such draft of theirs' } },
    handler: async ({ params, principal }) => ({ body: await draftView(await draftOf(principal, params.draftId)) }),
  });

  routes.add<DraftBody, Record<string, unknown>, { draftId: string }>({
    method: 'put',
    path: '/api/applicant/drafts/:draftId',
    summary:
      'Save a draft as it is now (the form so far, the uploads per material); a submitted draft changes no more (409)',
    tags: ['applicant'],
    access: APPLICANT,
    params: DRAFT_ID,
    body: DRAFT_BODY,
    responses: {
      200: { description: 'The draft' },
      404: { description: 'No such draft' },
      409: { description: 'Submitted already' },
    },
    handler: async ({ params, body, principal }) => {
      const draft = await draftOf(principal, params.draftId);
      if (draft.caseId) throw submittedAlready(draft);
      await updateDraft(knex, draft.owner, draft.draftId, { ...contentOf(body), at: clock.now().toISOString() });
      return { body: await draftView(await draftOf(principal, params.draftId)) };
    },
  });

  routes.add<unknown, Record<string, unknown>, { draftId: string }>({
    method: 'delete',
    path: '/api/applicant/drafts/:draftId',
    summary: 'Discard a draft not yet submitted',
    tags: ['applicant'],
    access: APPLICANT,
    params: DRAFT_ID,
    responses: {
      200: { description: 'Discarded' },
      404: { description: 'No such draft' },
      409: { description: 'Submitted already' },
    },
    handler: async ({ params, principal }) => {
      const draft = await draftOf(principal, params.draftId);
      if (draft.caseId) throw submittedAlready(draft);
      await deleteDraft(knex, draft.owner, draft.draftId);
      return { body: { deleted: draft.draftId } };
    },
  });

  routes.add<{ idNumber: string }, Record<string, unknown>, { draftId: string }>({
    method: 'post',
    path: '/api/applicant/drafts/:draftId/submission',
    summary:
      'Submit a draft: 网上 收件 under the applicant’s own 证件号码 (it must be the one their account is bound to), the form checked against the 一表申请 schema, the uploads filed as the case’s material files (material.filed, in the hash chain), the §32 answer period running. Answers the case with its 办件编号 and the receipt’s verification code; a draft submitted before answers its case again',
    tags: ['applicant'],
    access: APPLICANT,
    idempotent: true,
    params: DRAFT_ID,
    body: {
      type: 'object',
      required: ['idNumber'],
      additionalProperties: false,
      properties: { idNumber: { type: 'string', minLength: 4, maxLength: 40, title: '证件号码' } },
    },
    responses: {
      201: { description: 'Received: { caseId, number, verificationCode, case }' },
      200: { description: 'Submitted before: its case' },
      400: { description: 'The form fails its schema (APPLICATION_INVALID, the field named)' },
      403: { description: 'The 证件号码 is not the one the account is bound to' },
      404: { description: 'No such draft' },
      422: {
        description:
          'Incomplete: the applicant’s name or 证件类型, a required material without a file, an upload not theirs',
      },
    },
    handler: async ({ params, body, principal }) => {
      if (!principal) throw unauthenticated();
      const draft = await draftOf(principal, params.draftId);
      const caseId = `BJ-${draft.draftId}`;
      if (draft.caseId) return { status: 200, body: await submitted(draft.caseId) };
      const key = await boundKey(knex, principal);
      if (!key)
        throw new ApiError(
          403,
          'NOT_BOUND',
          '您的账号尚未绑定证件号码，请联系服务中心绑定后再申报',
          'The account is bound to no 证件号码',
        );
      if (applicantKey(body.idNumber) !== key)
        throw new ApiError(
          403,
          'IDENTITY_MISMATCH',
          '证件号码与您账号绑定的证件号码不一致：只能以本人名义申报',
          'The 证件号码 is not the one the account is bound to',
          '/body/idNumber',
        );
      const name = draft.applicant?.name?.trim() ?? '';
      const idType = draft.applicant?.idType?.trim() ?? '';
      if (!name || !idType)
        throw new ApiError(
          422,
          'DRAFT_INCOMPLETE',
          !name ? '请填写申请人姓名' : '请选择证件类型',
          'The draft names no applicant or 证件类型',
          !name ? '/applicant/name' : '/applicant/idType',
        );
      const stored = await matterInUse(draft.matterCode);
      const files = await filesOf(principal, draft, stored);
      const missing = stored.matter.materials.filter(
        (m) => m.necessity === 'required' && m.source === 'applicant' && !files.some((f) => f.materialId === m.id),
      );
      if (missing.length > 0)
        throw new ApiError(
          422,
          'MATERIALS_MISSING',
          `请上传必要材料：${missing.map((m) => m.name).join('、')}`,
          `Required materials without a file: ${missing.map((m) => m.id).join(', ')}`,
          '/files',
          { materials: missing.map((m) => m.id) },
        );
      try {
        await receiveApplication(store, knex, {
          caseId,
          matterCode: stored.matterCode,
          matterVersion: stored.version,
          applicant: { name, idType, idNumber: body.idNumber.trim() },
          channel: '网上',
          materials: {},
          form: draft.form,
          actor: principal.id,
          files,
        });
      } catch (error) {
        // Received by an earlier attempt that did not live to mark the draft: that case it is.
        if (!(error instanceof CommandRejectedError && error.code === 'CASE_EXISTS')) throw error;
      }
      await markSubmitted(knex, draft.draftId, caseId, clock.now().toISOString());
      return { status: 201, body: await submitted(caseId) };
    },
  });

  routes.add({
    method: 'get',
    path: '/api/applicant/cases',
    summary:
      '我的办件: the cases filed for the applicant’s 证件号码, newest first, each with its status, due date and what is asked of them (补正, 容缺补交, 评价)',
    tags: ['applicant'],
    access: APPLICANT,
    responses: { 200: { description: 'Cases' } },
    handler: async ({ principal }) => {
      if (!principal) throw unauthenticated();
      const key = await boundKey(knex, principal);
      if (!key) return { body: [] };
      const summaries = (await store.listCases({ applicantKey: key }))
        .filter((summary) => summary.domainStatus !== null)
        .sort((a, b) => b.startedAt.localeCompare(a.startedAt))
        .slice(0, 100);
      const views = [];
      for (const summary of summaries) {
        const state = await store.getCase(summary.caseId);
        if (!state?.domain) continue;
        const view = applicantCaseView(state, { level: await ratedLevel(summary.caseId), departments: [] }, null);
        views.push({
          caseId: view['caseId'],
          number: view['number'],
          matter: view['matter'],
          status: view['status'],
          channel: view['channel'],
          receivedAt: view['receivedAt'],
          answerBy: view['answerBy'],
          limit: view['limit'],
          asks: view['asks'],
          result: view['result'],
        });
      }
      return { body: views };
    },
  });

  routes.add<unknown, Record<string, unknown>, { caseId: string }>({
    method: 'get',
    path: '/api/applicant/cases/:caseId',
    summary:
      'One of the applicant’s cases: status, due dates, the 补正 notice with each defect, 容缺 materials owed, the materials with their files (every version), the result, the rating, and the receipt’s verification code',
    tags: ['applicant'],
    access: APPLICANT,
    params: CASE_ID,
    responses: {
      200: { description: 'The case' },
      403: { description: 'Another applicant’s' },
      404: { description: 'No such case' },
    },
    handler: async ({ params, principal }) => ({ body: await ownCaseView(principal, params.caseId) }),
  });

  routes.add<{ files: DraftFile[]; cures?: string[] }, Record<string, unknown>, { caseId: string }>({
    method: 'post',
    path: '/api/applicant/cases/:caseId/corrections',
    summary:
      '补正 online: answer the one-time notice with the corrected materials (the applicant’s uploads for this case), naming the defects they cure; each file is filed as its material’s next version (nothing overwritten); once every defect is cured the case goes back to where it was and its clock runs again (before 受理: the §32 answer period starts again)',
    tags: ['applicant'],
    access: APPLICANT,
    idempotent: true,
    params: CASE_ID,
    body: {
      type: 'object',
      required: ['files'],
      additionalProperties: false,
      properties: {
        files: { ...DRAFT_FILES, minItems: 1 },
        cures: { type: 'array', maxItems: 50, items: { type: 'string', minLength: 1, maxLength: 500 } },
      },
    },
    responses: {
      200: { description: 'The case after the 补交' },
      403: { description: 'Not their case' },
      422: { description: 'Refused: e.g. the case is not waiting for materials, an upload not theirs' },
    },
    handler: async ({ params, body, principal }) => {
      if (!principal) throw unauthenticated();
      const state = await caseFor(store, knex, principal, params.caseId, 'materials.supply');
      const domain = state.domain!;
      const uploads = await uploadsOf(
        knex,
        principal.id,
        body.files.map((f) => f.uploadId),
      );
      const files: FileHandedIn[] = body.files.map((chosen, index) => {
        const upload = uploads.find((u) => u.uploadId === chosen.uploadId);
        if (!upload || upload.materialId !== chosen.materialId || upload.matterCode !== domain.matter.code)
          throw uploadNotFound(`/body/files/${index}`);
        return fileOf(upload);
      });
      const data = { materials: [], cures: body.cures ?? [...domain.openDefects], files };
      try {
        await store.dispatch(params.caseId, { type: 'materials.supply', actor: principal.id, data });
      } catch (error) {
        if (!(error instanceof CommandRejectedError)) throw error;
        const refused = refusalOf('materials.supply', error.rejection, state, { materials: [], cures: data.cures });
        throw new ApiError(refused.status, refused.code, refused.zh, refused.en);
      }
      return { body: await ownCaseView(principal, params.caseId) };
    },
  });

  // ---- helpers --------------------------------------------------------------------------------

  async function matterInUse(code: string): Promise<StoredMatter> {
    const stored = await getMatter(knex, code);
    if (!stored || stored.matter.status !== 'active')
      throw new ApiError(404, 'MATTER_NOT_FOUND', `事项 ${code} 不存在或暂不受理`, `No matter ${code} in use`);
    return stored;
  }

  async function draftOf(principal: Principal | null, draftId: string): Promise<Draft> {
    const draft = await getDraft(knex, owner(principal), draftId);
    if (!draft) throw new ApiError(404, 'DRAFT_NOT_FOUND', '草稿不存在', `No draft ${draftId} of theirs`);
    return draft;
  }

  /** A draft with the uploads it names (name, size, type, hash). */
  async function draftView(draft: Draft) {
    const uploads = await uploadsOf(
      knex,
      draft.owner,
      draft.files.map((f) => f.uploadId),
    );
    return {
      draftId: draft.draftId,
      matterCode: draft.matterCode,
      applicant: draft.applicant,
      form: draft.form,
      files: draft.files.flatMap((chosen) => {
        const upload = uploads.find((u) => u.uploadId === chosen.uploadId);
        return upload
          ? [
              {
                materialId: chosen.materialId,
                uploadId: upload.uploadId,
                sha256: upload.sha256,
                size: upload.size,
                mediaType: upload.mediaType,
                fileName: upload.fileName,
              },
            ]
          : [];
      }),
      createdAt: draft.createdAt,
      updatedAt: draft.updatedAt,
      caseId: draft.caseId,
      submittedAt: draft.submittedAt,
    };
  }

  /** The draft's uploads as files handed in: each the owner's, of this matter and the material it is chosen for. */
  async function filesOf(principal: Principal, draft: Draft, stored: StoredMatter): Promise<FileHandedIn[]> {
    const uploads = await uploadsOf(
      knex,
      principal.id,
      draft.files.map((f) => f.uploadId),
    );
    return draft.files.map((chosen, index) => {
      const upload = uploads.find((u) => u.uploadId === chosen.uploadId);
      const known = stored.matter.materials.some((m) => m.id === chosen.materialId);
      if (!upload || !known || upload.materialId !== chosen.materialId || upload.matterCode !== stored.matterCode)
        throw uploadNotFound(`/files/${index}`);
      return fileOf(upload);
    });
  }

  async function submitted(caseId: string) {
    const state = await store.getCase(caseId);
    if (!state?.domain) throw new ApiError(404, 'CASE_NOT_FOUND', `办件 ${caseId} 不存在`, `No case ${caseId}`);
    const code = state.domain.number
      ? await progressCode(knex, caseId, state.domain.number, clock.now().toISOString())
      : null;
    return {
      caseId,
      number: state.domain.number ?? null,
      verificationCode: code,
      case: applicantCaseView(state, { level: null, departments: [] }, code),
    };
  }

  async function ownCaseView(principal: Principal | null, caseId: string) {
    const state = await caseFor(store, knex, principal, caseId);
    const domain = state.domain!;
    const code = domain.number ? await progressCode(knex, caseId, domain.number, clock.now().toISOString()) : null;
    const departments = departmentsOf(await store.getEvents(caseId));
    return applicantCaseView(state, { level: await ratedLevel(caseId), departments }, code);
  }

  /** The 一事一评 level the case was given, or null (the ratings table, read only). */
  async function ratedLevel(caseId: string): Promise<string | null> {
    const row = (await knex('ratings').where({ case_id: caseId, mode: '一事一评' }).first('level')) as
      { level: string } | undefined;
    return row?.level ?? null;
  }
}

function owner(principal: Principal | null): string {
  if (!principal) throw unauthenticated();
  return principal.id;
}

function contentOf(body: DraftBody): DraftContent {
  return {
    applicant: body.applicant ? { name: body.applicant.name ?? '', idType: body.applicant.idType ?? '' } : null,
    form: body.form ?? {},
    files: body.files ?? [],
  };
}

function fileOf(upload: { materialId: string; sha256: string; size: number; mediaType: string; fileName: string }) {
  return {
    materialId: upload.materialId,
    sha256: upload.sha256,
    size: upload.size,
    mediaType: upload.mediaType,
    fileName: upload.fileName,
  };
}

const uploadNotFound = (field: string) =>
  new ApiError(
    422,
    'UPLOAD_NOT_FOUND',
    '所选文件不存在或不属于该材料，请重新上传',
    'No such upload of theirs for that material',
    field,
  );

const submittedAlready = (draft: Draft) =>
  new ApiError(
    409,
    'DRAFT_SUBMITTED',
    '该申报已提交，不能再修改',
    `Draft ${draft.draftId} became case ${draft.caseId}`,
  );
