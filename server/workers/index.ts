/**
 * The server's work on BPMN text, off the event loop: `ModelWorkers` runs parse, compile,
 * validate and lint in worker threads with a bounded queue; `inProcessModels` does the same in
 * the calling thread. Routes take a `ModelService`; the store takes its `loadDefinition`.
 * Public API: the exports below (with the types of their options and results); the worker's
 * entry and its tasks are internal.
 */
export type { ModelService } from './model-service.js';
export { inProcessModels, engineWithModels } from './model-service.js';
export type { ModelWorkersOptions } from './model-pool.js';
export { ModelWorkers, ModelWorkersBusyError, ModelWorkerError } from './model-pool.js';
export type { BpmnSummary, DeployLint, PublicFlow } from './model-tasks.js';
export type { ModelConfig } from './model-config.js';
export { modelConfigFromEnv } from './model-config.js';
