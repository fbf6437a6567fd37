import { CronExpressionParser } from 'cron-parser';
import { feelSyntaxError } from './feel.js';

/**
 * Syntax checks for timer values as BPMN/Camunda write them: ISO 8601 durations, date-times and
 * repeating intervals, cron expressions for cycles, and FEEL (leading `=`), which can only be
 * checked for syntax until it is evaluated. Each returns a problem description or null.
 */

const DURATION = /^P(?=\d|T\d)(\d+(?:[.,]\d+)?Y)?(\d+(?:[.,]\d+)?M)?(\d+(?:[.,]\d+)?W)?(\d+(?:[.,]\d+)?D)?(?:T(?=\d)(\d+(?:[.,]\d+)?H)?(\d+(?:[.,]\d+)?M)?(\d+(?:[.,]\d+)?S)?)?$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?(?:@[A-Za-z_]+(?:\/[A-Za-z_+-]+)*|\[[A-Za-z_]+(?:\/[A-Za-z_+-]+)*\])?)?$/;
const CRON_MACROS = /^@(yearly|annually|monthly|weekly|daily|hourly|midnight)$/i;

/** A `timeDuration` value: ISO 8601 duration such as PT1H, P5D, P1DT2H, or FEEL. */
export function durationProblem(value: string): string | null {
  const feel = feelProblem(value);
  if (feel !== undefined) return feel;
  return DURATION.test(value.trim()) ? null : `"${value}" is not an ISO 8601 duration (e.g. PT1H, P5D, P1DT2H)`;
}

/** A `timeDate` value: ISO 8601 date or date-time (e.g. 2026-01-01T09:00:00+08:00), or FEEL. */
export function dateProblem(value: string): string | null {
  const feel = feelProblem(value);
  if (feel !== undefined) return feel;
  return isIsoDate(value.trim()) ? null : `"${value}" is not an ISO 8601 date-time (e.g. 2026-01-01T09:00:00+08:00)`;
}

/** A `timeCycle` value: repeating interval (R3/PT1H, R/PT10M, R2/2026-01-01T00:00:00Z/PT1H), cron, or FEEL. */
export function cycleProblem(value: string): string | null {
  const feel = feelProblem(value);
  if (feel !== undefined) return feel;
  const text = value.trim();
  if (text.startsWith('R')) return repeatingProblem(text);
  return cronProblem(text);
}

function repeatingProblem(text: string): string | null {
  const parts = text.split('/');
  const valid =
    /^R\d*$/.test(parts[0] ?? '') &&
    ((parts.length === 2 && DURATION.test(parts[1] ?? '')) ||
      (parts.length === 3 && isIsoDate(parts[1] ?? '') && DURATION.test(parts[2] ?? '')) ||
      (parts.length === 3 && DURATION.test(parts[1] ?? '') && isIsoDate(parts[2] ?? '')));
  return valid ? null : `"${text}" is not an ISO 8601 repeating interval (e.g. R3/PT1H, R/PT10M, R2/2026-01-01T00:00:00Z/PT1H)`;
}

function cronProblem(text: string): string | null {
  const fields = text.split(/\s+/).length;
  if (!CRON_MACROS.test(text) && fields !== 5 && fields !== 6) {
    return `"${text}" is neither a repeating interval (R3/PT1H) nor a cron expression (5 or 6 fields)`;
  }
  try {
    CronExpressionParser.parse(text);
    return null;
  } catch (error) {
    return `"${text}" is not a valid cron expression: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** undefined: not FEEL; otherwise the FEEL syntax problem or null. */
function feelProblem(value: string): string | null | undefined {
  const text = value.trim();
  if (!text.startsWith('=')) return undefined;
  const problem = feelSyntaxError(text.slice(1));
  return problem ? `FEEL ${problem}` : null;
}

function isIsoDate(text: string): boolean {
  const match = DATE_TIME.exec(text);
  if (!match) return false;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map((part) => (part === undefined ? 0 : Number(part)));
  if (month === undefined || day === undefined || year === undefined) return false;
  const daysInMonth = [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return daysInMonth !== undefined && day >= 1 && day <= daysInMonth && (hour ?? 0) < 24 && (minute ?? 0) < 60 && (second ?? 0) < 60;
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}
