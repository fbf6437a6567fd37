/**
 * 用户管理 (administrators): users are created, listed, changed, deactivated and reactivated, and
 * their passwords reset, through the API instead of one CLI run a user. The rules are the
 * engine's (engine/users, engine/users-store), the same the CLI uses. A new user's API token is
 * answered once, on creation. An applicant's 证件号码 is stored only as its key: no answer holds
 * it (only `boundIdentity`), and request bodies are never logged.
 */
import type { Knex } from 'knex';
import { ROLES, type Role } from '../../engine/domain/index.js';
import {
  createUser,
  deactivateUser,
  getUser,
  listUsers,
  reactivateUser,
  setPassword,
  updateUser,
  type UserRecord,
} from '../../engine/users-store/index.js';
import { ApiError } from '../http/errors.js';
import type { Routes } from '../http/route.js';

const USER_ID = { type: 'string', minLength: 1, maxLength: 100, pattern: '^[\\p{L}\\p{N}._@-]+$' } as const;
const NAME = { type: 'string', minLength: 1, maxLength: 200, pattern: '\\S' } as const;
const ROLE_LIST = { type: 'array', minItems: 1, uniqueItems: true, items: { enum: [...ROLES] } } as const;
const DEPARTMENT = { type: 'string', minLength: 1, maxLength: 200, pattern: '\\S' } as const;
const ID_NUMBER = { type: 'string', minLength: 1, maxLength: 50, pattern: '\\S' } as const;
const PASSWORD = { type: 'string', minLength: 8, maxLength: 200 } as const;

/** A user as the API answers it (UserRecord): never a hash, never a 证件号码. */
const USER = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    roles: { type: 'array', items: { enum: [...ROLES] } },
    department: { type: 'string' },
    boundIdentity: { type: 'boolean', description: 'An applicant bound to a 证件号码 (which is never answered)' },
    hasPassword: { type: 'boolean', description: 'Can log in to the workspace' },
    active: { type: 'boolean' },
    createdAt: { type: 'string', format: 'date-time' },
    createdBy: { type: 'string' },
    updatedAt: { type: 'string', format: 'date-time' },
    updatedBy: { type: 'string' },
    deactivatedAt: { type: 'string', format: 'date-time' },
    deactivatedBy: { type: 'string' },
  },
} as const;

const USER_PARAMS = {
  type: 'object',
  required: ['userId'],
  properties: { userId: { type: 'string', minLength: 1, maxLength: 100 } },
} as const;

interface CreateBody {
  id: string;
  name: string;
  roles: Role[];
  department?: string;
  idNumber?: string;
  password?: string;
}

interface ChangeBody {
  name?: string;
  roles?: Role[];
  department?: string | null;
  idNumber?: string | null;
}

interface ListQuery {
  q?: string;
  role?: Role;
  department?: string;
  active?: boolean;
  limit: number;
  offset: number;
}

const noSuchUser = (userId: string) =>
  new ApiError(404, 'USER_NOT_FOUND', `用户“${userId}”不存在`, `No user ${userId}`, '/params/userId');

const found = (userId: string, user: UserRecord | null): UserRecord => {
  if (!user) throw noSuchUser(userId);
  return user;
};

const stampOf = (principal: { id: string } | null) => ({
  actor: principal?.id ?? 'unknown',
  at: new Date().toISOString(),
});

