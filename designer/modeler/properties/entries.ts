/**
 * The entries of the gov properties panel: preact components (from the panel's own copy of
 * preact) wrapping the properties-panel's entry components. Each reads the business object and
 * writes through the command stack (one multi-command per edit, so one undo step per edit).
 */
import { h } from '@bpmn-io/properties-panel/preact';
import { useEffect, useState } from '@bpmn-io/properties-panel/preact/hooks';
import { CheckboxEntry, FeelEntry, NumberFieldEntry, SelectEntry, TextFieldEntry } from '@bpmn-io/properties-panel';
import type { DebounceInput, FeelType, Translate } from '@bpmn-io/properties-panel';
import { useService } from 'bpmn-js-properties-panel';
import { lintExpression } from '@bpmn-io/feel-lint';
import type CommandStack from 'diagram-js/lib/command/CommandStack';
import type EventBus from 'diagram-js/lib/core/EventBus';
import type { Element } from 'bpmn-js/lib/model/Types';
import type { GovDepartments } from './departments.js';
import {
  COUNTERSIGN_KINDS,
  COUNTERSIGN_LABELS,
  MATERIAL_NECESSITIES,
  MATERIAL_SOURCES,
  MULTI_COMMAND,
  NECESSITY_LABELS,
  NOT_IN_REGISTER,
  SOURCE_LABELS,
  SPECIAL_PROCEDURES,
  TIME_LIMIT_UNITS,
  TIME_LIMIT_UNIT_LABELS,
  countersignCommands,
  departmentOptions,
  expressionCommands,
  limitCommands,
  optionsWith,
  processOf,
  setAttributes,
  updateItemCommands,
  validateLimit,
  validatePassRatio,
} from './model.js';
import type { Command, ElementFactory, ModdleElement } from './model.js';

// ---------------------------------------------------------------------------------------------
// Shared helpers

/** Chinese for the properties-panel's own strings (buttons, list badges, FEEL errors). */
export const PANEL_ZH: Readonly<Record<string, string>> = {
  '<empty>': '（未命名）',
  Create: '新增',
  'Create new list item': '新增一项',
  'Delete item': '删除此项',
  'Toggle list item': '展开 / 收起',
  'Toggle section': '展开 / 收起',
  'Section contains an error': '此部分有错误',
  'Section contains edits': '此部分已填写',
  'List contains {numOfItems} item': '共 {numOfItems} 项',
  'List contains {numOfItems} items': '共 {numOfItems} 项',
  'Unparsable FEEL expression.': 'FEEL 表达式语法错误，无法解析',
  'FEEL expression is mandatory': '此处须填写 FEEL 表达式',
  'Open pop-up editor': '在弹出窗口中编辑',
  'Opened in editor': '已在弹出窗口中打开',
};

/** Our strings first, then the modeler's translate (bpmn-js-i18n-zh and its own dictionary). */
export function panelTranslate(base: Translate | undefined): Translate {
  return (template, replacements) => {
    const own = PANEL_ZH[template];
    if (own === undefined) return base ? base(template, replacements) : fill(template, replacements);
    return fill(own, replacements);
  };
}

function fill(template: string, replacements: Record<string, string | number> = {}): string {
  return template.replace(/{([^}]+)}/g, (match, key: string) =>
    key in replacements ? String(replacements[key]) : match,
  );
}

function useRun(): (commands: readonly Command<Element>[]) => void {
  const commandStack = useService<CommandStack>('commandStack');
  return (commands) => {
    if (commands.length > 0) commandStack.execute(MULTI_COMMAND, commands as unknown as Record<string, unknown>);
  };
}

function useTranslate(): Translate {
  return panelTranslate(useService<Translate>('translate', false));
}

function bo(element: Element): ModdleElement {
  return element.businessObject as ModdleElement;
}

/** Where an entry's attribute lives: on the element, on its process (participant), or its loop. */
export type Holder = 'self' | 'process' | 'loop';

function holderOf(element: Element, on: Holder): ModdleElement | null {
  const own = bo(element);
  if (on === 'self') return own;
  if (on === 'process') return processOf(own);
  return (own.get('loopCharacteristics') as ModdleElement | undefined) ?? null;
}

