/**
 * Routes are declared once - method, path, who may call, JSON Schemas of params, query and
 * body, responses - and that one declaration validates requests (ajv), authenticates and
 * authorises them, makes POSTs idempotent, and writes the OpenAPI document.
 */
import type { Express, Request, Response } from 'express';
import type { Knex } from 'knex';
import type { Principal, Role } from '../../engine/domain/index.js';
import { principalForToken } from '../../engine/users-store/index.js';
import { ApiError } from './errors.js';
import { idempotent, type IdempotencyOptions } from './idempotency.js';
import { check, type JsonSchema } from './validate.js';

type Access = 'public' | 'authenticated' | readonly Role[];

interface RouteContext<B = unknown, Q = Record<string, unknown>, P = Record<string, string>> {
  readonly req: Request;
  readonly principal: Principal | null;
  readonly body: B;
  readonly query: Q;
  readonly params: P;
}

export interface RouteSpec<B = unknown, Q = Record<string, unknown>, P = Record<string, string>> {
  readonly method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Express style: `/api/cases/:caseId`. */
  readonly path: string;
  readonly summary: string;
  readonly tags: readonly string[];
  readonly access: Access;
  readonly params?: JsonSchema;
  readonly query?: JsonSchema;
  readonly body?: JsonSchema;
  /**
   * The handler validates the body itself (with `check`), after it has decided that the caller
   * may do what they ask: a stranger learns nothing from a 400. The schema still documents it.
   */
  readonly bodyCheckedByHandler?: boolean;
  readonly responses: Readonly<Record<number, { readonly description: string; readonly schema?: JsonSchema }>>;
  /** State-changing: accepts an Idempotency-Key header. */
  readonly idempotent?: boolean;
  /** More of the route's OpenAPI operation (e.g. the security of a route that authenticates workers itself). */
  readonly openApi?: Readonly<Record<string, unknown>>;
  readonly handler: (ctx: RouteContext<B, Q, P>) => Promise<{
    readonly status?: number;
    readonly body: unknown;
    /**
     * Secrets for this answer only (a new user's token), merged into `body` when it is sent but
     * never stored with an Idempotency-Key's result: a retry gets `body` as it is.
     */
    readonly once?: Readonly<Record<string, unknown>>;
    /**
     * The answer is not JSON: this writes it (a stored file streamed as it is read). For routes
     * that are not idempotent; `body` is then unused.
     */
    readonly stream?: (res: Response) => Promise<void>;
  }>;
}

export class Routes {
  readonly specs: RouteSpec[] = [];

  /** Declare a route; B, Q, P are the types its schemas guarantee (given explicitly, never inferred). */
  add<B = unknown, Q = Record<string, unknown>, P = Record<string, string>>(
    spec: RouteSpec<NoInfer<B>, NoInfer<Q>, NoInfer<P>>,
  ): this {
    this.specs.push(spec as unknown as RouteSpec);
    return this;
  }

  /** Mount every route on `app`, resolving principals from bearer tokens in `knex`. */
  mount(app: Express, knex: Knex, options: { idempotency?: IdempotencyOptions } = {}): void {
    for (const spec of this.specs) {
      app[spec.method](spec.path, async (req: Request, res: Response) => {
        const principal = await authenticate(req, knex, spec.access);
        if (spec.params) check('params', spec.params, req.params);
        const query = { ...(req.query as Record<string, unknown>) };
        if (spec.query) check('query', spec.query, query);
        if (spec.body && !spec.bodyCheckedByHandler) check('body', spec.body, req.body);
        let once: Readonly<Record<string, unknown>> | undefined;
        let stream: ((res: Response) => Promise<void>) | undefined;
        const run = async () => {
          const answer = await spec.handler({
            req,
            principal,
            body: req.body,
            query,
            params: req.params as Record<string, string>,
          });
          once = answer.once;
          stream = answer.stream;
          return { ...(answer.status === undefined ? {} : { status: answer.status }), body: answer.body };
        };
        const key = req.get('Idempotency-Key');
        const result =
          spec.idempotent && key && principal
            ? await idempotent(
                knex,
                principal.id,
                key,
                { method: spec.method, path: req.path, body: req.body, log: req.log },
                run,
                options.idempotency,
              )
            : await run();
        if (stream) return void (await stream(res));
        res.status(result.status ?? 200).json(once ? { ...(result.body as object), ...once } : result.body);
      });
    }
  }
}

async function authenticate(req: Request, knex: Knex, access: Access): Promise<Principal | null> {
  if (access === 'public') return null;
  const header = req.get('Authorization') ?? '';
  const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
  const principal = token ? await principalForToken(knex, token) : null;
  if (!principal)
    throw new ApiError(401, 'UNAUTHENTICATED', '请先登录（缺少或无效的令牌）', 'A valid bearer token is required');
  if (access !== 'authenticated' && !principal.roles.some((role) => access.includes(role))) {
    throw new ApiError(
      403,
      'FORBIDDEN',
      `无权执行此操作（需要角色：${access.join('、')}）`,
      `Requires one of the roles ${access.join(', ')}`,
    );
  }
  return principal;
}
