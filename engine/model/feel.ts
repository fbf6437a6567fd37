import { parseExpression } from 'feelin';
import type { BilingualText } from './types.js';

/**
 * Checks that a FEEL expression parses: feelin's lezer parser recovers from errors by inserting
 * error nodes (⚠) instead of throwing, so we walk the tree for them. Returns what is wrong,
 * naming the first bad position (a Chinese clause that follows the expression it is about, and
 * the English), or null when the expression is well-formed.
 */
export function feelSyntaxError(feel: string): BilingualText | null {
  if (feel.trim() === '') return { zh: '为空', en: 'expression is empty' };
  let errorAt: number | null = null;
  try {
    parseExpression(feel, {}, undefined).iterate({
      enter(node) {
        if (errorAt === null && node.type.isError) errorAt = node.from;
        return errorAt === null;
      },
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { zh: `无法解析（${reason}）`, en: `cannot parse: ${reason}` };
  }
  if (errorAt === null) return null;
  const near = feel.slice(errorAt, errorAt + 20);
  return near
    ? {
        zh: `在第 ${errorAt + 1} 个字符（“${near}”处）有语法错误`,
        en: `syntax error at character ${errorAt + 1} (near "${near}")`,
      }
    : { zh: '意外结束（不完整）', en: 'syntax error: unexpected end of expression' };
}

/**
 * A Camunda 7 expression (JUEL, `${…}` or `#{…}`) where FEEL is expected: the FEEL to write
 * instead when it is a plain variable or its negation (`#{approved}` → `=approved`,
 * `${!approved}` → `=not(approved)`), '' when it must be rewritten by hand; null when the text is
 * not JUEL.
 */
export function juelToFeel(source: string): string | null {
  const match = /^\s*[#$]\{([\s\S]*)\}\s*$/.exec(source);
  if (!match) return null;
  const inner = (match[1] ?? '').trim();
  if (/^[A-Za-z_][\w.]*$/.test(inner)) return `=${inner}`;
  const negated = /^!\s*([A-Za-z_][\w.]*)$/.exec(inner);
  if (negated) return `=not(${negated[1]})`;
  return '';
}
