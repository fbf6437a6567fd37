/**
 * The modeler's drafts: diagrams kept on the server without being deployed. Any BPMN that
 * bpmn-moddle reads is accepted (executable or not, e.g. the MIWG reference models); XML that
 * does not read is refused with its line and column. Saving names the revision it read
 * (optimistic concurrency): a stale revision gets a 409 and the current revision, so two
 * administrators never overwrite each other silently. Reading is for every signed-in user,
 * writing for administrators; deploying stays POST /api/definitions.
 */
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { Finding } from '../../engine/model/index.js';
import { ApiError } from '../http/errors.js';
import type { Routes } from '../http/route.js';
import { beijing } from '../views/beijing-time.js';
import { inProcessModels, type ModelService } from '../workers/index.js';

interface DraftRow {
  readonly draft_id: string;
  readonly name: string;
  readonly process_id: string | null;
  readonly xml: string;
  readonly revision: number;
  readonly created_by: string;
  readonly created_at: string;
  readonly updated_by: string;
  readonly updated_at: string;
}

interface DraftSummary {
  readonly draftId: string;
  readonly name: string;
  /** The draft's process: its one executable process, else its only process; null otherwise. */
  readonly processId: string | null;
  readonly revision: number;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly updatedBy: string;
  readonly updatedAt: string;
}

interface Draft extends DraftSummary {
  readonly xml: string;
}

const summary = (row: DraftRow): DraftSummary => ({
  draftId: row.draft_id,
  name: row.name,
  processId: row.process_id,
  revision: Number(row.revision),
  createdBy: row.created_by,
  createdAt: row.created_at,
  updatedBy: row.updated_by,
  updatedAt: row.updated_at,
});

const SUMMARY_COLUMNS = [
  'draft_id',
  'name',
  'process_id',
  'revision',
  'created_by',
  'created_at',
  'updated_by',
  'updated_at',
] as const;

const NAME = { type: 'string', minLength: 1, maxLength: 200, pattern: '^\\S(.*\\S)?$' } as const;
const XML = { type: 'string', minLength: 1, maxLength: 10_000_000 } as const;
const DRAFT_ID = {
  type: 'object',
  required: ['draftId'],
  properties: { draftId: { type: 'string', minLength: 1, maxLength: 100 } },
} as const;

/**
 * Reads `xml` as BPMN (bpmn-moddle with the gov extension, through `models`: a worker thread in
 * the running server) and returns the draft's process id; throws a 422 naming the line and
 * column where the XML cannot be read, or the element count past the limit.
 */
async function readDraftXml(xml: string, models: ModelService = inProcessModels): Promise<string | null> {
  const parsed = await models.readBpmn(xml);
  if (!parsed.ok) {
    const first: Finding | undefined = parsed.findings[0];
    const where = first?.line ? `（第 ${first.line} 行，第 ${first.column ?? 1} 列）` : '';
    throw new ApiError(
      422,
      'DRAFT_XML_INVALID',
      `BPMN 文件无法读取${where}：${unreadableZh(first)}`,
      `The BPMN cannot be read${first?.line ? ` (line ${first.line}, column ${first.column ?? 1})` : ''}: ${first?.message.en ?? 'unreadable'}`,
      '/body/xml',
      { findings: parsed.findings },
    );
  }
  const { processes } = parsed;
  const executable = processes.filter((process) => process.isExecutable);
  const chosen = executable.length === 1 ? executable[0] : processes.length === 1 ? processes[0] : undefined;
  return chosen?.id ?? null;
}

/** Why a text does not read, in Chinese (the too-many-elements finding names the count and the limit). */
function unreadableZh(first: Finding | undefined): string {
  switch (first?.rule) {
    case 'xml-not-bpmn':
      return '不是 BPMN 2.0 文件（根元素须为 bpmn:definitions）';
    case 'xml-doctype':
      return '不接受 DOCTYPE 或 ENTITY 声明';
    case 'xml-too-large':
    case 'xml-too-deep':
      return '文件过大或层级过深';
    case 'xml-too-many-elements':
      return first.message.zh;
    default:
      return 'XML 格式错误';
  }
}

