/**
 * The body of `POST /api/cases/{caseId}/operations`: `{ operation, data }`, one branch per
 * declared operation, keyed by `operation` (a JSON Schema `oneOf` with a discriminator), so that
 * the validator reports only the named operation's problems and the OpenAPI document lists every
 * operation's body.
 */
import type { CaseOperationType } from './declaration.js';
import { CASE_OPERATIONS } from './operations.js';

export const CASE_OPERATION_TYPES = Object.keys(CASE_OPERATIONS) as CaseOperationType[];

export function isCaseOperation(value: unknown): value is CaseOperationType {
  return typeof value === 'string' && Object.hasOwn(CASE_OPERATIONS, value);
}

/** The request body's JSON Schema (plain JSON: the TypeBox markers are symbols, which JSON drops). */
export const OPERATION_REQUEST_SCHEMA: Readonly<Record<string, unknown>> = {
  type: 'object',
  required: ['operation'],
  discriminator: { propertyName: 'operation' },
  oneOf: CASE_OPERATION_TYPES.map((operation) => {
    const declaration = CASE_OPERATIONS[operation];
    const needsData = ((declaration.schema as { required?: readonly string[] }).required ?? []).length > 0;
    return {
      type: 'object',
      title: `${operation}（${declaration.label}）`,
      description: declaration.summary,
      required: needsData ? ['operation', 'data'] : ['operation'],
      additionalProperties: false,
      properties: { operation: { type: 'string', enum: [operation] }, data: declaration.schema },
    };
  }),
};