export function userRoutes(routes: Routes, knex: Knex): void {
  routes.add<unknown, ListQuery>({
    method: 'get',
    path: '/api/users',
    summary: 'Users, ordered by id: search by id, name, department or role; paged (administrators)',
    tags: ['users'],
    access: ['admin'],
    query: {
      type: 'object',
      additionalProperties: false,
      properties: {
        q: { type: 'string', maxLength: 100, description: 'Part of the id, name or department, or a role' },
        role: { enum: [...ROLES] },
        department: DEPARTMENT,
        active: { type: 'boolean', description: 'true: active users only; false: deactivated ones only' },
        limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
        offset: { type: 'integer', minimum: 0, default: 0 },
      },
    },
    responses: {
      200: {
        description: 'One page of users and how many match in all',
        schema: {
          type: 'object',
          properties: {
            users: { type: 'array', items: USER },
            total: { type: 'integer' },
            limit: { type: 'integer' },
            offset: { type: 'integer' },
          },
        },
      },
    },
    handler: async ({ query }) => ({ body: await listUsers(knex, query) }),
  });

  routes.add<CreateBody>({
    method: 'post',
    path: '/api/users',
    summary: 'Create a user (administrators); the answer shows their API token, once',
    tags: ['users'],
    access: ['admin'],
    idempotent: true,
    body: {
      type: 'object',
      additionalProperties: false,
      required: ['id', 'name', 'roles'],
      properties: {
        id: USER_ID,
        name: NAME,
        roles: ROLE_LIST,
        department: { ...DEPARTMENT, description: 'Required for a department officer' },
        idNumber: { ...ID_NUMBER, description: 'An applicant’s 证件号码: stored only as its key, never answered' },
        password: { ...PASSWORD, description: 'For logging in to the workspace' },
      },
    },
    responses: {
      201: {
        description:
          'Created: the user and their API token (not stored; it cannot be shown again: a retry with the same Idempotency-Key answers token null)',
        schema: { type: 'object', properties: { user: USER, token: { type: 'string', nullable: true } } },
      },
      409: { description: 'The id is taken' },
    },
    handler: async ({ body, principal }) => {
      const { token } = await createUser(knex, { ...body, name: body.name.trim() }, stampOf(principal));
      return {
        status: 201,
        body: { user: found(body.id, await getUser(knex, body.id)), token: null },
        once: { token },
      };
    },
  });

  routes.add<unknown, Record<string, unknown>, { userId: string }>({
    method: 'get',
    path: '/api/users/:userId',
    summary: 'One user (administrators)',
    tags: ['users'],
    access: ['admin'],
    params: USER_PARAMS,
    responses: { 200: { description: 'The user', schema: USER }, 404: { description: 'No such user' } },
    handler: async ({ params }) => ({ body: found(params.userId, await getUser(knex, params.userId)) }),
  });

  routes.add<ChangeBody, Record<string, unknown>, { userId: string }>({
    method: 'patch',
    path: '/api/users/:userId',
    summary:
      'Change a user’s name, roles, department or bound 证件号码 (administrators); effective on their next request',
    tags: ['users'],
    access: ['admin'],
    params: USER_PARAMS,
    body: {
      type: 'object',
      additionalProperties: false,
      minProperties: 1,
      properties: {
        name: NAME,
        roles: ROLE_LIST,
        department: { anyOf: [DEPARTMENT, { type: 'null' }], description: 'null: none' },
        idNumber: { anyOf: [ID_NUMBER, { type: 'null' }], description: 'A 证件号码 to bind; null unbinds' },
      },
    },
    responses: {
      200: { description: 'The changed user', schema: USER },
      404: { description: 'No such user' },
      409: { description: 'It would remove the caller’s own admin role, or the last active administrator’s' },
    },
    handler: async ({ params, body, principal }) => ({
      body: found(params.userId, await updateUser(knex, params.userId, body, stampOf(principal))),
    }),
  });

  routes.add<unknown, Record<string, unknown>, { userId: string }>({
    method: 'post',
    path: '/api/users/:userId/deactivation',
    summary: 'Deactivate a user (administrators): their API token and login sessions stop working at once',
    tags: ['users'],
    access: ['admin'],
    idempotent: true,
    params: USER_PARAMS,
    responses: {
      200: { description: 'Deactivated (or already so)', schema: USER },
      404: { description: 'No such user' },
      409: { description: 'The caller themselves, or the last active administrator' },
    },
    handler: async ({ params, principal }) => ({
      body: found(params.userId, await deactivateUser(knex, params.userId, stampOf(principal))),
    }),
  });

  routes.add<unknown, Record<string, unknown>, { userId: string }>({
    method: 'delete',
    path: '/api/users/:userId/deactivation',
    summary: 'Reactivate a user (administrators): their API token works again; they log in anew',
    tags: ['users'],
    access: ['admin'],
    params: USER_PARAMS,
    responses: { 200: { description: 'Active', schema: USER }, 404: { description: 'No such user' } },
    handler: async ({ params, principal }) => ({
      body: found(params.userId, await reactivateUser(knex, params.userId, stampOf(principal))),
    }),
  });

  routes.add<{ password: string }, Record<string, unknown>, { userId: string }>({
    method: 'post',
    path: '/api/users/:userId/password',
    summary: 'Reset a user’s workspace password (administrators); their open login sessions end',
    tags: ['users'],
    access: ['admin'],
    params: USER_PARAMS,
    body: {
      type: 'object',
      additionalProperties: false,
      required: ['password'],
      properties: { password: PASSWORD },
    },
    responses: { 200: { description: 'The password is set', schema: USER }, 404: { description: 'No such user' } },
    handler: async ({ params, body, principal }) => {
      if (!(await setPassword(knex, params.userId, body.password, stampOf(principal)))) throw noSuchUser(params.userId);
      return { body: found(params.userId, await getUser(knex, params.userId)) };
    },
  });
}
