import type { Finding } from '../types.js';
import type { Rule } from './rule.js';
import { executable, finding } from './rule.js';
import { nameEn, nameZh } from './words.js';

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
      const activity = { zh: `调用活动${nameZh(node)}`, en: `call activity ${nameEn(node)}` };
      if (called === '') {
        findings.push(
          finding('error', 'called-process-missing', node.id, {
            zh: `${activity.zh}没有指定要调用的流程（calledElement）`,
            en: `${activity.en} names no process to call (calledElement)`,
          }),
        );
      } else if (called.startsWith('=')) {
        continue; // decided at run time; feel-syntax checks the expression
      } else if (inFile.get(called)?.isExecutable === false && !context.knownProcessIds.has(called)) {
        findings.push(
          finding('error', 'called-process-missing', node.id, {
            zh: `${activity.zh}调用的流程“${called}”在本文件中，但不是可执行流程`,
            en: `${activity.en} calls process "${called}", which is in this file but not executable`,
          }),
        );
      } else if (!inFile.has(called) && !context.knownProcessIds.has(called)) {
        findings.push(
          finding('error', 'called-process-missing', node.id, {
            zh: `${activity.zh}调用的流程“${called}”既不在本文件中，也尚未发布：请先发布该流程，或把它放进同一文件`,
            en: `${activity.en} calls process "${called}", which is neither in this file nor deployed`,
          }),
        );
      }
    }
  }
  return findings;
};
