/** The OpenAPI 3 document, written from the same route declarations (and JSON Schemas) ajv checks. */
import type { Routes } from './route.js';

const ERROR_SCHEMA = {
  type: 'object',
  required: ['code', 'message'],
  properties: {
    code: { type: 'string', description: 'Stable error code' },
    message: { type: 'object', required: ['zh', 'en'], properties: { zh: { type: 'string' }, en: { type: 'string' } } },
    field: { type: 'string', description: 'The offending field, as a JSON pointer into body, query or params' },
    details: {},
  },
} as const;

export function openApiDocument(routes: Routes, info: { version: string }): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const spec of routes.specs) {
    const path = spec.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    const parameters = [
      ...parametersOf(spec.params, 'path'),
      ...parametersOf(spec.query, 'query'),
      ...(spec.idempotent
        ? [
            {
              name: 'Idempotency-Key',
              in: 'header',
              required: false,
              schema: { type: 'string', maxLength: 200 },
              description: 'A retry with the same key returns the first result and is never applied twice',
            },
          ]
        : []),
    ];
    const responses: Record<string, unknown> = {};
    for (const [status, response] of Object.entries(spec.responses)) {
      responses[status] = {
        description: response.description,
        ...(response.schema ? { content: { 'application/json': { schema: response.schema } } } : {}),
      };
    }
    for (const status of ['400', ...(spec.access === 'public' ? [] : ['401', '403'])]) {
      responses[status] ??= {
        description:
          status === '400' ? 'Invalid input' : status === '401' ? 'No valid bearer token' : 'The role may not do this',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      };
    }
    (paths[path] ??= {})[spec.method] = {
      summary: spec.summary,
      tags: spec.tags,
      ...(spec.access === 'public'
        ? { security: [] }
        : { 'x-roles': spec.access === 'authenticated' ? 'any' : spec.access }),
      ...spec.openApi,
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(spec.body ? { requestBody: { required: true, content: { 'application/json': { schema: spec.body } } } } : {}),
      responses,
    };
  }
  return {
    openapi: '3.0.3',
    info: {
      title: 'Matterflow API',
      version: info.version,
      description: '政务服务事项办理引擎 — matters, cases (办件), tasks, supervision, audit.',
    },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } }, schemas: { Error: ERROR_SCHEMA } },
    security: [{ bearer: [] }],
    paths,
  };
}

function parametersOf(schema: Readonly<Record<string, unknown>> | undefined, where: 'path' | 'query'): unknown[] {
  const properties = (schema?.['properties'] ?? {}) as Record<string, unknown>;
  const required = new Set((schema?.['required'] ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || required.has(name),
    schema: property,
  }));
}
