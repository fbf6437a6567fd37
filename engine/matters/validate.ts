/**
 * validateMatter: a matter file checked against the published schema (ajv, every error at once)
 * and then against the rules in semantic.ts. The result is a value, never a throw: a deploy
 * turns a refusal into MatterInvalidError.
 */
import { Ajv } from 'ajv';
import { MatterflowError } from '../errors.js';
import { fieldErrorsFromAjv } from './field-errors.js';
import { MATTER_SCHEMA } from './schema.js';
import { semanticErrors } from './semantic.js';
import type { FieldError, Matter } from './types.js';

/** A matter file accepted (typed), or refused with every defect. */
export type MatterValidation =
  { readonly ok: true; readonly matter: Matter } | { readonly ok: false; readonly errors: readonly FieldError[] };

const schemaCheck = new Ajv({ allErrors: true, verbose: true, strict: true, strictRequired: false }).compile(
  MATTER_SCHEMA,
);

/**
 * Validate a parsed matter file. Schema errors come first and all together; the semantic rules
 * (check digits, limits, materials, 容缺, the form) run once the shape is right.
 */
export function validateMatter(json: unknown): MatterValidation {
  if (!schemaCheck(json)) return { ok: false, errors: fieldErrorsFromAjv(schemaCheck.errors) };
  const matter = json as Matter;
  const errors = semanticErrors(matter);
  return errors.length === 0 ? { ok: true, matter } : { ok: false, errors };
}

/** A matter file was refused; `errors` lists every defect with its field. */
export class MatterInvalidError extends MatterflowError {
  constructor(
    readonly errors: readonly FieldError[],
    message = `Matter file refused: ${errors.map((error) => `${error.field} ${error.message.en}`).join('; ')}`,
  ) {
    super('MATTER_INVALID', message);
  }
}
