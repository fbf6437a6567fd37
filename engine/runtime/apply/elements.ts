/** Appliers of the token-flow events: element instances, flows, joins, multi-instance, variables. */
import type { RuntimeState, ElementInstance } from '../state.js';
import type { ApplierTable } from './index.js';

function bump(counter: Record<string, number>, key: string, by = 1): void {
  counter[key] = (counter[key] ?? 0) + by;
}

/** The multi-instance body an inner instance belongs to, if it is one. */
function bodyOf(state: RuntimeState, instance: ElementInstance): ElementInstance | null {
  const parent = instance.parentId === null ? undefined : state.instances[instance.parentId];
  return parent && parent.elementId === instance.elementId && parent.mi ? parent : null;
}

function removeInstance(state: RuntimeState, instanceId: string, completed: boolean): void {
  const instance = state.instances[instanceId];
  if (!instance) return;
  const body = bodyOf(state, instance);
  if (body?.mi) {
    body.mi.active -= 1;
    if (completed) body.mi.completed += 1;
  } else if (completed) {
    bump(state.stats.completed, instance.elementId);
  }
  delete state.instances[instanceId];
  delete state.variables[instanceId];
}

export const elementAppliers: ApplierTable<
  | 'element.activated'
  | 'element.completed'
  | 'element.terminated'
  | 'flow.taken'
  | 'join.arrived'
  | 'multiInstance.started'
  | 'multiInstance.outputCollected'
  | 'variables.set'
  | 'call.started'
> = {
  'element.activated': (state, { data }) => {
    const instance: ElementInstance = { id: data.instanceId, elementId: data.elementId, parentId: data.parentId };
    if (data.loopCounter !== undefined) instance.loopCounter = data.loopCounter;
    state.instances[data.instanceId] = instance;
    const body = bodyOf(state, instance);
    if (body?.mi) {
      body.mi.active += 1;
      body.mi.next = (data.loopCounter ?? body.mi.next) + 1;
    } else {
      bump(state.stats.entered, data.elementId);
    }
    if (data.consumed) {
      const arrivals = state.instances[data.parentId]?.joins?.[data.elementId];
      if (arrivals) {
        for (const [flowId, count] of Object.entries(data.consumed)) {
          const left = (arrivals[flowId] ?? 0) - count;
          if (left > 0) arrivals[flowId] = left;
          else delete arrivals[flowId];
        }
        const scope = state.instances[data.parentId];
        if (scope?.joins && Object.keys(arrivals).length === 0) {
          delete scope.joins[data.elementId];
          if (Object.keys(scope.joins).length === 0) delete scope.joins;
        }
      }
    }
    // An interrupting event sub-process took over: the interrupted flow's arrivals are gone.
    if (data.interrupting) {
      const scope = state.instances[data.parentId];
      if (scope) delete scope.joins;
    }
  },
  'element.completed': (state, { data }) => removeInstance(state, data.instanceId, true),
  'element.terminated': (state, { data }) => removeInstance(state, data.instanceId, false),
  'flow.taken': (state, { data }) => bump(state.stats.flows, data.flowId),
  'join.arrived': (state, { data }) => {
    const scope = state.instances[data.scopeInstanceId];
    if (!scope) return;
    scope.joins ??= {};
    const arrivals = (scope.joins[data.gatewayId] ??= {});
    bump(arrivals, data.flowId);
  },
  'multiInstance.started': (state, { data }) => {
    const body = state.instances[data.instanceId];
    if (!body) return;
    body.mi = {
      sequential: data.sequential,
      total: data.total,
      completed: 0,
      active: 0,
      next: 1,
      items: data.items,
      outputs: data.collectOutputs ? new Array<unknown>(data.total ?? 0).fill(null) : null,
    };
  },
  'multiInstance.outputCollected': (state, { data }) => {
    const outputs = state.instances[data.instanceId]?.mi?.outputs;
    if (outputs) {
      while (outputs.length < data.loopCounter - 1) outputs.push(null);
      outputs[data.loopCounter - 1] = data.output;
    }
  },
  'variables.set': (state, { data }) => {
    state.variables[data.scopeInstanceId] = { ...state.variables[data.scopeInstanceId], ...data.variables };
  },
  'call.started': (state, { data }) => {
    const instance = state.instances[data.instanceId];
    if (instance) instance.childCaseId = data.childCaseId;
  },
};
