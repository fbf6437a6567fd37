/**
 * The element instance lifecycle shared by every BPMN element: enter, complete, terminate,
 * and how tokens move along sequence flows and how scopes end.
 *
 *   flow taken -> (join waits) -> element.activated -> behaviour -> element.completed -> flows taken
 *                                                  \-> element.terminated (interrupted / cancelled)
 *
 * Element-specific work lives in elements/, reached through its index only: the behaviour table
 * (`behaviorOf`) and the loop characteristics any activity may have (`loopBehavior`). This file
 * knows nothing of any one kind. The behaviours call back into the lifecycle through `run.ops`
 * (operations.ts), which execute.ts fills with these functions: they never import this file.
 */
import type { Activity, FlowNode } from '../model/types.js';
import { startClock } from './clocks.js';
import { behaviorOf, loopBehavior } from './elements/index.js';
import { evaluateCondition } from './feel.js';
import { raiseIncident } from './incidents.js';
import type { CaseEnding, EnterOptions, TerminateReason } from './operations.js';
import { bodyOf, isActivity, isJoin } from './queries.js';
import type { Run } from './run.js';
import type { ElementInstance } from './state.js';
import { attachBoundaryEvents, detach } from './waits.js';
import { evaluateMappings, propagate, setLocal, visibleVariables } from './variables.js';

/** Create an instance of `elementId` in a scope instance and start it. */
export function enter(run: Run, elementId: string, parentId: string, options: EnterOptions = {}): void {
  const element = run.element(elementId);
  if (isActivity(element) && element.loop && options.loopCounter === undefined) {
    const bodyId = run.newId();
    run.emit('element.activated', { instanceId: bodyId, elementId, parentId });
    attachBoundaryEvents(run, bodyId, element);
    startStepClock(run, bodyId, element);
    loopBehavior.begin(run, bodyId, element);
    return;
  }
  const instanceId = run.newId();
  run.emit('element.activated', {
    instanceId,
    elementId,
    parentId,
    ...(options.loopCounter === undefined ? {} : { loopCounter: options.loopCounter }),
    ...(options.consumed ? { consumed: options.consumed } : {}),
    ...(options.interrupting ? { interrupting: options.interrupting } : {}),
  });
  if (options.locals) setLocal(run, instanceId, options.locals);
  if (isActivity(element) && options.loopCounter === undefined) {
    attachBoundaryEvents(run, instanceId, element);
    startStepClock(run, instanceId, element);
  }
  perform(run, instanceId, options.triggered, options.returnedTo);
}

/** A step (a task, or a sub-process standing for a department's stage) with its own time limit. */
function startStepClock(run: Run, instanceId: string, element: Activity): void {
  const limit = element.gov.timeLimit;
  if (!limit) return;
  startClock(run, {
    kind: 'step',
    instanceId,
    elementId: element.id,
    limit,
    department: element.gov.department,
    officer: null,
  });
}

/**
 * Run an activated instance's behaviour: its input mappings, then what its kind does. Also how
 * an instance resumes after its incident is resolved.
 */
export function perform(
  run: Run,
  instanceId: string,
  triggered?: EnterOptions['triggered'],
  returnedTo?: EnterOptions['returnedTo'],
): void {
  const instance = run.instance(instanceId);
  if (!instance) return;
  const element = run.element(instance.elementId);
  if (isActivity(element) && element.io.inputs.length > 0) {
    // The instance's own variables so far (a multi-instance item, loopCounter) are visible.
    const inputs = evaluateMappings(run, element.io.inputs, visibleVariables(run, instance.id));
    if (!inputs.ok) return raiseIncident(run, instance, 'expression-failed', inputs.message);
    setLocal(run, instanceId, inputs.values);
  }
  behaviorOf(element).activate(run, instance, element, triggered, returnedTo);
}

/**
 * Complete an instance normally: output mappings, close what it waited on, record it, then
 * leave through `flows` (gateways choose them) or through every outgoing flow whose
 * condition holds.
 */
export function complete(
  run: Run,
  instanceId: string,
  flows?: readonly string[],
  triggered?: EnterOptions['triggered'],
): void {
  const instance = run.instance(instanceId);
  if (!instance) return;
  const element = run.element(instance.elementId);
  const body = bodyOf(run.state, instance);
  if (isActivity(element) && !instance.mi && element.io.outputs.length > 0) {
    const outputs = evaluateMappings(run, element.io.outputs, visibleVariables(run, instanceId));
    if (!outputs.ok) return raiseIncident(run, instance, 'expression-failed', outputs.message, { resume: 'complete' });
    propagate(run, instance.parentId, outputs.values);
  }
  if (body && !loopBehavior.collect(run, body, instance, element as Activity)) return;
  const taken = body || instance.parentId === null ? [] : (flows ?? outgoingFlows(run, element, instance));
  if (taken === null) return;
  detach(run, instance);
  run.emit('element.completed', { instanceId, elementId: element.id });
  if (body) return loopBehavior.next(run, body.id);
  const parentId = instance.parentId;
  if (parentId === null) return;
  for (const flowId of taken) takeFlow(run, flowId, parentId, triggered ? { triggered } : {});
  if (taken.length === 0) scopeMayEnd(run, parentId);
}

