/** Every command and its handler (a missing one fails to compile). */
import type { CommandType } from '../commands.js';
import { completeCall, failCall } from './call.js';
import { cancelCase, setVariables, startCase } from './case.js';
import {
  clearDeadline,
  extendCaseClock,
  finishCaseClock,
  pauseClocks,
  recomputeClocks,
  resumeClocks,
  setDeadline,
  startCaseClock,
} from './clock.js';
import { correlateMessage, fireTimer, receiveSignal } from './events.js';
import type { Handler } from './handler.js';
import { resolveIncident } from './incident.js';
import { completeJob, failJob, throwJobError } from './job.js';
import { modifyCase, withdrawTask } from './modify.js';
import { addMultiInstance, cancelMultiInstance } from './multi-instance.js';
import { resumeCase, suspendCase } from './suspend.js';
import { assignTask, claimTask, completeTask, unclaimTask } from './task.js';
import { delegateTask, resolveTask, transferTask } from './task-delegation.js';
import { copyTask, urgeTask } from './task-notices.js';

export const handlers: { readonly [K in CommandType]: Handler<K> } = {
  'case.start': startCase,
  'case.cancel': cancelCase,
  'variables.set': setVariables,
  'task.complete': completeTask,
  'task.assign': assignTask,
  'task.claim': claimTask,
  'task.unclaim': unclaimTask,
  'task.transfer': transferTask,
  'task.delegate': delegateTask,
  'task.resolve': resolveTask,
  'task.withdraw': withdrawTask,
  'task.urge': urgeTask,
  'task.copy': copyTask,
  'multiInstance.addInstance': addMultiInstance,
  'multiInstance.cancelInstance': cancelMultiInstance,
  'case.modify': modifyCase,
  'case.suspend': suspendCase,
  'case.resume': resumeCase,
  'message.correlate': correlateMessage,
  'signal.receive': receiveSignal,
  'timer.fire': fireTimer,
  'job.complete': completeJob,
  'job.fail': failJob,
  'job.throwError': throwJobError,
  'incident.resolve': resolveIncident,
  'call.complete': completeCall,
  'call.fail': failCall,
  'clock.start': startCaseClock,
  'clock.pause': pauseClocks,
  'clock.resume': resumeClocks,
  'clock.extend': extendCaseClock,
  'clock.finish': finishCaseClock,
  'clock.recompute': recomputeClocks,
  'deadline.set': setDeadline,
  'deadline.clear': clearDeadline,
};
