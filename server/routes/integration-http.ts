/**
 * What the integration routes share: who calls (a worker token, checked before anything else so
 * a stranger learns nothing from a 400; or an administrator's bearer token), the refusals of
 * engine/integration-store as API errors, and the services the routes run on.
 */
import type { Request } from 'express';
import type { Knex } from 'knex';
import type { Principal } from '../../engine/domain/index.js';
import type { WorkerPrincipal } from '../../engine/integration/index.js';
import { ExternalTasks, IntegrationError, workerForToken } from '../../engine/integration-store/index.js';
import type { Store } from '../../engine/store/index.js';
import { principalForToken } from '../../engine/users-store/index.js';
import { ApiError } from '../http/errors.js';
import { check, type JsonSchema } from '../http/validate.js';

/** The services behind the integration routes (one per server process). */
export interface IntegrationServices {
  readonly externalTasks: ExternalTasks;
}

/** The default services over a store (tests; the server passes its own, with long polls woken). */
export function integrationServices(store: Store): IntegrationServices {
  return { externalTasks: new ExternalTasks(store) };
}

/** Who calls an integration route. */
export type Caller = { readonly worker: WorkerPrincipal } | { readonly user: Principal };

function bearer(req: Request): string | null {
  return /^Bearer\s+(\S+)$/i.exec(req.get('Authorization') ?? '')?.[1] ?? null;
}

const unauthenticated = () =>
  new ApiError(401, 'UNAUTHENTICATED', '请先登录（缺少或无效的令牌）', 'A valid bearer token is required');

/** A worker token's worker, or 401. */
export async function workerOf(req: Request, knex: Knex): Promise<WorkerPrincipal> {
  const token = bearer(req);
  const worker = token ? await workerForToken(knex, token) : null;
  if (!worker) throw unauthenticated();
  return worker;
}

/** A worker, or an administrator; 401 without a valid token, 403 for another role. */
export async function workerOrAdmin(req: Request, knex: Knex): Promise<Caller> {
  const token = bearer(req);
  if (!token) throw unauthenticated();
  const worker = await workerForToken(knex, token);
  if (worker) return { worker };
  const user = await principalForToken(knex, token);
  if (!user) throw unauthenticated();
  if (!user.roles.includes('admin'))
    throw new ApiError(
      403,
      'FORBIDDEN',
      '无权执行此操作（需要角色：admin 或接入令牌）',
      'Requires an admin or a worker token',
    );
  return { user };
}

/** Check a body after the caller was authenticated (the route declares `bodyCheckedByHandler`). */
export function checkBody(schema: JsonSchema, body: unknown): void {
  check('body', schema, body);
}

/** Run `work`, answering an integration refusal as the API error it is. */
export async function refusalsAsApiErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof IntegrationError)
      throw new ApiError(error.status, error.code, error.zh, error.message, error.field, error.details);
    throw error;
  }
}

/** OpenAPI: a route a worker token (Authorization: Bearer mfw_…) may call. */
export const WORKER_SECURITY = { security: [{ bearer: [] }], 'x-token': 'worker' } as const;

export const UNAUTHENTICATED_RESPONSE = { description: 'No valid worker token' } as const;
