/**
 * When a timer is due. Decided once, when the timer is scheduled, and recorded in the
 * `timer.scheduled` event: replay never recomputes a due date.
 */
import type { TimerDefinition } from '../model/types.js';
import { addDuration, nextCronOccurrence, parseDuration, parseInstant, parseRepeatingInterval } from '../time/index.js';
import type { TimerRepeat } from './state.js';
import type { Run } from './run.js';
import { literalOrFeel } from './variables.js';

export type TimerPlan = { ok: true; dueAt: string; repeat: TimerRepeat | null } | { ok: false; message: string };

/** Plan the first firing of `timer`, counted from now, for an element instance. */
export function planTimer(run: Run, timer: TimerDefinition, instanceId: string | null): TimerPlan {
  if (timer.kind === 'limit') {
    const { amount, unit } = timer.limit;
    if (unit === '自然日') return at(addDuration(new Date(run.now), days(amount)));
    if (unit === '小时(自然日)') return at(new Date(Date.parse(run.now) + amount * 3_600_000));
    if (!run.ctx.calendar)
      return { ok: false, message: `A ${amount} ${unit} timer needs the working-day calendar, but none is configured` };
    return { ok: true, dueAt: run.ctx.calendar.addLimit(run.now, timer.limit), repeat: null };
  }
  const evaluated = literalOrFeel(run, timer.expression, instanceId);
  if (!evaluated.ok) return evaluated;
  const text = String(evaluated.value ?? '');
  switch (timer.kind) {
    case 'duration': {
      const duration = parseDuration(text);
      return duration ? at(addDuration(new Date(run.now), duration)) : invalid('duration', text);
    }
    case 'date': {
      const date = parseInstant(text);
      return date ? at(date) : invalid('date', text);
    }
    case 'cycle':
      return planCycle(run.now, text);
  }
}

/** The next firing of a repeating timer that just fired at `firedAt`, or null when done. */
export function nextCycle(repeat: TimerRepeat, firedAt: string): { dueAt: string; repeat: TimerRepeat } | null {
  if (repeat.remaining !== null && repeat.remaining <= 0) return null;
  const remaining = repeat.remaining === null ? null : repeat.remaining - 1;
  if (repeat.kind === 'interval') {
    const period = parseDuration(repeat.every);
    if (!period) return null;
    return { dueAt: addDuration(new Date(firedAt), period).toISOString(), repeat: { ...repeat, remaining } };
  }
  const next = nextCronOccurrence(repeat.cron, firedAt);
  return next ? { dueAt: next, repeat: { ...repeat, remaining } } : null;
}

/** The first firing of a timeCycle (ISO repeating interval or cron) whose text is `text`, counted from `now`. */
export function planCycle(now: string, text: string): TimerPlan {
  const interval = parseRepeatingInterval(text);
  if (interval) {
    const first = interval.start ?? addDuration(new Date(now), interval.period);
    const remaining = interval.repetitions === null ? null : interval.repetitions - 1;
    if (remaining !== null && remaining < 0) return { ok: false, message: `Timer cycle '${text}' repeats zero times` };
    return {
      ok: true,
      dueAt: first.toISOString(),
      repeat: { kind: 'interval', remaining, every: text.split('/').pop() ?? '' },
    };
  }
  const next = nextCronOccurrence(text, now);
  return next
    ? { ok: true, dueAt: next, repeat: { kind: 'cron', remaining: null, cron: text } }
    : invalid('cycle', text);
}

const at = (date: Date): TimerPlan => ({ ok: true, dueAt: date.toISOString(), repeat: null });
const days = (amount: number) => ({
  years: 0,
  months: 0,
  weeks: 0,
  days: amount,
  hours: 0,
  minutes: 0,
  seconds: 0,
  negative: false,
});
const invalid = (kind: string, text: string): TimerPlan => ({
  ok: false,
  message: `Timer ${kind} '${text}' is not valid ISO 8601${kind === 'cycle' ? ' or cron' : ''}`,
});
