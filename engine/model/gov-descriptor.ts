import descriptor from './gov-descriptor.json' with { type: 'json' };

/** Namespace URI of Camunda 8 (zeebe) extensions, read as generic elements when present. */
export const ZEEBE_NAMESPACE = 'http://camunda.org/schema/zeebe/1.0';

/**
 * The `gov` moddle descriptor: government-service attributes (department, time limits,
 * countersign, materials, special procedures, io mappings, job types) on standard BPMN types.
 * Shared by the engine's parser and the designer so both read and write the same XML.
 */
export const govDescriptor: Readonly<Record<string, unknown>> = descriptor;
