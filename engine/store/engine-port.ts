/**
 * What the store needs from the rest of the engine: the model's compiler and the runtime's
 * execute/replay. `openStore` wires the real ones; tests may wrap them (e.g. to inject a fault
 * in the middle of a transaction).
 */
import type { CompiledDefinition, Finding } from '../model/index.js';
import type { CaseCommand, CaseContext, CaseResult } from '../case/index.js';
import type { CaseEvent } from '../case/index.js';
import type { CaseState } from '../case/index.js';

/** The result of compiling BPMN XML. */
export type LoadResult =
  | { readonly ok: true; readonly definition: CompiledDefinition; readonly findings: readonly Finding[] }
  | { readonly ok: false; readonly findings: readonly Finding[] };

export interface EnginePort {
  /** Parse, check and compile BPMN XML; `knownProcessIds` are deployed processes a call activity may name. */
  loadDefinition(xml: string, options: { knownProcessIds: ReadonlySet<string> }): Promise<LoadResult>;
  /** The pure case step: a BPMN (runtime) or 办件 (domain) command. */
  execute(definition: CompiledDefinition, state: CaseState | null, command: CaseCommand, ctx: CaseContext): CaseResult;
  /** The fold of the same appliers over a log. */
  replay(events: Iterable<CaseEvent>): CaseState | null;
}
