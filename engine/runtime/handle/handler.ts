/** The shape of a command handler: decide, emit, or refuse before emitting anything. */
import type { Rejection, RejectionCode } from '../api.js';
import type { CommandOf, CommandType } from '../commands.js';
import type { Run } from '../run.js';
import type { TaskState } from '../state.js';

export type Handler<K extends CommandType> = (run: Run, command: CommandOf<K>) => Rejection | undefined;

export function reject(code: RejectionCode, message: string): Rejection {
  return { code, message };
}

export function isRejection<T extends object>(value: T | Rejection): value is Rejection {
  return 'code' in value && 'message' in value;
}

/** An open task, or TASK_NOT_FOUND. */
export function findTask(run: Run, taskId: string): TaskState | Rejection {
  return (
    run.state.tasks[taskId] ??
    reject(
      'TASK_NOT_FOUND',
      `Expected task '${taskId}' to be open, but it is not (completed, cancelled or never created)`,
    )
  );
}

/** 挂起: commands that move the case on are refused until it is resumed. */
export function refuseWhileSuspended(run: Run, what: string): Rejection | undefined {
  const suspended = run.state.suspended;
  if (!suspended) return undefined;
  return reject(
    'CASE_SUSPENDED',
    `Expected case ${run.state.caseId} to be running for ${what}, but it is suspended since ${suspended.at} (${suspended.reason})`,
  );
}

/** The actor acts for the system or as an administrator: the runtime's who-checks step aside. */
export function overrides(actor: string, admin: boolean | undefined): boolean {
  return actor === 'system' || admin === true;
}
