/**
 * What the server asks of BPMN text, behind one interface: `inProcessModels` does the work in
 * this thread (the library default, the tests' default), `ModelWorkers` (model-pool.ts) in worker
 * threads so that a large model never blocks the event loop (the running server). Both give the
 * same results: they run the same tasks (model-tasks.ts).
 */
import { defaultEngine, type EnginePort, type LoadResult } from '../../engine/store/index.js';
import { MODEL_TASKS, type BpmnSummary, type DeployLint, type PublicFlow } from './model-tasks.js';

export interface ModelService {
  /** engine/lint `lintForDeploy`: the lint's findings as deploy sees them, and whether they refuse it. */
  lintForDeploy(xml: string): Promise<DeployLint>;
  /** engine/model `loadDefinition` without the moddle tree: the store's `EnginePort.loadDefinition`. */
  loadDefinition(xml: string, options?: { readonly knownProcessIds?: ReadonlySet<string> }): Promise<LoadResult>;
  /** engine/model `parseBpmn`, summarised: the processes, or the findings that make the text unreadable. */
  readBpmn(xml: string): Promise<BpmnSummary>;
  /** The 办事指南's flow of `processId`: the public diagram and its steps. */
  publicFlow(xml: string, processId: string, knownProcessIds: ReadonlySet<string>): Promise<PublicFlow>;
}

/** The work done in the calling thread (blocking it for as long as it takes). */
export const inProcessModels: ModelService = {
  lintForDeploy: (xml) => MODEL_TASKS.lintForDeploy(xml),
  loadDefinition: (xml, options = {}) => MODEL_TASKS.loadDefinition(xml, [...(options.knownProcessIds ?? [])]),
  readBpmn: (xml) => MODEL_TASKS.readBpmn(xml),
  publicFlow: (xml, processId, known) => MODEL_TASKS.publicFlow(xml, processId, [...known]),
};

/** The store's engine with `models` compiling: deploys and cache misses then compile where `models` works. */
export function engineWithModels(models: ModelService, engine: EnginePort = defaultEngine): EnginePort {
  return { ...engine, loadDefinition: (xml, options) => models.loadDefinition(xml, options) };
}
