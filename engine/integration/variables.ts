/**
 * What a worker sees of a case: the variables visible at its task (the scope chain from the
 * task's instance to the case, inner scopes winning), optionally only some of them.
 */
import type { CaseState } from '../case/index.js';

/** Variables visible to an element instance: its scope chain, inner scopes winning. */
export function visibleVariables(state: CaseState, instanceId: string): Record<string, unknown> {
  const chain: string[] = [];
  for (let id: string | null | undefined = instanceId; id; id = state.instances[id]?.parentId) {
    if (chain.includes(id)) break;
    chain.push(id);
  }
  if (!chain.includes(state.rootInstanceId)) chain.push(state.rootInstanceId);
  return Object.assign({}, ...chain.reverse().map((id) => state.variables[id] ?? {})) as Record<string, unknown>;
}

/** Only the named variables (all when `names` is undefined). */
export function pickVariables(
  variables: Record<string, unknown>,
  names: readonly string[] | undefined,
): Record<string, unknown> {
  if (names === undefined) return variables;
  const picked: Record<string, unknown> = {};
  for (const name of names) if (Object.hasOwn(variables, name)) picked[name] = variables[name];
  return picked;
}
