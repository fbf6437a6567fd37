/**
 * What a worker token may do: fetch and report the tasks of its topics, correlate messages of
 * its names, broadcast signals of its names. Scopes are lists of exact names (no wildcards): a
 * department's system is given what it serves, and nothing else.
 */

export interface WorkerScope {
  readonly topics: readonly string[];
  readonly messages: readonly string[];
  readonly signals: readonly string[];
}

/** A worker as the API sees it after its token was checked. */
export interface WorkerPrincipal extends WorkerScope {
  readonly tokenId: string;
  readonly name: string;
}

/** The actor written into the history for what a worker does. */
export function workerActor(worker: Pick<WorkerPrincipal, 'name'>): string {
  return `worker:${worker.name}`;
}

/** The names of `wanted` outside `allowed`, in the order asked. */
export function outsideScope(allowed: readonly string[], wanted: readonly string[]): string[] {
  const set = new Set(allowed);
  return wanted.filter((name) => !set.has(name));
}

/** A topic, message or signal name: 1–200 characters, no control characters, not blank. */
export const SCOPE_NAME_PATTERN = '^(?=.*\\S)[^\\u0000-\\u001f]{1,200}$';
