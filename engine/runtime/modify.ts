/**
 * Process-instance modification (退回 to an earlier step, 撤回 by the last handler): chosen
 * tokens are terminated (reason 'returned') and one element starts afresh in a scope that is
 * still active. Planned first, so that a refusal emits nothing; then recorded as one
 * `instance.modified` followed by the usual element events. A step someone completed before
 * goes back to them (首办负责): the event names them, and its task is created assigned to them.
 */
import type { FlowNode } from '../model/types.js';
import type { Rejection } from './api.js';
import { enter, terminate } from './lifecycle.js';
import { isJoin } from './queries.js';
import type { Run } from './run.js';
import type { ElementInstance } from './state.js';
import { setLocal } from './variables.js';

export interface ModificationPlan {
  readonly elementId: string;
  /** Outermost cancelled instances, in the order given. */
  readonly cancelled: readonly string[];
  readonly scopeInstanceId: string;
  readonly joinsCleared: readonly string[];
  /** 首办负责: the officer the activated step goes back to, when one is on record. */
  readonly returnedTo: string | null;
}

export interface ModificationRequest {
  readonly cancel: readonly string[] | 'all';
  readonly activate: string;
  /** The scope to start in; by default the nearest active scope of the element. */
  readonly scopeInstanceId?: string;
}

/** Check a modification against the model and the state; nothing is emitted. */
export function planModification(run: Run, request: ModificationRequest): ModificationPlan | Rejection {
  const element = run.process.elements.get(request.activate);
  if (!element)
    return refusal(
      'ELEMENT_NOT_FOUND',
      `Expected element '${request.activate}' in process '${run.process.id}', but it is not there`,
    );
  const why = notActivatable(run, element);
  if (why)
    return refusal(
      'ELEMENT_NOT_ACTIVATABLE',
      `Expected '${element.id}' to be an activity or event a token can start at, but it is ${why}`,
    );
  const state = run.state;
  const root = state.rootInstanceId;
  let requested: string[];
  if (request.cancel === 'all') {
    requested = run.children(root).map((child) => child.id);
  } else {
    if (!Array.isArray(request.cancel))
      return refusal(
        'INVALID_ARGUMENT',
        `Expected cancel to be a list of instance ids or 'all', but got ${JSON.stringify(request.cancel)}`,
      );
    requested = [...new Set(request.cancel)];
    for (const id of requested) {
      if (id === root)
        return refusal(
          'INVALID_ARGUMENT',
          `Expected instances inside the process to cancel, but '${id}' is the process instance itself (use 'all')`,
        );
      if (!state.instances[id])
        return refusal('INSTANCE_NOT_FOUND', `Expected instance '${id}' to be active for cancelling, but it is not`);
    }
  }
  const closure = new Set<string>();
  for (const id of requested) collect(run, id, closure);
  const cancelled = requested.filter((id) => !ancestors(run, id).some((a) => requested.includes(a)));
  const scope = targetScope(run, element, request.scopeInstanceId, cancelled, closure);
  if ('code' in scope) return scope;
  const joinsCleared = [...new Set(cancelled.map((id) => state.instances[id]?.parentId ?? root))].filter((parentId) => {
    const parent = state.instances[parentId];
    return parent?.joins !== undefined && run.children(parentId).every((child) => closure.has(child.id));
  });
  return {
    elementId: element.id,
    cancelled,
    scopeInstanceId: scope.id,
    joinsCleared,
    returnedTo: handlerOf(run, element),
  };
}

/**
 * 首办负责: the officer who completed the step last, for a user or manual task run once (a
 * multi-instance step has one officer per instance, and starts afresh).
 */
function handlerOf(run: Run, element: FlowNode): string | null {
  if ((element.kind !== 'userTask' && element.kind !== 'manualTask') || element.loop) return null;
  return run.state.stepHandlers?.[element.id] ?? null;
}

