/**
 * The matter catalogue (事项), pure: the published schema, validation of matter files and of
 * applications against a matter's form, masking of personal data, and comparing versions.
 * Public API: the matter types, `MATTER_SCHEMA` (schemas/matter.schema.json is its published
 * copy), `validateMatter`, `processAgreementErrors` (a matter file against its process),
 * `validateApplication` / `compileApplicationForm`, the 统一社会信用代码 check, the masking
 * functions, `diffMatters` and `fieldErrorsFromAjv`. Its table is
 * engine/matters-store; everything else in this folder is internal.
 */
export * from './types.js';
export { MATTER_SCHEMA } from './schema.js';
export { validateMatter, MatterInvalidError, type MatterValidation } from './validate.js';
export { processAgreementErrors, type MatterProcessFacts } from './process-agreement.js';
export { validateApplication, compileApplicationForm, type CompiledForm } from './application.js';
export { isValidCreditCode, creditCodeCheckChar } from './credit-code.js';
export * from './masking.js';
export { diffMatters, type MatterChange } from './diff.js';
export { fieldErrorsFromAjv } from './field-errors.js';
