/**
 * Material files over HTTP: an upload (multipart/form-data, one part `file`) against one
 * material of a matter or of a case, streamed into the storage through the intake (judged by its
 * content; never whole in memory; nothing stored half when the client goes away), recorded as
 * an upload of the caller's; a case's files read back by those who may read the case; and
 * preview grants, so a page can show a file in an <img> or <iframe> without its bearer token.
 */
import type { IncomingMessage } from 'node:http';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import busboy from 'busboy';
import type { Response } from 'express';
import type { Knex } from 'knex';
import type { Clock } from '../../engine/clock.js';
import type { DomainState, Principal } from '../../engine/domain/index.js';
import { fileRules, isSha256, tooLarge, type FileRules } from '../../engine/materials/index.js';
import {
  grantPreview,
  intake,
  previewGranted,
  recordUpload,
  UploadTooLargeError,
  type IntakeResult,
  type MaterialStorage,
} from '../../engine/materials-store/index.js';
import type { MatterMaterial } from '../../engine/matters/index.js';
import { getMatter } from '../../engine/matters-store/index.js';
import type { Store } from '../../engine/store/index.js';
import { ApiError } from '../http/errors.js';
import type { Routes } from '../http/route.js';
import { caseFor, unauthenticated } from './case-access.js';

/** The material storage and the centre's limits, as the server was configured (server/materials-config.ts). */
export interface MaterialServices {
  readonly storage: MaterialStorage;
  /** No material takes a larger file (MB). */
  readonly maxFileMb: number;
  /** Progress queries a minute per client address (default 10). */
  readonly progressRateLimit?: number;
}

const SHA256 = { type: 'string', pattern: '^[0-9a-f]{64}$' } as const;
const CASE_FILE_PARAMS = {
  type: 'object',
  required: ['caseId', 'sha256'],
  properties: { caseId: { type: 'string', maxLength: 100 }, sha256: SHA256 },
} as const;
/** Headroom for the multipart envelope around a file. */
const ENVELOPE_BYTES = 64 * 1024;

export const storageUnavailable = () =>
  new ApiError(
    503,
    'MATERIALS_UNAVAILABLE',
    '材料存储未配置，暂不能上传或查看文件',
    'No material storage is configured',
  );

