/** Process definitions: deploy BPMN (validated and linted, findings per element), list versions, fetch XML, diff two versions or a diagram against a version. */
import type { CompiledProcess, Finding, FlowNode, SequenceFlow } from '../../engine/model/index.js';
import { DeploymentError, type Store } from '../../engine/store/index.js';
import { ApiError } from '../http/errors.js';
import type { Routes } from '../http/route.js';
import { inProcessModels, type ModelService } from '../workers/index.js';

/** `models` lints and compiles what is sent (worker threads in the running server); the store compiles what it deploys with its own engine. */
export function definitionRoutes(routes: Routes, store: Store, models: ModelService = inProcessModels): void {
  routes.add<{ xml: string }, Record<string, unknown>, Record<string, string>>({
    method: 'post',
    path: '/api/definitions',
    summary:
      "Deploy a BPMN file: changed XML gives version n+1, the same XML is not a new version. The modeler's lint runs first (engine/lint, the same rules as the designer): an error of a matterflow/* rule refuses the deploy like a validation error; findings (validation + lint) are returned per element either way",
    tags: ['definitions'],
    access: ['admin'],
    idempotent: true,
    body: {
      type: 'object',
      required: ['xml'],
      additionalProperties: false,
      properties: { xml: { type: 'string', minLength: 1, maxLength: 10_000_000 } },
    },
    responses: {
      201: { description: 'Deployed (or unchanged); findings are warnings' },
      422: {
        description:
          'DEFINITION_INVALID: details.findings, per element (validation and lint), with line and column where known; a file past the element limit is refused before it is parsed (rule xml-too-many-elements)',
      },
      503: {
        description:
          'MODEL_WORKERS_BUSY: every model worker is busy and the queue is full; retry after Retry-After seconds',
      },
    },
    handler: async ({ body, principal }) => {
      const lint = await models.lintForDeploy(body.xml);
      if (lint.refused) throw refusal((await verdict(store, models, body.xml, lint)).findings);
      try {
        const result = await store.deploy(body.xml, { actor: principal?.id ?? 'unknown' });
        return { status: 201, body: { ...result, findings: [...result.findings, ...lint.findings] } };
      } catch (error) {
        if (error instanceof DeploymentError) throw refusal([...error.findings, ...lint.findings]);
        throw error;
      }
    },
  });
  routes.add<{ xml: string }, Record<string, unknown>, Record<string, string>>({
    method: 'post',
    path: '/api/definitions/validate',
    summary:
      "What publishing this BPMN would say, without publishing: the findings of the model's validation (against the processes deployed now) and of the lint, per element with line and column, in Chinese (message.zh) and English (message.en), and whether they refuse it. The modeler calls it as the diagram changes, so the administrator sees before 发布 exactly what 发布 will answer. Nothing is stored",
    tags: ['definitions'],
    access: 'authenticated',
    body: {
      type: 'object',
      required: ['xml'],
      additionalProperties: false,
      properties: { xml: { type: 'string', minLength: 1, maxLength: 10_000_000 } },
    },
    responses: {
      200: {
        description:
          '{ refused, findings }: refused is true exactly when POST /api/definitions would answer 422 DEFINITION_INVALID with these findings',
      },
      503: { description: 'MODEL_WORKERS_BUSY: every model worker is busy; retry after Retry-After seconds' },
    },
    handler: async ({ body }) => ({ body: await verdict(store, models, body.xml) }),
  });
  routes.add({
    method: 'get',
    path: '/api/definitions',
    summary: 'Every deployed process version',
    tags: ['definitions'],
    access: 'authenticated',
    query: {
      type: 'object',
      additionalProperties: false,
      properties: { processId: { type: 'string', maxLength: 200 } },
    },
    responses: { 200: { description: 'Versions, newest first per process' } },
    handler: async ({ query }) => ({
      body: await store.listDefinitions(typeof query['processId'] === 'string' ? query['processId'] : undefined),
    }),
  });
  routes.add<unknown, Record<string, unknown>, { processId: string; version: string }>({
    method: 'get',
    path: '/api/definitions/:processId/versions/:version/xml',
    summary: 'The BPMN XML of one version, as deployed',
    tags: ['definitions'],
    access: 'authenticated',
    params: {
      type: 'object',
      required: ['processId', 'version'],
      properties: { processId: { type: 'string', maxLength: 200 }, version: { type: 'integer', minimum: 1 } },
    },
    responses: { 200: { description: 'The XML' }, 404: { description: 'No such version' } },
    handler: async ({ params }) => {
      const versions = await store.listDefinitions(params.processId);
      const found = versions.find((v) => Number(v.version) === Number(params.version));
      if (!found)
        throw new ApiError(
          404,
          'DEFINITION_NOT_FOUND',
          `流程 ${params.processId} 没有版本 ${params.version}`,
          `Process ${params.processId} has no version ${params.version}`,
        );
      const row = (await store.database.knex('deployments').where({ hash: found.hash }).first()) as
        { xml: string } | undefined;
      return { body: { processId: params.processId, version: found.version, hash: found.hash, xml: row?.xml ?? '' } };
    },
  });
  routes.add<unknown, { from: number; to: number }, { processId: string }>({
    method: 'get',
    path: '/api/definitions/:processId/diff',
    summary:
      'What changed between two deployed versions of a process: elements and sequence flows added, removed, changed (by id)',
    tags: ['definitions'],
    access: 'authenticated',
    params: {
      type: 'object',
      required: ['processId'],
      properties: { processId: { type: 'string', minLength: 1, maxLength: 200 } },
    },
    query: {
      type: 'object',
      required: ['from', 'to'],
      additionalProperties: false,
      properties: { from: { type: 'integer', minimum: 1 }, to: { type: 'integer', minimum: 1 } },
    },
    responses: {
      200: {
        description:
          '{ processId, from, to, elements: { added, removed, changed }, flows: { added, removed, changed } }; changed entries list each differing field with before and after',
      },
      400: { description: 'Bad processId, from or to' },
      404: { description: 'No such process version' },
    },
    handler: async ({ params, query }) => {
      const versions = await versionLoader(store, params.processId);
      const from = await versions.load(Number(query.from));
      const to = await versions.load(Number(query.to));
      return {
        body: {
          processId: params.processId,
          from: Number(query.from),
          to: Number(query.to),
          ...diffProcesses(from, to),
        },
      };
    },
  });
  routes.add<{ xml: string; from?: number }, Record<string, unknown>, { processId: string }>({
    method: 'post',
    path: '/api/definitions/:processId/diff',
    summary:
      'What a diagram not yet published changes against a deployed version of its process (by default the latest): elements and sequence flows added, removed, changed (by id). Nothing is stored.',
    tags: ['definitions'],
    access: 'authenticated',
    params: {
      type: 'object',
      required: ['processId'],
      properties: { processId: { type: 'string', minLength: 1, maxLength: 200 } },
    },
    body: {
      type: 'object',
      required: ['xml'],
      additionalProperties: false,
      properties: {
        xml: { type: 'string', minLength: 1, maxLength: 10_000_000 },
        from: { type: 'integer', minimum: 1 },
      },
    },
    responses: {
      200: {
        description:
          '{ processId, from, to: null, elements, flows } as for two versions; `to: null` is the diagram sent',
      },
      404: { description: 'The process has no deployed version (or not that one)' },
      422: {
        description:
          'DEFINITION_INVALID: the diagram does not compile, or has no process of that id; details.findings per element',
      },
    },
    handler: async ({ params, body }) => {
      const versions = await versionLoader(store, params.processId);
      const fromVersion = body.from ?? versions.latest;
      if (fromVersion === null)
        throw new ApiError(
          404,
          'DEFINITION_NOT_FOUND',
          `流程 ${params.processId} 尚未发布，无可比较的版本`,
          `Process ${params.processId} has no deployed version`,
        );
      const from = await versions.load(fromVersion);
      const loaded = await models.loadDefinition(body.xml, {
        knownProcessIds: new Set((await store.listDefinitions()).map((row) => row.processId)),
      });
      if (!loaded.ok) throw refusal(loaded.findings);
      const to = loaded.definition.processes.get(params.processId);
      if (!to)
        throw new ApiError(
          422,
          'DEFINITION_INVALID',
          `该图中没有流程 ${params.processId}`,
          `The diagram has no process ${params.processId}`,
          '/body/xml',
        );
      return { body: { processId: params.processId, from: fromVersion, to: null, ...diffProcesses(from, to) } };
    },
  });
}

