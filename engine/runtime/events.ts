/**
 * Runtime events: the record of everything the BPMN runtime did to a case, at element level.
 * The case layer (engine/case) adds the domain's events to the same stream.
 *
 * Events carry decisions (flows taken, due dates, variable values, ids) so that replay never
 * re-evaluates an expression, reads a calendar or generates an id. A released event type is
 * never renamed or given a new meaning: a change of shape is a new `v`, with an upcaster from
 * the old one (upcast.ts) and the applier of the new one; `RUNTIME_EVENT_VERSIONS` names the
 * version written today.
 */
import type { TimeLimit } from '../model/types.js';
import type { AlertLevel } from './limits.js';
import type { ClockStopKind, IncidentKind, IncidentResume, TimerRepeat } from './state.js';

/** The envelope every event of a case has, runtime or domain. */
export interface EventShape<T extends string, D, V extends number = 1> {
  readonly type: T;
  /** Payload version: the shape of `data`. Old versions are upcast on read (upcast.ts). */
  readonly v: V;
  /** ISO-8601 instant, from the injected clock. */
  readonly time: string;
  /** Who caused it: a user id, `system`, `timer`, `job:<type>`, or `case:<id>` for another case. */
  readonly actor: string;
  readonly data: D;
}

export type CaseStarted = EventShape<
  'case.started',
  {
    caseId: string;
    processId: string;
    definitionHash: string;
    rootInstanceId: string;
    parent: { caseId: string; instanceId: string } | null;
    /** The start event used (none, message, signal or timer start). */
    startEventId: string;
    variables: Record<string, unknown>;
  }
>;

export type ElementActivated = EventShape<
  'element.activated',
  {
    instanceId: string;
    elementId: string;
    parentId: string;
    loopCounter?: number;
    /** For a joining gateway: the arrived flows it consumes. */
    consumed?: Record<string, number>;
    /**
     * For an interrupting event sub-process: it took over its scope (`parentId`), whose other
     * tokens were interrupted just before. The scope forgets its join arrivals, so that no
     * join of the interrupted flow fires, and it completes when this instance ends.
     */
    interrupting?: true;
  }
>;

export type ElementCompleted = EventShape<'element.completed', { instanceId: string; elementId: string }>;

export type ElementTerminated = EventShape<
  'element.terminated',
  {
    instanceId: string;
    elementId: string;
    reason: 'interrupted' | 'terminated' | 'cancelled' | 'completion-condition' | 'returned';
  }
>;

export type FlowTaken = EventShape<
  'flow.taken',
  { flowId: string; sourceId: string; targetId: string; scopeInstanceId: string }
>;

/** A token reached a joining gateway that is not ready yet. */
export type JoinArrived = EventShape<'join.arrived', { scopeInstanceId: string; gatewayId: string; flowId: string }>;

export type MultiInstanceStarted = EventShape<
  'multiInstance.started',
  {
    instanceId: string;
    elementId: string;
    sequential: boolean;
    /** Number of inner instances; null for a standard loop (bounded by its condition). */
    total: number | null;
    items: unknown[] | null;
    collectOutputs: boolean;
  }
>;

/** 加签: inner instances added to a running body; the new total and the items appended. */
export type MultiInstanceAdded = EventShape<
  'multiInstance.instancesAdded',
  { instanceId: string; elementId: string; added: number; items: unknown[] | null; total: number }
>;

/** 减签: one inner instance is cancelled (terminated next); the new total. */
export type MultiInstanceCancelled = EventShape<
  'multiInstance.instanceCancelled',
  { instanceId: string; innerInstanceId: string; loopCounter: number; total: number }
>;

/**
 * A process-instance modification (退回, 撤回): the instances it cancels (their terminations
 * follow, reason 'returned') and the element started afresh in `scopeInstanceId`. Joins of the
 * scopes whose tokens are all cancelled forget their arrivals (`joinsCleared`).
 */
export type InstanceModified = EventShape<
  'instance.modified',
  {
    cancelled: string[];
    activated: { elementId: string; scopeInstanceId: string };
    joinsCleared: string[];
    by: string;
    reason: string;
    /**
     * 首办负责: the officer who completed the activated step last; its task is created with
     * them as assignee. Absent when nobody is on record (never completed, a system completion,
     * a multi-instance step, or a log written before steps kept their handler).
     */
    returnedTo?: string;
  }
