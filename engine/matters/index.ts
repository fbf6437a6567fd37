/**
 * The matter catalogue (事项), pure: the published schema, validation of matter files and of
 * applications against a matter's form, masking of personal data, and comparing versions.
 * Persistence is engine/matters-store.
 */
export * from './types.js';
export { MATTER_SCHEMA } from './schema.js';
export { validateMatter, MatterInvalidError, type MatterValidation } from './validate.js';
export { validateApplication, compileApplicationForm, type CompiledForm } from './application.js';
export { isValidCreditCode, creditCodeCheckChar, CREDIT_CODE_ALPHABET } from './credit-code.js';
export * from './masking.js';
export { diffMatters, type MatterChange } from './diff.js';
export { fieldErrorsFromAjv } from './field-errors.js';