export function materialRoutes(
  routes: Routes,
  store: Store,
  knex: Knex,
  clock: Clock,
  materials: MaterialServices | undefined,
): void {
  routes.add<unknown, { matterCode?: string; matterVersion?: number; caseId?: string; materialId: string }>({
    method: 'post',
    path: '/api/materials/uploads',
    summary:
      'Upload one file for one material (multipart/form-data, its part named `file`), of a matter (`matterCode`, for an application) or of a case (`caseId`, for a 补正 or 补交). Streamed: never held whole in memory; judged by its content’s signature, never its name, against the material’s declared types (PDF, JPEG, PNG, OFD) and largest size; kept content-addressed (sha256). A refused file (422, 413 past the limit) or an upload broken off stores nothing. The answer is the caller’s upload, to file with an application or a 补正',
    tags: ['materials'],
    access: ['applicant', 'window', 'admin'],
    query: {
      type: 'object',
      required: ['materialId'],
      additionalProperties: false,
      properties: {
        matterCode: { type: 'string', minLength: 1, maxLength: 100 },
        matterVersion: { type: 'integer', minimum: 1 },
        caseId: { type: 'string', minLength: 1, maxLength: 100 },
        materialId: { type: 'string', minLength: 1, maxLength: 64 },
      },
    },
    openApi: {
      requestBody: {
        required: true,
        content: {
          'multipart/form-data': {
            schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } },
          },
        },
      },
    },
    responses: {
      201: { description: 'The upload: uploadId, materialId, sha256, size, mediaType (from the content), fileName' },
      404: { description: 'No such matter, case or material' },
      413: { description: 'FILE_TOO_LARGE: past the material’s limit (nothing stored)' },
      415: { description: 'Not multipart/form-data' },
      422: { description: 'FILE_TYPE_REFUSED (the content is not a type the material accepts) or FILE_EMPTY' },
    },
    handler: async ({ req, query, principal }) => {
      if (!principal) throw unauthenticated();
      const services = materials ?? throwUnavailable();
      const { matterCode, material } = await materialOf(query, principal);
      const rules = fileRules(material, services.maxFileMb);
      if (!/^multipart\/form-data/i.test(req.get('Content-Type') ?? ''))
        throw new ApiError(
          415,
          'UNSUPPORTED_MEDIA_TYPE',
          '请以 multipart/form-data 上传文件（字段名 file）',
          'Send the file as multipart/form-data, in a part named file',
        );
      const drainLimit = rules.maxBytes * 2 + 16 * 1024 * 1024;
      const declared = Number(req.get('Content-Length'));
      if (Number.isFinite(declared) && declared > drainLimit + ENVELOPE_BYTES) {
        // Not worth reading: answer at once and close the connection.
        req.res?.setHeader('Connection', 'close');
        throw refusal(tooLarge(material, rules).refusal, 413);
      }
      const received = await receiveFile(req, services.storage, { material, rules, drainLimit });
      if (!received)
        throw new ApiError(400, 'NO_FILE', '请求中没有文件（字段名 file）', 'No file part named file', '/body/file');
      const { result, fileName } = received;
      if (!result.stored) throw refusal(result.refusal, result.refusal.code === 'FILE_TOO_LARGE' ? 413 : 422);
      const upload = await recordUpload(knex, {
        owner: principal.id,
        matterCode,
        materialId: material.id,
        ...result.file,
        fileName,
        uploadedAt: clock.now().toISOString(),
      });
      return {
        status: 201,
        body: {
          uploadId: upload.uploadId,
          matterCode: upload.matterCode,
          materialId: upload.materialId,
          sha256: upload.sha256,
          size: upload.size,
          mediaType: upload.mediaType,
          fileName: upload.fileName,
          uploadedAt: upload.uploadedAt,
        },
      };
    },
  });

  routes.add<unknown, { download?: boolean }, { caseId: string; sha256: string }>({
    method: 'get',
    path: '/api/cases/:caseId/files/:sha256',
    summary:
      'One material file of a case, as stored (content-addressed: the sha256 its material.filed event carries), to those who may read the case; inline unless `download`',
    tags: ['materials'],
    access: ['admin', 'window', 'department', 'supervisor', 'auditor', 'applicant'],
    params: CASE_FILE_PARAMS,
    query: { type: 'object', additionalProperties: false, properties: { download: { type: 'boolean' } } },
    responses: {
      200: { description: 'The file (its media type as its content showed at upload)' },
      404: {
        description:
          'No such case, or the case filed no such file (FILE_NOT_FOUND), or the storage lost it (FILE_MISSING)',
      },
    },
    handler: async ({ params, query, principal }) => {
      const services = materials ?? throwUnavailable();
      const state = await caseFor(store, knex, principal, params.caseId);
      const file = fileOfCase(state.domain?.files, params.caseId, params.sha256);
      const stored = await openStored(services.storage, file.sha256);
      return { body: null, stream: (res) => sendFile(res, stored, file, query.download ? 'attachment' : 'inline') };
    },
  });

  routes.add<unknown, Record<string, unknown>, { caseId: string; sha256: string }>({
    method: 'post',
    path: '/api/cases/:caseId/files/:sha256/preview',
    summary:
      'A grant to show one file of a case in the browser for five minutes (a page cannot send its bearer token with an image or a frame): `url` serves it without a token',
    tags: ['materials'],
    access: ['admin', 'window', 'department', 'supervisor', 'auditor', 'applicant'],
    params: CASE_FILE_PARAMS,
    responses: {
      201: { description: '{ url, expiresAt, mediaType, fileName }' },
      404: { description: 'No such file' },
    },
    handler: async ({ params, principal }) => {
      if (!materials) throw storageUnavailable();
      if (!principal) throw unauthenticated();
      const state = await caseFor(store, knex, principal, params.caseId);
      const file = fileOfCase(state.domain?.files, params.caseId, params.sha256);
      const grant = await grantPreview(
        knex,
        { caseId: params.caseId, sha256: file.sha256, mediaType: file.mediaType, fileName: file.fileName },
        principal.id,
        clock.now(),
      );
      return {
        status: 201,
        body: {
          url: `/api/material-previews/${grant.token}`,
          expiresAt: grant.expiresAt,
          mediaType: file.mediaType,
          fileName: file.fileName,
        },
      };
    },
  });

  routes.add<unknown, { download?: boolean }, { token: string }>({
    method: 'get',
    path: '/api/material-previews/:token',
    summary:
      'The file a preview grant names, while the grant lasts (no token needed: the address is the grant); `download` saves it instead of showing it',
    tags: ['materials'],
    access: 'public',
    params: {
      type: 'object',
      required: ['token'],
      properties: { token: { type: 'string', pattern: '^[A-Za-z0-9_-]{16,64}$' } },
    },
    query: { type: 'object', additionalProperties: false, properties: { download: { type: 'boolean' } } },
    responses: { 200: { description: 'The file' }, 404: { description: 'No such grant, or it expired' } },
    handler: async ({ params, query }) => {
      const services = materials ?? throwUnavailable();
      const grant = await previewGranted(knex, params.token, clock.now());
      if (!grant)
        throw new ApiError(
          404,
          'PREVIEW_EXPIRED',
          '预览链接不存在或已过期，请重新打开',
          'No such preview grant, or it expired',
        );
      const stored = await openStored(services.storage, grant.sha256);
      // OFD has no viewer in browsers: it is downloaded.
      const disposition = query.download || grant.mediaType === 'application/ofd' ? 'attachment' : 'inline';
      return { body: null, stream: (res) => sendFile(res, stored, grant, disposition) };
    },
  });

  /** The matter (or the case's matter version) and the material an upload is for. */
  async function materialOf(
    query: { matterCode?: string; matterVersion?: number; caseId?: string; materialId: string },
    principal: Principal,
  ): Promise<{ matterCode: string; material: MatterMaterial }> {
    let code = query.matterCode;
    let version = query.matterVersion;
    if (query.caseId !== undefined) {
      // Handing in for a case (补正, 补交): only who may supply its materials.
      const state = await caseFor(store, knex, principal, query.caseId, 'materials.supply');
      code = state.domain!.matter.code;
      version = state.domain!.matter.version;
    }
    if (code === undefined)
      throw new ApiError(
        400,
        'INVALID_INPUT',
        '请指明事项（matterCode）或办件（caseId）',
        'Name matterCode or caseId',
        '/query',
      );
    const stored = await getMatter(knex, code, version);
    if (!stored)
      throw new ApiError(404, 'MATTER_NOT_FOUND', `事项 ${code} 不存在`, `No matter ${code}`, '/query/matterCode');
    const material = stored.matter.materials.find((m) => m.id === query.materialId);
    if (!material)
      throw new ApiError(
        404,
        'MATERIAL_NOT_FOUND',
        `事项「${stored.matter.name}」没有材料 ${query.materialId}`,
        `Matter ${code} lists no material ${query.materialId}`,
        '/query/materialId',
      );
    return { matterCode: code, material };
  }
}

