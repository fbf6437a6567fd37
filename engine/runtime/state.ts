/**
 * The runtime's state of one case (one process instance), as the appliers build it from events.
 *
 * It holds only what is durable between commands: the element instances that wait (tasks,
 * catch events, scopes), variables per scope, timers, subscriptions, jobs and incidents, plus
 * counters the audit views read, time limits and raised signals. Everything transient inside one command (a gateway passed
 * through, a flow taken) exists only as an event. The state is plain JSON: it is what the
 * store keeps as the case's snapshot and what replay must reproduce exactly.
 */

import type { TimeLimit } from '../model/types.js';
import type { AlertLevel } from './limits.js';

export type CaseStatus = 'active' | 'completed' | 'terminated' | 'failed' | 'cancelled';

/** An element instance that is still active (a token resting in an element, or a scope). */
export interface ElementInstance {
  readonly id: string;
  readonly elementId: string;
  /** The flow-scope instance this one runs in; null for the process instance itself. */
  readonly parentId: string | null;
  /** Sequence flows that arrived at joining gateways of this scope, not yet consumed. */
  joins?: Record<string, Record<string, number>>;
  /** Multi-instance body bookkeeping. */
  mi?: MultiInstanceState;
  /** Index of this instance inside a multi-instance body, or the standard-loop iteration. */
  loopCounter?: number;
  /** For a call activity: the child case it waits for. */
  childCaseId?: string;
  /** An interrupting event sub-process or boundary event is taking over: no normal completion. */
  interrupted?: boolean;
}

export interface MultiInstanceState {
  readonly sequential: boolean;
  /**
   * Number of inner instances (nrOfInstances); null for a standard loop, which runs while its
   * condition holds. 加签 raises it, 减签 lowers it.
   */
  total: number | null;
  /** Inner instances cancelled by 减签; loopCounters run up to `total + removed`. */
  removed?: number;
  completed: number;
  active: number;
  /** loopCounter of the next inner instance to start (BPMN's loopCounter is 1-based). */
  next: number;
  /**
   * The evaluated input collection, kept so sequential instances read the same items; 加签
   * appends to it (appliers replace the list, never change it in place).
   */
  items: readonly unknown[] | null;
  /** Output collection being built, by loopCounter - 1. */
  outputs: unknown[] | null;
}

export interface TaskState {
  readonly id: string;
  readonly instanceId: string;
  readonly elementId: string;
  readonly kind: 'userTask' | 'manualTask';
  readonly name: string | null;
  readonly createdAt: string;
  assignee: string | null;
  readonly candidateGroups: readonly string[];
  readonly department: string | null;
  /** 委派: who delegated the task and gets it back (null: never delegated, or transferred since). */
  owner: string | null;
  /** 委派: pending while the delegate works on it, resolved once returned to the owner. */
  delegation: 'pending' | 'resolved' | null;
  /** 催办: how often the task was urged. */
  urged: number;
}

export interface TimerState {
  readonly id: string;
  /** Set when the timer is a 电子监察 threshold of a clock, not a BPMN timer. */
  readonly alert?: { readonly clockId: string; readonly level: AlertLevel };
  /** Set when the timer is a named case deadline (e.g. 容缺补交), not a BPMN timer. */
  readonly deadline?: string;
  /** The element instance the timer belongs to (for a boundary: the activity). */
  readonly instanceId: string;
  /** The timer event's element id (catch, boundary or event sub-process start). */
  readonly elementId: string;
  readonly dueAt: string;
  /** For cycles: how many more times after this one (null = unbounded), and the period. */
  readonly repeat: TimerRepeat | null;
}

export type TimerRepeat =
  | { readonly kind: 'interval'; readonly remaining: number | null; readonly every: string }
  | { readonly kind: 'cron'; readonly remaining: number | null; readonly cron: string };

export interface SubscriptionState {
  readonly id: string;
  readonly kind: 'message' | 'signal';
  readonly name: string;
  /** The instance that waits (a catch event, receive task, or the activity of a boundary). */
  readonly instanceId: string;
  /** The catching element (catch event, receive task, boundary event, event sub-process start). */
  readonly elementId: string;
}

export interface JobState {
  readonly id: string;
  readonly instanceId: string;
  readonly elementId: string;
  readonly type: string;
  retries: number;
  /** Earliest time a worker may run it (retry backoff). */
  dueAt: string;
  lastError: string | null;
}

export type IncidentKind = 'job-failed' | 'expression-failed' | 'unhandled-error' | 'call-failed';
/** activate: run the element's behaviour again; complete: complete it again; loop: re-evaluate its loop. */
export type IncidentResume = 'activate' | 'complete' | 'loop';

