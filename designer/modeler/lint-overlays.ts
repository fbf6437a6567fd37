/**
 * The lint markers on the canvas (bpmn-js-bpmnlint's overlays) in Chinese: each entry names its
 * rule by its Chinese title (ruleTitleZh) instead of the rule's id and its English
 * documentation link. bpmn-js-bpmnlint 0.24 offers no hook for an entry's content, so this
 * module rewrites each entry right after `Linting#_addEntry` draws it.
 */
import { ruleTitleZh } from '../../engine/lint/index.js';

interface LintEntry {
  readonly rule: string;
}

type AddEntry = (list: HTMLElement, state: string, entry: LintEntry) => void;

class LintOverlaysInChinese {
  static $inject = ['linting'];

  constructor(linting: { _addEntry: AddEntry }) {
    const addEntry = linting._addEntry.bind(linting);
    linting._addEntry = (list, state, entry) => {
      addEntry(list, state, entry);
      const rule = list.lastElementChild?.querySelector('.rule');
      if (rule) rule.textContent = `（${ruleTitleZh(entry.rule)}）`;
    };
  }
}

/** The bpmn-js additional module (after bpmn-js-bpmnlint's). */
export const lintOverlaysModule = {
  __init__: ['lintOverlaysInChinese'],
  lintOverlaysInChinese: ['type', LintOverlaysInChinese],
};
