import type { BilingualText, Finding } from '../types.js';
import type { ModdleEventDefinition } from '../moddle-types.js';
import type { Rule } from './rule.js';
import { executable, finding } from './rule.js';
import { cycleProblem, dateProblem, durationProblem } from '../timer-syntax.js';
import { isTimeLimitUnit } from '../compile-gov.js';
import { describeElement } from './words.js';

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
        if (!problem) continue;
        const subject = describeElement(element);
        findings.push(
          finding('error', 'timer-invalid', id, {
            zh: `${subject.zh}的定时器：${problem.zh}`,
            en: `timer of ${subject.en}: ${problem.en}`,
          }),
        );
      }
    }
  }
  return findings;
};

function timerProblem(timer: ModdleEventDefinition): BilingualText | null {
  if (timer.limit !== undefined || timer.limitUnit !== undefined) return limitProblem(timer.limit, timer.limitUnit);
  const duration = timer.timeDuration?.body;
  const date = timer.timeDate?.body;
  const cycle = timer.timeCycle?.body;
  if (duration !== undefined) return durationProblem(duration);
  if (date !== undefined) return dateProblem(date);
  if (cycle !== undefined) return cycleProblem(cycle);
  return {
    zh: '没有设置时间（时长、日期、周期或办理时限）',
    en: 'timer has no timeDuration, timeDate, timeCycle or gov:limit',
  };
}

function limitProblem(amount: number | undefined, unit: string | undefined): BilingualText | null {
  if (typeof amount !== 'number' || !Number.isFinite(amount) || amount <= 0)
    return {
      zh: `时限须为正数（天数或小时数），而不是“${String(amount)}”`,
      en: `gov:limit must be a positive number of days or hours, not "${String(amount)}"`,
    };
  if (unit !== undefined && !isTimeLimitUnit(unit))
    return {
      zh: `时限单位“${unit}”不是工作日、自然日、小时(工作日)、小时(自然日)之一`,
      en: `gov:limitUnit "${unit}" is not one of 工作日, 自然日, 小时(工作日), 小时(自然日)`,
    };
  return null;
}
