/**
 * The 办件编号 search parameter of the case lists (cases, tasks, audit): one number
 * (`20261205-0007`, a part's `20261205-0007-01`) or a Beijing date's numbers (`20261205`,
 * `2026-12-05`), read by engine/domain's `caseNumberTerm`.
 */
import { CASE_NUMBER_TERM_PATTERN, caseNumberTerm, type CaseNumberTerm } from '../../engine/domain/index.js';
import { ApiError } from '../http/errors.js';

/** The JSON Schema of the parameter. */
export const CASE_NUMBER_QUERY = {
  type: 'string',
  minLength: 8,
  maxLength: 64,
  pattern: CASE_NUMBER_TERM_PATTERN,
  description:
    '办件编号: one number exactly (20261205-0007), or every number of a Beijing date (20261205 or 2026-12-05)',
} as const;

/** The term a validated parameter `name` means (400 naming it if it is neither a number nor a date). */
export function caseNumberQuery(value: string, name: string): CaseNumberTerm {
  const term = caseNumberTerm(value);
  if (!term)
    throw new ApiError(
      400,
      'INVALID_INPUT',
      `/query/${name}：办件编号应为 YYYYMMDD-NNNN，或收件日期 YYYYMMDD`,
      `/query/${name} must be a case number YYYYMMDD-NNNN or a date YYYYMMDD`,
      `/query/${name}`,
    );
  return term;
}
