/**
 * The model layer: BPMN XML (bpmn-moddle + the gov extension) in, checked and compiled,
 * immutable definitions out. Public API: the compiled definition types and their value lists
 * (`TIME_LIMIT_UNITS`, `COUNTERSIGN_KINDS`, `MATERIAL_NECESSITIES`), `loadDefinition` (parse,
 * validate, compile, cached by content hash), `parseBpmn`, `exportXml`, `readBpmnFile` /
 * `decodeBpmn`, `hashXml`, `deepFreeze`, the gov moddle descriptor, the deploy rules' names
 * (`RULES`) and the model limits, with the types of their options and results. Everything else
 * in this folder is internal. Every other layer of the engine imports the model from here.
 */
export type * from './types.js';
export { TIME_LIMIT_UNITS, COUNTERSIGN_KINDS, MATERIAL_NECESSITIES } from './types.js';
export type { LoadOptions, LoadResult } from './load.js';
export { loadDefinition } from './load.js';
export { exportXml } from './export.js';
export type { ReadResult } from './read-file.js';
export { readBpmnFile, decodeBpmn } from './read-file.js';
export { hashXml } from './cache.js';
export { parseBpmn, type ParseResult } from './parse.js';
export { deepFreeze } from './deep-freeze.js';
export { govDescriptor } from './gov-descriptor.js';
export { RULES } from './validate.js';
export {
  MODEL_LIMITS,
  DEFAULT_MAX_XML_ELEMENTS,
  configureModelLimits,
  type ConfigurableModelLimits,
} from './limits.js';
