/**
 * What the request log may not carry in clear: credentials (Authorization, cookies, a preview
 * grant's token in its path) are replaced, and a 证件号码 anywhere in the logged URL, query, parameters, headers or error is
 * masked as everywhere else (maskIdNumber: `330102********1234`). The pino `redact` paths of
 * engine/matters cover personal data under known keys; these serializers cover the free text.
 */
import { pino } from 'pino';
import { HIDDEN, maskIdNumber } from '../../engine/matters/index.js';

/**
 * A 证件号码 in free text: an 18-character resident ID (17 digits and a digit or X), or any
 * other run of 15 or more digits (old 15-digit IDs, and a number glued to more digits).
 */
const ID_NUMBER_IN_TEXT = /\d{17}[\dXx]|\d{15,}/g;

/** A preview grant's address is its credential (routes/materials.ts): the token in the path is not logged. */
const PREVIEW_GRANT_IN_PATH = /(\/api\/material-previews\/)[^/?#]+/gi;
/** Nor is the 查询码 of a public progress query (with the 办件编号, it opens the case's progress). */
const PROGRESS_CODE_IN_QUERY = /^(\/api\/public\/progress\?(?:[^#]*&)?code=)[^&#]*/i;

/** `text` with every 证件号码 in it masked. */
function maskIdNumbersIn(text: string): string {
  return text.replace(ID_NUMBER_IN_TEXT, (found) => maskIdNumber(found));
}

/** Headers whose values are credentials: never logged, whatever they hold. */
const SECRET_HEADERS: ReadonlySet<string> = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
]);

type Serialized = Record<string, unknown>;

/** pino-http serializers for `req`, `res` and `err`. */
export const LOG_SERIALIZERS = { req: redactRequest, res: redactResponse, err: redactError };

/** The serialized request (pino's copy; its header, query and params objects are the request's own, so they are replaced, never changed). */
function redactRequest(req: Serialized): Serialized {
  if (typeof req['url'] === 'string')
    req['url'] = maskIdNumbersIn(
      req['url']
        .replace(/(applicantIdNumber=)[^&#]*/gi, '$1***')
        .replace(PREVIEW_GRANT_IN_PATH, `$1${HIDDEN}`)
        .replace(PROGRESS_CODE_IN_QUERY, '$1***'),
    );
  if (isRecord(req['query']))
    req['query'] = {
      ...maskDeep(req['query']),
      ...('applicantIdNumber' in req['query'] ? { applicantIdNumber: '***' } : {}),
      ...(typeof req['url'] === 'string' && req['url'].startsWith('/api/public/progress') && 'code' in req['query']
        ? { code: '***' }
        : {}),
    };
  if (isRecord(req['params']))
    req['params'] = { ...maskDeep(req['params']), ...('token' in req['params'] ? { token: HIDDEN } : {}) };
  if (isRecord(req['headers'])) req['headers'] = redactHeaders(req['headers']);
  return req;
}

function redactResponse(res: Serialized): Serialized {
  if (isRecord(res['headers'])) res['headers'] = redactHeaders(res['headers']);
  return res;
}

/**
 * An error as pino's standard serializer gives it, without the request body that body-parser
 * attaches to its errors (it may hold a password) and with every 证件号码 masked.
 */
export function redactError(error: unknown): unknown {
  // pino-http hands over the standard serialization; a plain pino logger the Error itself.
  const serialized: unknown = error instanceof Error ? pino.stdSerializers.err(error) : error;
  if (!isRecord(serialized)) return typeof serialized === 'string' ? maskIdNumbersIn(serialized) : serialized;
  for (const key of Object.keys(serialized)) {
    if (key === 'body') delete serialized[key];
    else serialized[key] = maskDeep(serialized[key]);
  }
  return serialized;
}

function redactHeaders(headers: Serialized): Serialized {
  const copy: Serialized = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!SECRET_HEADERS.has(name.toLowerCase())) copy[name] = maskDeep(value);
    else if (typeof value === 'string' && /^\w+\s/.test(value)) copy[name] = `${value.split(/\s/, 1)[0]} ${HIDDEN}`;
    else copy[name] = HIDDEN;
  }
  return copy;
}

/** A copy with every string masked (nested objects and arrays too, down to a fixed depth). */
function maskDeep<T>(value: T, depth = 0): T {
  if (typeof value === 'string') return maskIdNumbersIn(value) as T;
  if (value === null || typeof value !== 'object') return value;
  if (depth >= 8) return HIDDEN as T;
  if (Array.isArray(value)) return value.map((item: unknown) => maskDeep(item, depth + 1)) as T;
  if (!isPlainRecord(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, maskDeep(item, depth + 1)])) as T;
}

function isRecord(value: unknown): value is Serialized {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Objects made of keys (literals, query objects, null-prototype header maps), not class instances like Date or Buffer. */
function isPlainRecord(value: object): value is Serialized {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
