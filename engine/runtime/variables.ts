/**
 * Variable scopes. Each scope instance (the process, a sub-process, a multi-instance inner
 * instance, an activity with input mappings) may own variables; an expression sees its own
 * scope's variables over its parents'. Setting a variable without a scope goes where it already
 * lives, nearest first, else to the process (the Camunda 8 rule, so diagrams behave the same).
 */
import type { Expression, Mapping } from '../model/types.js';
import { evaluateFeel } from './feel.js';
import type { Run } from './run.js';

/** The variables visible from `instanceId`: the scope chain, nearest last so it wins. */
export function visibleVariables(run: Run, instanceId: string | null): Record<string, unknown> {
  const chain: string[] = [];
  let cursor = instanceId === null ? undefined : run.instance(instanceId);
  while (cursor) {
    chain.push(cursor.id);
    cursor = cursor.parentId === null ? undefined : run.instance(cursor.parentId);
  }
  if (!chain.includes(run.state.rootInstanceId)) chain.push(run.state.rootInstanceId);
  const visible: Record<string, unknown> = {};
  for (let i = chain.length - 1; i >= 0; i--) Object.assign(visible, run.state.variables[chain[i] ?? '']);
  return visible;
}

/** Set variables locally on one scope instance. */
export function setLocal(run: Run, scopeInstanceId: string, variables: Readonly<Record<string, unknown>>): void {
  if (Object.keys(variables).length === 0) return;
  run.emit('variables.set', { scopeInstanceId, variables: { ...variables } });
}

/** Set variables from `instanceId` outwards: each where it already lives, else on the process. */
export function propagate(run: Run, instanceId: string | null, variables: Readonly<Record<string, unknown>>): void {
  const byScope = new Map<string, Record<string, unknown>>();
  for (const [name, value] of Object.entries(variables)) {
    const scope = owningScope(run, instanceId, name);
    const bucket = byScope.get(scope) ?? {};
    bucket[name] = value;
    byScope.set(scope, bucket);
  }
  for (const [scope, values] of byScope) setLocal(run, scope, values);
}

function owningScope(run: Run, instanceId: string | null, name: string): string {
  let cursor = instanceId === null ? undefined : run.instance(instanceId);
  while (cursor) {
    const own = run.state.variables[cursor.id];
    if (own && Object.prototype.hasOwnProperty.call(own, name)) return cursor.id;
    cursor = cursor.parentId === null ? undefined : run.instance(cursor.parentId);
  }
  return run.state.rootInstanceId;
}

export type MappingResult = { ok: true; values: Record<string, unknown> } | { ok: false; message: string };

/** Evaluate io mappings against a context; the first failure stops it. */
export function evaluateMappings(
  run: Run,
  mappings: readonly Mapping[],
  context: Record<string, unknown>,
): MappingResult {
  const values: Record<string, unknown> = {};
  for (const mapping of mappings) {
    const result = evaluateFeel(mapping.source, { ...context, ...values }, run.now);
    if (!result.ok) return result;
    values[mapping.target] = result.value;
  }
  return { ok: true, values };
}

/**
 * A value that may be a literal or, with a leading `=`, FEEL (Camunda 8 convention for
 * assignees, candidate groups and timer expressions).
 */
export function literalOrFeel(
  run: Run,
  expression: Expression,
  instanceId: string | null,
): { ok: true; value: unknown } | { ok: false; message: string } {
  if (!expression.source.trim().startsWith('=')) return { ok: true, value: expression.source.trim() };
  return evaluateFeel(expression, visibleVariables(run, instanceId), run.now);
}