/**
 * What deploying `xml` would say, without storing anything: the model's findings (validated
 * against the processes deployed now, as the store's deploy validates) then the lint's (given,
 * when the caller already ran it), and whether an error among them refuses the deploy. Deploy
 * refuses with exactly these findings; POST /api/definitions/validate returns them.
 */
async function verdict(
  store: Store,
  models: ModelService,
  xml: string,
  lint?: Awaited<ReturnType<ModelService['lintForDeploy']>>,
): Promise<{ readonly refused: boolean; readonly findings: readonly Finding[] }> {
  const linted = lint ?? (await models.lintForDeploy(xml));
  const loaded = await models.loadDefinition(xml, {
    knownProcessIds: new Set((await store.listDefinitions()).map((row) => row.processId)),
  });
  const findings = [...loaded.findings, ...linted.findings];
  return { refused: findings.some((finding) => finding.severity === 'error'), findings };
}

/** A refused deploy: every finding (validation and lint) per element, the errors counted in the message. */
function refusal(findings: readonly Finding[]): ApiError {
  const errors = findings.filter((finding) => finding.severity === 'error');
  const first = errors[0];
  return new ApiError(
    422,
    'DEFINITION_INVALID',
    `流程定义未通过校验：${errors.length} 个错误${first ? `，如：${first.message.zh}` : ''}`,
    `The definition has ${errors.length} error(s)${first ? `, e.g. ${first.elementId ?? 'document'}: ${first.message.en}` : ''}`,
    undefined,
    { findings },
  );
}

