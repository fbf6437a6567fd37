/**
 * Case operations, declared once: what a user may ask of a case, its body, who may by their
 * relation to the case, and how it reads in Chinese. Pure and browser-safe.
 */
export * from './declaration.js';
export { CASE_ACTS, CASE_OPERATIONS } from './operations.js';
export {
  caseFacts,
  mayEverPerform,
  mayPerform,
  needsHistory,
  reachesOf,
  ROLE_LABELS,
  type CaseFacts,
  type Denial,
  type Permission,
  type StepFacts,
} from './relations.js';
export { NOT_FOUND_REJECTIONS, refusalOf, staleStep, type Refusal } from './refusals.js';
export { CASE_OPERATION_TYPES, isCaseOperation, OPERATION_REQUEST_SCHEMA } from './request.js';
