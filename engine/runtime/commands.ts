/**
 * Commands: what can be asked of a case. Each has exactly one handler (handle/), which either
 * returns events or a typed rejection. Names are imperative `noun.verb`.
 */
import type { TimeLimit } from '../model/types.js';
import type { ClockStopKind } from './state.js';

interface CommandShape<T extends string, D> {
  readonly type: T;
  /** Who asks: a user id, `system`, `timer`, `job:<type>`, `case:<id>`. */
  readonly actor: string;
  readonly data: D;
}

export type StartCase = CommandShape<
  'case.start',
  {
    caseId: string;
    processId: string;
    variables?: Record<string, unknown>;
    /** Start through this start event (message / signal / timer start); default: the none start. */
    startEventId?: string;
    parent?: { caseId: string; instanceId: string };
  }
>;
/** 通过 / 不通过: an approval's decision and its written opinion. */
export interface Opinion {
  /** 通过, 不通过, or another word the process uses. */
  readonly decision: string;
  readonly text: string;
}

/**
 * Complete a task. When it is assigned, only its assignee may complete it, unless the actor is
 * `system` or `admin` is set (who may act as admin is the domain's check).
 */
export type CompleteTask = CommandShape<
  'task.complete',
  { taskId: string; variables?: Record<string, unknown>; opinion?: Opinion; admin?: boolean }
>;
export type AssignTask = CommandShape<'task.assign', { taskId: string; assignee: string | null }>;
/** 签收: the actor becomes the assignee. */
export type ClaimTask = CommandShape<'task.claim', { taskId: string }>;
/** 取消签收: the assignee gives the task back to its candidates. */
export type UnclaimTask = CommandShape<'task.unclaim', { taskId: string; admin?: boolean }>;
/** 转办: the task goes to someone else for good. */
export type TransferTask = CommandShape<'task.transfer', { taskId: string; to: string }>;
/** 委派: a delegate works on the task; the owner keeps it and completes it once it is resolved. */
export type DelegateTask = CommandShape<'task.delegate', { taskId: string; to: string }>;
/** The delegate returns a delegated task to its owner. */
export type ResolveTask = CommandShape<'task.resolve', { taskId: string; admin?: boolean }>;
/** 撤回: the last handler takes a completed task back before the next step is started. */
export type WithdrawTask = CommandShape<
  'task.withdraw',
  { /** the completed task; default: the last completed */ taskId?: string }
>;
/** 催办 */
export type UrgeTask = CommandShape<'task.urge', { taskId: string; message: string }>;
/** 抄送 */
export type CopyTask = CommandShape<'task.copy', { taskId: string; to: string[] }>;
/** 加签: more inner instances for a running multi-instance body (by body instance or element id). */
export type AddMultiInstance = CommandShape<
  'multiInstance.addInstance',
  {
    instanceId?: string;
    elementId?: string;
    /** one inner instance per item */ items?: unknown[];
    /** without items; default 1 */ count?: number;
  }
>;
/** 减签: cancel one inner instance that has not completed. */
export type CancelMultiInstance = CommandShape<'multiInstance.cancelInstance', { instanceId: string }>;
/**
 * Process-instance modification (退回 to an earlier step, 撤回): terminate `cancel` (instance ids,
 * or 'all' tokens of the case), then start `activate` afresh.
 */
export type ModifyCase = CommandShape<
  'case.modify',
  { cancel: string[] | 'all'; activate: string; variables?: Record<string, unknown>; /** e.g. 退回 */ reason?: string }
>;
/** 挂起 */
export type SuspendCase = CommandShape<'case.suspend', { reason: string }>;
/** 恢复 */
export type ResumeCase = CommandShape<'case.resume', Record<string, never>>;
export type CorrelateMessage = CommandShape<
  'message.correlate',
  {
    name: string;
    /** restrict to the subscription of this element */ elementId?: string;
    variables?: Record<string, unknown>;
  }