/**
 * A person or a worker reported a task's result. With output mappings the result stays local
 * and the mappings decide what leaves the task; without, each variable goes where it lives.
 */
export function completeWithResult(run: Run, instanceId: string, variables: Readonly<Record<string, unknown>>): void {
  const instance = run.instance(instanceId);
  if (!instance) return;
  const element = run.element(instance.elementId);
  if (isActivity(element) && element.io.outputs.length > 0) setLocal(run, instanceId, variables);
  else propagate(run, instanceId, variables);
  complete(run, instanceId);
}

/** The flows an element (not a gateway) leaves by: all whose condition holds. null: incident. */
function outgoingFlows(run: Run, element: FlowNode, instance: ElementInstance): string[] | null {
  const taken: string[] = [];
  for (const flowId of element.outgoing) {
    const { condition } = run.flow(flowId);
    if (!condition) {
      taken.push(flowId);
      continue;
    }
    const result = evaluateCondition(condition, visibleVariables(run, instance.parentId), run.now);
    if (!result.ok) {
      raiseIncident(run, instance, 'expression-failed', result.message, { resume: 'complete' });
      return null;
    }
    if (result.value) taken.push(flowId);
  }
  return taken;
}

/**
 * Record an instance as completed without leaving it anywhere: an error end event, whose
 * token the thrown error carries on.
 */
export function detachAndRecordCompleted(run: Run, instance: ElementInstance): void {
  if (!run.instance(instance.id)) return;
  detach(run, instance);
  run.emit('element.completed', { instanceId: instance.id, elementId: instance.elementId });
}

/** Move a token along a sequence flow into its target, within a scope instance. */
export function takeFlow(run: Run, flowId: string, scopeInstanceId: string, options: EnterOptions = {}): void {
  const flow = run.flow(flowId);
  run.emit('flow.taken', { flowId, sourceId: flow.sourceId, targetId: flow.targetId, scopeInstanceId });
  const target = run.element(flow.targetId);
  if (isJoin(target)) {
    run.emit('join.arrived', { scopeInstanceId, gatewayId: target.id, flowId });
    if (target.kind === 'parallelGateway') joinIfComplete(run, scopeInstanceId, target);
    return;
  }
  run.arrive(scopeInstanceId, () => enter(run, target.id, scopeInstanceId, options));
}

/** A parallel join fires when a token has arrived on every incoming flow. */
function joinIfComplete(run: Run, scopeInstanceId: string, gateway: FlowNode): void {
  const arrivals = run.instance(scopeInstanceId)?.joins?.[gateway.id] ?? {};
  if (!gateway.incoming.every((flowId) => (arrivals[flowId] ?? 0) > 0)) return;
  const consumed = Object.fromEntries(gateway.incoming.map((flowId) => [flowId, 1]));
  enter(run, gateway.id, scopeInstanceId, { consumed });
}

/**
 * End an instance without completing it (interrupted by a boundary or event sub-process,
 * terminated by a terminate end event, cancelled with its case): its children first.
 */
export function terminate(run: Run, instanceId: string, reason: TerminateReason): void {
  const instance = run.instance(instanceId);
  if (!instance) return;
  terminateChildren(run, instanceId, reason);
  detach(run, instance);
  run.emit('element.terminated', { instanceId, elementId: instance.elementId, reason });
}

/** Terminate every token inside a scope instance, and those on their way in. */
export function terminateChildren(run: Run, scopeInstanceId: string, reason: TerminateReason, except?: string): void {
  run.dropArriving(scopeInstanceId);
  for (const child of run.children(scopeInstanceId).reverse()) {
    if (child.id !== except) terminate(run, child.id, reason);
  }
}

/**
 * A scope instance whose last token is gone completes: a sub-process leaves by its flows, an
 * event sub-process ends into its parent, the process completes the case.
 */
export function scopeMayEnd(run: Run, scopeInstanceId: string): void {
  const scope = run.instance(scopeInstanceId);
  if (!scope || scope.mi || !run.active) return;
  if (run.children(scopeInstanceId).length > 0 || run.arriving(scopeInstanceId) > 0) return;
  if (scope.joins && Object.keys(scope.joins).length > 0) return;
  if (scope.parentId === null) {
    detach(run, scope);
    run.emit('case.completed', { variables: { ...run.state.variables[scope.id] } });
    return;
  }
  complete(run, scopeInstanceId);
}

/** End the whole case: every token terminated, every wait closed, then the ending recorded. */
export function endCase(run: Run, ending: CaseEnding): void {
  const root = run.instance(run.state.rootInstanceId);
  if (root) {
    terminateChildren(run, root.id, ending.type === 'case.cancelled' ? 'cancelled' : 'terminated');
    detach(run, root);
  }
  switch (ending.type) {
    case 'case.terminated':
      return run.emit(ending.type, ending.data);
    case 'case.failed':
      return run.emit(ending.type, ending.data);
    case 'case.cancelled':
      return run.emit(ending.type, ending.data);
  }
}
