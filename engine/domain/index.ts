/**
 * The 办件 domain: statuses, events, commands and their rules (see README.md). Everything exported
 * here is its public API (engine/case composes it with the runtime); the handlers' files behind
 * `domainHandlers` are internal.
 */
export * from './types.js';
export * from './case-number.js';
export * from './events.js';
export { domainAppliers, receivedState, type DomainApplier } from './apply.js';
export * from './commands.js';
export * from './decision.js';
export { DEFAULT_PACKAGE_RULE, domainHandlers, onDeadline, partOf, refusedParts } from './handle/index.js';
export * from './permissions.js';
export { isDecided, OPERATION_LABELS_ZH, statusAllows, type StatusGatedCommandType } from './transitions.js';
