/**
 * Chinese texts of bpmnlint's recommended rules, by rule name: the modeler's issues panel, the
 * deploy findings and `matterflow lint` show these instead of bpmnlint's English. One text per
 * rule; where a rule has several messages, `zhMessage` picks the matching variant.
 */
export const LINT_MESSAGES_ZH: Readonly<Record<string, string>> = {
  'ad-hoc-sub-process': '自由子流程中不允许有开始事件或结束事件',
  'conditional-flows': '顺序流缺少条件（条件分支的出口须有条件或为默认流）',
  'end-event-required': '流程缺少结束事件',
  'event-based-gateway': '事件网关须至少有 2 条出口顺序流，且出口不能带条件',
  'event-sub-process-typed-start-event': '事件子流程的开始事件缺少事件定义',
  'fake-join': '多条流入未经网关汇合（请用网关汇合）',
  global: '全局元素缺少名称、未被使用或名称重复',
  'label-required': '元素缺少名称',
  'link-event': '链接事件缺少链接名称，或找不到同名的对应链接事件',
  'no-bpmndi': '元素缺少图形信息（BPMNDI）',
  'no-complex-gateway': '不建议使用复杂网关',
  'no-disconnected': '元素没有与流程连接',
  'no-duplicate-sequence-flows': '存在重复的顺序流',
  'no-gateway-join-fork': '网关同时汇合和分支（请拆成两个网关）',
  'no-implicit-split': '流程隐式分支（请用网关分支）',
  'no-implicit-end': '元素是隐式结束（请连接到结束事件）',
  'no-implicit-start': '元素是隐式开始（请从开始事件连接）',
  'no-inclusive-gateway': '不建议使用包容网关',
  'no-overlapping-elements': '元素与其他元素重叠，或超出父元素边界',
  'single-blank-start-event': '流程有多个空白开始事件',
  'single-event-definition': '事件有多个事件定义',
  'start-event-required': '流程缺少开始事件',
  'sub-process-blank-start-event': '子流程的开始事件必须是空白开始事件',
  'superfluous-gateway': '网关多余：只有一个来源和一个去向',
  'superfluous-label': '顺序流的名称多余（无条件的顺序流不需要名称）',
  'superfluous-termination': '终止结束事件多余',
};

/** Variants of rules with several English messages, by the English text's start. */
const VARIANTS: Readonly<Record<string, readonly (readonly [RegExp, string])[]>> = {
  global: [
    [/^Element is missing name/, '全局元素缺少名称'],
    [/^Element is unused/, '全局元素未被使用'],
    [/^Element name is not unique/, '全局元素名称重复'],
  ],
  'no-duplicate-sequence-flows': [
    [/^SequenceFlow is a duplicate/, '顺序流重复'],
    [/^Duplicate outgoing/, '有重复的出口顺序流'],
    [/^Duplicate incoming/, '有重复的入口顺序流'],
  ],
  'no-overlapping-elements': [
    [/overlaps/, '元素与其他元素重叠'],
    [/outside of parent/, '元素超出父元素边界'],
  ],
  'link-event': [
    [/missing link name/, '链接事件缺少链接名称'],
    [/^Duplicate link catch/, '同一范围内有重名的链接捕获事件'],
    [/missing in scope/, '同一范围内找不到同名的对应链接事件'],
  ],
  'event-based-gateway': [
    [/at least 2 outgoing/, '事件网关须至少有 2 条出口顺序流'],
    [/must not be conditional/, '事件网关的出口顺序流不能带条件'],
  ],
  'ad-hoc-sub-process': [
    [/Start Event/, '自由子流程中不允许有开始事件'],
    [/End Event/, '自由子流程中不允许有结束事件'],
  ],
};

/**
 * The Chinese text of a bpmnlint message: our own rules already report in Chinese; a recommended
 * rule's English message becomes its entry in LINT_MESSAGES_ZH (the closest variant where the
 * rule has several); anything unknown stays as it is.
 */
export function zhMessage(rule: string, message: string): string {
  const variant = VARIANTS[rule]?.find(([pattern]) => pattern.test(message));
  return variant?.[1] ?? LINT_MESSAGES_ZH[rule] ?? message;
}
