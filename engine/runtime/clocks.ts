/**
 * Time limits on a case and its steps, and their 电子监察 signals. A clock starts (the case's at
 * 受理, a step's when it is entered), may pause (补正, 特别程序, 挂起) and resume, may be extended
 * (延长审批), and finishes with its step or case. Every change is an event carrying the new due
 * date; the 预警 / 黄牌 / 红牌 thresholds wait as timers and fire as `alert.raised`.
 */
import type { TimeLimit, TimeLimitUnit } from '../model/types.js';
import { planWithoutSignals, type LimitCalendar, type LimitClock, type LimitPlan } from './limits.js';
import { addDuration } from '../time/index.js';
import type { Run } from './run.js';
import type { ClockState, ClockStopKind } from './state.js';

const WORKING_UNITS: ReadonlySet<TimeLimitUnit> = new Set(['工作日', '小时(工作日)']);

/** The calendar to count with; natural units need none. null: a working unit and no calendar. */
export function calendarFor(run: Run, unit: TimeLimitUnit): LimitCalendar | null {
  if (run.ctx.calendar) return run.ctx.calendar;
  return WORKING_UNITS.has(unit) ? null : NATURAL;
}

export interface ClockSpec {
  readonly kind: 'case' | 'step';
  readonly instanceId: string;
  readonly elementId: string;
  readonly limit: TimeLimit;
  readonly department: string | null;
  readonly officer: string | null;
}

/**
 * Start a clock, counting from `startedAt` (an instant not after now; default now): its due
 * date and signals fall as if it had started then, and a signal already due is raised at once.
 * False when its unit needs the working-day calendar and there is none.
 */
export function startClock(run: Run, spec: ClockSpec, startedAt: string = run.now): boolean {
  const calendar = calendarFor(run, spec.limit.unit);
  if (!calendar) return false;
  const plan = planClock(
    run,
    calendar,
    { unit: spec.limit.unit, budget: spec.limit.amount, paused: 0, startedAt },
    spec,
  );
  const clockId = run.newId();
  run.emit('clock.started', {
    clockId,
    ...spec,
    processId: run.process.id,
    matterCode: run.process.gov.matterCode,
    dueAt: plan.dueAt,
    provisional: plan.provisional,
    ...(startedAt === run.now ? {} : { startedAt }),
  });
  scheduleAlerts(run, clockId, plan);
  return true;
}

export function pauseClock(
  run: Run,
  clock: ClockState,
  kind: ClockStopKind,
  reason: string,
  approver: string | null,
): void {
  run.emit('clock.paused', { clockId: clock.id, kind, reason, approver });
  cancelAlertTimers(run, clock.id);
}

/** Run again: the due date moves on by exactly the time the clock stood still. */
export function resumeClock(run: Run, clock: ClockState): void {
  const pausedFor = Math.max(0, calendarOf(run, clock).between(pausedSince(clock), run.now, clock.limit.unit));
  const plan = replan(run, clock, { paused: clock.paused + pausedFor });
  run.emit('clock.resumed', { clockId: clock.id, pausedFor, dueAt: plan.dueAt, provisional: plan.provisional });
  realign(run, clock.id, plan);
}

export function extendClock(run: Run, clock: ClockState, amount: number, approver: string, reason: string): void {
  const plan = replan(run, clock, { budget: clock.budget + amount });
  run.emit('clock.extended', {
    clockId: clock.id,
    amount,
    approver,
    reason,
    dueAt: plan.dueAt,
    provisional: plan.provisional,
  });
  if (clock.running) realign(run, clock.id, plan);
}

/** Compute a clock's due date again (a missing year's calendar arrived). */
export function recomputeClock(run: Run, clock: ClockState, reason: string): void {
  const plan = replan(run, clock, {});
  if (plan.dueAt === clock.dueAt && plan.provisional === clock.provisional) return;
  run.emit('clock.dueChanged', { clockId: clock.id, dueAt: plan.dueAt, provisional: plan.provisional, reason });
  if (clock.running) realign(run, clock.id, plan);
}

/** The step or case is over: record how much it used and whether in time; its signals end. */
export function finishClock(run: Run, clock: ClockState): void {
  const calendar = calendarOf(run, clock);
  const stoodStill =
    clock.paused + (clock.running ? 0 : Math.max(0, calendar.between(pausedSince(clock), run.now, clock.limit.unit)));
  const used = Math.max(0, calendar.elapsed(clock.startedAt, run.now, clock.limit.unit) - stoodStill);
  cancelAlertTimers(run, clock.id);
  for (const alert of Object.values(run.state.alerts)) {
    if (alert.clockId === clock.id) run.emit('alert.cleared', { alertId: alert.id, reason: 'finished' });
  }
  const onTime = clock.running ? run.now <= clock.dueAt : used <= clock.budget + 1e-9;
  run.emit('clock.finished', { clockId: clock.id, used, onTime, dueAt: clock.dueAt });
}

