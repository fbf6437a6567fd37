/**
 * Cron expressions for timer cycles (5 or 6 fields, or @daily-style macros), read in the
 * service centres' zone whatever the host's. Pure: the instant to count from is passed in.
 */
import { CronExpressionParser } from 'cron-parser';

const BUSINESS_TIME_ZONE = 'Asia/Shanghai';

const MACROS = /^@(yearly|annually|monthly|weekly|daily|hourly|midnight)$/i;

/** What is wrong with a cron expression, or null when it is valid. */
export function cronProblem(text: string): string | null {
  const fields = text.trim().split(/\s+/).length;
  if (!MACROS.test(text.trim()) && fields !== 5 && fields !== 6)
    return `"${text}" is not a cron expression (5 or 6 fields)`;
  try {
    CronExpressionParser.parse(text.trim(), { currentDate: new Date(0), tz: BUSINESS_TIME_ZONE });
    return null;
  } catch (error) {
    return `"${text}" is not a valid cron expression: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** The first occurrence strictly after `after` (ISO instant), or null when there is none or it is invalid. */
export function nextCronOccurrence(text: string, after: string): string | null {
  if (cronProblem(text)) return null;
  try {
    return CronExpressionParser.parse(text.trim(), { currentDate: new Date(after), tz: BUSINESS_TIME_ZONE })
      .next()
      .toDate()
      .toISOString();
  } catch {
    return null;
  }
}
