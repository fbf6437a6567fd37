import { createHash } from 'node:crypto';

/** sha256 of a BPMN text, hex: the identity of a definition (identical XML = same version). */
export function hashXml(xml: string): string {
  return createHash('sha256').update(xml, 'utf8').digest('hex');
}

/**
 * A small least-recently-used cache keyed by content hash. Compiling is the costly part of a
 * deploy and tests deploy the same few files hundreds of times; a Map keeps insertion order,
 * so re-inserting on every hit makes its first key the least recently used.
 */
export class LruCache<V> {
  readonly #entries = new Map<string, V>();

  constructor(readonly capacity: number) {}

  get(key: string): V | undefined {
    const value = this.#entries.get(key);
    if (value !== undefined) {
      this.#entries.delete(key);
      this.#entries.set(key, value);
    }
    return value;
  }

  set(key: string, value: V): void {
    this.#entries.delete(key);
    this.#entries.set(key, value);
    while (this.#entries.size > this.capacity) {
      const oldest = this.#entries.keys().next();
      if (oldest.done) break;
      this.#entries.delete(oldest.value);
    }
  }

  get size(): number {
    return this.#entries.size;
  }

  clear(): void {
    this.#entries.clear();
  }
}
