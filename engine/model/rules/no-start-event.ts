import type { Finding } from '../types.js';
import type { Rule } from './rule.js';
import { executable, finding } from './rule.js';
import { nameEn, nameZh } from './words.js';

/**
 * `no-start-event`: an executable process needs a none start event or an event start; an
 * embedded sub-process needs a none start event; an event sub-process needs its one start event.
 */
export const noStartEvent: Rule = (context) => {
  const findings: Finding[] = [];
  for (const { compiled } of executable(context)) {
    if (compiled.noneStart === null && compiled.eventStarts.length === 0) {
      findings.push(
        finding('error', 'no-start-event', compiled.id, {
          zh: `流程${nameZh(compiled)}没有开始事件`,
          en: `process "${compiled.id}" has no start event`,
        }),
      );
    }
    for (const node of compiled.elements.values()) {
      if (node.kind === 'subProcess' && node.noneStart === null) {
        findings.push(
          finding('error', 'no-start-event', node.id, {
            zh: `子流程${nameZh(node)}没有空白开始事件（子流程只能从空白开始事件开始）`,
            en: `sub-process ${nameEn(node)} has no none start event`,
          }),
        );
      } else if (node.kind === 'eventSubProcess' && node.start === '') {
        findings.push(
          finding('error', 'no-start-event', node.id, {
            zh: `事件子流程${nameZh(node)}没有开始事件`,
            en: `event sub-process ${nameEn(node)} has no start event`,
          }),
        );
      } else if (node.kind === 'eventSubProcess') {
        const starts = node.children.filter((id) => compiled.elements.get(id)?.kind === 'startEvent');
        if (starts.length > 1)
          findings.push(
            finding('error', 'no-start-event', node.id, {
              zh: `事件子流程${nameZh(node)}只能有一个开始事件，这里有 ${starts.length} 个`,
              en: `event sub-process ${nameEn(node)} must have exactly one start event`,
            }),
          );
      }
    }
  }
  return findings;
};