function throwUnavailable(): never {
  throw storageUnavailable();
}

const refusal = (refused: { code: string; zh: string; en: string }, status: number) =>
  new ApiError(status, refused.code, refused.zh, refused.en, '/body/file');

/** The file a case filed under `sha256` (its latest filing, for its name and type). */
function fileOfCase(
  files: DomainState['files'],
  caseId: string,
  sha256: string,
): { sha256: string; mediaType: string; fileName: string } {
  const file = isSha256(sha256) ? (files ?? []).filter((f) => f.sha256 === sha256).pop() : undefined;
  if (!file) throw new ApiError(404, 'FILE_NOT_FOUND', '该办件没有这个文件', `Case ${caseId} filed no file ${sha256}`);
  return file;
}

async function openStored(storage: MaterialStorage, sha256: string) {
  const stored = await storage.open(sha256);
  if (!stored)
    throw new ApiError(
      404,
      'FILE_MISSING',
      '文件不在材料存储中（可能已被删除），请联系管理员核验',
      `The storage holds no file ${sha256}`,
    );
  return stored;
}

/** Send a stored file with headers that keep a browser from running anything in it. */
async function sendFile(
  res: Response,
  stored: { stream: Readable; size: number },
  file: { sha256: string; mediaType: string; fileName: string },
  disposition: 'inline' | 'attachment',
): Promise<void> {
  res.status(200);
  res.setHeader('Content-Type', file.mediaType);
  res.setHeader('Content-Length', String(stored.size));
  res.setHeader('Content-Disposition', contentDisposition(disposition, file.fileName));
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('ETag', `"${file.sha256}"`);
  res.setHeader('Cache-Control', 'private, no-store');
  // Nothing in the file may run or load anything; a PDF keeps the browser's own viewer (a sandbox would block it).
  res.setHeader(
    'Content-Security-Policy',
    `default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'${file.mediaType === 'application/pdf' ? '' : '; sandbox'}`,
  );
  try {
    await pipeline(stored.stream, res);
  } catch {
    // The client went away, or the storage broke off: nothing more can be said on this response.
    res.destroy();
  }
}