>;

/** An inner instance of a multi-instance body completed; its output element is collected. */
export type MultiInstanceOutputCollected = EventShape<
  'multiInstance.outputCollected',
  { instanceId: string; loopCounter: number; output: unknown }
>;

export type VariablesSet = EventShape<'variables.set', { scopeInstanceId: string; variables: Record<string, unknown> }>;

export type TaskCreated = EventShape<
  'task.created',
  {
    taskId: string;
    instanceId: string;
    elementId: string;
    kind: 'userTask' | 'manualTask';
    name: string | null;
    assignee: string | null;
    candidateGroups: string[];
    department: string | null;
  }
>;

export type TaskAssigned = EventShape<'task.assigned', { taskId: string; assignee: string | null }>;
/** 签收: the actor took an unassigned (or own) task. */
export type TaskClaimed = EventShape<'task.claimed', { taskId: string; assignee: string }>;
/** 取消签收: the task is back with its candidates. */
export type TaskUnclaimed = EventShape<'task.unclaimed', { taskId: string; previous: string }>;
/** 转办: a new assignee; any delegation ends. */
export type TaskTransferred = EventShape<'task.transferred', { taskId: string; from: string | null; to: string }>;
/** 委派: `to` works on it; `owner` gets it back. */
export type TaskDelegated = EventShape<'task.delegated', { taskId: string; owner: string; to: string }>;
/** The delegate returned the task to its owner. */
export type TaskResolved = EventShape<'task.resolved', { taskId: string; owner: string }>;
/** 催办: recorded in the case's history (and counted on the task); nothing is sent from the engine. */
export type TaskUrged = EventShape<'task.urged', { taskId: string; assignee: string | null; message: string }>;
/** 抄送 */
export type TaskCopied = EventShape<'task.copied', { taskId: string; to: string[] }>;
/**
 * The task's work was reported, with the approval's opinion (通过 / 不通过 and its text), null
 * when none was given. v2: `opinion` is always present (v1 had it optional; upcast.ts).
 */
export type TaskCompleted = EventShape<
  'task.completed',
  {
    taskId: string;
    variables: Record<string, unknown>;
    opinion: { decision: string; text: string } | null;
    /**
     * 首办负责: the officer now on record as the step's handler (the one a 退回 to the step goes
     * back to): the completer, or the assignee when the system or an administrator completed it
     * for them. Absent when there is none, and in logs written before steps kept their handler.
     */
    handler?: string;
  },
  2
>;
/** v1 of `task.completed`, as old logs hold it: `opinion` absent (before approvals had opinions) or present. */
export type TaskCompletedV1 = EventShape<
  'task.completed',
  { taskId: string; variables: Record<string, unknown>; opinion?: { decision: string; text: string } }
>;
export type TaskCancelled = EventShape<'task.cancelled', { taskId: string }>;

export type TimerScheduled = EventShape<
  'timer.scheduled',
  {
    timerId: string;
    instanceId: string;
    elementId: string;
    dueAt: string;
    repeat: TimerRepeat | null;
    /** A 电子监察 threshold of a clock rather than a BPMN timer. */
    alert?: { clockId: string; level: AlertLevel };
    /** A named case deadline rather than a BPMN timer. */
    deadline?: string;
  }
>;
/** A named case deadline (set with `deadline.set`) passed; the case layer decides what follows. */
export type DeadlineReached = EventShape<'deadline.reached', { name: string }>;
export type TimerFired = EventShape<'timer.fired', { timerId: string; elementId: string }>;
export type TimerCancelled = EventShape<'timer.cancelled', { timerId: string }>;

export type SubscriptionOpened = EventShape<
  'subscription.opened',
  { subscriptionId: string; kind: 'message' | 'signal'; name: string; instanceId: string; elementId: string }
>;
export type SubscriptionClosed = EventShape<'subscription.closed', { subscriptionId: string }>;

