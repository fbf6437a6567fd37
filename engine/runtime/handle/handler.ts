/** The shape of a command handler: decide, emit, or refuse before emitting anything. */
import type { Rejection, RejectionCode } from '../api.js';
import type { CommandOf, CommandType } from '../commands.js';
import type { Run } from '../run.js';

export type Handler<K extends CommandType> = (run: Run, command: CommandOf<K>) => Rejection | undefined;

export function reject(code: RejectionCode, message: string): Rejection {
  return { code, message };
}
