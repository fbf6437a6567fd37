import type { Rule } from './rule.js';
import { finding } from './rule.js';
import { nameZh } from './words.js';

/**
 * `not-executable`: a process marked isExecutable="false" is kept (for pools and interchange)
 * but can never be started; say so once, as a warning, so nobody expects it to run.
 */
export const notExecutable: Rule = (context) =>
  context.compilation.processes
    .filter(({ compiled }) => !compiled.isExecutable)
    .map(({ compiled }) =>
      finding('warning', 'not-executable', compiled.id, {
        zh: `流程${nameZh(compiled)}未标为可执行（isExecutable 不是 true）：会保留，但不能启动办件`,
        en: `process "${compiled.id}" is not executable (isExecutable is not "true"): it is kept but cannot be started`,
      }),
    );
