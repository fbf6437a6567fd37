/**
 * When a process timer start event fires: the first occurrence, planned at deployment, and the
 * next one after each firing. The same rules as the runtime's timers (engine/runtime/timers.ts),
 * on engine/time directly since there is no case (no variables, no Run):
 * - timeDuration `PT1H`: once, that long after deployment; timeDate: once, at that instant;
 * - timeCycle `R3/PT1H`: 3 times, the first an hour after deployment; `R/start/P1D` from
 *   `start`; a cron expression: every occurrence (Asia/Shanghai), unbounded;
 * - a FEEL expression (`=…`) is evaluated with no variables (only `now()` / `today()`);
 * - a gov time limit: 自然日 and 小时(自然日) are computed directly; 工作日 and 小时(工作日) need
 *   the working-day calendar and are refused (at deployment) when none is configured.
 * The next occurrence counts from the previous DUE time, as the runtime does for cycles: no
 * drift, and occurrences missed while the server was down all fire when it is back.
 * Pure: `now` is passed in.
 */
import { evaluate } from 'feelin';
import type { TimerDefinition } from '../model/index.js';
import { nextCycle, planCycle, type TimerRepeat, type WorkingCalendar } from '../runtime/index.js';
import { addDuration, parseDuration, parseInstant } from '../time/index.js';

/** A planned occurrence, or why the timer cannot be planned. */
export type StartTimerPlan =
  | { readonly ok: true; readonly dueAt: string; readonly repeat: TimerRepeat | null }
  | { readonly ok: false; readonly message: string };

/** The first occurrence of a start timer deployed at `now`. */
export function planStartTimer(timer: TimerDefinition, now: string, calendar?: WorkingCalendar): StartTimerPlan {
  if (timer.kind === 'limit') {
    const { amount, unit } = timer.limit;
    if (unit === '自然日') return once(addDuration(new Date(now), { ...ZERO, days: amount }));
    if (unit === '小时(自然日)') return once(new Date(Date.parse(now) + amount * 3_600_000));
    if (!calendar)
      return {
        ok: false,
        message: `A ${amount} ${unit} start timer needs the working-day calendar, but none is configured`,
      };
    return { ok: true, dueAt: calendar.addLimit(now, timer.limit), repeat: null };
  }
  const text = expressionText(timer.expression, now);
  if (text === null)
    return { ok: false, message: `Timer expression '${timer.expression.source}' could not be evaluated` };
  if (timer.kind === 'duration') {
    const duration = parseDuration(text);
    return duration && !duration.negative ? once(addDuration(new Date(now), duration)) : invalid('duration', text);
  }
  if (timer.kind === 'date') {
    const date = parseInstant(text);
    return date ? once(date) : invalid('date', text);
  }
  return planCycle(now, text);
}

/** The occurrence after the one due at `dueAt`, or null when the cycle is done. */
export function nextStartTimer(
  repeat: TimerRepeat | null,
  dueAt: string,
): { dueAt: string; repeat: TimerRepeat } | null {
  return repeat ? nextCycle(repeat, dueAt) : null;
}

/** A literal's text, or a FEEL expression's value (no variables) as text; null if it fails. */
function expressionText(expression: { source: string; feel: string }, now: string): string | null {
  if (!expression.source.trim().startsWith('=')) return expression.source.trim();
  try {
    const { value } = evaluate(expression.feel, { now: () => new Date(now), today: () => now.slice(0, 10) });
    if (value === null || value === undefined) return null;
    if (value instanceof Date) return value.toISOString();
    const iso = (value as { toISO?: () => string }).toISO;
    return typeof iso === 'function' ? iso.call(value) : String(value);
  } catch {
    return null;
  }
}

const ZERO = { years: 0, months: 0, weeks: 0, days: 0, hours: 0, minutes: 0, seconds: 0, negative: false };
const once = (date: Date): StartTimerPlan => ({ ok: true, dueAt: date.toISOString(), repeat: null });
const invalid = (kind: string, text: string): StartTimerPlan => ({
  ok: false,
  message: `Timer ${kind} '${text}' is not valid ISO 8601${kind === 'cycle' ? ' or cron' : ''}`,
});
