/**
 * No lock-out: the rules that keep the system administrable. An administrator may not deactivate
 * themselves or take away their own admin role, and the last active administrator may be neither
 * deactivated nor demoted — otherwise nobody could create, change or reactivate users again.
 */
import type { Role } from '../domain/index.js';
import { MatterflowError } from '../errors.js';

/** A change the no-lock-out rules refuse (`code` says which rule). */
export class UserLockOutError extends MatterflowError {
  constructor(
    code: 'SELF_LOCK_OUT' | 'LAST_ADMIN',
    message: string,
    readonly zh: string,
  ) {
    super(code, message);
  }
}

/** What is about to happen to a user, as the no-lock-out rules see it. */
export interface AdminChange {
  /** Who asks. */
  readonly actor: string;
  /** Whose user it is. */
  readonly target: string;
  /** The target's roles now, and after the change ('deactivated': deactivation). */
  readonly rolesBefore: readonly Role[];
  readonly rolesAfter: readonly Role[] | 'deactivated';
  /** Whether the target is active now (a deactivated administrator is not counted on). */
  readonly targetActive: boolean;
  /** Active administrators now (the target among them when they are one). */
  readonly activeAdmins: number;
}

/** Throws `UserLockOutError` when `change` would leave the actor or the system without an administrator. */
export function checkNoLockOut(change: AdminChange): void {
  const wasAdmin = change.rolesBefore.includes('admin');
  const deactivating = change.rolesAfter === 'deactivated';
  const losesAdmin = change.targetActive && wasAdmin && (deactivating || !change.rolesAfter.includes('admin'));
  if (change.actor === change.target && deactivating)
    throw new UserLockOutError('SELF_LOCK_OUT', 'An administrator may not deactivate themselves', '不能停用自己的账号');
  if (change.actor === change.target && losesAdmin)
    throw new UserLockOutError(
      'SELF_LOCK_OUT',
      'An administrator may not remove their own admin role',
      '不能取消自己的系统管理员角色',
    );
  if (losesAdmin && change.activeAdmins <= 1)
    throw new UserLockOutError(
      'LAST_ADMIN',
      `${change.target} is the last active administrator`,
      '该用户是最后一名在用的系统管理员，不能停用或取消其管理员角色',
    );
}
