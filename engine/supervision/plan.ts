/**
 * Planning a time limit: its due date and the instants of its 预警 / 黄牌 / 红牌, from the budget
 * left and the moment the clock (re)started. Pure: the working-day calendar is passed in.
 *
 * A clock's budget is its limit plus extensions; every stop (补正, 特别程序, 挂起) banks what was
 * used so far, and the due date is always "what is left, counted from when it last resumed",
 * so a pause of 3 working days moves the due date by exactly 3 working days.
 */
import type { TimeLimitUnit } from '../model/types.js';
import { limitDue, type AlertLevel, type LimitCalendar, type LimitPlan, type LimitPlanner } from '../runtime/index.js';
import type { SupervisionPolicy, SupervisionRules } from './rules.js';

/** The working-time arithmetic and the plan are the runtime's (its clocks count with them). */
export type { LimitCalendar, LimitPlan } from '../runtime/index.js';

/**
 * A clock's plan: its budget (limit plus extensions) counted from its start, then moved on by
 * the time it stood still. Counting from the start keeps the law's rule that the day of
 * acceptance does not count; shifting from a due date (which falls at the close of an office
 * day) moves it by exactly the working time paused.
 */
export function planLimit(
  calendar: LimitCalendar,
  clock: { readonly unit: TimeLimitUnit; readonly budget: number; readonly paused: number; readonly startedAt: string },
  rules: SupervisionRules,
): LimitPlan {
  const at = (amount: number) => limitDue(calendar, clock, amount);
  const due = at(clock.budget);
  const alerts: Array<{ level: AlertLevel; at: string }> = [];
  if (rules.warning) {
    const left =
      'remaining' in rules.warning
        ? amountIn(rules.warning.remaining.amount, rules.warning.remaining.unit, clock.unit)
        : clock.budget * rules.warning.remainingRatio;
    alerts.push({ level: '预警', at: left > 0 ? at(clock.budget - left).dueAt : due.dueAt });
  }
  if (rules.yellowAtDue) alerts.push({ level: '黄牌', at: due.dueAt });
  if (rules.red)
    alerts.push({ level: '红牌', at: calendar.due(due.dueAt, rules.red.after.amount, rules.red.after.unit).dueAt });
  return { dueAt: due.dueAt, provisional: due.provisional, alerts };
}

/** A threshold in another unit of the same kind; thresholds should be given in the limit's unit. */
function amountIn(amount: number, from: TimeLimitUnit, to: TimeLimitUnit): number {
  if (from === to) return amount;
  if (from === '自然日' && to === '小时(自然日)') return amount * 24;
  if (from === '小时(自然日)' && to === '自然日') return amount / 24;
  return amount;
}

/** The runtime's planner of clock signals, choosing each clock's rules with `policy`. */
export function limitPlanner(policy: SupervisionPolicy): LimitPlanner {
  return { plan: (calendar, clock, target) => planLimit(calendar, clock, policy.rulesFor(target)) };
}
