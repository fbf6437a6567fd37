/**
 * Messages and signals from other systems: `POST /api/messages` delivers a message to the one
 * case waiting for it (its 办件编号 or id as the correlation key), or starts the one process it
 * starts; none is 404 MESSAGE_NOT_CORRELATED, several 409 MESSAGE_AMBIGUOUS with the candidates.
 * `POST /api/signals` broadcasts. Both run as commands with the caller as actor (`worker:<token
 * name>` or the administrator's id), so the history says who. A worker token may send only the
 * messages and signals it was given.
 */
import type { Knex } from 'knex';
import { outsideScope, SCOPE_NAME_PATTERN, workerActor } from '../../engine/integration/index.js';
import { broadcastSignal, correlateMessage } from '../../engine/integration-store/index.js';
import type { Store } from '../../engine/store/index.js';
import { ApiError } from '../http/errors.js';
import type { Routes } from '../http/route.js';
import {
  checkBody,
  refusalsAsApiErrors,
  UNAUTHENTICATED_RESPONSE,
  WORKER_SECURITY,
  workerOrAdmin,
  type Caller,
} from './integration-http.js';

const VARIABLES = { type: 'object', title: '变量', maxProperties: 200, description: 'Variables for the case' } as const;

const MESSAGE_BODY = {
  type: 'object',
  additionalProperties: false,
  required: ['messageName'],
  properties: {
    messageName: { type: 'string', title: '消息名称', pattern: SCOPE_NAME_PATTERN },
    correlationKey: {
      type: 'string',
      title: '关联键',
      minLength: 1,
      maxLength: 100,
      description: 'The 办件编号 or the id of the case the message is for',
    },
    elementId: {
      type: 'string',
      minLength: 1,
      maxLength: 200,
      description: 'Only the waiting element (or message start) of this id',
    },
    variables: VARIABLES,
  },
} as const;

const SIGNAL_BODY = {
  type: 'object',
  additionalProperties: false,
  required: ['signalName'],
  properties: { signalName: { type: 'string', title: '信号名称', pattern: SCOPE_NAME_PATTERN }, variables: VARIABLES },
} as const;

export function messageRoutes(routes: Routes, knex: Knex, store: Store): void {
  routes.add<{ messageName: string; correlationKey?: string; elementId?: string; variables?: Record<string, unknown> }>(
    {
      method: 'post',
      path: '/api/messages',
      summary: 'Correlate a message to the one case waiting for it, or start the one process it starts',
      tags: ['messages'],
      access: 'public',
      openApi: { ...WORKER_SECURITY, 'x-roles': ['admin'] },
      body: MESSAGE_BODY,
      bodyCheckedByHandler: true,
      responses: {
        200: {
          description: 'The case that received it (started: a new case)',
          schema: {
            type: 'object',
            properties: {
              caseId: { type: 'string' },
              started: { type: 'boolean' },
              elementId: { type: 'string' },
              processId: { type: 'string' },
            },
          },
        },
        401: UNAUTHENTICATED_RESPONSE,
        403: { description: 'Neither an administrator nor a worker token given this message (OUT_OF_SCOPE)' },
        404: { description: 'No case waits for it and no process starts on it (MESSAGE_NOT_CORRELATED)' },
        409: { description: 'Several receivers: details names them (MESSAGE_AMBIGUOUS)' },
        422: { description: 'The case refused it (e.g. it stopped waiting meanwhile)' },
      },
      handler: async ({ req, body }) => {
        const caller = await workerOrAdmin(req, knex);
        checkBody(MESSAGE_BODY, body);
        inScope(caller, 'messages', body.messageName);
        return {
          body: await refusalsAsApiErrors(() =>
            correlateMessage(store, {
              messageName: body.messageName,
              actor: actorOf(caller),
              ...(body.correlationKey === undefined ? {} : { correlationKey: body.correlationKey }),
              ...(body.elementId === undefined ? {} : { elementId: body.elementId }),
              ...(body.variables === undefined ? {} : { variables: body.variables }),
            }),
          ),
        };
      },
    },
  );

  routes.add<{ signalName: string; variables?: Record<string, unknown> }>({
    method: 'post',
    path: '/api/signals',
    summary: 'Broadcast a signal to every case waiting for it and every process it starts',
    tags: ['messages'],
    access: 'public',
    openApi: { ...WORKER_SECURITY, 'x-roles': ['admin'] },
    body: SIGNAL_BODY,
    bodyCheckedByHandler: true,
    responses: {
      200: {
        description: 'The cases it reached (started: a new case)',
        schema: {
          type: 'object',
          properties: {
            cases: {
              type: 'array',
              items: { type: 'object', properties: { caseId: { type: 'string' }, started: { type: 'boolean' } } },
            },
          },
        },
      },
      401: UNAUTHENTICATED_RESPONSE,
      403: { description: 'Neither an administrator nor a worker token given this signal (OUT_OF_SCOPE)' },
    },
    handler: async ({ req, body }) => {
      const caller = await workerOrAdmin(req, knex);
      checkBody(SIGNAL_BODY, body);
      inScope(caller, 'signals', body.signalName);
      const cases = await broadcastSignal(store, {
        signalName: body.signalName,
        actor: actorOf(caller),
        ...(body.variables === undefined ? {} : { variables: body.variables }),
      });
      return { body: { cases } };
    },
  });
}

function actorOf(caller: Caller): string {
  return 'worker' in caller ? workerActor(caller.worker) : caller.user.id;
}

function inScope(caller: Caller, scope: 'messages' | 'signals', name: string): void {
  if (!('worker' in caller) || outsideScope(caller.worker[scope], [name]).length === 0) return;
  const what = scope === 'messages' ? ['消息', 'message'] : ['信号', 'signal'];
  throw new ApiError(
    403,
    'OUT_OF_SCOPE',
    `接入令牌“${caller.worker.name}”无权发送${what[0]}“${name}”`,
    `Worker token ${caller.worker.name} may not send the ${what[1]} ${name}`,
    scope === 'messages' ? '/body/messageName' : '/body/signalName',
  );
}
