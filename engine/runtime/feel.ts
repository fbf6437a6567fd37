/**
 * FEEL evaluation for the runtime, through feelin: no eval, Function or vm anywhere.
 *
 * The clock FEEL sees (`now()`, `today()`) is the injected one, so that evaluating the same
 * expression in the same state always gives the same answer.
 */
import { evaluate } from 'feelin';
import type { Expression } from '../model/types.js';

export type FeelResult =
  { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly message: string };

/** Evaluate `expression` against `variables`, with `now` as the clock. Never throws. */
export function evaluateFeel(
  expression: Expression,
  variables: Readonly<Record<string, unknown>>,
  now: string,
): FeelResult {
  const context = { ...variables, now: () => new Date(now), today: () => now.slice(0, 10) };
  try {
    const { value } = evaluate(expression.feel, context);
    return { ok: true, value: normalize(value) };
  } catch (error) {
    return { ok: false, message: `FEEL expression '${expression.source}' failed: ${(error as Error).message}` };
  }
}

/** A condition is true only when FEEL says `true`; null (a missing variable) is false. */
export function evaluateCondition(
  expression: Expression,
  variables: Readonly<Record<string, unknown>>,
  now: string,
): { readonly ok: true; readonly value: boolean } | { readonly ok: false; readonly message: string } {
  const result = evaluateFeel(expression, variables, now);
  return result.ok ? { ok: true, value: result.value === true } : result;
}

/** FEEL values that are not plain JSON (durations, dates) are stored as their ISO text. */
function normalize(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(normalize);
  if (value instanceof Date) return value.toISOString();
  const iso = (value as { iso?: unknown }).iso;
  if (typeof iso === 'string') return iso;
  if (typeof (value as { toISO?: unknown }).toISO === 'function') return (value as { toISO(): string }).toISO();
  const out: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) out[key] = normalize(entry);
  return out;
}