/** A FEEL diagnostic in Chinese from @bpmn-io/feel-lint (null when the expression parses). */
function feelDiagnostic(value: string | undefined, what: string): string | null {
  if (!value) return null;
  const source = value.startsWith('=') ? value.slice(1) : value;
  if (source.trim() === '') return null;
  const problem = lintExpression(source).find((report) => report.severity === 'error');
  if (!problem) return null;
  return `${what}有语法错误：第 ${problem.from + 1} 个字符附近无法解析（${problem.message}）`;
}

interface EntryProps {
  readonly element: Element;
  readonly id: string;
}

// ---------------------------------------------------------------------------------------------
// Attributes

export interface TextAttributeProps extends EntryProps {
  readonly property: string;
  readonly label: string;
  readonly on: Holder;
  readonly description?: string;
  readonly placeholder?: string;
}

/** A plain text attribute (事项编码, 输出元素变量名 …). */
export function TextAttribute({ element, id, property, label, on, description, placeholder }: TextAttributeProps) {
  const debounce = useService<DebounceInput>('debounceInput');
  const run = useRun();
  const target = holderOf(element, on);
  if (!target) return null;
  return h(TextFieldEntry, {
    element,
    id,
    label,
    debounce,
    ...(description ? { description } : {}),
    ...(placeholder ? { placeholder } : {}),
    getValue: () => (target.get(property) as string | undefined) ?? '',
    setValue: (value) =>
      run([setAttributes(element, bo(element), target, { [property]: value?.trim() ? value : undefined })]),
  });
}

export interface FlagAttributeProps extends EntryProps {
  readonly property: string;
  readonly label: string;
  readonly description?: string;
}

/** A yes/no attribute of the element (窗口环节): written only when set, removed when cleared. */
export function FlagAttribute({ element, id, property, label, description }: FlagAttributeProps) {
  const run = useRun();
  const own = bo(element);
  return h(CheckboxEntry, {
    element,
    id,
    label,
    ...(description ? { description } : {}),
    getValue: () => own.get(property) === true,
    setValue: (value) => run([setAttributes(element, own, own, { [property]: value ? true : undefined })]),
  });
}

export interface FeelAttributeProps extends TextAttributeProps {
  readonly feel: FeelType;
  /** Names the expression in the syntax-error message, e.g. 集合表达式. */
  readonly what: string;
}

/** A FEEL attribute (办理人, 候选岗位, 多实例集合 …), linted with @bpmn-io/feel-lint. */
export function FeelAttribute({ element, id, property, label, on, feel, what, description }: FeelAttributeProps) {
  const debounce = useService<DebounceInput>('debounceInput');
  const translate = useTranslate();
  const run = useRun();
  const target = holderOf(element, on);
  if (!target) return null;
  return h(FeelEntry, {
    element,
    id,
    label,
    feel,
    debounce,
    translate,
    ...(description ? { description } : {}),
    getValue: () => target.get(property) as string | undefined,
    setValue: (value) =>
      run([setAttributes(element, bo(element), target, { [property]: value === '' ? undefined : value })]),
    validate: (value) => (feel === 'required' || value?.startsWith('=') ? feelDiagnostic(value, what) : null),
  });
}

export interface ExpressionProps extends EntryProps {
  readonly property: 'conditionExpression' | 'completionCondition';
  readonly label: string;
  readonly on: Holder;
  readonly what: string;
  readonly description?: string;
}

/** A FEEL expression in a bpmn:FormalExpression (流转条件, 完成条件). */
export function ExpressionEntry({ element, id, property, label, on, what, description }: ExpressionProps) {
  const debounce = useService<DebounceInput>('debounceInput');
  const factory = useService<ElementFactory>('bpmnFactory');
  const translate = useTranslate();
  const run = useRun();
  const owner = holderOf(element, on);
  if (!owner) return null;
  return h(FeelEntry, {
    element,
    id,
    label,
    feel: 'required',
    debounce,
    translate,
    ...(description ? { description } : {}),
    getValue: () =>
      ((owner.get(property) as ModdleElement | undefined)?.get('body') as string | undefined) ?? undefined,
    setValue: (value) => run(expressionCommands(element, bo(element), owner, property, value, factory)),
    validate: (value) => feelDiagnostic(value, what),
  });
}

