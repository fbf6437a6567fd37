/**
 * Commands: what can be asked of a case. Each has exactly one handler (handle/), which either
 * returns events or a typed rejection. Names are imperative `noun.verb`.
 */

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
  | CancelCase;

export type CommandType = Command['type'];
export type CommandOf<T extends CommandType> = Extract<Command, { type: T }>;
