/**
 * Turning ajv's errors into field errors: the JSON pointer of the field at fault (for a missing
 * or unknown property, the property itself), the ajv keyword as the stable code, and the message
 * in Chinese (ajv-i18n) and English (ajv's own).
 */
import type { ErrorObject } from 'ajv';
import zhModule from 'ajv-i18n/localize/zh/index.js';
import type { FieldError } from './types.js';

/** ajv-i18n is CommonJS: its module object is the localize function itself. */
const localizeZh = zhModule as unknown as (errors: ErrorObject[]) => void;

/** Field errors for ajv's `errors` (none for null), each naming its field. */
export function fieldErrorsFromAjv(errors: readonly ErrorObject[] | null | undefined, prefix = ''): FieldError[] {
  if (!errors) return [];
  const kept = errors.filter((error) => error.keyword !== 'if');
  const zh = structuredClone(kept);
  localizeZh(zh);
  return kept.map((error, i) => ({
    field: prefix + fieldOf(error),
    code: error.keyword,
    message: {
      zh: titled(withAllowed(zh[i]?.message ?? error.message ?? '无效', error), error),
      en: withAllowed(error.message ?? 'is invalid', error),
    },
  }));
}

/** A field error raised by code rather than by the schema. */
export function fieldError(field: string, code: string, zh: string, en: string): FieldError {
  return { field, code, message: { zh, en } };
}

function fieldOf(error: ErrorObject): string {
  const params = error.params as { missingProperty?: string; additionalProperty?: string };
  const child =
    error.keyword === 'required'
      ? params.missingProperty
      : error.keyword === 'additionalProperties'
        ? params.additionalProperty
        : undefined;
  return child === undefined ? error.instancePath || '/' : `${error.instancePath}/${escapePointer(child)}`;
}

/** Prefix the field's schema title (ajv `verbose` keeps the schema), e.g. `实施编码：应当匹配模式 …`. */
function titled(message: string, error: ErrorObject): string {
  const parent = error.parentSchema as
    { title?: unknown; properties?: Record<string, { title?: unknown }> } | undefined;
  const missing = (error.params as { missingProperty?: string }).missingProperty;
  const title =
    error.keyword === 'required' && missing !== undefined ? parent?.properties?.[missing]?.title : parent?.title;
  return typeof title === 'string' && title.length > 0 ? `${title}：${message}` : message;
}

function withAllowed(message: string, error: ErrorObject): string {
  const allowed = (error.params as { allowedValues?: unknown[] }).allowedValues;
  return error.keyword === 'enum' && allowed
    ? `${message}: ${allowed.map((value) => JSON.stringify(value)).join(', ')}`
    : message;
}

/** Escape one JSON pointer segment (RFC 6901). */
export function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}
