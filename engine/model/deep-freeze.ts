/**
 * Freezes a compiled structure all the way down so that no runtime code can change a deployed
 * definition by accident. Maps and Sets are frozen too and their mutators made to throw, since
 * `Object.freeze` alone does not stop `map.set`.
 */
export function deepFreeze<T>(value: T): T {
  freeze(value, new Set());
  return value;
}

function freeze(value: unknown, seen: Set<unknown>): void {
  if (value === null || typeof value !== 'object' || seen.has(value)) return;
  seen.add(value);
  if (value instanceof Map) {
    for (const [key, entry] of value) {
      freeze(key, seen);
      freeze(entry, seen);
    }
    lock(value, ['set', 'delete', 'clear']);
  } else if (value instanceof Set) {
    for (const entry of value) freeze(entry, seen);
    lock(value, ['add', 'delete', 'clear']);
  } else {
    for (const entry of Object.values(value)) freeze(entry, seen);
  }
  Object.freeze(value);
}

function lock(collection: object, methods: readonly string[]): void {
  for (const method of methods) {
    Object.defineProperty(collection, method, {
      value: () => {
        throw new TypeError(`compiled definitions are immutable: ${method}() is not allowed`);
      },
    });
  }
}
