import type { BilingualText, Finding } from '../types.js';
import type { ModdleElement, ModdleFlowElement } from '../moddle-types.js';
import type { Rule } from './rule.js';
import { executable, finding } from './rule.js';
import { isCountersignKind, isMaterialNecessity, isTimeLimitUnit, materialElements } from '../compile-gov.js';
import { govExtension, govExtensions } from '../extensions.js';
import { describeElement } from './words.js';

/** Reports a problem of one element; `zh` and `en` follow the element's name (“审查”的…). */
type Report = (severity: Finding['severity'], message: BilingualText) => void;

/** The gov time limits, as the properties panel labels them. */
const LIMIT_LABELS: Readonly<Record<'promisedLimit' | 'timeLimit', string>> = {
  promisedLimit: '承诺时限',
  timeLimit: '办理时限',
};

const UNITS = '工作日、自然日、小时(工作日)、小时(自然日)';

/**
 * `gov-invalid`: gov attributes the runtime and supervision rely on must make sense: time limits
 * positive with a known unit, a known countersign kind, a pass ratio in (0, 1] that 票签 needs,
 * materials with a name and known necessity and source, special procedures with a kind. The
 * messages use the properties panel's words (办理时限, 会签方式 …) and name the element.
 */
export const govInvalid: Rule = (context) => {
  const findings: Finding[] = [];
  for (const { moddle, graph } of executable(context)) {
    const reportOn =
      (element: ModdleElement): Report =>
      (severity, message) => {
        const subject = describeElement(element);
        findings.push(
          finding(severity, 'gov-invalid', element.id ?? null, {
            zh: `${subject.zh}的${message.zh}`,
            en: `${subject.en}: ${message.en}`,
          }),
        );
      };
    checkLimit(reportOn(moddle), 'promisedLimit', moddle.promisedLimit, moddle.promisedLimitUnit);
    checkExtensions(reportOn(moddle), moddle);
    for (const { element } of graph.nodes.values()) {
      const report = reportOn(element);
      checkLimit(report, 'timeLimit', element.timeLimit, element.timeLimitUnit);
      checkCountersign(report, element);
      checkExtensions(report, element);
    }
  }
  return findings;
};

function checkLimit(
  report: Report,
  name: 'promisedLimit' | 'timeLimit',
  amount: number | undefined,
  unit: string | undefined,
): void {
  const label = LIMIT_LABELS[name];
  if (amount === undefined && unit === undefined) return;
  if (amount === undefined)
    return report('error', {
      zh: `${label}单位已设置，但没有填写${label}`,
      en: `gov:${name}Unit is set but gov:${name} is missing`,
    });
  if (!Number.isFinite(amount) || amount <= 0)
    report('error', {
      zh: `${label}须为正数，而不是“${amount}”`,
      en: `gov:${name} must be a positive number, not "${amount}"`,
    });
  if (unit !== undefined && !isTimeLimitUnit(unit))
    report('error', {
      zh: `${label}单位“${unit}”不是${UNITS}之一`,
      en: `gov:${name}Unit "${unit}" is not one of 工作日, 自然日, 小时(工作日), 小时(自然日)`,
    });
}

function checkCountersign(report: Report, element: ModdleFlowElement): void {
  const { countersign, passRatio } = element;
  if (countersign !== undefined && !isCountersignKind(countersign)) {
    report('error', {
      zh: `会签方式“${countersign}”不是会签、或签、票签之一`,
      en: `gov:countersign "${countersign}" is not one of 会签, 或签, 票签`,
    });
  }
  if (passRatio !== undefined && (!Number.isFinite(passRatio) || passRatio <= 0 || passRatio > 1)) {
    report('error', {
      zh: `通过比例须大于 0 且不超过 1，而不是“${passRatio}”`,
      en: `gov:passRatio must be in (0, 1], not "${passRatio}"`,
    });
  }
  if (countersign === '票签' && passRatio === undefined)
    report('error', {
      zh: '票签须填写通过比例（同意票所占的比例）',
      en: '票签 needs gov:passRatio (the share of approvals that passes)',
    });
  if (passRatio !== undefined && countersign !== '票签')
    report('warning', {
      zh: '通过比例只用于票签，这里不起作用',
      en: 'gov:passRatio only applies to 票签 and is ignored here',
    });
  if (countersign !== undefined && element.loopCharacteristics?.$type !== 'bpmn:MultiInstanceLoopCharacteristics') {
    report('warning', {
      zh: '会签方式只用于多实例环节，这个环节不是多实例',
      en: 'gov:countersign applies to a multi-instance activity; this one has no multiInstanceLoopCharacteristics',
    });
  }
}

function checkExtensions(report: Report, element: ModdleElement): void {
  for (const material of materialElements(element)) {
    const label = material.name ?? material.id ?? '?';
    if (!material.name?.trim()) report('error', { zh: '一份申请材料没有名称', en: 'a gov:material has no name' });
    if (material.necessity !== undefined && !isMaterialNecessity(material.necessity)) {
      report('error', {
        zh: `申请材料“${label}”的必要性“${material.necessity}”不是 required（必须）、tolerated（可容缺）、optional（选交）之一`,
        en: `material "${label}": necessity "${material.necessity}" is not one of required, tolerated, optional`,
      });
    }
    if (material.source !== undefined && material.source !== 'applicant' && material.source !== 'shared') {
      report('error', {
        zh: `申请材料“${label}”的来源“${material.source}”不是 applicant（申请人提交）或 shared（共享获取）`,
        en: `material "${label}": source "${material.source}" is not applicant or shared`,
      });
    }
  }
  for (const block of govExtensions<ModdleElement & { procedures?: readonly (ModdleElement & { kind?: string })[] }>(
    element,
    'gov:SpecialProcedures',
  )) {
    for (const procedure of block.procedures ?? [])
      if (!procedure.kind?.trim())
        report('error', { zh: '一项特别程序没有种类', en: 'a gov:specialProcedure has no kind' });
  }
  const task = govExtension<ModdleElement & { retries?: number; type?: string }>(element, 'gov:TaskDefinition');
  if (task?.retries !== undefined && !(Number.isInteger(task.retries) && task.retries >= 0)) {
    report('error', {
      zh: `处理程序的重试次数须为不小于 0 的整数，而不是“${task.retries}”`,
      en: `gov:taskDefinition retries must be a whole number ≥ 0, not "${task.retries}"`,
    });
  }
}