/** A threshold timer fired: raise its signal, naming who is responsible now. */
export function raiseAlert(run: Run, clockId: string, level: '预警' | '黄牌' | '红牌'): void {
  const clock = run.state.clocks[clockId];
  if (!clock) return;
  const task = Object.values(run.state.tasks).find(
    (t) => t.instanceId === clock.instanceId || run.instance(t.instanceId)?.parentId === clock.instanceId,
  );
  run.emit('alert.raised', {
    alertId: run.newId(),
    clockId,
    level,
    kind: clock.kind,
    elementId: clock.elementId,
    processId: run.process.id,
    matterCode: run.process.gov.matterCode,
    department: clock.department,
    officer: task?.assignee ?? clock.officer,
    dueAt: clock.dueAt,
  });
}

function replan(run: Run, clock: ClockState, change: { budget?: number; paused?: number }): LimitPlan {
  return planClock(
    run,
    calendarOf(run, clock),
    {
      unit: clock.limit.unit,
      budget: change.budget ?? clock.budget,
      paused: change.paused ?? clock.paused,
      startedAt: clock.startedAt,
    },
    clock,
  );
}

function pausedSince(clock: ClockState): string {
  return clock.stops[clock.stops.length - 1]?.from ?? clock.startedAt;
}

function calendarOf(run: Run, clock: ClockState): LimitCalendar {
  return calendarFor(run, clock.limit.unit) ?? NATURAL;
}

/** After the due date moved: signals no longer deserved are cleared, pending ones rescheduled. */
function realign(run: Run, clockId: string, plan: LimitPlan): void {
  cancelAlertTimers(run, clockId);
  for (const alert of Object.values(run.state.alerts)) {
    const at = plan.alerts.find((a) => a.level === alert.level)?.at;
    if (alert.clockId === clockId && (!at || at > run.now))
      run.emit('alert.cleared', { alertId: alert.id, reason: 'due-moved' });
  }
  scheduleAlerts(run, clockId, plan);
}

function scheduleAlerts(run: Run, clockId: string, plan: LimitPlan): void {
  const clock = run.state.clocks[clockId];
  if (!clock) return;
  for (const { level, at } of plan.alerts) {
    if (Object.values(run.state.alerts).some((a) => a.clockId === clockId && a.level === level)) continue;
    if (at <= run.now) raiseAlert(run, clockId, level);
    else
      run.emit('timer.scheduled', {
        timerId: run.newId(),
        instanceId: clock.instanceId,
        elementId: clock.elementId,
        dueAt: at,
        repeat: null,
        alert: { clockId, level },
      });
  }
}

function cancelAlertTimers(run: Run, clockId: string): void {
  for (const timer of Object.values(run.state.timers)) {
    if (timer.alert?.clockId === clockId) run.emit('timer.cancelled', { timerId: timer.id });
  }
}

/** The clock's due date and signals, from the context's planner; without one, no signals. */
function planClock(
  run: Run,
  calendar: LimitCalendar,
  limit: LimitClock,
  clock: { kind: 'case' | 'step'; elementId: string },
): LimitPlan {
  if (!run.ctx.limits) return planWithoutSignals(calendar, limit);
  return run.ctx.limits.plan(calendar, limit, {
    processId: run.process.id,
    matterCode: run.process.gov.matterCode,
    kind: clock.kind,
    elementId: clock.kind === 'step' ? clock.elementId : null,
  });
}

/** Natural days and hours need no calendar. Working units are never guessed. */
const NATURAL: LimitCalendar = {
  due(from, amount, unit) {
    if (WORKING_UNITS.has(unit)) throw new Error(`A limit in ${unit} needs the working-day calendar`);
    const hours = unit === '自然日' ? amount * 24 : amount;
    return {
      dueAt: addDuration(new Date(from), {
        years: 0,
        months: 0,
        weeks: 0,
        days: 0,
        hours,
        minutes: 0,
        seconds: 0,
        negative: false,
      }).toISOString(),
      provisional: false,
    };
  },
  elapsed(from, to, unit) {
    if (WORKING_UNITS.has(unit)) throw new Error(`A limit in ${unit} needs the working-day calendar`);
    const hours = Math.max(0, Date.parse(to) - Date.parse(from)) / 3_600_000;
    return unit === '自然日' ? hours / 24 : hours;
  },
  between(from, to, unit) {
    return NATURAL.elapsed(from, to, unit);
  },
};
