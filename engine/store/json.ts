/**
 * JSON columns: jsonb on PostgreSQL (returned parsed), text on SQLite (returned as a string).
 * Code always writes JSON text and reads through `readJson`, so both dialects look the same.
 */

/** Serialize a value for a JSON column. */
export function writeJson(value: unknown): string {
  return JSON.stringify(value);
}

/** Parse a JSON column value, whichever way the driver returned it. */
export function readJson<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

/**
 * JSON with object keys sorted at every level and `undefined` members left out, as
 * `JSON.stringify` would: one canonical text per value (hashing, comparing snapshots). Written
 * directly, without building sorted copies: the text is what `JSON.stringify` gives for a copy of
 * the value whose keys were inserted in sorted order, so integer-like keys (which objects keep
 * first, in numeric order, whatever the insertion order) come first, as there.
 */
export function canonicalJson(value: unknown): string {
  return write(value) ?? 'null';
}

/** The canonical text of `value`, or undefined where `JSON.stringify` leaves a member out. */
function write(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object') {
    return typeof value === 'function' || typeof value === 'symbol' ? undefined : JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    let text = '[';
    for (let i = 0; i < value.length; i += 1) text += (i > 0 ? ',' : '') + (write(value[i]) ?? 'null');
    return text + ']';
  }
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function')
    return write((value as { toJSON(): unknown }).toJSON());
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  // Object.keys lists integer-like keys first, in numeric order; the rest in insertion order.
  let indexed = 0;
  while (indexed < keys.length && isArrayIndex(keys[indexed] as string)) indexed += 1;
  if (indexed === 0) keys.sort();
  else if (indexed < keys.length) keys.splice(indexed, keys.length - indexed, ...keys.slice(indexed).sort());
  let text = '{';
  for (const key of keys) {
    // A `__proto__` member never reached the text of the sorted copy (assigning it set the
    // copy's prototype): leaving it out keeps every hash made so far.
    if (key === '__proto__') continue;
    const member = record[key];
    if (member === undefined || typeof member === 'function') continue;
    const written = write(member);
    if (written === undefined) continue;
    text += (text.length > 1 ? ',' : '') + quoted(key) + ':' + written;
  }
  return text + '}';
}

const QUOTED = new Map<string, string>();

/** A key as a JSON string; the keys of events and states repeat, so their texts are kept. */
function quoted(key: string): string {
  let text = QUOTED.get(key);
  if (text === undefined) {
    text = JSON.stringify(key);
    if (QUOTED.size < 10_000 && key.length <= 64) QUOTED.set(key, text);
  }
  return text;
}

/** A key an object orders as an integer: a canonical decimal below 2^32 - 1. */
function isArrayIndex(key: string): boolean {
  if (key.length === 0 || key.length > 10) return false;
  const code = key.charCodeAt(0);
  if (code < 48 || code > 57 || (code === 48 && key.length > 1)) return false;
  for (let i = 1; i < key.length; i += 1) {
    const c = key.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return Number(key) < 4294967295;
}