>;
export type ReceiveSignal = CommandShape<'signal.receive', { name: string; variables?: Record<string, unknown> }>;
export type FireTimer = CommandShape<'timer.fire', { timerId: string }>;
export type CompleteJob = CommandShape<'job.complete', { jobId: string; variables?: Record<string, unknown> }>;
export type FailJob = CommandShape<
  'job.fail',
  {
    jobId: string;
    message: string;
    /** ISO-8601 duration before retry. */
    backoff?: string;
    /** Retries left after this failure, as the worker decides (default: one fewer); 0 raises the incident. */
    retries?: number;
  }
>;
export type ThrowJobError = CommandShape<
  'job.throwError',
  {
    jobId: string;
    errorCode: string;
    message?: string;
    /** Set (propagated from the task outwards) before the error is thrown. */
    variables?: Record<string, unknown>;
  }
>;
export type ResolveIncident = CommandShape<'incident.resolve', { incidentId: string; retries?: number }>;
/** The child case of a call activity ended (sent by the store on the child's behalf). */
export type CompleteCall = CommandShape<
  'call.complete',
  { instanceId: string; childCaseId: string; variables: Record<string, unknown> }
>;
export type FailCall = CommandShape<
  'call.fail',
  { instanceId: string; childCaseId: string; errorCode: string | null; message: string }
>;
export type SetVariables = CommandShape<
  'variables.set',
  { variables: Record<string, unknown>; scopeInstanceId?: string }
>;
export type CancelCase = CommandShape<'case.cancel', { reason: string }>;
/**
 * Start the case's time limit (at 受理); the limit defaults to the process's promised limit. It
 * counts from `startedAt` when given (an instant not after now: a deemed acceptance counts from
 * 收件), else from now.
 */
export type StartClock = CommandShape<
  'clock.start',
  {
    limit?: TimeLimit;
    department?: string | null;
    /** the officer responsible (首办负责) */ officer?: string | null;
    /** ISO-8601 instant the limit counts from, not after now; default now */ startedAt?: string;
  }
>;
/** Stop the clock (补正, 特别程序, 挂起): one clock, or every running clock of the case. */
export type PauseClock = CommandShape<
  'clock.pause',
  { clockId?: string; kind: ClockStopKind; reason: string; approver?: string }
>;
/** Start the clock again: one clock, or every paused one. */
export type ResumeClock = CommandShape<'clock.resume', { clockId?: string }>;
/** 延长审批: add time (in the clock's unit) to one clock, by default the case's. */
export type ExtendClock = CommandShape<
  'clock.extend',
  { clockId?: string; amount: number; approver: string; reason: string }
>;
/** 办结: the case's time limit ends at the decision, not at 送达 (which has its own step limit); no-op without one. */
export type FinishClock = CommandShape<'clock.finish', { clockId?: string }>;
/** Set (or move) a named case deadline: a timer that fires as `deadline.reached`. */
export type SetDeadline = CommandShape<'deadline.set', { name: string; dueAt: string }>;
export type ClearDeadline = CommandShape<'deadline.clear', { name: string }>;
/** Compute every running clock's due date again (a missing year's calendar was imported). */
export type RecomputeClocks = CommandShape<'clock.recompute', { reason: string }>;

export type Command =
  | StartCase
  | CompleteTask
  | AssignTask
  | ClaimTask
  | UnclaimTask
  | TransferTask
  | DelegateTask
  | ResolveTask
  | WithdrawTask
  | UrgeTask
  | CopyTask
  | AddMultiInstance
  | CancelMultiInstance
  | ModifyCase
  | SuspendCase
  | ResumeCase
  | CorrelateMessage
  | ReceiveSignal
  | FireTimer
  | CompleteJob
  | FailJob
  | ThrowJobError
  | ResolveIncident
  | CompleteCall
  | FailCall
  | SetVariables
  | CancelCase
  | StartClock
  | PauseClock
  | ResumeClock
  | ExtendClock
  | FinishClock
  | RecomputeClocks
  | SetDeadline
  | ClearDeadline;

export type CommandType = Command['type'];
export type CommandOf<T extends CommandType> = Extract<Command, { type: T }>;
