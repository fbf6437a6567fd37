/**
 * A compiled definition as it crosses from a worker thread to the main thread. Most of it is
 * small (elements and flows, proportional to the model) and goes by structured clone; the
 * reachability of each process is quadratic (up to millions of pairs), and cloning it would block
 * the receiving thread for a second, so it travels as index arrays (transferred, not copied) and
 * is rebuilt on the main thread in slices that yield to the event loop between them. The result
 * equals the worker's definition and is deep-frozen like every compiled definition.
 */
import { setImmediate } from 'node:timers/promises';
import { deepFreeze, type CompiledDefinition, type CompiledProcess } from '../../engine/model/index.js';

/** One process's reachability: `ids[k]` reaches `ids[targets[j]]` for j in offsets[k]..offsets[k+1]. */
interface EncodedReachability {
  readonly processId: string;
  readonly ids: readonly string[];
  readonly keyCount: number;
  readonly offsets: Int32Array;
  readonly targets: Int32Array;
}

/** What is posted: the definition without reachability (processes carry an empty map), and the reachability apart. */
export interface DefinitionTransfer {
  readonly definition: CompiledDefinition;
  readonly reachability: readonly EncodedReachability[];
}

/** In the worker: the definition split for posting, and the buffers to transfer with it. */
export function encodeDefinition(definition: CompiledDefinition): {
  readonly transfer: DefinitionTransfer;
  readonly transferList: ArrayBuffer[];
} {
  const processes = new Map<string, CompiledProcess>();
  const reachability: EncodedReachability[] = [];
  for (const [id, process] of definition.processes) {
    processes.set(id, { ...process, reachable: new Map() });
    reachability.push(encodeReachability(id, process.reachable));
  }
  const transferList = reachability.flatMap((entry) => [
    entry.offsets.buffer as ArrayBuffer,
    entry.targets.buffer as ArrayBuffer,
  ]);
  return { transfer: { definition: { ...definition, processes }, reachability }, transferList };
}

/**
 * On the main thread: the definition rebuilt and deep-frozen. Rebuilding yields to the event
 * loop every `sliceMs` milliseconds, so other requests are answered meanwhile.
 */
export async function decodeDefinition(
  transfer: DefinitionTransfer,
  { sliceMs = 5 }: { readonly sliceMs?: number } = {},
): Promise<CompiledDefinition> {
  let sliceStart = performance.now();
  for (const encoded of transfer.reachability) {
    const reachable = new Map<string, ReadonlySet<string>>();
    for (let key = 0; key < encoded.keyCount; key += 1) {
      const targets = new Set<string>();
      const end = encoded.offsets[key + 1] ?? 0;
      for (let at = encoded.offsets[key] ?? 0; at < end; at += 1)
        targets.add(encoded.ids[encoded.targets[at] ?? 0] ?? '');
      reachable.set(encoded.ids[key] ?? '', targets);
      if (performance.now() - sliceStart >= sliceMs) {
        await setImmediate();
        sliceStart = performance.now();
      }
    }
    const process = transfer.definition.processes.get(encoded.processId);
    if (process) (process as { reachable: ReadonlyMap<string, ReadonlySet<string>> }).reachable = reachable;
  }
  return deepFreeze(transfer.definition);
}

function encodeReachability(
  processId: string,
  reachable: ReadonlyMap<string, ReadonlySet<string>>,
): EncodedReachability {
  const ids = [...reachable.keys()];
  const index = new Map(ids.map((id, at) => [id, at]));
  let total = 0;
  for (const targets of reachable.values()) total += targets.size;
  const offsets = new Int32Array(ids.length + 1);
  const targets = new Int32Array(total);
  let at = 0;
  const keyCount = ids.length;
  for (let key = 0; key < keyCount; key += 1) {
    offsets[key] = at;
    for (const target of reachable.get(ids[key] ?? '') ?? []) {
      let known = index.get(target);
      if (known === undefined) {
        known = ids.push(target) - 1;
        index.set(target, known);
      }
      targets[at] = known;
      at += 1;
    }
  }
  offsets[keyCount] = at;
  return { processId, ids, keyCount, offsets, targets };
}
