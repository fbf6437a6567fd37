import type { EventDefinition, TimerDefinition } from './types.js';
import type { ModdleEventDefinition, ModdleFlowElement } from './moddle-types.js';
import { stringProp } from './moddle-types.js';
import { EVENT_DEFINITION_TYPES } from './node-kinds.js';
import { toTimeLimit } from './compile-gov.js';
import { toExpression } from './expression.js';

/**
 * The single event definition of an event, compiled; null for a none event or one the model
 * cannot represent (classifyNode has already refused those).
 */
export function compileEventDefinition(element: ModdleFlowElement): EventDefinition | null {
  const definition = element.eventDefinitions?.[0];
  if (!definition) return null;
  switch (EVENT_DEFINITION_TYPES[definition.$type]) {
    case 'message':
      return { type: 'message', messageName: nameOf(definition.messageRef) ?? '' };
    case 'signal':
      return { type: 'signal', signalName: nameOf(definition.signalRef) ?? '' };
    case 'error':
      return { type: 'error', errorCode: codeOf(definition.errorRef, 'errorCode') };
    case 'escalation':
      return { type: 'escalation', escalationCode: codeOf(definition.escalationRef, 'escalationCode') };
    case 'terminate':
      return { type: 'terminate' };
    case 'link':
      return { type: 'link', linkName: (definition.name ?? '').trim() };
    case 'timer':
      return { type: 'timer', timer: compileTimer(definition) };
    default:
      return null;
  }
}

/**
 * When a timer fires: `gov:limit` (a working-day time limit) wins, then timeDuration, timeDate,
 * timeCycle. A timer with none of them compiles to an empty duration; validation rejects it.
 */
function compileTimer(definition: ModdleEventDefinition): TimerDefinition {
  if (definition.limit !== undefined) {
    const limit = toTimeLimit(definition.limit, definition.limitUnit);
    if (limit) return { kind: 'limit', limit };
  }
  if (definition.timeDuration?.body !== undefined)
    return { kind: 'duration', expression: toExpression(definition.timeDuration.body) };
  if (definition.timeDate?.body !== undefined)
    return { kind: 'date', expression: toExpression(definition.timeDate.body) };
  if (definition.timeCycle?.body !== undefined)
    return { kind: 'cycle', expression: toExpression(definition.timeCycle.body) };
  return { kind: 'duration', expression: toExpression('') };
}

/** The name of a referenced message or signal, falling back to its id. */
function nameOf(reference: ModdleFlowElement | ModdleEventDefinition['messageRef']): string | null {
  if (!reference) return null;
  const name = reference.name?.trim();
  return name ? name : (reference.id ?? null);
}

/**
 * The code of a referenced error or escalation. A reference without a code falls back to the
 * referenced element's id, so that it still matches only throws of that same error, not all.
 */
function codeOf(
  reference: ModdleEventDefinition['errorRef'] | ModdleEventDefinition['escalationRef'],
  key: string,
): string | null {
  if (!reference) return null;
  const code = stringProp(reference, key)?.trim();
  return code ? code : (reference.id ?? null);
}
