/**
 * Request validation with ajv against the JSON Schemas that also feed the OpenAPI document.
 * A failure names the field (a JSON pointer into body, query or params) in Chinese and English,
 * with the same error wording as matter files (engine/matters fieldErrorsFromAjv).
 */
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsPlugin from 'ajv-formats';
import { fieldErrorsFromAjv } from '../../engine/matters/index.js';
import { ApiError } from './errors.js';

const addFormats = addFormatsPlugin as unknown as (ajv: Ajv) => Ajv;
/** Bodies are JSON: no coercion. Query strings and path parameters are text: coerce to the schema's types. */
const bodies = addFormats(new Ajv({ allErrors: true, useDefaults: true, strict: false }));
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
  const errors = fieldErrorsFromAjv(validate.errors, `/${part}`);
  const first = errors[0];
  throw new ApiError(
    400,
    'INVALID_INPUT',
    first ? `${first.field}：${first.message.zh}` : '输入不合法',
    errors.map((e) => `${e.field} ${e.message.en}`).join('; '),
    first?.field,
    { errors },
  );
}
