/**
 * The shape of one declared case operation: what a user may ask of a case through
 * `POST /api/cases/{caseId}/operations`, in one place — its body (a JSON Schema the server
 * validates and the OpenAPI document shows), its Chinese label, who may do it by their relation
 * to the case, how its refusals read, and whether the task page offers it. The table itself is
 * operations.ts; a command type without an entry there does not compile.
 */
import type { Static, TSchema } from '@sinclair/typebox';
import type { CaseCommand, CaseState } from '../case/index.js';
import type { Role } from '../domain/index.js';

/** Every operation the API accepts on a case: the case commands a user may send (not the system's own). */
export type CaseOperationType =
  | 'case.noticeCorrection'
  | 'materials.supply'
  | 'case.accept'
  | 'case.acceptWithTolerance'
  | 'case.refuse'
  | 'case.conclude'
  | 'case.deliver'
  | 'case.withdraw'
  | 'case.revoke'
  | 'specialProcedure.start'
  | 'specialProcedure.end'
  | 'case.decideOnCommitment'
  | 'commitment.verify'
  | 'task.claim'
  | 'task.unclaim'
  | 'task.complete'
  | 'task.transfer'
  | 'task.delegate'
  | 'task.resolve'
  | 'task.withdraw'
  | 'task.urge'
  | 'task.copy'
  | 'case.modify'
  | 'multiInstance.addInstance'
  | 'multiInstance.cancelInstance'
  | 'case.suspend'
  | 'case.resume'
  | 'clock.extend';

/** The command an operation becomes (every operation is a case command: a type outside CaseCommand does not compile). */
export type CommandOf<T extends CaseOperationType> = Extract<CaseCommand, { readonly type: T }>;
export type CommandData<T extends CaseOperationType> = CommandOf<T>['data'];

/**
 * The parties of a case are the roles, each by its relation to the case:
 * - applicant: the person the case was filed for (bound by their 证件号码);
 * - window: the centre's window officers (综合窗口): window steps (`gov:windowStep`) and window operations;
 * - department: a department's officers: their department's steps, and the case while one of them is current;
 * - supervisor: 电子监察 (urging, suspending, extending, revoking);
 * - admin: the administrators of the centre;
 * - auditor: reads every case, does nothing to one.
 */
export type Party = Role;

/**
 * How far a party's right reaches, by its relation to the case. Whatever the reach, a step the
 * body names (`data.taskId`) must be the party's own: a window step for window officers, a step
 * of their department for department officers (supervisors and administrators: any step).
 * - own: only the case filed for them (applicants);
 * - step: the step the body names, which must be theirs (task operations);
 * - current: a case with a current (open) step of theirs;
 * - handled: a case with a step of theirs, open or done (e.g. 核查 after the decision);
 * - involved: a case with a step of theirs, open, done or cancelled by the flow (reading: the
 *   officer whose step a 一件事 refusal or a 退回 cancelled may see why);
 * - any: every case of the centre.
 */
export type Reach = 'own' | 'step' | 'current' | 'handled' | 'involved' | 'any';

/** What the API body of an operation is, where it is not the command's data itself. */
export interface ApiOverrides {
  /** 退回: from the named step (whose token is cancelled) back to an earlier one; the server computes `cancel`. */
  'case.modify': { taskId: string; activate: string; reason: string };
}

/** The body's `data` for operation T: the command's data, or its API form. */
export type ApiData<T extends CaseOperationType> = T extends keyof ApiOverrides ? ApiOverrides[T] : CommandData<T>;

/** A JSON Schema (TypeBox) whose static type is assignable to `D`: the compiler holds the schema and the command together. */
export type SchemaOf<D> = TSchema & { readonly static: D };

export interface OperationDeclaration<T extends CaseOperationType> {
  /** In the words of DOMAIN.md: 受理, 补正告知, 退回 … (messages, the task page, the replay). */
  readonly label: string;
  /** One line for the OpenAPI document. */
  readonly summary: string;
  /** The body's `data` (additionalProperties false, ids are strings; titles name the fields in Chinese). */
  readonly schema: SchemaOf<ApiData<T>>;
  /** Who may do it, by relation to the case; a party not listed may not. */
  readonly who: { readonly [P in Party]?: Reach };
  /** Refusals of the domain or the runtime that read differently for this operation (by rejection code). */
  readonly refusals?: Readonly<Record<string, (context: RefusalContext<T>) => string | null>>;
  /**
   * The state of the step the body names, when it names one: 'open' (default; a step completed or
   * cancelled meanwhile is a 409), or 'done' for 撤回, which takes a completed step back.
   */
  readonly namedStep?: 'open' | 'done';
  /** Fields of the body that name users (an id, or a list of ids): each must be a user of the system. */
  readonly users?: readonly string[];
  /** The task page offers it (server/views/case-view.ts decides when), under this label if not the operation's. */
  readonly taskPage?: { readonly label?: string };
  /** The events that record it (their replay label is the operation's). */
  readonly records?: readonly string[];
  /** The command's data from the API's, where they differ (ApiOverrides). */
  readonly toCommand?: (data: ApiData<T>, state: CaseState) => CommandData<T>;
}

/** What a refusal message may read: the case before the operation and the body's data. */
export interface RefusalContext<T extends CaseOperationType> {
  readonly state: CaseState;
  readonly data: ApiData<T>;
}

/**
 * What else a user does with a case, outside the operations endpoint, under the same relations:
 * reading it (GET /api/cases/{caseId}, the task page) and rating it (好差评, POST /api/ratings).
 */
export type CaseAct = 'case.read' | 'case.rate';

export interface ActDeclaration {
  readonly label: string;
  readonly who: { readonly [P in Party]?: Reach };
}

/** Every operation's declaration: a missing one is a compile error. */
export type OperationTable = { readonly [T in CaseOperationType]: OperationDeclaration<T> };

/** The static type a declared schema guarantees. */
export type BodyOf<T extends CaseOperationType> = Static<OperationTable[T]['schema']>;
