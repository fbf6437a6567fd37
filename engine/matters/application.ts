/**
 * 一表申请: the applicant's form data checked against the matter's application form (a JSON
 * Schema). Each distinct form is compiled once and kept (by its JSON text), so the window does
 * not recompile a form for every submission.
 */
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsPlugin from 'ajv-formats';
import { fieldErrorsFromAjv } from './field-errors.js';
import type { FieldError, JsonSchemaObject, Matter } from './types.js';

const addFormats = addFormatsPlugin as unknown as (ajv: Ajv) => Ajv;
const CACHE_LIMIT = 256;
const compiled = new Map<string, ValidateFunction>();

/** The outcome of compiling an application form: the validator, or why the schema is not usable. */
export type CompiledForm =
  { readonly ok: true; readonly validate: ValidateFunction } | { readonly ok: false; readonly reason: string };

/**
 * Compile an application form schema (strict ajv with the standard formats); a form must describe
 * an object. Cached by the schema's JSON text.
 */
export function compileApplicationForm(schema: JsonSchemaObject): CompiledForm {
  const key = JSON.stringify(schema);
  const cached = compiled.get(key);
  if (cached) return { ok: true, validate: cached };
  if (schema['type'] !== 'object') return { ok: false, reason: 'type must be "object"' };
  let validate: ValidateFunction;
  try {
    const ajv = addFormats(
      new Ajv({ allErrors: true, verbose: true, addUsedSchema: false, strict: false, strictSchema: true }),
    );
    validate = ajv.compile(schema);
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
  if (compiled.size >= CACHE_LIMIT) compiled.delete(compiled.keys().next().value as string);
  compiled.set(key, validate);
  return { ok: true, validate };
}

/**
 * The applicant's form data against the matter's application form: every defect, each naming
 * its field (JSON pointer into the form data) in Chinese and English. Empty when valid.
 */
export function validateApplication(matter: Pick<Matter, 'applicationForm'>, formData: unknown): FieldError[] {
  const form = compileApplicationForm(matter.applicationForm);
  if (!form.ok) {
    return [
      {
        field: '/',
        code: 'application-form-invalid',
        message: {
          zh: `事项的申请表单无法编译：${form.reason}`,
          en: `The matter's application form does not compile: ${form.reason}`,
        },
      },
    ];
  }
  return form.validate(formData) ? [] : fieldErrorsFromAjv(form.validate.errors);
}
