/**
 * Request validation with ajv against the JSON Schemas that also feed the OpenAPI document.
 * A failure names the field (a JSON pointer into body, query or params) in Chinese and English,
 * with the same error wording as matter files (engine/matters fieldErrorsFromAjv).
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsPlugin from 'ajv-formats';
import { fieldErrorsFromAjv } from '../../engine/matters/index.js';
import { ApiError } from './errors.js';

const addFormats = addFormatsPlugin as unknown as (ajv: Ajv) => Ajv;
/** Bodies are JSON: no coercion. Query strings and path parameters are text: coerce to the schema's types. */
const bodies = addFormats(
  new Ajv({ allErrors: true, useDefaults: true, strict: false, discriminator: true, verbose: true }),
);
const texts = addFormats(new Ajv({ allErrors: true, useDefaults: true, coerceTypes: true, strict: false }));

export type JsonSchema = Readonly<Record<string, unknown>>;

const compiled = {
  body: new WeakMap<JsonSchema, ValidateFunction>(),
  text: new WeakMap<JsonSchema, ValidateFunction>(),
};

/** Validate `value` (body, query or params) in place (defaults, coercion) or throw a 400 naming the field. */
export function check(part: 'body' | 'query' | 'params', schema: JsonSchema, value: unknown): void {
  const kind = part === 'body' ? 'body' : 'text';
  let validate = compiled[kind].get(schema);
  if (!validate) {
    validate = (kind === 'body' ? bodies : texts).compile(schema);
    compiled[kind].set(schema, validate);
  }
  if (validate(value)) return;
  const raw = (validate.errors ?? []).filter((error) => error.keyword !== 'if'); // as fieldErrorsFromAjv keeps them
  const errors = fieldErrorsFromAjv(raw, `/${part}`).map((error, i) => {
    const own = worded(raw[i]);
    return own ? { ...error, message: own } : error;
  });
  const first = errors[0];
  const title = titleOf(raw[0]);
  throw new ApiError(
    400,
    'INVALID_INPUT',
    !first ? '输入不合法' : worded(raw[0]) ? first.message.zh : `${title ?? first.field}：${first.message.zh}`,
    errors.map((e) => `${e.field} ${e.message.en}`).join('; '),
    first?.field,
    { errors },
  );
}

/**
 * The words a form would use where the schema gives the field a title (the operation bodies all
 * do): "请填写<title>" for a missing or blank text (`pattern: "\\S"`), not a regular expression.
 */
function worded(error: ErrorObject | undefined): { zh: string; en: string } | null {
  if (error?.keyword === 'pattern' && (error.params as { pattern?: string }).pattern === '\\S') {
    const title = titleOf(error);
    return { zh: title ? `请填写${title}` : '不能为空白', en: 'must not be blank' };
  }
  if (error?.keyword === 'required') {
    const missing = (error.params as { missingProperty?: string }).missingProperty ?? '';
    const properties = (error.parentSchema as { properties?: Record<string, { title?: unknown }> } | undefined)
      ?.properties;
    const title = properties?.[missing]?.title;
    return typeof title === 'string' ? { zh: `请填写${title}`, en: `must have required property '${missing}'` } : null;
  }
  return null;
}

/** The title the schema gives the field in error (bodies are validated verbosely, so the schema is at hand). */
function titleOf(error: ErrorObject | undefined): string | null {
  const title = (error?.parentSchema as { title?: unknown } | undefined)?.title;
  return typeof title === 'string' ? title : null;
}
