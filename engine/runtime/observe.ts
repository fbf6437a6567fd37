/** Read-only views of a case state that tests, the server and the replay viewer share. */
import type { CompiledProcess } from '../model/types.js';
import type { RuntimeState } from './state.js';

const WAIT_KINDS = new Set([
  'userTask',
  'manualTask',
  'receiveTask',
  'intermediateCatchEvent',
  'serviceTask',
  'sendTask',
  'businessRuleTask',
]);

/**
 * The elements where a token waits for something from outside, one entry per waiting instance,
 * sorted: tasks, catch events (also the ones behind an event-based gateway, not the gateway).
 * Multi-instance bodies, scopes and gateways are not listed.
 */
export function waitingElements(
  process: CompiledProcess,
  state: RuntimeState,
  options: { jobs?: boolean } = {},
): string[] {
  const waiting: string[] = [];
  for (const instance of Object.values(state.instances)) {
    if (instance.mi) continue;
    const element = process.elements.get(instance.elementId);
    if (!element) continue;
    if (element.kind === 'eventBasedGateway') {
      for (const timer of Object.values(state.timers))
        if (timer.instanceId === instance.id) waiting.push(timer.elementId);
      for (const sub of Object.values(state.subscriptions))
        if (sub.instanceId === instance.id) waiting.push(sub.elementId);
      continue;
    }
    const isJob = element.kind === 'serviceTask' || element.kind === 'sendTask' || element.kind === 'businessRuleTask';
    if (WAIT_KINDS.has(element.kind) && (!isJob || options.jobs)) waiting.push(element.id);
  }
  return waiting.sort();
}