type Facts = Record<string, unknown>;

interface Change {
  readonly field: string;
  readonly before: unknown;
  readonly after: unknown;
}

/** Entries of two maps by id: added (after), removed (before), changed (the differing facts). */
/** The deployed versions of one process, compiled on demand (404 for a version it does not have). */
async function versionLoader(
  store: Store,
  processId: string,
): Promise<{ readonly latest: number | null; load(version: number): Promise<CompiledProcess> }> {
  const versions = await store.listDefinitions(processId);
  return {
    latest: versions.length === 0 ? null : Math.max(...versions.map((v) => Number(v.version))),
    load: async (version) => {
      const found = versions.find((v) => Number(v.version) === version);
      if (!found)
        throw new ApiError(
          404,
          'DEFINITION_NOT_FOUND',
          `流程 ${processId} 没有版本 ${version}`,
          `Process ${processId} has no version ${version}`,
        );
      const definition = await store.definition(found.hash).catch(() => null);
      const process = definition?.processes.get(processId);
      if (!process)
        throw new ApiError(
          500,
          'DEFINITION_UNREADABLE',
          `流程 ${processId} 版本 ${version} 无法加载`,
          `Process ${processId} version ${version} could not be loaded`,
        );
      return process;
    },
  };
}

/** Elements and sequence flows added, removed and changed from `from` to `to`, by id. */
function diffProcesses(from: CompiledProcess, to: CompiledProcess) {
  return {
    elements: diffById(from.elements, to.elements, (element) => elementFacts(element, from, to)),
    flows: diffById(from.flows, to.flows, flowFacts),
  };
}

function diffById<T extends { readonly id: string }>(
  before: ReadonlyMap<string, T>,
  after: ReadonlyMap<string, T>,
  facts: (item: T) => Facts,
) {
  const summary = (item: T) => ({ id: item.id, ...facts(item) });
  const added = [...after.values()].filter((item) => !before.has(item.id)).map(summary);
  const removed = [...before.values()].filter((item) => !after.has(item.id)).map(summary);
  const changed: Array<{ id: string; changes: Change[] }> = [];
  for (const [id, old] of before) {
    const now = after.get(id);
    if (!now) continue;
    const a = facts(old);
    const b = facts(now);
    const changes = [...new Set([...Object.keys(a), ...Object.keys(b)])]
      .filter((field) => stable(a[field]) !== stable(b[field]))
      .map((field) => ({ field, before: a[field] ?? null, after: b[field] ?? null }));
    if (changes.length > 0) changed.push({ id, changes });
  }
  const byId = (x: { id: string }, y: { id: string }) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);
  return { added: added.sort(byId), removed: removed.sort(byId), changed: changed.sort(byId) };
}

/** What is compared of an element: kind, name, gov attributes, incoming/outgoing flows, a gateway's default, and its outgoing flows' conditions. */
function elementFacts(element: FlowNode, from: CompiledProcess, to: CompiledProcess): Facts {
  const flows = from.elements.get(element.id) === element ? from.flows : to.flows;
  const conditions: Record<string, string> = {};
  for (const id of element.outgoing) {
    const condition = flows.get(id)?.condition;
    if (condition) conditions[id] = condition.source;
  }
  return {
    kind: element.kind,
    name: element.name,
    gov: 'gov' in element ? element.gov : null,
    incoming: [...element.incoming].sort(),
    outgoing: [...element.outgoing].sort(),
    ...('default' in element ? { default: element.default } : {}),
    conditions,
  };
}

function flowFacts(flow: SequenceFlow): Facts {
  return {
    name: flow.name,
    sourceId: flow.sourceId,
    targetId: flow.targetId,
    condition: flow.condition?.source ?? null,
  };
}

/** JSON with object keys sorted, to compare values regardless of key order. */
function stable(value: unknown): string {
  return (
    JSON.stringify(value, (_key, v: unknown) =>
      v && typeof v === 'object' && !Array.isArray(v)
        ? Object.fromEntries(
            Object.entries(v as Record<string, unknown>).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)),
          )
        : v,
    ) ?? 'null'
  );
}
