/**
 * Thrown events and where they go. Errors and escalations look for the nearest catcher, from
 * the thrower outwards: boundary events on each enclosing activity, event sub-processes of each
 * enclosing scope; a specific code wins over a catch-all on the same level. Signals reach every
 * catcher of this case waiting at that moment (the store broadcasts them to other cases).
 */
import type { BoundaryEvent, StartEvent } from '../model/types.js';
import { raiseIncident } from './incidents.js';
import { detachAndRecordCompleted, endCase } from './lifecycle.js';
import { boundaryEventsOf, bodyOf, catches, eventSubProcessesOf, isActivity } from './queries.js';
import type { Run } from './run.js';
import type { ElementInstance } from './state.js';
import { deliver, triggerBoundary, triggerEventSubProcess } from './triggers.js';

type Catcher =
  | { readonly kind: 'boundary'; readonly owner: ElementInstance; readonly boundary: BoundaryEvent }
  | { readonly kind: 'eventSubProcess'; readonly scope: ElementInstance; readonly start: StartEvent };

/**
 * Throw a BPMN error from an instance. An error end event ends as it throws; a task keeps its
 * place until the catcher interrupts it. Uncaught: a child case fails (its call activity gets
 * the error); a top-level case gets an incident on the thrower.
 */
export function throwError(
  run: Run,
  thrower: ElementInstance,
  errorCode: string,
  message: string | null,
  endsThrower: boolean,
  jobId: string | null = null,
): void {
  run.emit('error.thrown', { errorCode, message, instanceId: thrower.id, elementId: thrower.elementId });
  const catcher = findCatcher(run, thrower, 'error', errorCode);
  if (!catcher && !run.state.parent) {
    return raiseIncident(
      run,
      thrower,
      'unhandled-error',
      `Error '${errorCode}' thrown by '${thrower.elementId}' is not caught${message ? `: ${message}` : ''}`,
      { jobId },
    );
  }
  if (endsThrower) detachAndRecordCompleted(run, thrower);
  if (!catcher) {
    return endCase(run, {
      type: 'case.failed',
      data: { elementId: thrower.elementId, message: message ?? `Error '${errorCode}' is not caught`, errorCode },
    });
  }
  catchWith(run, catcher, { variables: {} });
}

/** Throw an escalation; the thrower goes on (`then`) unless a catcher interrupted it. */
export function throwEscalation(run: Run, thrower: ElementInstance, escalationCode: string, then: () => void): void {
  run.emit('escalation.thrown', { escalationCode, instanceId: thrower.id, elementId: thrower.elementId });
  const catcher = findCatcher(run, thrower, 'escalation', escalationCode);
  if (catcher) catchWith(run, catcher, { variables: {} });
  if (run.instance(thrower.id)) then();
}

/** Broadcast a signal: catchers of this case waiting now get it after the thrower goes on. */
export function throwSignal(run: Run, thrower: ElementInstance, signalName: string, then: () => void): void {
  run.emit('signal.thrown', { signalName, elementId: thrower.elementId, variables: {} });
  const waiting = Object.values(run.state.subscriptions).filter((s) => s.kind === 'signal' && s.name === signalName);
  then();
  for (const subscription of waiting) {
    if (run.state.subscriptions[subscription.id]) deliver(run, subscription.instanceId, subscription.elementId, {});
  }
}

/** Send a message; the store correlates it to the case or process waiting for it. */
export function throwMessage(run: Run, thrower: ElementInstance, messageName: string): void {
  run.emit('message.thrown', { messageName, elementId: thrower.elementId, variables: {} });
}

function catchWith(run: Run, catcher: Catcher, triggered: { variables: Record<string, unknown> }): void {
  if (catcher.kind === 'boundary') triggerBoundary(run, catcher.owner, catcher.boundary, triggered);
  else triggerEventSubProcess(run, catcher.scope, catcher.start, triggered);
}

function findCatcher(run: Run, thrower: ElementInstance, type: 'error' | 'escalation', code: string): Catcher | null {
  let current: ElementInstance | undefined = thrower;
  while (current) {
    const element = current.parentId === null ? null : run.element(current.elementId);
    if (element && isActivity(element) && !bodyOf(run.state, current)) {
      const boundary = best(boundaryEventsOf(run.process, element), (b) => catches(b.eventDefinition, type, code));
      if (boundary) return { kind: 'boundary', owner: current, boundary };
    }
    const parent: ElementInstance | undefined = current.parentId === null ? undefined : run.instance(current.parentId);
    if (parent && element?.kind !== 'eventSubProcess') {
      const starts: StartEvent[] = [];
      for (const id of eventSubProcessesOf(run.process, parent)) {
        const esp = run.element(id);
        const start = esp.kind === 'eventSubProcess' ? run.element(esp.start) : null;
        if (start?.kind === 'startEvent') starts.push(start);
      }
      const start = best(starts, (s) => catches(s.eventDefinition, type, code));
      if (start) return { kind: 'eventSubProcess', scope: parent, start };
    }
    current = parent;
  }
  return null;
}

function best<T>(candidates: readonly T[], match: (candidate: T) => 'exact' | 'any' | false): T | undefined {
  return candidates.find((c) => match(c) === 'exact') ?? candidates.find((c) => match(c) === 'any');
}