export interface IncidentState {
  readonly id: string;
  readonly instanceId: string;
  readonly elementId: string;
  readonly jobId: string | null;
  readonly kind: IncidentKind;
  readonly resume: IncidentResume;
  readonly message: string;
  readonly raisedAt: string;
}

/** Why a clock stands still. */
export const CLOCK_STOP_KINDS = ['补正', '特别程序', '挂起'] as const;
export type ClockStopKind = (typeof CLOCK_STOP_KINDS)[number];

/**
 * A time limit running on the case (from 受理) or on one step (a task or a department's
 * sub-process with a gov time limit). Its budget is the limit plus extensions, counted from
 * `startedAt`; the due date is then moved on by `paused`, the time it stood still (in its unit).
 */
export interface ClockState {
  readonly id: string;
  readonly kind: 'case' | 'step';
  /** The instance it belongs to: the process instance for the case clock. */
  readonly instanceId: string;
  readonly elementId: string;
  readonly department: string | null;
  readonly officer: string | null;
  readonly limit: TimeLimit;
  readonly startedAt: string;
  budget: number;
  /** Time stood still so far, in the limit's unit (the current stop not included). */
  paused: number;
  /** false while it stands still. */
  running: boolean;
  stops: Array<{ kind: ClockStopKind; reason: string; approver: string | null; from: string; to: string | null }>;
  extensions: Array<{ amount: number; approver: string; reason: string; at: string }>;
  dueAt: string;
  provisional: boolean;
}

/** A raised 电子监察 signal, open until its step or case finishes or its due date moves away. */
export interface AlertState {
  readonly id: string;
  readonly clockId: string;
  readonly level: AlertLevel;
  readonly department: string | null;
  readonly officer: string | null;
  readonly raisedAt: string;
}

/** 挂起: the case stands still (no completions, no BPMN timers) and so do its clocks. */
export interface SuspensionState {
  readonly at: string;
  readonly reason: string;
  readonly by: string;
}

/**
 * 撤回 bookkeeping: the user task completed last, and the user tasks created after it. The last
 * handler may take it back while none of those was claimed, assigned anew or completed.
 */
export interface LastCompletedTask {
  readonly taskId: string;
  readonly elementId: string;
  /** The scope instance the task ran in (for a multi-instance task: the body's scope). */
  readonly scopeInstanceId: string;
  readonly by: string;
  readonly at: string;
  readonly nextTaskIds: readonly string[];
  /** A next task was claimed, (re)assigned, delegated, transferred or completed. */
  readonly nextStarted: boolean;
}

export interface CaseStats {
  /** Times each element was entered (activated). */
  entered: Record<string, number>;
  /** Times each element was left normally. */
  completed: Record<string, number>;
  /** Times each sequence flow was taken. */
  flows: Record<string, number>;
}

/**
 * `X` is the type of the slot the case layer fills (engine/case: the 办件's domain state); the
 * runtime never reads it, only carries it.
 */
export interface RuntimeState<X = unknown> {
  readonly caseId: string;
  readonly processId: string;
  /** Content hash of the deployed definition this case runs. */
  readonly definitionHash: string;
  status: CaseStatus;
  /** Number of events applied: the case's version. */
  seq: number;
  readonly startedAt: string;
  endedAt: string | null;
  /** For a child case started by a call activity. */
  readonly parent: { readonly caseId: string; readonly instanceId: string } | null;
  /** Id of the root (process) instance; variables of the case live under it. */
  readonly rootInstanceId: string;
  instances: Record<string, ElementInstance>;
  /** Variables by the id of the scope instance that owns them. */
  variables: Record<string, Record<string, unknown>>;
  tasks: Record<string, TaskState>;
  timers: Record<string, TimerState>;
  subscriptions: Record<string, SubscriptionState>;
  jobs: Record<string, JobState>;
  incidents: Record<string, IncidentState>;
  clocks: Record<string, ClockState>;
  alerts: Record<string, AlertState>;
  /**
   * The case layer's slot (engine/case keeps the 办件's domain state here); null for a bare
   * process run. The name is part of the stored snapshots.
   */
  domain: X | null;
  stats: CaseStats;
  /** Why a case failed, with the element it failed at. */
  failure: { readonly elementId: string | null; readonly message: string } | null;
  /** 挂起: set while the case is suspended. */
  suspended: SuspensionState | null;
  /** 撤回: the user task completed last and what followed it. */
  lastCompleted: LastCompletedTask | null;
  /**
   * 首办负责: by user or manual task element, the officer who completed it last; a 退回 to the
   * step goes back to them. Absent until a completion names its handler (so older logs replay
   * to the states they recorded).
   */
  stepHandlers?: Record<string, string>;
}
