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
export type CompleteTask = CommandShape<'task.complete', { taskId: string; variables?: Record<string, unknown> }>;
export type AssignTask = CommandShape<'task.assign', { taskId: string; assignee: string | null }>;
export type CorrelateMessage = CommandShape<
  'message.correlate',
  { name: string; /** restrict to the subscription of this element */ elementId?: string; variables?: Record<string, unknown> }
>;
export type ReceiveSignal = CommandShape<'signal.receive', { name: string; variables?: Record<string, unknown> }>;
export type FireTimer = CommandShape<'timer.fire', { timerId: string }>;
export type CompleteJob = CommandShape<'job.complete', { jobId: string; variables?: Record<string, unknown> }>;
export type FailJob = CommandShape<'job.fail', { jobId: string; message: string; /** ISO-8601 duration before retry */ backoff?: string }>;
export type ThrowJobError = CommandShape<'job.throwError', { jobId: string; errorCode: string; message?: string }>;
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
export type SetVariables = CommandShape<'variables.set', { variables: Record<string, unknown>; scopeInstanceId?: string }>;
export type CancelCase = CommandShape<'case.cancel', { reason: string }>;
/** Start the case's time limit (at 受理); the limit defaults to the process's promised limit. */
export type StartClock = CommandShape<
  'clock.start',
  { limit?: TimeLimit; department?: string | null; /** the officer responsible (首办负责) */ officer?: string | null }
>;
/** Stop the clock (补正, 特别程序, 挂起): one clock, or every running clock of the case. */
export type PauseClock = CommandShape<'clock.pause', { clockId?: string; kind: ClockStopKind; reason: string; approver?: string }>;
/** Start the clock again: one clock, or every paused one. */
export type ResumeClock = CommandShape<'clock.resume', { clockId?: string }>;
/** 延长审批: add time (in the clock's unit) to one clock, by default the case's. */
export type ExtendClock = CommandShape<'clock.extend', { clockId?: string; amount: number; approver: string; reason: string }>;
/** Compute every running clock's due date again (a missing year's calendar was imported). */
/** Set (or move) a named case deadline: a timer that fires as `deadline.reached`. */
export type SetDeadline = CommandShape<'deadline.set', { name: string; dueAt: string }>;
export type ClearDeadline = CommandShape<'deadline.clear', { name: string }>;
export type RecomputeClocks = CommandShape<'clock.recompute', { reason: string }>;

export type Command =
  | StartCase
  | CompleteTask
  | AssignTask
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
  | RecomputeClocks
  | SetDeadline
  | ClearDeadline;

export type CommandType = Command['type'];
export type CommandOf<T extends CommandType> = Extract<Command, { type: T }>;
