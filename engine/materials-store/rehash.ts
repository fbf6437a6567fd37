/**
 * Re-hashing stored files, for `store.verify`: each `material.filed` event carries the sha256 its
 * file had when it was filed; the stored content must still hash to it.
 */
import { createHash } from 'node:crypto';
import type { MaterialStorage } from './storage.js';

/** The sha256 of what is stored under `sha256` now (null: nothing is). */
export async function rehash(storage: MaterialStorage, sha256: string): Promise<string | null> {
  const stored = await storage.open(sha256);
  if (!stored) return null;
  const hash = createHash('sha256');
  for await (const chunk of stored.stream) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** The check `openStore({ materialFiles })` takes: null when the file is intact, else what is wrong. */
export function fileCheck(storage: MaterialStorage): (sha256: string) => Promise<string | null> {
  return async (sha256) => {
    const now = await rehash(storage, sha256);
    if (now === null) return `the ${storage.kind} storage holds no such file`;
    return now === sha256 ? null : `the stored file now hashes to ${now}: it was changed`;
  };
}
