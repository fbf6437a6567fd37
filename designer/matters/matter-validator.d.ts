/** Types of the generated designer/matters/matter-validator.js (ajv standalone code). */
import type { ErrorObject } from 'ajv';

/** The JSON text of the matter schema the validator was generated from. */
export const SCHEMA_JSON: string;

export interface StandaloneValidate {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

export const validate: StandaloneValidate;
export default validate;
