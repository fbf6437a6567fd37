/**
 * Personal data out of anything the CLI prints: every 证件号码 key (ID_NUMBER_KEYS), at any depth
 * of the value (a case's variables nest as deep as the process makes them), masked as the API
 * masks it (maskIdNumber; non-strings hidden).
 */
import { censorPersonalData, ID_NUMBER_KEYS } from '../matters/index.js';

const KEYS: ReadonlySet<string> = new Set(ID_NUMBER_KEYS);

/** A copy of `value` with every 证件号码 masked; the original is not changed. */
export function maskDeep<T>(value: T): T {
  return mask(value) as T;
}

function mask(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(mask);
  if (value === null || typeof value !== 'object') return value;
  const copy: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    copy[key] = KEYS.has(key) && inner !== null && inner !== undefined ? censorPersonalData(inner) : mask(inner);
  }
  return copy;
}
