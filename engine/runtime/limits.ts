/**
 * Time limits (时限) as the runtime counts them: the working-time arithmetic it asks of a
 * calendar, the due date of a clock, and the extension point through which the signals of a
 * clock (预警 / 黄牌 / 红牌) are planned. The runtime knows no rule for when a signal falls: the
 * planner in the context (engine/case fills it from engine/supervision) decides; without one,
 * clocks run and raise no signal.
 */
import type { TimeLimitUnit } from '../model/types.js';

/** The signal levels a clock may raise, in the order they fall. */
export const ALERT_LEVELS = ['预警', '黄牌', '红牌'] as const;
export type AlertLevel = (typeof ALERT_LEVELS)[number];

/** Working-time arithmetic a clock needs (engine/calendar implements it). */
export interface LimitCalendar {
  /** The instant `amount` of `unit` after `from`, and whether a year without official data was used. */
  due(from: string, amount: number, unit: TimeLimitUnit): { readonly dueAt: string; readonly provisional: boolean };
  /** How much of `unit` was used from `from` (a start, whose day does not count) to `to`. */
  elapsed(from: string, to: string, unit: TimeLimitUnit): number;
  /** The working time between two instants, from `from` itself: how long a clock stood still. */
  between(from: string, to: string, unit: TimeLimitUnit): number;
}

/** A clock as planning sees it: its unit, budget (limit plus extensions), time stood still and start. */
export interface LimitClock {
  readonly unit: TimeLimitUnit;
  readonly budget: number;
  readonly paused: number;
  readonly startedAt: string;
}

/** What a clock is, for choosing the rules of its signals. */
export interface ClockTarget {
  readonly processId: string;
  readonly matterCode: string | null;
  readonly kind: 'case' | 'step';
  readonly elementId: string | null;
}

export interface LimitPlan {
  readonly dueAt: string;
  readonly provisional: boolean;
  /** When each level falls; a level already past is due now. */
  readonly alerts: ReadonlyArray<{ readonly level: AlertLevel; readonly at: string }>;
}

/** The extension point for signals: plans a clock's due date and the instants of its signals. */
export interface LimitPlanner {
  plan(calendar: LimitCalendar, clock: LimitClock, target: ClockTarget): LimitPlan;
}

/**
 * The instant `amount` of the clock's unit after its start, moved on by the time it stood
 * still. Counting from the start keeps the law's rule that the day of acceptance does not
 * count; shifting from a due date (which falls at the close of an office day) moves it by
 * exactly the working time paused.
 */
export function limitDue(
  calendar: LimitCalendar,
  clock: LimitClock,
  amount: number,
): { readonly dueAt: string; readonly provisional: boolean } {
  const base = calendar.due(clock.startedAt, Math.max(0, amount), clock.unit);
  if (clock.paused <= 0) return base;
  const shifted = calendar.due(base.dueAt, clock.paused, clock.unit);
  return { dueAt: shifted.dueAt, provisional: base.provisional || shifted.provisional };
}

/** A plan without signals: the due date only (no planner in the context). */
export function planWithoutSignals(calendar: LimitCalendar, clock: LimitClock): LimitPlan {
  return { ...limitDue(calendar, clock, clock.budget), alerts: [] };
}
