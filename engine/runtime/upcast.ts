/**
 * Upcasters: how an event of an older version becomes the current one. Old logs keep their
 * events as written (the hash chain covers them); on read, before an applier sees an event, it
 * is upcast step by step (v1 → v2 → …) to the version `RUNTIME_EVENT_VERSIONS` names, so that
 * appliers only ever know the current shape. One entry per retired version, kept forever.
 */
import type { TaskCompleted, TaskCompletedV1 } from './events.js';

/** An event as stored, of any version: the envelope, the payload unknown. */
export interface StoredEvent {
  readonly type: string;
  readonly v: number;
  readonly time: string;
  readonly actor: string;
  readonly data: unknown;
}

/** By event type, by the version it upcasts from: the event one version up. */
export type Upcasters = {
  readonly [type: string]: { readonly [fromVersion: number]: (event: StoredEvent) => StoredEvent };
};

/** task.completed v1 → v2: the opinion, optional in v1 (absent before approvals had opinions), is null when none was given. */
export function taskCompletedV1toV2(event: TaskCompletedV1): TaskCompleted {
  return { ...event, v: 2, data: { ...event.data, opinion: event.data.opinion ?? null } };
}

export const RUNTIME_UPCASTERS: Upcasters = {
  'task.completed': { 1: (event) => taskCompletedV1toV2(event as TaskCompletedV1) },
};
