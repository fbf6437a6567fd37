/** What the users API (/api/users) answers and takes, as the 用户管理 page uses it. */
import type { Role } from '../shared/session.js';

/** A user as GET /api/users answers it: never a hash, never the 证件号码 (only whether one is bound). */
export interface UserRow {
  readonly id: string;
  readonly name: string;
  readonly roles: readonly Role[];
  readonly department?: string;
  readonly boundIdentity: boolean;
  readonly hasPassword: boolean;
  readonly active: boolean;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly updatedAt?: string;
  readonly deactivatedAt?: string;
  readonly deactivatedBy?: string;
}

export interface UserPage {
  readonly users: readonly UserRow[];
  readonly total: number;
  readonly limit: number;
  readonly offset: number;
}

/** The roles in the order the page offers them. */
export const ROLE_ORDER: readonly Role[] = ['admin', 'window', 'department', 'supervisor', 'auditor', 'applicant'];
