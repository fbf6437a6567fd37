/**
 * The one error shape clients see: `{ code, message: { zh, en }, field? }` with a fitting HTTP
 * status. Engine errors map to it by their stable codes; anything else is a 500 without details
 * (the log has them, with the request id).
 */
import { NOT_FOUND_REJECTIONS } from '../../engine/operations/index.js';
import type { ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';
import { CalendarImportError, CalendarInputError } from '../../engine/calendar/index.js';
import { ApplicationInvalidError, MatterNotFoundError } from '../../engine/domain-store/index.js';
import { MatterInvalidError } from '../../engine/matters/index.js';
import { RatingConflictError, RatingRejectedError } from '../../engine/ratings-store/index.js';
import {
  CaseNotFoundError,
  CommandRejectedError,
  ConcurrencyConflictError,
  DeploymentError,
  isDatabaseUnavailable,
} from '../../engine/store/index.js';
import { UserExistsError, UserInvalidError, UserLockOutError } from '../../engine/users/index.js';
import { ModelWorkerError, ModelWorkersBusyError } from '../workers/index.js';

export interface ApiErrorBody {
  readonly code: string;
  readonly message: { readonly zh: string; readonly en: string };
  readonly field?: string;
  readonly details?: unknown;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly zh: string,
    readonly en: string,
    readonly field?: string,
    readonly details?: unknown,
    /** Sent as `Retry-After` (seconds): when trying again may succeed. */
    readonly retryAfterSeconds?: number,
  ) {
    super(en);
    this.name = 'ApiError';
  }

  get body(): ApiErrorBody {
    return {
      code: this.code,
      message: { zh: this.zh, en: this.en },
      ...(this.field ? { field: this.field } : {}),
      ...(this.details === undefined ? {} : { details: this.details }),
    };
  }
}

/** How long a client should wait before retrying when the database is unavailable (seconds). */
const DATABASE_RETRY_AFTER_SECONDS = 5;

/** 503 DATABASE_UNAVAILABLE: the database refuses connections or writes; try again shortly. */
export function databaseUnavailable(): ApiError {
  return new ApiError(
    503,
    'DATABASE_UNAVAILABLE',
    '数据库暂时不可用，请稍后重试',
    'The database is unavailable; try again shortly',
    undefined,
    undefined,
    DATABASE_RETRY_AFTER_SECONDS,
  );
}

/** How long a client should wait when every model worker is busy (seconds). */
const MODEL_RETRY_AFTER_SECONDS = 2;

/** An engine error as the client should see it; null when it is not one we know. */
export function fromEngineError(error: unknown): ApiError | null {
  if (error instanceof ApiError) return error;
  if (error instanceof ConcurrencyConflictError) {
    return new ApiError(409, 'CONFLICT', '办件已被他人更新，请刷新后重试', error.message, undefined, {
      currentVersion: error.currentVersion,
    });
  }
  if (error instanceof CaseNotFoundError) return new ApiError(404, 'CASE_NOT_FOUND', '办件不存在', error.message);
  if (error instanceof CommandRejectedError) {
    const status = NOT_FOUND_REJECTIONS.has(error.code) ? 404 : 422;
    return new ApiError(status, error.code, `操作被拒绝：${error.rejection.message}`, error.rejection.message);
  }
  if (error instanceof DeploymentError) {
    return new ApiError(422, 'DEFINITION_INVALID', '流程定义未通过校验', error.message, undefined, {
      findings: error.findings,
    });
  }
  if (error instanceof MatterInvalidError) {
    const first = error.errors[0];
    return new ApiError(
      422,
      'MATTER_INVALID',
      first ? `事项文件有误：${first.message.zh}` : '事项文件有误',
      error.message,
      first?.field,
      { errors: error.errors },
    );
  }
  if (error instanceof ApplicationInvalidError) {
    const first = error.errors[0];
    return new ApiError(
      400,
      'APPLICATION_INVALID',
      first ? `申请表有误：${first.message.zh}` : '申请表有误',
      error.message,
      first?.field,
      { errors: error.errors },
    );
  }
  if (error instanceof MatterNotFoundError) return new ApiError(404, 'MATTER_NOT_FOUND', '事项不存在', error.message);
  if (error instanceof CalendarImportError || error instanceof CalendarInputError) {
    return new ApiError(422, error.code, `日历数据有误（${error.field}），未作任何更改`, error.message, error.field);
  }
  if (error instanceof RatingRejectedError) {
    const status = error.code === 'RATING_NOT_FOUND' ? 404 : 422;
    return new ApiError(status, error.code, `评价操作被拒绝：${error.rejection.message}`, error.rejection.message);
  }
  if (error instanceof RatingConflictError)
    return new ApiError(409, 'CONFLICT', '该评价已被他人更新，请刷新后重试', error.message);
  if (error instanceof UserInvalidError)
    return new ApiError(400, error.code, `用户信息有误：${error.zh}`, error.message, `/body/${error.field}`);
  if (error instanceof UserExistsError)
    return new ApiError(409, error.code, `用户名“${error.userId}”已被使用`, error.message, '/body/id');
  if (error instanceof UserLockOutError) return new ApiError(409, error.code, error.zh, error.message);
  if (isDatabaseUnavailable(error)) return databaseUnavailable();
  if (error instanceof ModelWorkersBusyError) {
    return new ApiError(
      503,
      error.code,
      '服务器正忙于检查其他流程模型，请稍后重试',
      'The server is busy checking other BPMN models; try again shortly',
      undefined,
      undefined,
      MODEL_RETRY_AFTER_SECONDS,
    );
  }
  if (error instanceof ModelWorkerError)
    return new ApiError(
      503,
      error.code,
      '流程模型检查未能完成，请稍后重试',
      `The BPMN model could not be checked: ${error.message}`,
      undefined,
      undefined,
      MODEL_RETRY_AFTER_SECONDS,
    );
  return null;
}

/** The last middleware: every error becomes the JSON shape; no stack trace ever reaches a client. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    const known = fromEngineError(error) ?? fromHttpError(error);
    if (known) {
      if (known.code === 'DATABASE_UNAVAILABLE')
        ((req as { log?: Logger }).log ?? logger).warn({ err: error }, 'database unavailable');
      if (known.retryAfterSeconds !== undefined) res.set('Retry-After', String(known.retryAfterSeconds));
      res.status(known.status).json(known.body);
      return;
    }
    ((req as { log?: Logger }).log ?? logger).error({ err: error }, 'unhandled error');
    res.status(500).json(new ApiError(500, 'INTERNAL', '服务器内部错误', 'Internal server error').body);
  };
}

/** Errors raised by express's own body parsers (size, syntax). */
function fromHttpError(error: unknown): ApiError | null {
  const type = (error as { type?: string }).type;
  if (type === 'entity.too.large')
    return new ApiError(413, 'PAYLOAD_TOO_LARGE', '请求体过大', 'Request body too large');
  if (type === 'entity.parse.failed')
    return new ApiError(400, 'MALFORMED_JSON', '请求体不是合法的 JSON', 'Request body is not valid JSON');
  return null;
}
