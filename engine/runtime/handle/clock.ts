/** clock.start, clock.pause, clock.resume, clock.extend, clock.finish, clock.recompute: time limits. */
import { CLOCK_STOP_KINDS, type ClockState } from '../state.js';
import { extendClock, finishClock, pauseClock, recomputeClock, resumeClock, startClock } from '../clocks.js';
import type { Run } from '../run.js';
import type { Rejection } from '../api.js';
import { reject, type Handler } from './handler.js';
import { TIME_LIMIT_UNITS } from '../../model/types.js';

export const startCaseClock: Handler<'clock.start'> = (run, { data }) => {
  if (Object.values(run.state.clocks).some((c) => c.kind === 'case'))
    return reject(
      'CLOCK_EXISTS',
      `Expected case ${run.state.caseId} to have no time limit running yet, but it has one`,
    );
  const limit = data.limit ?? run.process.gov.promisedLimit;
  if (!limit)
    return reject(
      'INVALID_ARGUMENT',
      `Expected a limit, or a promised limit on process '${run.process.id}', but there is none`,
    );
  if (!(limit.amount > 0) || !TIME_LIMIT_UNITS.includes(limit.unit))
    return reject(
      'INVALID_ARGUMENT',
      `Expected a positive limit in ${TIME_LIMIT_UNITS.join(' / ')}, but got ${limit.amount} ${limit.unit}`,
    );
  const from = data.startedAt ?? run.now;
  if (typeof from !== 'string' || Number.isNaN(Date.parse(from)) || Date.parse(from) > Date.parse(run.now))
    return reject(
      'INVALID_ARGUMENT',
      `Expected the clock to count from an ISO-8601 instant not after now (${run.now}), but got ${JSON.stringify(data.startedAt)}`,
    );
  const startedAt = data.startedAt === undefined ? run.now : new Date(from).toISOString();
  if (!run.ctx.calendar && (limit.unit === '工作日' || limit.unit === '小时(工作日)')) {
    return reject(
      'CALENDAR_MISSING',
      `Expected a working-day calendar to count ${limit.amount} ${limit.unit}, but none is configured`,
    );
  }
  try {
    startClock(
      run,
      {
        kind: 'case',
        instanceId: run.state.rootInstanceId,
        elementId: run.process.id,
        limit,
        department: data.department ?? null,
        officer: data.officer ?? null,
      },
      startedAt,
    );
  } catch (error) {
    // A calendar configured to refuse years it has no data for says so by throwing.
    if (run.events.length > 0) throw error;
    return reject(
      'CALENDAR_MISSING',
      `Expected the working-day calendar to count ${limit.amount} ${limit.unit}, but: ${(error as Error).message}`,
    );
  }
  return undefined;
};

export const pauseClocks: Handler<'clock.pause'> = (run, { data }) => {
  if (!CLOCK_STOP_KINDS.includes(data.kind))
    return reject(
      'INVALID_ARGUMENT',
      `Expected the stop to be one of ${CLOCK_STOP_KINDS.join(' / ')}, but it is '${data.kind}'`,
    );
  const clocks = chosen(run, data.clockId, (c) => c.running);
  if (!Array.isArray(clocks)) return clocks;
  for (const clock of clocks) pauseClock(run, clock, data.kind, data.reason, data.approver ?? null);
  return undefined;
};

export const resumeClocks: Handler<'clock.resume'> = (run, { data }) => {
  const clocks = chosen(run, data.clockId, (c) => !c.running);
  if (!Array.isArray(clocks)) return clocks;
  for (const clock of clocks) resumeClock(run, clock);
  return undefined;
};

export const extendCaseClock: Handler<'clock.extend'> = (run, { data }) => {
  if (!(data.amount > 0)) return reject('INVALID_ARGUMENT', `Expected a positive extension, but got ${data.amount}`);
  if (!data.approver || !data.reason)
    return reject('INVALID_ARGUMENT', 'Expected an extension to name its approver and reason');
  const clock = data.clockId
    ? run.state.clocks[data.clockId]
    : Object.values(run.state.clocks).find((c) => c.kind === 'case');
  if (!clock)
    return reject(
      'CLOCK_NOT_FOUND',
      `Expected ${data.clockId ? `clock '${data.clockId}'` : 'a case time limit'} to be running, but there is none`,
    );
  extendClock(run, clock, data.amount, data.approver, data.reason);
  return undefined;
};

export const finishCaseClock: Handler<'clock.finish'> = (run, { data }) => {
  if (data.clockId) {
    const clock = run.state.clocks[data.clockId];
    if (!clock) return reject('CLOCK_NOT_FOUND', `Expected clock '${data.clockId}' to be counting, but it is not`);
    finishClock(run, clock);
    return undefined;
  }
  // A case with no time limit (即办件, or one that never reached 受理) has nothing to finish.
  const clock = Object.values(run.state.clocks).find((c) => c.kind === 'case');
  if (clock) finishClock(run, clock);
  return undefined;
};

export const recomputeClocks: Handler<'clock.recompute'> = (run, { data }) => {
  for (const clock of Object.values(run.state.clocks)) recomputeClock(run, clock, data.reason);
  return undefined;
};

function chosen(
  run: Run,
  clockId: string | undefined,
  eligible: (clock: ClockState) => boolean,
): ClockState[] | Rejection {
  if (clockId) {
    const clock = run.state.clocks[clockId];
    return clock && eligible(clock)
      ? [clock]
      : reject(
          'CLOCK_NOT_FOUND',
          `Expected clock '${clockId}' to be ${eligible.name || 'in that state'}, but it is not`,
        );
  }
  const clocks = Object.values(run.state.clocks).filter(eligible);
  return clocks.length > 0
    ? clocks
    : reject('CLOCK_NOT_FOUND', `Expected case ${run.state.caseId} to have a clock to change, but none is`);
}

export const setDeadline: Handler<'deadline.set'> = (run, { data }) => {
  if (!data.name) return reject('INVALID_ARGUMENT', 'Expected a deadline name');
  if (Number.isNaN(Date.parse(data.dueAt)))
    return reject(
      'INVALID_ARGUMENT',
      `Expected the deadline '${data.name}' to be an ISO instant, but it is '${data.dueAt}'`,
    );
  clearNamed(run, data.name);
  run.emit('timer.scheduled', {
    timerId: run.newId(),
    instanceId: run.state.rootInstanceId,
    elementId: run.process.id,
    dueAt: new Date(data.dueAt).toISOString(),
    repeat: null,
    deadline: data.name,
  });
  return undefined;
};

export const clearDeadline: Handler<'deadline.clear'> = (run, { data }) => {
  clearNamed(run, data.name);
  return undefined;
};

function clearNamed(run: Run, name: string): void {
  for (const timer of Object.values(run.state.timers)) {
    if (timer.deadline === name) run.emit('timer.cancelled', { timerId: timer.id });
  }
}
