/** Every command and its handler (a missing one fails to compile). */
import type { CommandType } from '../commands.js';
import { completeCall, failCall } from './call.js';
import { cancelCase, setVariables, startCase } from './case.js';
import { clearDeadline, extendCaseClock, pauseClocks, recomputeClocks, resumeClocks, setDeadline, startCaseClock } from './clock.js';
import { correlateMessage, fireTimer, receiveSignal } from './events.js';
import type { Handler } from './handler.js';
import { resolveIncident } from './incident.js';
import { completeJob, failJob, throwJobError } from './job.js';
import { assignTask, completeTask } from './task.js';

export const handlers: { readonly [K in CommandType]: Handler<K> } = {
  'case.start': startCase,
  'case.cancel': cancelCase,
  'variables.set': setVariables,
  'task.complete': completeTask,
  'task.assign': assignTask,
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
  'clock.recompute': recomputeClocks,
  'deadline.set': setDeadline,
  'deadline.clear': clearDeadline,
};
