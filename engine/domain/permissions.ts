/**
 * Who acts: the roles of the centre and an authenticated user. What each may do to a case, by
 * their relation to it, is declared with the operations (engine/operations).
 */

export const ROLES = ['admin', 'window', 'department', 'supervisor', 'auditor', 'applicant'] as const;
export type Role = (typeof ROLES)[number];

/** An authenticated user. */
export interface Principal {
  readonly id: string;
  readonly roles: readonly Role[];
  /** The department a department officer belongs to. */
  readonly department?: string;
  /** For an applicant: the key of the 证件号码 they act as (`applicantKey`), which binds them to their cases. */
  readonly applicantKey?: string;
}
