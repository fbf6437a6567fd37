import { is } from 'bpmnlint-utils';
import type { ModdleEventDefinition } from '../model/moddle-types.js';
import { stringProp } from '../model/moddle-types.js';
import type { LintNode } from './moddle-node.js';
import { boundaryEvents } from './graph.js';

/**
 * End events that end a whole scope rather than one path of it. A parallel branch that stops at
 * one of these leaves no token for a join to wait for: every sibling branch ends with it. That
 * is how a flow models "the first 不予许可 ends the stage" (processes/README.md):
 * - a terminate end event ends every token of its scope;
 * - an error (or escalation) end event whose throw an interrupting catcher takes, as the runtime
 *   finds it (engine/runtime/throws.ts): from the thrower outwards, on each level the event
 *   sub-processes of the scope, then the boundary events on the scope, a specific code before a
 *   catch-all. Any such catcher interrupts the scope of the end event or one around it, so the
 *   split's siblings are cancelled. An uncaught error does not count: it stops at an incident.
 */
export function endsItsScope(end: LintNode): boolean {
  if (!is(end, 'bpmn:EndEvent')) return false;
  const definition = end.eventDefinitions?.[0];
  if (definition && is(definition, 'bpmn:TerminateEventDefinition')) return true;
  const thrown = definition ? throwOf(definition) : null;
  if (!thrown) return false;
  // As the runtime's end event: a throw without a code throws ''.
  const catcher = catcherOf(end, thrown.type, thrown.code ?? '');
  return catcher !== null && interrupts(catcher);
}

type Thrown = 'error' | 'escalation';

/** The first catcher of a throw from `thrower`, outwards (the runtime's search, on the model). */
function catcherOf(thrower: LintNode, type: Thrown, code: string): LintNode | null {
  let inside: LintNode = thrower;
  for (let scope = thrower.$parent; scope && isScope(scope); inside = scope, scope = scope.$parent) {
    if (!isEventSubProcess(inside)) {
      const starts = (scope.flowElements ?? []).filter(isEventSubProcess).flatMap((esp) => eventStarts(esp));
      const start = best(starts, type, code);
      if (start) return start;
    }
    if (is(scope, 'bpmn:SubProcess') && !isEventSubProcess(scope)) {
      const boundary = best(boundaryEvents(scope), type, code);
      if (boundary) return boundary;
    }
  }
  return null;
}

/** Whether a catcher interrupts what it catches from: boundary events and event sub-process starts alike. */
function interrupts(catcher: LintNode): boolean {
  return is(catcher, 'bpmn:BoundaryEvent') ? catcher.cancelActivity !== false : catcher.isInterrupting !== false;
}

function best(candidates: readonly LintNode[], type: Thrown, code: string): LintNode | null {
  const matches = candidates.map((candidate) => ({ candidate, match: catches(candidate, type, code) }));
  return (matches.find((m) => m.match === 'exact') ?? matches.find((m) => m.match === 'any'))?.candidate ?? null;
}

/** As the runtime's `catches`: a catcher without a code catches any throw of its type. */
function catches(catcher: LintNode, type: Thrown, code: string): 'exact' | 'any' | false {
  const definition = catcher.eventDefinitions?.[0];
  const caught = definition ? throwOf(definition) : null;
  if (caught?.type !== type) return false;
  if (caught.code === null) return 'any';
  return caught.code === code ? 'exact' : false;
}

/**
 * The error or escalation an event definition throws or catches, with its code as the model
 * compiles it (engine/model compile-events.ts): the referenced element's code, else its id; null
 * without a reference.
 */
function throwOf(definition: ModdleEventDefinition): { type: Thrown; code: string | null } | null {
  if (is(definition, 'bpmn:ErrorEventDefinition'))
    return { type: 'error', code: codeOf(definition.errorRef, 'errorCode') };
  if (is(definition, 'bpmn:EscalationEventDefinition'))
    return { type: 'escalation', code: codeOf(definition.escalationRef, 'escalationCode') };
  return null;
}

function codeOf(reference: ModdleEventDefinition['errorRef'], key: string): string | null {
  if (!reference) return null;
  const code = stringProp(reference, key)?.trim();
  return code ? code : (reference.id ?? null);
}

function isScope(node: LintNode): boolean {
  return is(node, 'bpmn:Process') || is(node, 'bpmn:SubProcess');
}

function isEventSubProcess(node: LintNode): boolean {
  return is(node, 'bpmn:SubProcess') && node.triggeredByEvent === true;
}

function eventStarts(esp: LintNode): LintNode[] {
  return (esp.flowElements ?? []).filter((element) => is(element, 'bpmn:StartEvent'));
}
