/**
 * Something a case waited for happened (a timer fired, a message or signal arrived): route it
 * to the element that waits - a catch event or receive task, an event-based gateway's branch,
 * a boundary event, or an event sub-process start.
 */
import type { BoundaryEvent, StartEvent } from '../model/types.js';
import { eventGatewayTriggered } from './elements/gateways/event-based.js';
import type { Triggered } from './elements/behavior.js';
import { complete, enter, terminate, terminateChildren } from './lifecycle.js';
import type { Run } from './run.js';
import type { ElementInstance } from './state.js';
import { propagate } from './variables.js';
import { closeEventSubProcessStarts } from './waits.js';

/** The event of `elementId`, waited for by instance `ownerId`, happened. */
export function deliver(
  run: Run,
  ownerId: string,
  elementId: string,
  variables: Readonly<Record<string, unknown>>,
): void {
  const owner = run.instance(ownerId);
  if (!owner) return;
  const element = run.element(elementId);
  const triggered = { variables };
  if (element.kind === 'boundaryEvent') return triggerBoundary(run, owner, element, triggered);
  if (element.kind === 'startEvent') return triggerEventSubProcess(run, owner, element, triggered);
  if (owner.elementId === elementId) {
    propagate(run, owner.id, variables);
    return complete(run, owner.id);
  }
  eventGatewayTriggered(run, owner, elementId, triggered);
}

/** A boundary event fired: interrupt the activity if it cancels it, then leave by the boundary. */
export function triggerBoundary(
  run: Run,
  activity: ElementInstance,
  boundary: BoundaryEvent,
  triggered: Triggered,
): void {
  const scopeId = activity.parentId;
  if (scopeId === null) return;
  if (boundary.cancelActivity) terminate(run, activity.id, 'interrupted');
  enter(run, boundary.id, scopeId, { triggered });
}

/** An event sub-process start fired in a scope: interrupt the scope's tokens if it interrupts. */
export function triggerEventSubProcess(
  run: Run,
  scope: ElementInstance,
  start: StartEvent,
  triggered: Triggered,
): void {
  const esp = run.element(start.scopeId);
  if (esp.kind !== 'eventSubProcess') return;
  if (!esp.interrupting) return enter(run, esp.id, scope.id, { triggered });
  closeEventSubProcessStarts(run, scope);
  terminateChildren(run, scope.id, 'interrupted');
  // Its activation records the take-over: the scope's joins forget the interrupted flow.
  enter(run, esp.id, scope.id, { triggered, interrupting: true });
}
