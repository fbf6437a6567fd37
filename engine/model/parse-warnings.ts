import type { ModdleWarning } from 'bpmn-moddle';
import type { BilingualText, Finding } from './types.js';
import type { ModdleElement } from './moddle-types.js';
import { positionInMessage } from './xml-position.js';

interface WarningRule {
  readonly pattern: RegExp;
  readonly rule: string | null;
  readonly severity: Finding['severity'];
  readonly describe: (match: RegExpExecArray) => BilingualText;
}

/**
 * How bpmn-moddle's import warnings become findings, first match wins. Anything moddle had to
 * drop that belongs to us (a gov element or attribute it does not know, a duplicate id) is an
 * error: deploying would silently lose it. `rule: null` drops the warning.
 */
const RULES: readonly WarningRule[] = [
  // Files are decoded before parsing (read-file.ts), so the declared encoding no longer matters.
  { pattern: /unsupported document encoding/, rule: null, severity: 'warning', describe: () => ({ zh: '', en: '' }) },
  {
    pattern: /duplicate ID <([^>]*)>/,
    rule: 'duplicate-id',
    severity: 'error',
    describe: (m) => ({
      zh: `id“${m[1]}”用了两次，第二个元素被丢弃`,
      en: `id "${m[1]}" is used twice; the second element was dropped`,
    }),
  },
  {
    pattern: /unknown type <(gov:[^>]*)>/,
    rule: 'gov-invalid',
    severity: 'error',
    describe: (m) => ({ zh: `未知的 gov 元素 <${m[1]}>`, en: `unknown gov element <${m[1]}>` }),
  },
  {
    pattern: /unknown attribute <(gov:[^>]*)>/,
    rule: 'gov-invalid',
    severity: 'error',
    describe: (m) => ({ zh: `未知的 gov 属性 ${m[1]}`, en: `unknown gov attribute ${m[1]}` }),
  },
  {
    pattern: /unresolved reference <([^>]*)>/,
    rule: 'unresolved-reference',
    severity: 'warning',
    describe: (m) => ({
      zh: `引用的“${m[1]}”找不到对应元素`,
      en: `reference to "${m[1]}" does not resolve to any element`,
    }),
  },
  {
    pattern: /unknown type <([^>]*)>/,
    rule: 'xml-unknown-element',
    severity: 'warning',
    describe: (m) => ({ zh: `未知元素 <${m[1]}> 已跳过`, en: `unknown element <${m[1]}> was skipped` }),
  },
];

/** Turns bpmn-moddle import warnings into findings (with positions where moddle gives them). */
export function warningFindings(warnings: readonly ModdleWarning[]): Finding[] {
  const findings: Finding[] = [];
  for (const warning of warnings) {
    const finding = classify(warning);
    if (finding) findings.push(finding);
  }
  return findings;
}

function classify(warning: ModdleWarning): Finding | null {
  const position = positionInMessage(warning.message);
  const elementId = elementIdOf(warning);
  for (const candidate of RULES) {
    const match = candidate.pattern.exec(warning.message);
    if (!match) continue;
    if (candidate.rule === null) return null;
    const id = candidate.rule === 'duplicate-id' ? (match[1] ?? null) : elementId;
    return {
      severity: candidate.severity,
      rule: candidate.rule,
      elementId: id,
      message: candidate.describe(match),
      ...position,
    };
  }
  const firstLine = warning.message.split('\n')[0] ?? warning.message;
  return {
    severity: 'warning',
    rule: 'xml-warning',
    elementId,
    message: { zh: `读取 XML 时的提示：${firstLine}`, en: firstLine },
    ...position,
  };
}

function elementIdOf(warning: ModdleWarning): string | null {
  const element = warning.element as ModdleElement | undefined;
  return typeof element?.id === 'string' ? element.id : null;
}