export interface LimitProps extends EntryProps {
  readonly amount: string;
  readonly unit: string;
  readonly label: string;
  readonly on: Holder;
}

/** A time limit's amount: empty or a positive number; refused values are not written. */
export function LimitAmount({ element, id, amount, unit, label, on }: LimitProps) {
  const debounce = useService<DebounceInput>('debounceInput');
  const run = useRun();
  const target = holderOf(element, on);
  if (!target) return null;
  return h(NumberFieldEntry, {
    element,
    id,
    label,
    debounce,
    step: 'any',
    getValue: () => target.get(amount) as number | undefined,
    validate: (value) => validateLimit(label, value),
    setValue: (value, error) => {
      if (error) return;
      run(limitCommands(element, bo(element), target, { amount, unit }, value));
    },
  });
}

/** A time limit's unit (工作日 / 自然日 / 小时 …); shows the default 工作日 when the file has none. */
export function LimitUnit({ element, id, amount, unit, label, on }: LimitProps) {
  const run = useRun();
  const target = holderOf(element, on);
  if (!target) return null;
  const current = target.get(unit) as string | undefined;
  return h(SelectEntry, {
    element,
    id,
    label,
    getValue: () => current ?? TIME_LIMIT_UNITS[0],
    getOptions: () => optionsWith(TIME_LIMIT_UNITS, TIME_LIMIT_UNIT_LABELS, current),
    setValue: (value) => run([setAttributes(element, bo(element), target, { [unit]: value || undefined })]),
    ...(target.get(amount) === undefined ? { description: '先填写时限，再选择单位' } : {}),
    disabled: target.get(amount) === undefined,
  });
}

export interface DepartmentProps extends EntryProps {
  readonly property: 'gov:department' | 'gov:leadDepartment';
  readonly label: string;
}

/** 承办部门 / 牵头部门: chosen from the server's department list, a value outside it kept and marked. */
export function DepartmentSelect({ element, id, property, label }: DepartmentProps) {
  const departments = useService<GovDepartments>('govDepartments');
  const eventBus = useService<EventBus>('eventBus');
  const run = useRun();
  const [, setVersion] = useState(0);
  useEffect(() => {
    const changed = () => setVersion((version) => version + 1);
    eventBus.on('govDepartments.changed', changed);
    return () => eventBus.off('govDepartments.changed', changed);
  }, [eventBus]);
  const target = bo(element);
  const current = target.get(property) as string | undefined;
  const list = departments.list();
  const failure = departments.error();
  const outside = Boolean(current && list && !list.includes(current));
  const description = failure ?? (outside ? `“${current}”${NOT_IN_REGISTER}，请核对或改选名录中的部门` : undefined);
  return h(SelectEntry, {
    element,
    id,
    label,
    ...(description ? { description } : {}),
    getValue: () => current ?? '',
    getOptions: () => departmentOptions(list, current, failure ?? undefined),
    setValue: (value) => run([setAttributes(element, target, target, { [property]: value || undefined })]),
  });
}

/** 办件类型 of the process (gov:caseType): 即办件, 承诺件 or 其他, as the matter file says. */
const CASE_TYPES = ['1', '2', '9'] as const;
const CASE_TYPE_LABELS: Readonly<Record<string, string>> = {
  '1': '即办件（当场办结，不计时限、不发预警）',
  '2': '承诺件',
  '9': '其他',
};

export function CaseTypeSelect({ element, id, on }: EntryProps & { readonly on: Holder }) {
  const run = useRun();
  const target = holderOf(element, on);
  if (!target) return null;
  const current = target.get('gov:caseType') as string | undefined;
  return h(SelectEntry, {
    element,
    id,
    label: '办件类型',
    description: '与事项文件的办件类型一致；即办件不要求环节时限',
    getValue: () => current ?? '',
    getOptions: () => optionsWith(CASE_TYPES, CASE_TYPE_LABELS, current, '未声明'),
    setValue: (value) => run([setAttributes(element, bo(element), target, { 'gov:caseType': value || undefined })]),
  });
}

