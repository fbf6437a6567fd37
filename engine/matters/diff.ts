/**
 * Comparing two versions of a matter for review before publishing: every field that was added,
 * removed or changed, as a JSON pointer with the value before and after. Objects are compared
 * member by member, arrays position by position, everything else by value.
 */
import { escapePointer } from './field-errors.js';
import type { Matter } from './types.js';

/** One difference between two matter versions. */
export interface MatterChange {
  readonly field: string;
  readonly kind: 'added' | 'removed' | 'changed';
  readonly before?: unknown;
  readonly after?: unknown;
}

/** The changes from `a` to `b`, in document order (empty when they are the same). */
export function diffMatters(a: Matter, b: Matter): MatterChange[] {
  const changes: MatterChange[] = [];
  walk(a, b, '', changes);
  return changes;
}

function walk(before: unknown, after: unknown, field: string, changes: MatterChange[]): void {
  if (Array.isArray(before) && Array.isArray(after)) {
    const length = Math.max(before.length, after.length);
    for (let i = 0; i < length; i++) member(before, after, i, `${field}/${i}`, changes);
    return;
  }
  if (isRecord(before) && isRecord(after)) {
    const keys = [...Object.keys(before), ...Object.keys(after).filter((key) => !Object.hasOwn(before, key))];
    for (const key of keys) member(before, after, key, `${field}/${escapePointer(key)}`, changes);
    return;
  }
  if (!Object.is(before, after)) changes.push({ field: field || '/', kind: 'changed', before, after });
}

function member(before: object, after: object, key: string | number, field: string, changes: MatterChange[]): void {
  const inBefore = Object.hasOwn(before, key);
  const inAfter = Object.hasOwn(after, key);
  const b = (before as Record<string | number, unknown>)[key];
  const a = (after as Record<string | number, unknown>)[key];
  if (inBefore && !inAfter) changes.push({ field, kind: 'removed', before: b });
  else if (!inBefore && inAfter) changes.push({ field, kind: 'added', after: a });
  else walk(b, a, field, changes);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
