/**
 * What an instance waits on besides its own work: timers, message and signal subscriptions,
 * of its boundary events and of the event sub-processes of the scope it stands for.
 * Opened when the instance starts, closed (in the same command) whenever it ends.
 */
import type { Activity, EventDefinition, TimerDefinition } from '../model/types.js';
import { finishClock } from './clocks.js';
import { raiseIncident } from './incidents.js';
import { boundaryEventsOf, eventSubProcessesOf } from './queries.js';
import type { Run } from './run.js';
import type { ElementInstance } from './state.js';
import { planTimer } from './timers.js';

/** Open the waits of an event definition for `elementId`, owned by `ownerId`. */
export function waitFor(run: Run, ownerId: string, elementId: string, definition: EventDefinition | null): boolean {
  if (!definition) return true;
  switch (definition.type) {
    case 'timer':
      return schedule(run, ownerId, elementId, definition.timer);
    case 'message':
      subscribe(run, ownerId, elementId, 'message', definition.messageName);
      return true;
    case 'signal':
      subscribe(run, ownerId, elementId, 'signal', definition.signalName);
      return true;
    default:
      return true;
  }
}

export function schedule(run: Run, ownerId: string, elementId: string, timer: TimerDefinition): boolean {
  const plan = planTimer(run, timer, ownerId);
  const owner = run.instance(ownerId);
  if (!plan.ok) {
    if (owner) raiseIncident(run, owner, 'expression-failed', `Timer of '${elementId}': ${plan.message}`);
    return false;
  }
  run.emit('timer.scheduled', {
    timerId: run.newId(),
    instanceId: ownerId,
    elementId,
    dueAt: plan.dueAt,
    repeat: plan.repeat,
  });
  return true;
}

export function subscribe(
  run: Run,
  ownerId: string,
  elementId: string,
  kind: 'message' | 'signal',
  name: string,
): void {
  run.emit('subscription.opened', { subscriptionId: run.newId(), kind, name, instanceId: ownerId, elementId });
}

/** Boundary events wait as long as their activity runs. */
export function attachBoundaryEvents(run: Run, instanceId: string, activity: Activity): void {
  for (const boundary of boundaryEventsOf(run.process, activity)) {
    waitFor(run, instanceId, boundary.id, boundary.eventDefinition);
  }
}

/** Event sub-processes of a scope wait (timer, message, signal starts) as long as the scope runs. */
export function openEventSubProcessStarts(run: Run, scope: ElementInstance): void {
  for (const id of eventSubProcessesOf(run.process, scope)) {
    const esp = run.element(id);
    if (esp.kind !== 'eventSubProcess') continue;
    const start = run.element(esp.start);
    if (start.kind === 'startEvent') waitFor(run, scope.id, start.id, start.eventDefinition);
  }
}

/** Close the event sub-process starts of a scope (an interrupting one took over). */
export function closeEventSubProcessStarts(run: Run, scope: ElementInstance): void {
  const starts = new Set<string>();
  for (const id of eventSubProcessesOf(run.process, scope)) {
    const esp = run.element(id);
    if (esp.kind === 'eventSubProcess') starts.add(esp.start);
  }
  closeWhere(run, (owner, elementId) => owner === scope.id && starts.has(elementId));
}

/** Close everything an instance owns: its clocks, tasks, jobs, timers, subscriptions, incidents. */
export function detach(run: Run, instance: ElementInstance): void {
  const state = run.state;
  for (const clock of Object.values(state.clocks)) {
    if (clock.instanceId === instance.id) finishClock(run, clock);
  }
  for (const task of Object.values(state.tasks)) {
    if (task.instanceId === instance.id) run.emit('task.cancelled', { taskId: task.id });
  }
  for (const job of Object.values(state.jobs)) {
    if (job.instanceId === instance.id) run.emit('job.cancelled', { jobId: job.id });
  }
  for (const incident of Object.values(state.incidents)) {
    if (incident.instanceId === instance.id) run.emit('incident.resolved', { incidentId: incident.id, retries: 0 });
  }
  closeWhere(run, (owner) => owner === instance.id);
}

function closeWhere(run: Run, matches: (ownerId: string, elementId: string) => boolean): void {
  const state = run.state;
  for (const timer of Object.values(state.timers)) {
    if (matches(timer.instanceId, timer.elementId)) run.emit('timer.cancelled', { timerId: timer.id });
  }
  for (const subscription of Object.values(state.subscriptions)) {
    if (matches(subscription.instanceId, subscription.elementId))
      run.emit('subscription.closed', { subscriptionId: subscription.id });
  }
}
