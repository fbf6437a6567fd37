/**
 * The model workers' settings from the environment. Every variable is optional; a malformed
 * value stops the start with its name.
 *
 * | variable                        | default | what                                                        |
 * |---------------------------------|---------|-------------------------------------------------------------|
 * | MATTERFLOW_MODEL_MAX_ELEMENTS   | 5000    | XML elements a BPMN file may have; more is refused before parsing (xml-too-many-elements) |
 * | MATTERFLOW_MODEL_WORKERS        | 1       | worker threads that parse, compile and lint BPMN off the event loop |
 * | MATTERFLOW_MODEL_QUEUE          | 8       | BPMN tasks that may wait for a worker; one more is answered 503 MODEL_WORKERS_BUSY |
 */
import { DEFAULT_MAX_XML_ELEMENTS } from '../../engine/model/index.js';

export interface ModelConfig {
  /** XML elements a BPMN file may have (engine/model MODEL_LIMITS.maxXmlElements). */
  readonly maxElements: number;
  /** Worker threads. */
  readonly workers: number;
  /** Tasks that may wait for a free worker. */
  readonly queueLimit: number;
}

const DEFAULT_MODEL_WORKERS = 1;
const DEFAULT_MODEL_QUEUE = 8;

export function modelConfigFromEnv(env: NodeJS.ProcessEnv): ModelConfig {
  return {
    maxElements: integer(env, 'MATTERFLOW_MODEL_MAX_ELEMENTS', DEFAULT_MAX_XML_ELEMENTS, 1),
    workers: integer(env, 'MATTERFLOW_MODEL_WORKERS', DEFAULT_MODEL_WORKERS, 1),
    queueLimit: integer(env, 'MATTERFLOW_MODEL_QUEUE', DEFAULT_MODEL_QUEUE, 0),
  };
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number): number {
  const text = env[name]?.trim();
  if (!text) return fallback;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < min)
    throw new Error(`${name} must be a whole number of at least ${min}, but is '${text}'`);
  return value;
}