/** 会签方式: none, 会签, 或签, 票签 (choosing one makes the activity multi-instance). */
export function CountersignSelect({ element, id }: EntryProps) {
  const factory = useService<ElementFactory>('bpmnFactory');
  const run = useRun();
  const target = bo(element);
  const current = target.get('gov:countersign') as string | undefined;
  return h(SelectEntry, {
    element,
    id,
    label: '会签方式',
    description: '选择会签方式后，该环节按多实例（多人）办理',
    getValue: () => current ?? '',
    getOptions: () => optionsWith(COUNTERSIGN_KINDS, COUNTERSIGN_LABELS, current, '无（单人办理）'),
    setValue: (value) => run(countersignCommands(element, target, value || undefined, factory)),
  });
}

/** 通过比例 for 票签: 0 < r ≤ 1. */
export function PassRatio({ element, id }: EntryProps) {
  const debounce = useService<DebounceInput>('debounceInput');
  const run = useRun();
  const target = bo(element);
  return h(NumberFieldEntry, {
    element,
    id,
    label: '通过比例',
    description: '同意票占比达到该比例即通过，如 0.6',
    debounce,
    step: 'any',
    getValue: () => target.get('gov:passRatio') as number | undefined,
    validate: validatePassRatio,
    setValue: (value, error) => {
      if (error) return;
      run([setAttributes(element, target, target, { 'gov:passRatio': value })]);
    },
  });
}

// ---------------------------------------------------------------------------------------------
// List items (材料, 特别程序)

export interface ItemProps extends EntryProps {
  readonly item: ModdleElement;
}

/** 材料名称 */
export function MaterialName({ element, id, item }: ItemProps) {
  const debounce = useService<DebounceInput>('debounceInput');
  const run = useRun();
  return h(TextFieldEntry, {
    element,
    id,
    label: '材料名称',
    debounce,
    getValue: () => (item.get('name') as string | undefined) ?? '',
    validate: (value) => (value?.trim() ? null : '请填写材料名称'),
    setValue: (value) => run(updateItemCommands(element, item, { name: value?.trim() ? value : undefined })),
  });
}

/** 必要 / 容缺 / 非必要 */
export function MaterialNecessity({ element, id, item }: ItemProps) {
  const run = useRun();
  const current = item.get('necessity') as string | undefined;
  return h(SelectEntry, {
    element,
    id,
    label: '材料性质',
    description: '容缺：可先受理，后补交',
    getValue: () => current ?? 'required',
    getOptions: () => optionsWith(MATERIAL_NECESSITIES, NECESSITY_LABELS, current),
    setValue: (value) => run(updateItemCommands(element, item, { necessity: value })),
  });
}

/** 申请人提交 / 共享获取 */
export function MaterialSource({ element, id, item }: ItemProps) {
  const run = useRun();
  const current = item.get('source') as string | undefined;
  return h(SelectEntry, {
    element,
    id,
    label: '材料来源',
    getValue: () => current ?? 'applicant',
    getOptions: () => optionsWith(MATERIAL_SOURCES, SOURCE_LABELS, current),
    setValue: (value) => run(updateItemCommands(element, item, { source: value })),
  });
}

/** 特别程序 kind (听证, 检验, 现场勘验 …). */
export function ProcedureKind({ element, id, item }: ItemProps) {
  const run = useRun();
  const current = item.get('kind') as string | undefined;
  const labels = Object.fromEntries(SPECIAL_PROCEDURES.map((kind) => [kind, kind]));
  return h(SelectEntry, {
    element,
    id,
    label: '程序类型',
    description: '特别程序期间不计入办理时限',
    getValue: () => current ?? '',
    getOptions: () => optionsWith(SPECIAL_PROCEDURES, labels, current, '（请选择）'),
    validate: (value) => (value ? null : '请选择特别程序类型'),
    setValue: (value, error) => {
      if (error) return;
      run(updateItemCommands(element, item, { kind: value }));
    },
  });
}
