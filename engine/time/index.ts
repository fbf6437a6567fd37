/**
 * Time arithmetic, pure (no clock is read here; the instant to count from is passed in): ISO-8601
 * durations, instants and repeating intervals as BPMN timers write them (iso8601.ts), and cron
 * expressions read in Asia/Shanghai (cron.ts). Public API: the exports below. Working days are
 * not here: they are engine/calendar.
 */
export {
  parseDuration,
  addDuration,
  addDurationText,
  parseInstant,
  parseRepeatingInterval,
  type Duration,
  type RepeatingInterval,
} from './iso8601.js';
export { cronProblem, nextCronOccurrence } from './cron.js';