/** A message or signal reached a subscription of this case. */
export type EventTriggered = EventShape<
  'event.triggered',
  {
    subscriptionId: string;
    kind: 'message' | 'signal';
    name: string;
    elementId: string;
    variables: Record<string, unknown>;
  }
>;

export type SignalThrown = EventShape<
  'signal.thrown',
  { signalName: string; elementId: string; variables: Record<string, unknown> }
>;
export type MessageThrown = EventShape<
  'message.thrown',
  { messageName: string; elementId: string; variables: Record<string, unknown> }
>;
export type ErrorThrown = EventShape<
  'error.thrown',
  { errorCode: string; message: string | null; instanceId: string; elementId: string }
>;
export type EscalationThrown = EventShape<
  'escalation.thrown',
  { escalationCode: string; instanceId: string; elementId: string }
>;

export type JobCreated = EventShape<
  'job.created',
  { jobId: string; instanceId: string; elementId: string; type: string; retries: number; dueAt: string }
>;
export type JobCompleted = EventShape<'job.completed', { jobId: string; variables: Record<string, unknown> }>;
export type JobFailed = EventShape<
  'job.failed',
  { jobId: string; message: string; retries: number; retryAt: string | null }
>;
export type JobCancelled = EventShape<'job.cancelled', { jobId: string }>;

export type IncidentRaised = EventShape<
  'incident.raised',
  {
    incidentId: string;
    instanceId: string;
    elementId: string;
    jobId: string | null;
    kind: IncidentKind;
    /** Where the instance resumes once the incident is resolved. */
    resume: IncidentResume;
    message: string;
  }
>;
export type IncidentResolved = EventShape<'incident.resolved', { incidentId: string; retries: number }>;

/** A call activity started its child case (the store starts the child from this event). */
export type CallStarted = EventShape<
  'call.started',
  { instanceId: string; elementId: string; childCaseId: string; processId: string; variables: Record<string, unknown> }
>;

export type ClockStarted = EventShape<
  'clock.started',
  {
    clockId: string;
    kind: 'case' | 'step';
    processId: string;
    matterCode: string | null;
    instanceId: string;
    elementId: string;
    department: string | null;
    officer: string | null;
    limit: TimeLimit;
    dueAt: string;
    provisional: boolean;
    /**
     * The instant the limit counts from, when it is not the event's time (a deemed acceptance
     * counts from 收件); absent: from the event's time.
     */
    startedAt?: string;
  }
>;
/** The clock stands still (补正 after 受理, 特别程序, 挂起). */
export type ClockPaused = EventShape<
  'clock.paused',
  { clockId: string; kind: ClockStopKind; reason: string; approver: string | null }
>;
/** The clock runs again; the due date moved on by the time it stood still (`pausedFor`, in its unit). */
export type ClockResumed = EventShape<
  'clock.resumed',
  { clockId: string; pausedFor: number; dueAt: string; provisional: boolean }
>;
/** 延长审批: more time, with who approved it and why. */
export type ClockExtended = EventShape<
  'clock.extended',
  { clockId: string; amount: number; approver: string; reason: string; dueAt: string; provisional: boolean }
>;
/** The due date was computed again (a missing year's calendar was imported). */
export type ClockDueChanged = EventShape<
  'clock.dueChanged',
  { clockId: string; dueAt: string; provisional: boolean; reason: string }
>;
/** The step or case finished: how much of its limit it used, and whether it was on time. */
export type ClockFinished = EventShape<
  'clock.finished',
  { clockId: string; used: number; onTime: boolean; dueAt: string }
>;
/** 电子监察: a threshold was crossed; names the responsible department and officer. */
export type AlertRaised = EventShape<
  'alert.raised',
  {
    alertId: string;
    clockId: string;
    level: AlertLevel;
    kind: 'case' | 'step';
    elementId: string;
    processId: string;
    matterCode: string | null;
    department: string | null;
    officer: string | null;
    dueAt: string;
  }
>;
export type AlertCleared = EventShape<'alert.cleared', { alertId: string; reason: 'finished' | 'due-moved' }>;

