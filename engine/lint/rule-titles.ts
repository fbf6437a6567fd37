import { LINT_MESSAGES_ZH } from './messages-zh.js';

/**
 * What each rule checks, in Chinese, by its name: the lint's (bpmnlint's recommended rules and
 * our `matterflow/…`) and the model's deploy rules (engine/model/validate.ts, the XML reader).
 * The modeler shows these where a rule's id would otherwise appear (tooltips of the 检查结果).
 */
const TITLES: Readonly<Record<string, string>> = {
  'matterflow/user-task-department': '用户任务须设置承办部门',
  'matterflow/user-task-time-limit': '用户任务须设置办理时限',
  'matterflow/parallel-join': '并行分支须在同一并行网关汇合',
  'matterflow/gateway-condition': '分支网关的出口须有条件或为默认流',
  'matterflow/tolerance-deadline': '容缺受理须限定补交期限',
  'matterflow/time-limit-sum': '环节时限之和不超过承诺时限',
  'matterflow/condition-feel': '条件须为有效的 FEEL 表达式',
  'matterflow/case-type': '办件类型须有效',
  'unsupported-element': '引擎不支持的元素',
  'not-executable': '不可执行的流程',
  'model-too-large': '模型过大',
  'no-start-event': '缺少开始事件',
  'element-without-flow': '元素缺少顺序流',
  'gateway-no-outgoing': '网关缺少出口',
  'exclusive-gateway-no-condition': '分支网关的出口缺少条件',
  'unreachable-element': '无法到达的元素',
  'feel-syntax': 'FEEL 表达式语法',
  'called-process-missing': '被调用的流程不存在',
  'job-type-missing': '缺少处理程序类型',
  'timer-invalid': '定时器无效',
  'gov-invalid': '政务属性无效',
  'duplicate-id': 'id 重复',
  'unresolved-reference': '引用找不到元素',
  'xml-unknown-element': '未知元素',
  'xml-warning': 'XML 提示',
  'xml-malformed': 'XML 格式错误',
  'xml-not-bpmn': '不是 BPMN 文件',
  'xml-doctype': '不接受 DOCTYPE',
  'xml-too-deep': 'XML 嵌套过深',
  'xml-too-large': '文件过大',
  'xml-too-many-elements': 'XML 元素过多',
  'xml-encoding': '不支持的编码',
  'timer-start-unplannable': '定时开始无法排期',
  'internal-error': '检查程序出错',
};

/** The Chinese title of a rule (`matterflow/user-task-department` → 用户任务须设置承办部门); 检查规则 for one unknown. */
export function ruleTitleZh(rule: string): string {
  return TITLES[rule] ?? LINT_MESSAGES_ZH[rule] ?? '检查规则';
}

/**
 * The English of our own rules' findings (they report in Chinese, naming the element): what the
 * rule requires, kept in `message.en` for logs and tools.
 */
export const MATTERFLOW_RULES_EN: Readonly<Record<string, string>> = {
  'matterflow/user-task-department': 'user task has no department (gov:department)',
  'matterflow/user-task-time-limit': 'user task has no valid time limit (gov:timeLimit and gov:timeLimitUnit)',
  'matterflow/parallel-join': 'the branches of this parallel split do not all reach one joining parallel gateway',
  'matterflow/gateway-condition': 'an outgoing flow of this splitting gateway has no condition and is not the default',
  'matterflow/tolerance-deadline': 'a 容缺 path has no timer bounding the wait for the missing materials',
  'matterflow/time-limit-sum': 'the step limits from 受理 to the decision exceed the promised limit',
  'matterflow/condition-feel': 'the condition is not a valid FEEL expression',
  'matterflow/case-type': 'gov:caseType is not 1, 2 or 9, or a 即办件 (1) has a promised limit',
};
