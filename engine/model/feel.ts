import { parseExpression } from 'feelin';

/**
 * Checks that a FEEL expression parses: feelin's lezer parser recovers from errors by inserting
 * error nodes (⚠) instead of throwing, so we walk the tree for them. Returns a message naming
 * the first bad position, or null when the expression is well-formed.
 */
export function feelSyntaxError(feel: string): string | null {
  if (feel.trim() === '') return 'expression is empty';
  let errorAt: number | null = null;
  try {
    parseExpression(feel, {}, undefined).iterate({
      enter(node) {
        if (errorAt === null && node.type.isError) errorAt = node.from;
        return errorAt === null;
      },
    });
  } catch (error) {
    return `cannot parse: ${error instanceof Error ? error.message : String(error)}`;
  }
  if (errorAt === null) return null;
  const near = feel.slice(errorAt, errorAt + 20);
  return near
    ? `syntax error at character ${errorAt + 1} (near "${near}")`
    : 'syntax error: unexpected end of expression';
}
