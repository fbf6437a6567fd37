import type { Expression } from './types.js';
import type { ModdleExpression } from './moddle-types.js';

/**
 * A FEEL expression from its source text. Camunda 8 marks FEEL with a leading `=`; we accept it
 * with or without, so `feel` is the source with that marker (and surrounding blanks) removed.
 */
export function toExpression(source: string): Expression {
  const trimmed = source.trim();
  const feel = trimmed.startsWith('=') ? trimmed.slice(1).trim() : trimmed;
  return { source, feel };
}

/** The expression in a `bpmn:FormalExpression` body, or null when absent or blank. */
export function formalExpression(expression: ModdleExpression | undefined): Expression | null {
  return optionalExpression(expression?.body);
}

/** An expression from an optional attribute value; null when absent or blank. */
export function optionalExpression(source: string | null | undefined): Expression | null {
  if (typeof source !== 'string' || source.trim() === '') return null;
  return toExpression(source);
}

/**
 * A value that is FEEL when it starts with `=` and a plain string otherwise (Camunda 8's rule for
 * assignees, candidate groups and zeebe io-mapping sources). A plain string becomes a FEEL string
 * literal, so the runtime can evaluate every `feel` the same way.
 */
export function feelOrLiteral(source: string | null | undefined): Expression | null {
  if (typeof source !== 'string' || source.trim() === '') return null;
  if (source.trim().startsWith('=')) return toExpression(source);
  return { source, feel: `"${source.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"` };
}
