import type { LintReporter, LintRule } from 'bpmnlint';
import { is } from 'bpmnlint-utils';
import { asNode, inMatter, label } from '../moddle-node.js';

/**
 * `matterflow/user-task-department`: in a matter, every user task names the department that
 * handles it (`gov:department`): worklists, 电子监察 signals and statistics are by department.
 */
export default function userTaskDepartment(): LintRule {
  return {
    check(element: unknown, reporter: LintReporter) {
      const node = asNode(element);
      if (!node || !is(node, 'bpmn:UserTask') || !inMatter(node)) return;
      if (!node.department?.trim())
        reporter.report(node.id ?? '', `用户任务${label(node)}未设置承办部门`, ['department']);
    },
  };
}
