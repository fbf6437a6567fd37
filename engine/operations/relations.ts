/**
 * Who may do an operation on a case: a user's relation to the case (its applicant, the officer of
 * one of its steps, …) against the reach the declaration gives their party. One pure function,
 * `mayPerform`, that the server checks every request with before it reads the body, that the
 * task page's offers use, and that the matrix test derives its expectations from.
 */
import type { CaseEvent, CaseState } from '../case/index.js';
import type { Principal, Role } from '../domain/index.js';
import type { CompiledProcess } from '../model/types.js';
import type { ActDeclaration, CaseAct, CaseOperationType, Reach } from './declaration.js';
import { CASE_ACTS, CASE_OPERATIONS } from './operations.js';

/** A step of the case (a user task, open or not) as far as rights go. */
export interface StepFacts {
  readonly taskId: string;
  readonly elementId: string;
  readonly name: string | null;
  readonly department: string | null;
  /** 窗口环节 (`gov:windowStep`): the window officers', not a department's. */
  readonly windowStep: boolean;
  readonly state: 'open' | 'done' | 'cancelled';
}

/** What rights depend on: the case's applicant and its steps, and the step a request names. */
export interface CaseFacts {
  /** The key of the case's applicant's 证件号码 (`applicantKey`), or null before 收件. */
  readonly applicantKey: string | null;
  /** Open steps, and (when the history was read) done and cancelled ones. */
  readonly steps: readonly StepFacts[];
  /** The step the body names: undefined when it names none, null when the case has no such step. */
  readonly named?: StepFacts | null;
}

export type Denial =
  | 'ROLE' // no role of theirs may do it at all
  | 'NOT_OWN_CASE' // an applicant, on another applicant's case
  | 'NOT_THEIR_STEP' // the named step is another department's (or, for the window, not a window step)
  | 'NO_STEP_NAMED' // a step operation without a step
  | 'NO_CURRENT_STEP' // a case-level operation on a case with no current step of theirs
  | 'NEVER_HANDLED'; // no step of theirs on the case, open or done

export type Permission =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly denial: Denial; readonly zh: string; readonly en: string };

/** The declaration of an operation or another act on a case. */
const declared = (act: CaseOperationType | CaseAct): ActDeclaration =>
  act === 'case.read' || act === 'case.rate' ? CASE_ACTS[act] : CASE_OPERATIONS[act];

export const ROLE_LABELS: { readonly [R in Role]: string } = {
  admin: '系统管理员',
  window: '窗口人员',
  department: '部门审批人员',
  supervisor: '监察人员',
  auditor: '审计人员',
  applicant: '申请人',
};

/** The reach each of `principal`'s roles has for `operation` (none: the role may not do it). */
export function reachesOf(principal: Pick<Principal, 'roles'>, act: CaseOperationType | CaseAct): Reach[] {
  const who = declared(act).who;
  return principal.roles.flatMap((role) => {
    const reach = who[role];
    return reach ? [reach] : [];
  });
}

/** May any role of `principal` do `operation` on some case? (Checked before anything about the case is read.) */
export function mayEverPerform(principal: Pick<Principal, 'roles'>, act: CaseOperationType | CaseAct): boolean {
  return reachesOf(principal, act).length > 0;
}

/** Is `step` the principal's own, as one of `role`? */
function isTheirs(principal: Principal, role: Role, step: StepFacts): boolean {
  switch (role) {
    case 'window':
      return step.windowStep;
    case 'department':
      return step.department !== null && step.department === principal.department;
    case 'supervisor':
    case 'admin':
    case 'auditor':
      return true;
    default:
      return false;
  }
}

/** May `principal` do `operation` on the case `facts` describe? The denial says why, in Chinese and English. */
export function mayPerform(principal: Principal, act: CaseOperationType | CaseAct, facts: CaseFacts): Permission {
  const declaration = declared(act);
  const label = declaration.label;
  const denials: Exclude<Permission, { allowed: true }>[] = [];
  for (const role of principal.roles) {
    const reach = declaration.who[role];
    if (!reach) continue;
    const verdict = reachVerdict(principal, role, reach, facts, label);
    if (verdict.allowed) return verdict;
    denials.push(verdict);
  }
  if (denials.length > 0) return denials[0]!;
  const roles = principal.roles.map((role) => ROLE_LABELS[role] ?? role).join('、') || '无角色用户';
  return {
    allowed: false,
    denial: 'ROLE',
    zh: `无权执行此操作：${roles}不能「${label}」`,
    en: `${principal.id} (${principal.roles.join(', ') || 'no role'}) may not ${act}`,
  };
}

