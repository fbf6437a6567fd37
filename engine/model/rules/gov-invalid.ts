import type { Finding } from '../types.js';
import type { ModdleElement, ModdleFlowElement } from '../moddle-types.js';
import type { Rule } from './rule.js';
import { executable, finding } from './rule.js';
import { isCountersignKind, isMaterialNecessity, isTimeLimitUnit, materialElements } from '../compile-gov.js';
import { govExtension, govExtensions } from '../extensions.js';

type Report = (severity: Finding['severity'], message: string) => void;

/**
 * `gov-invalid`: gov attributes the runtime and supervision rely on must make sense: time limits
 * positive with a known unit, a known countersign kind, a pass ratio in (0, 1] that 票签 needs,
 * materials with a name and known necessity and source, special procedures with a kind.
 */
export const govInvalid: Rule = (context) => {
  const findings: Finding[] = [];
  for (const { moddle, graph } of executable(context)) {
    const reportOn =
      (id: string | undefined): Report =>
      (severity, message) =>
        findings.push(finding(severity, 'gov-invalid', id ?? null, message));
    checkLimit(reportOn(moddle.id), 'promisedLimit', moddle.promisedLimit, moddle.promisedLimitUnit);
    checkExtensions(reportOn(moddle.id), moddle);
    for (const { id, element } of graph.nodes.values()) {
      const report = reportOn(id);
      checkLimit(report, 'timeLimit', element.timeLimit, element.timeLimitUnit);
      checkCountersign(report, element);
      checkExtensions(report, element);
    }
  }
  return findings;
};

function checkLimit(report: Report, name: string, amount: number | undefined, unit: string | undefined): void {
  if (amount === undefined && unit === undefined) return;
  if (amount === undefined) return report('error', `gov:${name}Unit is set but gov:${name} is missing`);
  if (!Number.isFinite(amount) || amount <= 0)
    report('error', `gov:${name} must be a positive number, not "${amount}"`);
  if (unit !== undefined && !isTimeLimitUnit(unit))
    report('error', `gov:${name}Unit "${unit}" is not one of 工作日, 自然日, 小时(工作日), 小时(自然日)`);
}

function checkCountersign(report: Report, element: ModdleFlowElement): void {
  const { countersign, passRatio } = element;
  if (countersign !== undefined && !isCountersignKind(countersign)) {
    report('error', `gov:countersign "${countersign}" is not one of 会签, 或签, 票签`);
  }
  if (passRatio !== undefined && (!Number.isFinite(passRatio) || passRatio <= 0 || passRatio > 1)) {
    report('error', `gov:passRatio must be in (0, 1], not "${passRatio}"`);
  }
  if (countersign === '票签' && passRatio === undefined)
    report('error', '票签 needs gov:passRatio (the share of approvals that passes)');
  if (passRatio !== undefined && countersign !== '票签')
    report('warning', 'gov:passRatio only applies to 票签 and is ignored here');
  if (countersign !== undefined && element.loopCharacteristics?.$type !== 'bpmn:MultiInstanceLoopCharacteristics') {
    report(
      'warning',
      'gov:countersign applies to a multi-instance activity; this one has no multiInstanceLoopCharacteristics',
    );
  }
}

function checkExtensions(report: Report, element: ModdleElement): void {
  for (const material of materialElements(element)) {
    const label = material.name ?? material.id ?? '?';
    if (!material.name?.trim()) report('error', 'a gov:material has no name');
    if (material.necessity !== undefined && !isMaterialNecessity(material.necessity)) {
      report(
        'error',
        `material "${label}": necessity "${material.necessity}" is not one of required, tolerated, optional`,
      );
    }
    if (material.source !== undefined && material.source !== 'applicant' && material.source !== 'shared') {
      report('error', `material "${label}": source "${material.source}" is not applicant or shared`);
    }
  }
  for (const block of govExtensions<ModdleElement & { procedures?: readonly (ModdleElement & { kind?: string })[] }>(
    element,
    'gov:SpecialProcedures',
  )) {
    for (const procedure of block.procedures ?? [])
      if (!procedure.kind?.trim()) report('error', 'a gov:specialProcedure has no kind');
  }
  const task = govExtension<ModdleElement & { retries?: number; type?: string }>(element, 'gov:TaskDefinition');
  if (task?.retries !== undefined && !(Number.isInteger(task.retries) && task.retries >= 0)) {
    report('error', `gov:taskDefinition retries must be a whole number ≥ 0, not "${task.retries}"`);
  }
}