/** Carry out a plan: record it, cancel, close emptied scopes, set variables, start the element. */
export function modify(
  run: Run,
  plan: ModificationPlan,
  reason: string,
  variables?: Readonly<Record<string, unknown>>,
): void {
  run.emit('instance.modified', {
    cancelled: [...plan.cancelled],
    activated: { elementId: plan.elementId, scopeInstanceId: plan.scopeInstanceId },
    joinsCleared: [...plan.joinsCleared],
    by: run.actor,
    reason,
    ...(plan.returnedTo === null ? {} : { returnedTo: plan.returnedTo }),
  });
  const keep = new Set([plan.scopeInstanceId, ...ancestors(run, plan.scopeInstanceId)]);
  const parents = plan.cancelled.map((id) => run.instance(id)?.parentId ?? null);
  for (const id of plan.cancelled) terminate(run, id, 'returned');
  // A scope (sub-process, multi-instance body) left without tokens ends with them, unless it
  // is where the new token starts.
  for (let parentId of parents) {
    while (parentId !== null && !keep.has(parentId) && run.instance(parentId) && run.children(parentId).length === 0) {
      const next: string | null = run.instance(parentId)?.parentId ?? null;
      terminate(run, parentId, 'returned');
      parentId = next;
    }
  }
  if (variables && Object.keys(variables).length > 0) setLocal(run, plan.scopeInstanceId, variables);
  enter(run, plan.elementId, plan.scopeInstanceId, plan.returnedTo === null ? {} : { returnedTo: plan.returnedTo });
}

function refusal(code: Rejection['code'], message: string): Rejection {
  return { code, message };
}

/** Why a token cannot simply start at this element, or null when it can. */
function notActivatable(run: Run, element: FlowNode): string | null {
  switch (element.kind) {
    case 'boundaryEvent':
      return 'a boundary event (it fires with its activity)';
    case 'eventSubProcess':
      return 'an event sub-process (its start event triggers it)';
    case 'startEvent': {
      const scope = run.process.elements.get(element.scopeId);
      if (scope?.kind === 'eventSubProcess') return 'the start event of an event sub-process';
      return element.eventDefinition ? `a ${element.eventDefinition.type} start event` : null;
    }
    default:
      return isJoin(element) ? 'a joining gateway (tokens arrive there by its flows)' : null;
  }
}

/** The scope instance the element starts in: given, near the first cancelled token, or the only one. */
function targetScope(
  run: Run,
  element: FlowNode,
  given: string | undefined,
  cancelled: readonly string[],
  closure: ReadonlySet<string>,
): ElementInstance | Rejection {
  const state = run.state;
  const fits = (instance: ElementInstance | undefined): instance is ElementInstance =>
    instance !== undefined &&
    !closure.has(instance.id) &&
    !instance.mi &&
    (element.scopeId === run.process.id ? instance.parentId === null : instance.elementId === element.scopeId);
  if (given !== undefined) {
    const scope = state.instances[given];
    return fits(scope)
      ? scope
      : refusal(
          'SCOPE_NOT_ACTIVE',
          `Expected scope instance '${given}' of '${element.scopeId}' to stay active for '${element.id}', but it does not`,
        );
  }
  const first = cancelled[0];
  if (first !== undefined) {
    const near = ancestors(run, first)
      .map((id) => state.instances[id])
      .find(fits);
    if (near) return near;
  }
  const candidates = Object.values(state.instances).filter(fits);
  if (candidates.length === 1 && candidates[0]) return candidates[0];
  return refusal(
    'SCOPE_NOT_ACTIVE',
    candidates.length === 0
      ? `Expected the scope '${element.scopeId}' of '${element.id}' to be active (and not cancelled), but it is not`
      : `Expected one active scope '${element.scopeId}' for '${element.id}', but there are ${candidates.length}: cancel a token inside the one meant`,
  );
}

/** The ids of an instance's scopes, nearest first. */
function ancestors(run: Run, instanceId: string): string[] {
  const result: string[] = [];
  let parentId = run.instance(instanceId)?.parentId ?? null;
  while (parentId !== null) {
    result.push(parentId);
    parentId = run.instance(parentId)?.parentId ?? null;
  }
  return result;
}

function collect(run: Run, instanceId: string, into: Set<string>): void {
  into.add(instanceId);
  for (const child of run.children(instanceId)) collect(run, child.id, into);
}