/** `models` reads the XML sent (worker threads in the running server; in this thread by default). */
export function draftRoutes(
  routes: Routes,
  knex: Knex,
  clock: { now(): Date } = { now: () => new Date() },
  models: ModelService = inProcessModels,
): void {
  const notFound = (draftId: string) =>
    new ApiError(404, 'DRAFT_NOT_FOUND', `草稿 ${draftId} 不存在`, `No draft ${draftId}`);
  const find = async (draftId: string): Promise<DraftRow> => {
    const row = (await knex('drafts').where({ draft_id: draftId }).first()) as DraftRow | undefined;
    if (!row) throw notFound(draftId);
    return row;
  };

  routes.add({
    method: 'get',
    path: '/api/drafts',
    summary: 'Every draft (without its XML), most recently saved first',
    tags: ['drafts'],
    access: 'authenticated',
    query: {
      type: 'object',
      additionalProperties: false,
      properties: { processId: { type: 'string', maxLength: 200 } },
    },
    responses: { 200: { description: 'Drafts: draftId, name, processId, revision, created/updated by and at' } },
    handler: async ({ query }) => {
      const rows = (await knex('drafts')
        .select(...SUMMARY_COLUMNS)
        .modify((builder) => {
          if (typeof query['processId'] === 'string') void builder.where({ process_id: query['processId'] });
        })
        .orderBy([{ column: 'updated_at', order: 'desc' }, { column: 'draft_id' }])) as DraftRow[];
      return { body: rows.map(summary) };
    },
  });

  routes.add<unknown, Record<string, unknown>, { draftId: string }>({
    method: 'get',
    path: '/api/drafts/:draftId',
    summary: 'One draft with its XML',
    tags: ['drafts'],
    access: 'authenticated',
    params: DRAFT_ID,
    responses: { 200: { description: 'The draft' }, 404: { description: 'No such draft' } },
    handler: async ({ params }) => {
      const row = await find(params.draftId);
      return { body: { ...summary(row), xml: row.xml } satisfies Draft };
    },
  });

  routes.add<{ name: string; xml: string }>({
    method: 'post',
    path: '/api/drafts',
    summary: 'Save a new draft (administrators): any BPMN that reads, executable or not',
    tags: ['drafts'],
    access: ['admin'],
    idempotent: true,
    body: {
      type: 'object',
      required: ['name', 'xml'],
      additionalProperties: false,
      properties: { name: NAME, xml: XML },
    },
    responses: {
      201: { description: 'Saved, revision 1' },
      422: {
        description:
          'The XML cannot be read (DRAFT_XML_INVALID, with line and column; xml-too-many-elements past the element limit)',
      },
      503: { description: 'MODEL_WORKERS_BUSY: retry after Retry-After seconds' },
    },
    handler: async ({ body, principal }) => {
      const processId = await readDraftXml(body.xml, models);
      const now = clock.now().toISOString();
      const actor = principal?.id ?? 'unknown';
      const row: DraftRow = {
        draft_id: randomUUID(),
        name: body.name,
        process_id: processId,
        xml: body.xml,
        revision: 1,
        created_by: actor,
        created_at: now,
        updated_by: actor,
        updated_at: now,
      };
      await knex('drafts').insert(row);
      return { status: 201, body: summary(row) };
    },
  });

  routes.add<{ name?: string; xml: string; revision: number }, Record<string, unknown>, { draftId: string }>({
    method: 'put',
    path: '/api/drafts/:draftId',
    summary: 'Save a draft over the revision it was read at (administrators); a stale revision is a 409',
    tags: ['drafts'],
    access: ['admin'],
    params: DRAFT_ID,
    body: {
      type: 'object',
      required: ['xml', 'revision'],
      additionalProperties: false,
      properties: { name: NAME, xml: XML, revision: { type: 'integer', minimum: 1 } },
    },
    responses: {
      200: { description: 'Saved: the next revision' },
      404: { description: 'No such draft' },
      409: { description: 'Saved by someone else since that revision (DRAFT_CONFLICT, details.currentRevision)' },
      422: { description: 'The XML cannot be read' },
      503: { description: 'MODEL_WORKERS_BUSY: retry after Retry-After seconds' },
    },
    handler: async ({ params, body, principal }) => {
      const processId = await readDraftXml(body.xml, models);
      const now = clock.now().toISOString();
      const changes = {
        xml: body.xml,
        process_id: processId,
        revision: body.revision + 1,
        updated_by: principal?.id ?? 'unknown',
        updated_at: now,
        ...(body.name ? { name: body.name } : {}),
      };
      const updated = await knex('drafts').where({ draft_id: params.draftId, revision: body.revision }).update(changes);
      if (updated === 0) {
        const current = await find(params.draftId);
        throw new ApiError(
          409,
          'DRAFT_CONFLICT',
          `草稿已被 ${current.updated_by} 于 ${beijing(current.updated_at)} 保存为第 ${current.revision} 版，您的修改基于第 ${body.revision} 版：请重新打开草稿后再修改`,
          `The draft was saved as revision ${current.revision} by ${current.updated_by} at ${current.updated_at} since revision ${body.revision}`,
          '/body/revision',
          { currentRevision: Number(current.revision) },
        );
      }
      return { body: summary(await find(params.draftId)) };
    },
  });

  routes.add<unknown, Record<string, unknown>, { draftId: string }>({
    method: 'delete',
    path: '/api/drafts/:draftId',
    summary: 'Delete a draft (administrators)',
    tags: ['drafts'],
    access: ['admin'],
    params: DRAFT_ID,
    responses: { 200: { description: 'Deleted' }, 404: { description: 'No such draft' } },
    handler: async ({ params }) => {
      const deleted = await knex('drafts').where({ draft_id: params.draftId }).delete();
      if (deleted === 0) throw notFound(params.draftId);
      return { body: { draftId: params.draftId, deleted: true } };
    },
  });
}