function contentDisposition(kind: 'inline' | 'attachment', name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/**
 * The one file part of a multipart request through the intake; null when there is none. Other
 * parts are skipped. A request broken off while the file streams in stores nothing.
 */
function receiveFile(
  req: IncomingMessage,
  storage: MaterialStorage,
  options: { material: MatterMaterial; rules: FileRules; drainLimit: number },
): Promise<{ result: IntakeResult; fileName: string } | null> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        defParamCharset: 'utf8',
        limits: { files: 1, fields: 20, parts: 21, fieldNameSize: 100, fieldSize: 1024 },
      });
    } catch {
      reject(new ApiError(400, 'MALFORMED_MULTIPART', '上传的请求格式有误', 'Malformed multipart/form-data request'));
      return;
    }
    let pending: Promise<{ result: IntakeResult; fileName: string }> | null = null;
    let current: Readable | null = null;
    let settled = false;
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      current?.destroy(error instanceof Error ? error : new Error(String(error)));
      req.unpipe(parser);
      reject(error);
    };
    parser.on('file', (field, stream, info) => {
      if (field !== 'file' || pending) {
        stream.resume();
        return;
      }
      current = stream;
      pending = intake(storage, stream, options).then((result) => ({ result, fileName: info.filename ?? '' }));
      pending.catch(() => undefined);
    });
    parser.on('close', () => {
      if (settled) return;
      if (!pending) {
        settled = true;
        resolve(null);
        return;
      }
      pending.then(
        (value) => {
          settled = true;
          resolve(value);
        },
        (error: unknown) => fail(intakeFailure(error, req)),
      );
    });
    parser.on('error', () =>
      fail(
        new ApiError(
          400,
          'MALFORMED_MULTIPART',
          '上传的请求格式有误或不完整',
          'Malformed or incomplete multipart/form-data',
        ),
      ),
    );
    // The connection closed before the body was read to its end (whether or not all of it had
    // arrived: what was not read yet is gone with the request): nothing of the file is kept.
    req.on('close', () => {
      if (!req.readableEnded)
        fail(
          new ApiError(
            400,
            'UPLOAD_INTERRUPTED',
            '上传中断，文件未保存',
            'The upload was broken off; nothing was stored',
          ),
        );
    });
    req.pipe(parser);
  });
}

function intakeFailure(error: unknown, req: IncomingMessage): unknown {
  if (error instanceof UploadTooLargeError) {
    (req as IncomingMessage & { res?: Response }).res?.setHeader('Connection', 'close');
    return new ApiError(
      413,
      'FILE_TOO_LARGE',
      '文件过大，未保存',
      'The file is far past its limit; nothing was stored',
      '/body/file',
    );
  }
  return error;
}
