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
 * `JSON.stringify` would: one canonical text per value (hashing, comparing snapshots).
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function')
    return sortKeys((value as { toJSON(): unknown }).toJSON());
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const member = (value as Record<string, unknown>)[key];
    if (member !== undefined && typeof member !== 'function') sorted[key] = sortKeys(member);
  }
  return sorted;
}
