/**
 * Planning a time limit: its due date and the instants of its 预警 / 黄牌 / 红牌, from the budget
 * left and the moment the clock (re)started. Pure: the working-day calendar is passed in.
 *
 * A clock's budget is its limit plus extensions; every stop (补正, 特别程序, 挂起) banks what was
 * used so far, and the due date is always "what is left, counted from when it last resumed",
 * so a pause of 3 working days moves the due date by exactly 3 working days.
 */
import type { TimeLimitUnit } from '../model/types.js';
import type { AlertLevel, SupervisionRules } from './rules.js';

/** Working-time arithmetic the planning needs (engine/calendar implements it). */
export interface LimitCalendar {
  /** The instant `amount` of `unit` after `from`, and whether a year without official data was used. */
  due(from: string, amount: number, unit: TimeLimitUnit): { readonly dueAt: string; readonly provisional: boolean };
  /** How much of `unit` lies between two instants (working units count working time only). */
  elapsed(from: string, to: string, unit: TimeLimitUnit): number;
}

export interface LimitPlan {
  readonly dueAt: string;
  readonly provisional: boolean;
  /** When each level falls; a level already past is due now. */
  readonly alerts: ReadonlyArray<{ readonly level: AlertLevel; readonly at: string }>;
}

export function planLimit(
  calendar: LimitCalendar,
  clock: { readonly unit: TimeLimitUnit; readonly budget: number; readonly used: number; readonly resumedAt: string },
  rules: SupervisionRules,
): LimitPlan {
  const left = Math.max(0, clock.budget - clock.used);
  const due = calendar.due(clock.resumedAt, left, clock.unit);
  const alerts: Array<{ level: AlertLevel; at: string }> = [];
  if (rules.warning) {
    const warnLeft = 'remaining' in rules.warning ? amountIn(rules.warning.remaining.amount, rules.warning.remaining.unit, clock.unit) : clock.budget * rules.warning.remainingRatio;
    const until = Math.max(0, left - warnLeft);
    alerts.push({ level: '预警', at: until === left ? due.dueAt : calendar.due(clock.resumedAt, until, clock.unit).dueAt });
  }
  if (rules.yellowAtDue) alerts.push({ level: '黄牌', at: due.dueAt });
  if (rules.red) alerts.push({ level: '红牌', at: calendar.due(due.dueAt, rules.red.after.amount, rules.red.after.unit).dueAt });
  return { dueAt: due.dueAt, provisional: due.provisional, alerts };
}

/** A threshold in another unit of the same kind (hours of a working day are not convertible: kept as is). */
function amountIn(amount: number, from: TimeLimitUnit, to: TimeLimitUnit): number {
  if (from === to) return amount;
  if (from === '自然日' && to === '小时(自然日)') return amount * 24;
  if (from === '小时(自然日)' && to === '自然日') return amount / 24;
  return amount;
}
