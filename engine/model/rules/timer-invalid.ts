import type { Finding } from '../types.js';
import type { ModdleEventDefinition } from '../moddle-types.js';
import type { Rule } from './rule.js';
import { executable, finding } from './rule.js';
import { cycleProblem, dateProblem, durationProblem } from '../timer-syntax.js';
import { isTimeLimitUnit } from '../compile-gov.js';

/**
 * `timer-invalid`: a timer must say when it fires, in a form the engine understands: an ISO 8601
 * duration, date or repeating interval, a cron cycle, FEEL (syntax only), or a gov limit with a
 * positive amount and a known unit.
 */
export const timerInvalid: Rule = (context) => {
  const findings: Finding[] = [];
  for (const { graph } of executable(context)) {
    for (const { id, element } of graph.nodes.values()) {
      for (const definition of element.eventDefinitions ?? []) {
        if (definition.$type !== 'bpmn:TimerEventDefinition') continue;
        const problem = timerProblem(definition);
        if (problem) findings.push(finding('error', 'timer-invalid', id, problem));
      }
    }
  }
  return findings;
};

function timerProblem(timer: ModdleEventDefinition): string | null {
  if (timer.limit !== undefined || timer.limitUnit !== undefined) return limitProblem(timer.limit, timer.limitUnit);
  const duration = timer.timeDuration?.body;
  const date = timer.timeDate?.body;
  const cycle = timer.timeCycle?.body;
  if (duration !== undefined) return durationProblem(duration);
  if (date !== undefined) return dateProblem(date);
  if (cycle !== undefined) return cycleProblem(cycle);
  return 'timer has no timeDuration, timeDate, timeCycle or gov:limit';
}

function limitProblem(amount: number | undefined, unit: string | undefined): string | null {
  if (typeof amount !== 'number' || !Number.isFinite(amount) || amount <= 0)
    return `gov:limit must be a positive number of days or hours, not "${String(amount)}"`;
  if (unit !== undefined && !isTimeLimitUnit(unit))
    return `gov:limitUnit "${unit}" is not one of 工作日, 自然日, 小时(工作日), 小时(自然日)`;
  return null;
}
