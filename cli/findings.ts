/** How `validate` and `deploy` print the model's findings: the same line for people, JSON for tools. */
import type { Finding } from '../engine/model/index.js';

/** FILE: ELEMENT_ID: RULE: [warning: ]message in Chinese (line L, column C) */
export function findingLine(file: string, found: Finding): string {
  const position = found.line !== undefined ? ` (line ${found.line}, column ${found.column ?? 1})` : '';
  const severity = found.severity === 'warning' ? 'warning: ' : '';
  return `${file}: ${found.elementId ?? '-'}: ${found.rule}: ${severity}${found.message.zh}${position}`;
}

/** {file, elementId, rule, severity, message (Chinese), line, column} on one line. */
export function findingJson(file: string, found: Finding): string {
  return JSON.stringify({
    file,
    elementId: found.elementId,
    rule: found.rule,
    severity: found.severity,
    message: found.message.zh,
    line: found.line ?? null,
    column: found.column ?? null,
  });
}
