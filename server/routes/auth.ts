/**
 * Logging in to the browser workspace: a user id and password give a session token that the
 * pages send as a bearer token, exactly like an API token (no cookie, so no CSRF surface). The
 * token expires; logging out ends it. `me` tells a page who is signed in and with which roles.
 */
import type { Knex } from 'knex';
import { login, logout, userProfile, type UserProfile } from '../../engine/users-store/index.js';
import { ApiError } from '../http/errors.js';
import type { Routes } from '../http/route.js';

const USER = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    roles: { type: 'array', items: { type: 'string' } },
    department: { type: 'string' },
  },
} as const;

/**
 * The profile a page is told: id, name, roles, department. Not the applicant key — the key of a
 * 证件号码 is personal data, and pages have no use for it.
 */
const shown = ({ applicantKey: _key, ...profile }: UserProfile): Omit<UserProfile, 'applicantKey'> => profile;

export function authRoutes(routes: Routes, knex: Knex, options: { sessionTtlMs: number }): void {
  routes.add<{ user: string; password: string }>({
    method: 'post',
    path: '/api/auth/login',
    summary: 'Log in with a user id and password: a session token (a bearer token) that expires',
    tags: ['auth'],
    access: 'public',
    body: {
      type: 'object',
      additionalProperties: false,
      required: ['user', 'password'],
      properties: {
        user: { type: 'string', minLength: 1, maxLength: 100 },
        password: { type: 'string', minLength: 1, maxLength: 200 },
      },
    },
    responses: {
      200: {
        description: 'Logged in',
        schema: {
          type: 'object',
          properties: { token: { type: 'string' }, expiresAt: { type: 'string', format: 'date-time' }, user: USER },
        },
      },
      401: { description: 'Wrong user id or password (the answer does not say which)' },
      429: { description: 'Too many attempts from this address for this user' },
    },
    handler: async ({ body }) => {
      const session = await login(knex, body.user.trim(), body.password, {
        now: new Date(),
        ttlMs: options.sessionTtlMs,
      });
      if (!session) throw new ApiError(401, 'INVALID_CREDENTIALS', '用户名或密码错误', 'Wrong user id or password');
      return { body: { ...session, user: shown(session.user) } };
    },
  });

  routes.add({
    method: 'post',
    path: '/api/auth/logout',
    summary: 'End this login session',
    tags: ['auth'],
    access: 'authenticated',
    responses: { 200: { description: 'Logged out' } },
    handler: async ({ req }) => {
      const token = /^Bearer\s+(\S+)$/i.exec(req.get('Authorization') ?? '')?.[1];
      if (token) await logout(knex, token);
      return { body: { status: 'logged out' } };
    },
  });

  routes.add({
    method: 'get',
    path: '/api/auth/me',
    summary: 'The signed-in user: id, name, roles, department',
    tags: ['auth'],
    access: 'authenticated',
    responses: { 200: { description: 'The user', schema: USER } },
    handler: async ({ principal }) => {
      const profile = principal ? await userProfile(knex, principal.id) : null;
      if (!profile)
        throw new ApiError(401, 'UNAUTHENTICATED', '请先登录（缺少或无效的令牌）', 'A valid bearer token is required');
      return { body: shown(profile) };
    },
  });
}