function reachVerdict(principal: Principal, role: Role, reach: Reach, facts: CaseFacts, label: string): Permission {
  const deny = (denial: Denial, zh: string, en: string): Permission => ({ allowed: false, denial, zh, en });
  if (reach === 'own') {
    return facts.applicantKey !== null && principal.applicantKey === facts.applicantKey
      ? { allowed: true }
      : deny('NOT_OWN_CASE', '只能办理本人的办件', `${principal.id} may act only on their own cases`);
  }
  const unit = role === 'window' ? '窗口环节' : `本部门（${principal.department ?? '未绑定部门'}）的环节`;
  const named = facts.named;
  if (named) {
    if (!isTheirs(principal, role, named))
      return deny(
        'NOT_THEIR_STEP',
        `无权${label}：「${named.name ?? named.elementId}」属于${named.windowStep ? '窗口' : (named.department ?? '其他部门')}，只能办理${unit}`,
        `${principal.id} may not act on step ${named.taskId} of ${named.windowStep ? 'the window' : (named.department ?? 'no department')}`,
      );
    return { allowed: true };
  }
  const theirs = (states: readonly StepFacts['state'][]) =>
    facts.steps.some((step) => states.includes(step.state) && isTheirs(principal, role, step));
  switch (reach) {
    case 'any':
      return { allowed: true };
    case 'step':
      // A named step the case does not have: the officer with a current step may learn that it is gone.
      if (named === null && theirs(['open'])) return { allowed: true };
      return deny(
        'NO_STEP_NAMED',
        `无权${label}：须指明${unit}`,
        `${principal.id} must name a step of theirs to ${label}`,
      );
    case 'current':
      return theirs(['open'])
        ? { allowed: true }
        : deny(
            'NO_CURRENT_STEP',
            `无权${label}：该办件当前没有${unit}`,
            `${principal.id} has no current step on this case`,
          );
    case 'handled':
      return theirs(['open', 'done'])
        ? { allowed: true }
        : deny('NEVER_HANDLED', `无权${label}：该办件没有经${unit}办理`, `${principal.id} has no step on this case`);
    case 'involved':
      // A step of theirs the flow cancelled counts too: its officer may read why (a 一件事 refused, a 退回).
      return theirs(['open', 'done', 'cancelled'])
        ? { allowed: true }
        : deny('NEVER_HANDLED', `无权${label}：该办件没有经${unit}办理`, `${principal.id} has no step on this case`);
  }
}

// ---- the facts of a case ----------------------------------------------------------------------

/** The step an element is, as the compiled process declares it. */
function stepOf(
  process: CompiledProcess | null,
  task: { taskId: string; elementId: string; name: string | null; department: string | null },
  state: StepFacts['state'],
): StepFacts {
  const element = process?.elements.get(task.elementId);
  const gov = element && 'gov' in element ? element.gov : null;
  return {
    taskId: task.taskId,
    elementId: task.elementId,
    name: task.name,
    department: task.department ?? gov?.department ?? null,
    windowStep: gov !== null && gov !== undefined && 'windowStep' in gov ? gov.windowStep : false,
    state,
  };
}

/**
 * The facts of a case for `mayPerform`: its applicant, its open steps, and with `history` (the
 * case's events) its done and cancelled steps too. `named` is the task the body names (a string
 * `taskId`; anything else names nothing).
 */
export function caseFacts(input: {
  readonly state: CaseState;
  readonly process: CompiledProcess | null;
  readonly applicantKey: string | null;
  readonly history?: readonly CaseEvent[];
  readonly taskId?: unknown;
  /** 加签 / 减签 name a multi-instance body or one of its instances instead of a step. */
  readonly instanceId?: unknown;
}): CaseFacts {
  const { state, process } = input;
  const steps = new Map<string, StepFacts>();
  if (input.history) {
    const ended = new Map<string, StepFacts['state']>();
    for (const event of input.history) {
      if (event.type === 'task.completed') ended.set(event.data.taskId, 'done');
      if (event.type === 'task.cancelled') ended.set(event.data.taskId, 'cancelled');
    }
    for (const event of input.history) {
      if (event.type !== 'task.created') continue;
      const { taskId, elementId, name, department } = event.data;
      steps.set(taskId, stepOf(process, { taskId, elementId, name, department }, ended.get(taskId) ?? 'open'));
    }
  }
  for (const task of Object.values(state.tasks))
    steps.set(task.id, stepOf(process, { taskId: task.id, ...task }, 'open'));
  const { taskId, instanceId } = input;
  const named =
    typeof taskId === 'string'
      ? (steps.get(taskId) ?? null)
      : typeof instanceId === 'string'
        ? stepOfInstance(state, steps, instanceId)
        : undefined;
  return { applicantKey: input.applicantKey, steps: [...steps.values()], ...(named === undefined ? {} : { named }) };
}

/** An open step of the multi-instance body `instanceId` (or of the inner instance it is), or null. */
function stepOfInstance(state: CaseState, steps: ReadonlyMap<string, StepFacts>, instanceId: string): StepFacts | null {
  for (const task of Object.values(state.tasks)) {
    const instance = state.instances[task.instanceId];
    if (task.instanceId === instanceId || instance?.parentId === instanceId) return steps.get(task.id) ?? null;
  }
  return null;
}

/** Does this request need the case's history to be judged (a named step that is not open, or a reach into done steps)? */
export function needsHistory(
  principal: Principal,
  operation: CaseOperationType | CaseAct,
  state: CaseState,
  taskId: unknown,
): boolean {
  if (typeof taskId === 'string' && !state.tasks[taskId]) return true;
  const reaches = reachesOf(principal, operation);
  return reaches.includes('handled') || reaches.includes('involved');
}
