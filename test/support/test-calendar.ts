/**
 * A small working-day calendar for runtime tests: Monday to Friday in Asia/Shanghai, minus the
 * listed holidays, plus the listed make-up days; a working day counts whole (00:00-24:00).
 * The real calendar (engine/calendar) has office hours and official data; this one only has to
 * be consistent: elapsed(from, due(from, n)) === n.
 */
import type { TimeLimit, TimeLimitUnit } from '../../engine/model/types.js';
import type { WorkingCalendar } from '../../engine/runtime/index.js';

const DAY = 86_400_000;
const OFFSET = 8 * 3_600_000;

export function testCalendar(
  options: { holidays?: readonly string[]; workdays?: readonly string[]; provisionalFrom?: string } = {},
): WorkingCalendar {
  const holidays = new Set(options.holidays ?? []);
  const workdays = new Set(options.workdays ?? []);
  const dayOf = (ms: number) => new Date(Math.floor((ms + OFFSET) / DAY) * DAY).toISOString().slice(0, 10);
  const working = (ms: number): boolean => {
    const day = dayOf(ms);
    if (workdays.has(day)) return true;
    if (holidays.has(day)) return false;
    const weekday = new Date(Math.floor((ms + OFFSET) / DAY) * DAY).getUTCDay();
    return weekday !== 0 && weekday !== 6;
  };
  const hoursPerUnit = (unit: TimeLimitUnit) => (unit === '工作日' || unit === '自然日' ? 24 : 1);
  const isWorking = (unit: TimeLimitUnit) => unit === '工作日' || unit === '小时(工作日)';

  const calendar: WorkingCalendar = {
    due(from, amount, unit) {
      let ms = Date.parse(from);
      let left = amount * hoursPerUnit(unit) * 3_600_000;
      if (!isWorking(unit)) return { dueAt: new Date(ms + left).toISOString(), provisional: false };
      while (left > 0) {
        const nextMidnight = Math.floor((ms + OFFSET) / DAY) * DAY + DAY - OFFSET;
        const chunk = Math.min(left, nextMidnight - ms);
        if (working(ms)) left -= chunk;
        ms += working(ms) ? chunk : nextMidnight - ms;
      }
      const dueAt = new Date(ms).toISOString();
      return {
        dueAt,
        provisional: options.provisionalFrom !== undefined && dueAt.slice(0, 10) >= options.provisionalFrom,
      };
    },
    elapsed(from, to, unit) {
      let ms = Date.parse(from);
      const end = Date.parse(to);
      if (!isWorking(unit)) return (end - ms) / (hoursPerUnit(unit) * 3_600_000);
      let total = 0;
      while (ms < end) {
        const nextMidnight = Math.floor((ms + OFFSET) / DAY) * DAY + DAY - OFFSET;
        const step = Math.min(end, nextMidnight) - ms;
        if (working(ms)) total += step;
        ms += step;
      }
      return total / (hoursPerUnit(unit) * 3_600_000);
    },
    between(from, to, unit) {
      return calendar.elapsed(from, to, unit);
    },
    addLimit(from: string, limit: TimeLimit) {
      return calendar.due(from, limit.amount, limit.unit).dueAt;
    },
  };
  return calendar;
}