export type CaseCompleted = EventShape<'case.completed', { variables: Record<string, unknown> }>;
export type CaseTerminated = EventShape<'case.terminated', { elementId: string | null; reason: string }>;
export type CaseFailed = EventShape<'case.failed', { elementId: string | null; message: string; errorCode?: string }>;
export type CaseCancelled = EventShape<'case.cancelled', { reason: string }>;
/** 挂起: the case stands still; its clocks pause with it. */
export type CaseSuspended = EventShape<'case.suspended', { reason: string }>;
/** 恢复 */
export type CaseResumed = EventShape<'case.resumed', { suspendedAt: string }>;

export type RuntimeEvent =
  | CaseStarted
  | ElementActivated
  | ElementCompleted
  | ElementTerminated
  | FlowTaken
  | JoinArrived
  | MultiInstanceStarted
  | MultiInstanceOutputCollected
  | MultiInstanceAdded
  | MultiInstanceCancelled
  | InstanceModified
  | VariablesSet
  | TaskCreated
  | TaskAssigned
  | TaskClaimed
  | TaskUnclaimed
  | TaskTransferred
  | TaskDelegated
  | TaskResolved
  | TaskUrged
  | TaskCopied
  | TaskCompleted
  | TaskCancelled
  | TimerScheduled
  | TimerFired
  | TimerCancelled
  | SubscriptionOpened
  | SubscriptionClosed
  | EventTriggered
  | SignalThrown
  | MessageThrown
  | ErrorThrown
  | EscalationThrown
  | JobCreated
  | JobCompleted
  | JobFailed
  | JobCancelled
  | IncidentRaised
  | IncidentResolved
  | CallStarted
  | ClockStarted
  | ClockPaused
  | ClockResumed
  | ClockExtended
  | ClockDueChanged
  | ClockFinished
  | AlertRaised
  | AlertCleared
  | DeadlineReached
  | CaseCompleted
  | CaseTerminated
  | CaseFailed
  | CaseCancelled
  | CaseSuspended
  | CaseResumed;

export type RuntimeEventType = RuntimeEvent['type'];
export type EventOf<T extends RuntimeEventType> = Extract<RuntimeEvent, { type: T }>;
export type EventData<T extends RuntimeEventType> = EventOf<T>['data'];

/** For each event type of a union, the version written today (a mapped type: none is forgotten). */
export type EventVersions<E extends { readonly type: string; readonly v: number }> = {
  readonly [T in E['type']]: Extract<E, { type: T }>['v'];
};

/** The version of each runtime event written today. Raising one needs an upcaster from the old (upcast.ts). */
export const RUNTIME_EVENT_VERSIONS: EventVersions<RuntimeEvent> = {
  'case.started': 1,
  'element.activated': 1,
  'element.completed': 1,
  'element.terminated': 1,
  'flow.taken': 1,
  'join.arrived': 1,
  'multiInstance.started': 1,
  'multiInstance.outputCollected': 1,
  'multiInstance.instancesAdded': 1,
  'multiInstance.instanceCancelled': 1,
  'instance.modified': 1,
  'variables.set': 1,
  'task.created': 1,
  'task.assigned': 1,
  'task.claimed': 1,
  'task.unclaimed': 1,
  'task.transferred': 1,
  'task.delegated': 1,
  'task.resolved': 1,
  'task.urged': 1,
  'task.copied': 1,
  'task.completed': 2,
  'task.cancelled': 1,
  'timer.scheduled': 1,
  'timer.fired': 1,
  'timer.cancelled': 1,
  'subscription.opened': 1,
  'subscription.closed': 1,
  'event.triggered': 1,
  'signal.thrown': 1,
  'message.thrown': 1,
  'error.thrown': 1,
  'escalation.thrown': 1,
  'job.created': 1,
  'job.completed': 1,
  'job.failed': 1,
  'job.cancelled': 1,
  'incident.raised': 1,
  'incident.resolved': 1,
  'call.started': 1,
  'clock.started': 1,
  'clock.paused': 1,
  'clock.resumed': 1,
  'clock.extended': 1,
  'clock.dueChanged': 1,
  'clock.finished': 1,
  'alert.raised': 1,
  'alert.cleared': 1,
  'deadline.reached': 1,
  'case.completed': 1,
  'case.terminated': 1,
  'case.failed': 1,
  'case.cancelled': 1,
  'case.suspended': 1,
  'case.resumed': 1,
};
