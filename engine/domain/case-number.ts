/**
 * 办件编号: the number officers read out at the counter and on the phone. The centre's format is
 * the Beijing date of 收件 and that day's sequence, `YYYYMMDD-NNNN` (20261205-0007); a child
 * case of a 一件事 package carries its parent's number and its own two-digit index
 * (20261205-0007-01). The store draws the sequence (engine/domain-store); this is only the format.
 */

const OFFSET_MS = 8 * 3_600_000;

/** A case number: a date, a sequence of at least 4 digits, and any child indexes. */
export const CASE_NUMBER_PATTERN = /^\d{8}-\d{4,}(?:-\d{2,})*$/;

/** The Beijing date of an ISO instant as `YYYYMMDD`: the date part of a number received then. */
export function caseNumberDate(instant: string): string {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) throw new RangeError(`Expected an ISO-8601 instant, but got "${instant}"`);
  return new Date(ms + OFFSET_MS).toISOString().slice(0, 10).replaceAll('-', '');
}

/** The number of the `sequence`th case (1-based) received on the Beijing date `date` (`YYYYMMDD`). */
export function formatCaseNumber(date: string, sequence: number): string {
  if (!/^\d{8}$/.test(date)) throw new RangeError(`Expected a date written YYYYMMDD, but got "${date}"`);
  if (!Number.isInteger(sequence) || sequence < 1)
    throw new RangeError(`Expected a positive whole sequence, but got ${sequence}`);
  return `${date}-${String(sequence).padStart(4, '0')}`;
}

/** The number of a 一件事 package's `index`th child case (1-based): the parent's number and `-NN`. */
export function childCaseNumber(parent: string, index: number): string {
  if (!Number.isInteger(index) || index < 1) throw new RangeError(`Expected a positive whole index, but got ${index}`);
  return `${parent}-${String(index).padStart(2, '0')}`;
}

/** Whether `text` is a case number (of a case or of a child case). */
export function isCaseNumber(text: unknown): text is string {
  return typeof text === 'string' && CASE_NUMBER_PATTERN.test(text);
}

/** What `caseNumberTerm` reads (for a JSON Schema `pattern`): a number, or a date with or without dashes. */
export const CASE_NUMBER_TERM_PATTERN = '^\\s*(\\d{8}-\\d{4,}(-\\d{2,})*|\\d{4}-?\\d{2}-?\\d{2}-?)\\s*$';

/** A search by 办件编号: one number, or a date's numbers by their prefix (`20261205-`). */
export type CaseNumberTerm = { readonly exact: string } | { readonly prefix: string };

/**
 * What a search term means as a case number: one number exactly (`20261205-0007`, and a child's
 * `20261205-0007-01`), or every number of a Beijing date (`20261205`, `20261205-` or `2026-12-05`:
 * the prefix `20261205-`); null when it is neither.
 */
export function caseNumberTerm(term: string): CaseNumberTerm | null {
  const text = term.trim();
  if (isCaseNumber(text)) return { exact: text };
  const date = /^(\d{4})-?(\d{2})-?(\d{2})-?$/.exec(text);
  return date ? { prefix: `${date[1]}${date[2]}${date[3]}-` } : null;
}
