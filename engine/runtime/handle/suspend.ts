/**
 * case.suspend (挂起), case.resume (恢复). While suspended, completions, 签收, job results, BPMN
 * timers and token moves (退回, 撤回, 加签, 减签) are refused with CASE_SUSPENDED; a BPMN timer that
 * comes due is refused too and its poller tries again later, so it fires after 恢复. 电子监察
 * thresholds and case deadlines are not held back: the clocks pause with the case (cancelling
 * their threshold timers) and resume with it, their due dates moved on by the time suspended.
 */
import { pauseClock, resumeClock } from '../clocks.js';
import { reject, refuseWhileSuspended, type Handler } from './handler.js';

export const suspendCase: Handler<'case.suspend'> = (run, { data }) => {
  const already = refuseWhileSuspended(run, '挂起');
  if (already) return already;
  if (typeof data.reason !== 'string' || data.reason === '')
    return reject('INVALID_ARGUMENT', 'Expected a reason for 挂起, but got none');
  run.emit('case.suspended', { reason: data.reason });
  for (const clock of Object.values(run.state.clocks)) {
    if (clock.running) pauseClock(run, clock, '挂起', data.reason, null);
  }
  return undefined;
};

export const resumeCase: Handler<'case.resume'> = (run) => {
  const suspended = run.state.suspended;
  if (!suspended)
    return reject(
      'CASE_NOT_SUSPENDED',
      `Expected case ${run.state.caseId} to be suspended for 恢复, but it is running`,
    );
  run.emit('case.resumed', { suspendedAt: suspended.at });
  // Only what 挂起 stopped runs again; a clock stopped for 补正 before stays stopped.
  for (const clock of Object.values(run.state.clocks)) {
    const stop = clock.stops[clock.stops.length - 1];
    if (!clock.running && stop?.kind === '挂起' && stop.to === null) resumeClock(run, clock);
  }
  return undefined;
};
