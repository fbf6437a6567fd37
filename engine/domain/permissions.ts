/**
 * Who may do what: role × operation, and for department officers, only on their own
 * department's work. Pure, so that the server checks every request with it and the worklist
 * offers only what the user may do; the event records the actor either way.
 */
import type { DomainCommandType } from './commands.js';

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

/** Operations on a case or one of its tasks, in the domain's words. */
export type Operation =
  | DomainCommandType
  | 'task.claim'
  | 'task.unclaim'
  | 'task.complete'
  | 'task.transfer'
  | 'task.delegate'
  | 'task.return'
  | 'task.withdraw'
  | 'task.urge'
  | 'task.copy'
  | 'multiInstance.addSigner'
  | 'multiInstance.removeSigner'
  | 'case.suspend'
  | 'case.resume'
  | 'clock.extend'
  | 'case.read';

const WINDOW_OPS: readonly Operation[] = [
  'case.receive',
  'case.noticeCorrection',
  'materials.supply',
  'case.accept',
  'case.acceptWithTolerance',
  'case.refuse',
  'case.deliver',
];
const TASK_OPS: readonly Operation[] = [
  'task.claim',
  'task.unclaim',
  'task.complete',
  'task.transfer',
  'task.delegate',
  'task.return',
  'task.withdraw',
  'task.copy',
];
const DEPARTMENT_OPS: readonly Operation[] = [
  ...TASK_OPS,
  'case.noticeCorrection',
  'specialProcedure.start',
  'specialProcedure.end',
  'case.conclude',
  'case.decideOnCommitment',
  'commitment.verify',
  'multiInstance.addSigner',
  'multiInstance.removeSigner',
];

const TABLE: { readonly [R in Role]: ReadonlySet<Operation> } = {
  admin: new Set<Operation>([
    'case.read',
    'case.revoke',
    'case.suspend',
    'case.resume',
    'clock.extend',
    'task.transfer',
    'task.urge',
    'multiInstance.addSigner',
    'multiInstance.removeSigner',
  ]),
  window: new Set<Operation>(['case.read', ...WINDOW_OPS, ...TASK_OPS]),
  department: new Set<Operation>(['case.read', ...DEPARTMENT_OPS]),
  supervisor: new Set<Operation>([
    'case.read',
    'task.urge',
    'case.suspend',
    'case.resume',
    'clock.extend',
    'case.revoke',
  ]),
  auditor: new Set<Operation>(['case.read']),
  applicant: new Set<Operation>(['case.read', 'case.withdraw', 'materials.supply']),
};

/** What an operation is about: the case's applicant, and the department of the task, if any. */
export interface Target {
  readonly applicantId?: string;
  readonly taskDepartment?: string | null;
}

export type Permission = { readonly allowed: true } | { readonly allowed: false; readonly reason: string };

/** May `principal` perform `operation` on `target`? The reason names the missing right. */
export function mayPerform(principal: Principal, operation: Operation, target: Target = {}): Permission {
  const roles = principal.roles.filter((role) => TABLE[role].has(operation));
  if (roles.length === 0)
    return {
      allowed: false,
      reason: `${principal.id} (${principal.roles.join(', ') || 'no role'}) may not ${operation}`,
    };
  if (
    roles.every((role) => role === 'applicant') &&
    target.applicantId !== undefined &&
    target.applicantId !== principal.id
  ) {
    return { allowed: false, reason: `${principal.id} may act only on their own cases` };
  }
  const onTask = target.taskDepartment !== undefined && target.taskDepartment !== null;
  if (onTask && roles.every((role) => role === 'department') && principal.department !== target.taskDepartment) {
    return {
      allowed: false,
      reason: `${principal.id} of ${principal.department ?? 'no department'} may not act on a task of ${target.taskDepartment}`,
    };
  }
  return { allowed: true };
}
