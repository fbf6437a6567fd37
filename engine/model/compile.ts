import type { CompiledDefinition, CompiledProcess } from './types.js';
import type { ModdleDefinitions, ModdleProcess } from './moddle-types.js';
import type { ProcessCompilation } from './compile-process.js';
import { compileProcess } from './compile-process.js';
import { deepFreeze } from './deep-freeze.js';

/** A compiled definition and, per process, what it was compiled from (for validation). */
export interface Compilation {
  readonly definition: CompiledDefinition;
  readonly processes: readonly ProcessCompilation[];
}

/**
 * Compiles every process of a BPMN file (executable or not, in a pool or not) into the deeply
 * frozen structures the runtime walks. `hash` is the sha256 of the XML, the definition's key.
 */
export function compileDefinitions(definitions: ModdleDefinitions, hash: string): Compilation {
  const compilations: ProcessCompilation[] = [];
  const processes = new Map<string, CompiledProcess>();
  for (const root of definitions.rootElements ?? []) {
    if (root.$type !== 'bpmn:Process' || !root.id || processes.has(root.id)) continue;
    const compilation = compileProcess(root as ModdleProcess);
    compilations.push(compilation);
    processes.set(compilation.compiled.id, compilation.compiled);
  }
  const definition: CompiledDefinition = { hash, definitionsId: definitions.id ?? null, processes };
  return { definition: deepFreeze(definition), processes: compilations };
}
