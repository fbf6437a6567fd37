import type { Finding } from '../types.js';
import type { Rule } from './rule.js';
import { executable, finding } from './rule.js';

/**
 * `called-process-missing`: a call activity must call an executable process of the same file or
 * one the caller says is already deployed (`knownProcessIds`); otherwise it would fail at run time.
 */
export const calledProcessMissing: Rule = (context) => {
  const findings: Finding[] = [];
  const inFile = context.compilation.definition.processes;
  for (const { compiled } of executable(context)) {
    for (const node of compiled.elements.values()) {
      if (node.kind !== 'callActivity') continue;
      const called = node.calledElement;
      if (called === '') {
        findings.push(
          finding('error', 'called-process-missing', node.id, 'call activity names no process to call (calledElement)'),
        );
      } else if (called.startsWith('=')) {
        continue; // decided at run time; feel-syntax checks the expression
      } else if (inFile.get(called)?.isExecutable === false && !context.knownProcessIds.has(called)) {
        findings.push(
          finding(
            'error',
            'called-process-missing',
            node.id,
            `called process "${called}" is in this file but not executable`,
          ),
        );
      } else if (!inFile.has(called) && !context.knownProcessIds.has(called)) {
        findings.push(
          finding(
            'error',
            'called-process-missing',
            node.id,
            `called process "${called}" is neither in this file nor deployed`,
          ),
        );
      }
    }
  }
  return findings;
};
