/**
 * JSON request bodies are limited per route by size, nesting depth and key count, so that no
 * body can hold the event loop or overflow the stack. The size is enforced while the body
 * streams in (413 at once when Content-Length already says too much); depth and keys by one
 * iterative pass over the raw bytes before JSON.parse ever sees them (400, naming the limit).
 */
import express, { type RequestHandler } from 'express';
import { ApiError } from './errors.js';

/**
 * Which limits a route gets: `login` for /api/auth (a user name and a password), `large` for
 * matter files, BPMN (the XML travels as one JSON string), and calendar imports, `standard`
 * for everything else (cases, case operations, ratings, departments).
 */
export type BodyTier = 'login' | 'standard' | 'large';
export const BODY_TIERS = ['login', 'standard', 'large'] as const satisfies readonly BodyTier[];

export interface BodyLimit {
  /** Largest body, as express.json takes it (`'256kb'`, `'4mb'`). */
  readonly size: string;
  /** Deepest nesting of objects and arrays (`{}` is 1). */
  readonly depth: number;
  /** Most object keys in the whole body, at any depth. */
  readonly keys: number;
}

export type BodyLimits = Readonly<Record<BodyTier, BodyLimit>>;

export const DEFAULT_BODY_LIMITS: BodyLimits = {
  login: { size: '8kb', depth: 4, keys: 32 },
  standard: { size: '256kb', depth: 32, keys: 5_000 },
  large: { size: '4mb', depth: 64, keys: 20_000 },
};

const LARGE_PREFIXES = ['/api/matters', '/api/drafts', '/api/definitions', '/api/calendar/imports'];

/** The tier of a request path (express matches paths case-insensitively, so this does too). */
function bodyTierFor(path: string): BodyTier {
  const lower = path.toLowerCase();
  const under = (prefix: string) => lower === prefix || lower.startsWith(`${prefix}/`);
  if (under('/api/auth')) return 'login';
  if (LARGE_PREFIXES.some(under)) return 'large';
  return 'standard';
}

/** One express.json per tier, chosen by path; every refusal in the ApiError shape. */
export function jsonBodies(limits: BodyLimits = DEFAULT_BODY_LIMITS): RequestHandler {
  const parsers = {
    login: jsonParser(limits.login),
    standard: jsonParser(limits.standard),
    large: jsonParser(limits.large),
  } satisfies Record<BodyTier, unknown>;
  return (req, res, next) => {
    const tier = bodyTierFor(req.path);
    parsers[tier](req, res, (error?: unknown) => (error === undefined ? next() : next(bodyError(error, limits[tier]))));
  };
}

/** express.json with the size limit, and the depth and key limits checked on the raw body before parsing. */
function jsonParser(limit: BodyLimit) {
  return express.json({
    limit: limit.size,
    verify: (_req, _res, buffer, encoding) => {
      const violation = jsonShapeViolation(decodeForScan(buffer, encoding), limit);
      if (violation) throw new BodyShapeError(violation);
    },
  });
}

/** A limit the body passed: which one and its value. */
export interface ShapeViolation {
  readonly limit: 'depth' | 'keys';
  readonly max: number;
}

/**
 * The first limit `text` (JSON, possibly invalid) passes, or null. One loop, no recursion:
 * brackets outside strings count the depth, colons outside strings count the keys (each object
 * member has exactly one). Invalid JSON is left to JSON.parse.
 */
export function jsonShapeViolation(
  text: string,
  { depth: maxDepth, keys: maxKeys }: Pick<BodyLimit, 'depth' | 'keys'>,
): ShapeViolation | null {
  let depth = 0;
  let keys = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (inString) {
      if (char === BACKSLASH) i++;
      else if (char === QUOTE) inString = false;
      continue;
    }
    if (char === QUOTE) inString = true;
    else if (char === OPEN_BRACE || char === OPEN_BRACKET) {
      if (++depth > maxDepth) return { limit: 'depth', max: maxDepth };
    } else if (char === CLOSE_BRACE || char === CLOSE_BRACKET) depth--;
    else if (char === COLON && ++keys > maxKeys) return { limit: 'keys', max: maxKeys };
  }
  return null;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/**
 * Text to scan. UTF-8 is read byte for byte (latin1: fast, and no byte of a multi-byte UTF-8
 * character equals an ASCII one); the UTF-16 and UTF-32 charsets express.json also accepts
 * are decoded first, since their code units may contain such bytes.
 */
function decodeForScan(buffer: Buffer, encoding: string): string {
  const charset = encoding.toLowerCase();
  return charset === 'utf-8' || charset === 'utf8'
    ? buffer.toString('latin1')
    : new TextDecoder(charset).decode(buffer);
}

/** Thrown from express.json's `verify`; a plain Error, since body-parser sets properties on it. */
class BodyShapeError extends Error {
  readonly type = 'entity.shape.exceeded';
  constructor(readonly violation: ShapeViolation) {
    super(`Request body exceeds the ${violation.limit} limit of ${violation.max}`);
    this.name = 'BodyShapeError';
  }
}

/** A body-parser error in the ApiError shape, naming the route's limit; other errors unchanged. */
function bodyError(error: unknown, limit: BodyLimit): unknown {
  if (error instanceof BodyShapeError) {
    return error.violation.limit === 'depth'
      ? new ApiError(
          400,
          'BODY_TOO_DEEP',
          `请求体嵌套层级过深（此接口最多 ${limit.depth} 层）`,
          `Request body is nested too deeply (at most ${limit.depth} levels here)`,
          '/body',
        )
      : new ApiError(
          400,
          'BODY_TOO_MANY_KEYS',
          `请求体字段过多（此接口最多 ${limit.keys} 个）`,
          `Request body has too many keys (at most ${limit.keys} here)`,
          '/body',
        );
  }
  const { type, status } = error as { type?: unknown; status?: unknown };
  if (type === 'entity.too.large') {
    return new ApiError(
      413,
      'PAYLOAD_TOO_LARGE',
      `请求体过大（此接口上限 ${limit.size}）`,
      `Request body too large (at most ${limit.size} here)`,
    );
  }
  if (type === 'charset.unsupported' || type === 'encoding.unsupported') {
    return new ApiError(
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      '请求体的字符集或压缩方式不受支持（请发送 UTF-8 编码的 JSON）',
      'Unsupported charset or content encoding of the body (send UTF-8 JSON)',
    );
  }
  // Malformed JSON goes on to the error handler's MALFORMED_JSON; any other 4xx of body-parser (a body that
  // does not decompress, a length that does not match) is the client's too, never a 500.
  if (type !== 'entity.parse.failed' && typeof status === 'number' && status >= 400 && status < 500) {
    return new ApiError(400, 'MALFORMED_BODY', '请求体无法读取', 'The request body cannot be read');
  }
  return error;
}
