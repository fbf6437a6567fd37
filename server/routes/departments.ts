/**
 * The department register: the departments a process step can be assigned to, which the modeler
 * offers in a list rather than letting an administrator type a name that matches nobody. It is
 * the register an administrator keeps (POST), plus every department an officer belongs to or a
 * deployed process already names, so that it is never missing one that is in use.
 */
import type { Knex } from 'knex';
import type { Store } from '../../engine/store/index.js';
import { ApiError } from '../http/errors.js';
import type { Routes } from '../http/route.js';

type DepartmentSource = 'register' | 'users' | 'processes';

interface Department {
  readonly name: string;
  /** Where the name is known from. */
  readonly sources: readonly DepartmentSource[];
}

/** Every department name, sorted in Chinese collation order. */
async function listDepartments(knex: Knex, store: Store): Promise<Department[]> {
  const sources = new Map<string, Set<DepartmentSource>>();
  const add = (name: string | null | undefined, source: DepartmentSource) => {
    if (!name) return;
    (sources.get(name) ?? sources.set(name, new Set()).get(name)!).add(source);
  };
  for (const row of (await knex('departments').select('name')) as Array<{ name: string }>) add(row.name, 'register');
  for (const row of (await knex('users').whereNotNull('department').distinct('department')) as Array<{
    department: string;
  }>)
    add(row.department, 'users');
  const latest = new Map<string, { hash: string; version: number }>();
  for (const definition of await store.listDefinitions()) {
    const seen = latest.get(definition.processId);
    if (!seen || Number(definition.version) > seen.version)
      latest.set(definition.processId, { hash: definition.hash, version: Number(definition.version) });
  }
  for (const hash of new Set([...latest.values()].map((entry) => entry.hash))) {
    const definition = await store.definition(hash).catch(() => null);
    for (const process of definition?.processes.values() ?? []) {
      for (const element of process.elements.values()) {
        if (!('gov' in element)) continue;
        add(element.gov.department, 'processes');
        add(element.gov.leadDepartment, 'processes');
      }
    }
  }
  const collator = new Intl.Collator('zh-CN');
  return [...sources]
    .map(([name, from]) => ({ name, sources: [...from].sort() }))
    .sort((a, b) => collator.compare(a.name, b.name));
}

export function departmentRoutes(routes: Routes, knex: Knex, store: Store): void {
  routes.add({
    method: 'get',
    path: '/api/departments',
    summary: 'Every department: the register, the departments of officers, and those the deployed processes name',
    tags: ['departments'],
    access: 'authenticated',
    responses: {
      200: {
        description: 'Departments, in Chinese collation order',
        schema: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              name: { type: 'string' },
              sources: { type: 'array', items: { type: 'string', enum: ['register', 'users', 'processes'] } },
            },
          },
        },
      },
    },
    handler: async () => ({ body: await listDepartments(knex, store) }),
  });

  routes.add<{ name: string }>({
    method: 'post',
    path: '/api/departments',
    summary: 'Add a department to the register (administrators)',
    tags: ['departments'],
    access: ['admin'],
    idempotent: true,
    body: {
      type: 'object',
      additionalProperties: false,
      required: ['name'],
      properties: { name: { type: 'string', minLength: 2, maxLength: 200, pattern: '^\\S(.*\\S)?$' } },
    },
    responses: { 201: { description: 'Added' }, 409: { description: 'The register has it already' } },
    handler: async ({ body, principal }) => {
      const exists = await knex('departments').where({ name: body.name }).first();
      if (exists)
        throw new ApiError(
          409,
          'DEPARTMENT_EXISTS',
          `部门“${body.name}”已在名录中`,
          `The register has ${body.name} already`,
          '/body/name',
        );
      await knex('departments').insert({
        name: body.name,
        created_by: principal?.id ?? 'unknown',
        created_at: new Date().toISOString(),
      });
      return { status: 201, body: { name: body.name } };
    },
  });
}
