/** The messages between the model pool (main thread) and a model worker. */
import type { DefinitionTransfer } from './definition-transfer.js';
import type { ModelTaskName } from './model-tasks.js';

/** One task for a worker. */
export interface TaskRequest {
  readonly id: number;
  readonly task: ModelTaskName;
  readonly args: readonly unknown[];
}

/** A task's result, or the error it threw; a compiled definition comes apart from the result (definition-transfer.ts). */
export type TaskReply =
  | { readonly id: number; readonly ok: true; readonly result: unknown; readonly definition?: DefinitionTransfer }
  | {
      readonly id: number;
      readonly ok: false;
      readonly error: { readonly name: string; readonly message: string; readonly stack?: string };
    };

/** Posted once by a worker when its modules are loaded. */
export interface ReadyMessage {
  readonly ready: true;
}
