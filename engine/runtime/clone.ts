/**
 * Copy a case state so that appliers can change the copy in place while the caller's state
 * stays as it was. It copies exactly what appliers mutate (records, instances, tasks, jobs, clocks,
 * multi-instance counters) and shares what they never mutate (variable values, timers,
 * subscriptions, incidents, event-given lists) - about ten times cheaper than structuredClone.
 */
import type { RuntimeState, ElementInstance } from './state.js';

export function cloneState<X>(state: RuntimeState<X>): RuntimeState<X> {
  return {
    ...state,
    parent: state.parent,
    instances: mapValues(state.instances, cloneInstance),
    variables: mapValues(state.variables, (scope) => ({ ...scope })),
    tasks: mapValues(state.tasks, (task) => ({ ...task })),
    timers: { ...state.timers },
    subscriptions: { ...state.subscriptions },
    jobs: mapValues(state.jobs, (job) => ({ ...job })),
    incidents: { ...state.incidents },
    clocks: mapValues(state.clocks, (clock) => ({
      ...clock,
      stops: clock.stops.map((stop) => ({ ...stop })),
      extensions: [...clock.extensions],
    })),
    alerts: { ...state.alerts },
    domain: state.domain === null ? null : structuredClone(state.domain),
    stats: {
      entered: { ...state.stats.entered },
      completed: { ...state.stats.completed },
      flows: { ...state.stats.flows },
    },
  };
}

function cloneInstance(instance: ElementInstance): ElementInstance {
  const copy: ElementInstance = { ...instance };
  if (instance.joins) copy.joins = mapValues(instance.joins, (arrivals) => ({ ...arrivals }));
  if (instance.mi) copy.mi = { ...instance.mi, outputs: instance.mi.outputs ? [...instance.mi.outputs] : null };
  return copy;
}

function mapValues<T, U>(record: Readonly<Record<string, T>>, map: (value: T) => U): Record<string, U> {
  const result: Record<string, U> = {};
  for (const key in record) result[key] = map(record[key] as T);
  return result;
}
