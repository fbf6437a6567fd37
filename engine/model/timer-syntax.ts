import { cronProblem, parseDuration, parseInstant, parseRepeatingInterval } from '../time/index.js';
import type { BilingualText } from './types.js';
import { feelSyntaxError } from './feel.js';

/**
 * Syntax checks for timer values, with the very parsers the runtime runs them with
 * (engine/time), so that what deploys also runs: ISO 8601 durations, date-times (without an
 * offset: Beijing time) and repeating intervals, cron expressions for cycles, and FEEL
 * (leading `=`), which can only be checked for syntax until it is evaluated.
 * Each returns the problem (Chinese and English) or null.
 */

/** A `timeDuration` value: ISO 8601 duration such as PT1H, P5D, P1DT2H, or FEEL. */
export function durationProblem(value: string): BilingualText | null {
  const feel = feelProblem(value);
  if (feel !== undefined) return feel;
  return parseDuration(value)
    ? null
    : {
        zh: `“${value}”不是 ISO 8601 时长（例如 PT1H 一小时、P5D 五天、P1DT2H）`,
        en: `"${value}" is not an ISO 8601 duration (e.g. PT1H, P5D, P1DT2H)`,
      };
}

/** A `timeDate` value: ISO 8601 date or date-time (e.g. 2026-01-01T09:00:00+08:00), or FEEL. */
export function dateProblem(value: string): BilingualText | null {
  const feel = feelProblem(value);
  if (feel !== undefined) return feel;
  return parseInstant(value)
    ? null
    : {
        zh: `“${value}”不是 ISO 8601 日期时间（例如 2026-01-01T09:00:00+08:00）`,
        en: `"${value}" is not an ISO 8601 date-time (e.g. 2026-01-01T09:00:00+08:00)`,
      };
}

/** A `timeCycle` value: repeating interval (R3/PT1H, R/PT10M, R2/2026-01-01T00:00:00Z/PT1H), cron, or FEEL. */
export function cycleProblem(value: string): BilingualText | null {
  const feel = feelProblem(value);
  if (feel !== undefined) return feel;
  const text = value.trim();
  if (text.startsWith('R')) {
    return parseRepeatingInterval(text)
      ? null
      : {
          zh: `“${text}”不是 ISO 8601 重复周期（例如 R3/PT1H、R/PT10M、R2/2026-01-01T00:00:00Z/PT1H）`,
          en: `"${text}" is not an ISO 8601 repeating interval (e.g. R3/PT1H, R/PT10M, R2/2026-01-01T00:00:00Z/PT1H)`,
        };
  }
  const cron = cronProblem(text);
  return cron === null
    ? null
    : { zh: `“${text}”既不是重复周期（R3/PT1H），也不是有效的 cron 表达式（5 或 6 个字段）`, en: cron };
}

/** undefined: not FEEL; otherwise the FEEL syntax problem or null. */
function feelProblem(value: string): BilingualText | null | undefined {
  const text = value.trim();
  if (!text.startsWith('=')) return undefined;
  const problem = feelSyntaxError(text.slice(1));
  return problem ? { zh: `FEEL 表达式${problem.zh}`, en: `FEEL ${problem.en}` } : null;
}
