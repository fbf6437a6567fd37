/**
 * The pure part of the gov properties panel: Chinese labels for the gov vocabulary, validation of
 * limits and pass ratios, the department options, and the modeling commands each edit becomes.
 * No DOM and no preact here, so it runs (and is tested) in Node against bpmn-moddle too.
 *
 * Every edit is a list of commands (`element.updateProperties` / `element.updateModdleProperties`)
 * run as one `properties-panel.multi-command-executor` command, so one edit is one undo step.
 */
import { COUNTERSIGN_KINDS, MATERIAL_NECESSITIES, TIME_LIMIT_UNITS } from '../../../engine/model/types.js';
import type { CountersignKind, MaterialNecessity, TimeLimitUnit } from '../../../engine/model/types.js';
import { SPECIAL_PROCEDURES } from '../../../engine/matters/types.js';

export { COUNTERSIGN_KINDS, MATERIAL_NECESSITIES, SPECIAL_PROCEDURES, TIME_LIMIT_UNITS };

/** The moddle API the panel relies on (bpmn-moddle elements in the browser and in Node). */
export interface ModdleElement {
  readonly $type: string;
  $parent?: ModdleElement;
  get(name: string): unknown;
  set(name: string, value: unknown): void;
}

/** bpmnFactory in the modeler, a BpmnModdle in Node: creates moddle elements. */
export interface ElementFactory {
  create(type: string, attrs?: Record<string, unknown>): ModdleElement;
}

export type Command<E> =
  | {
      readonly cmd: 'element.updateProperties';
      readonly context: { readonly element: E; readonly properties: Record<string, unknown> };
    }
  | {
      readonly cmd: 'element.updateModdleProperties';
      readonly context: {
        readonly element: E;
        readonly moddleElement: ModdleElement;
        readonly properties: Record<string, unknown>;
      };
    };

/** The one command a list of commands runs as (registered by bpmn-js-properties-panel). */
export const MULTI_COMMAND = 'properties-panel.multi-command-executor';

// ---------------------------------------------------------------------------------------------
// Labels

export const TIME_LIMIT_UNIT_LABELS: Readonly<Record<TimeLimitUnit, string>> = {
  工作日: '工作日',
  自然日: '自然日',
  '小时(工作日)': '小时（按工作日计）',
  '小时(自然日)': '小时（按自然日计）',
};

export const COUNTERSIGN_LABELS: Readonly<Record<CountersignKind, string>> = {
  会签: '会签（全部通过）',
  或签: '或签（一人通过即可）',
  票签: '票签（按通过比例）',
};

export const NECESSITY_LABELS: Readonly<Record<MaterialNecessity, string>> = {
  required: '必要',
  tolerated: '容缺',
  optional: '非必要',
};

export const MATERIAL_SOURCES = ['applicant', 'shared'] as const;
export type MaterialSource = (typeof MATERIAL_SOURCES)[number];
export const SOURCE_LABELS: Readonly<Record<MaterialSource, string>> = {
  applicant: '申请人提交',
  shared: '共享获取',
};

export interface Option {
  readonly value: string;
  readonly label: string;
}

/** Options for a closed list of values, keeping a value the file has that the list lacks (marked). */
export function optionsWith(
  values: readonly string[],
  labels: Readonly<Record<string, string>>,
  current: string | undefined,
  empty?: string,
): Option[] {
  const options: Option[] = empty === undefined ? [] : [{ value: '', label: empty }];
  for (const value of values) options.push({ value, label: labels[value] ?? value });
  if (current && !values.includes(current)) options.push({ value: current, label: `${current}（无效取值）` });
  return options;
}

export const NOT_IN_REGISTER = '（不在部门名录中）';

/**
 * The department select: an empty choice, the server's list, and the current value when the list
 * lacks it (marked, so the administrator sees it and can keep it or choose another).
 */
export function departmentOptions(
  departments: readonly string[] | null,
  current: string | undefined,
  failed?: string,
): Option[] {
  const options: Option[] = [
    { value: '', label: departments ? '（未选择）' : failed ? '（部门名录加载失败）' : '（正在加载部门名录…）' },
  ];
  for (const name of departments ?? []) options.push({ value: name, label: name });
  if (current && !(departments ?? []).includes(current))
    options.push({ value: current, label: `${current}${NOT_IN_REGISTER}` });
  return options;
}

// ---------------------------------------------------------------------------------------------
// Validation (messages are shown on the entry)

/** A time limit: empty (no limit) or a positive number. */
export function validateLimit(label: string, value: number | undefined): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) return `${label}必须是大于 0 的数字`;
  return null;
}

/** A 票签 pass ratio: 0 < r ≤ 1. */
export function validatePassRatio(value: number | undefined): string | null {
  if (value === undefined || value === null) return '票签须填写通过比例（大于 0 且不超过 1，如 0.6）';
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > 1)
    return '通过比例必须大于 0 且不超过 1（如 0.6 表示六成通过）';
  return null;
}

// ---------------------------------------------------------------------------------------------
// Reading

/** The process whose attributes an element shows: the process itself, or a participant's processRef. */
export function processOf(businessObject: ModdleElement): ModdleElement | null {
  if (businessObject.$type === 'bpmn:Process') return businessObject;
  if (businessObject.$type === 'bpmn:Participant')
    return (businessObject.get('processRef') as ModdleElement | undefined) ?? null;
  return null;
}

/** The extension elements of a type, e.g. every gov:Materials block of a task. */
function extensionsOf(businessObject: ModdleElement, type: string): ModdleElement[] {
  const extensionElements = businessObject.get('extensionElements') as ModdleElement | undefined;
  const values = (extensionElements?.get('values') as ModdleElement[] | undefined) ?? [];
  return values.filter((value) => value.$type === type);
}

/** A repeated extension (materials, special procedures): its block type and list property. */
export interface ListKind {
  readonly block: 'gov:Materials' | 'gov:SpecialProcedures';
  readonly item: 'gov:Material' | 'gov:SpecialProcedure';
  readonly property: 'materials' | 'procedures';
}

export const MATERIALS: ListKind = { block: 'gov:Materials', item: 'gov:Material', property: 'materials' };
export const SPECIAL_PROCEDURE_LIST: ListKind = {
  block: 'gov:SpecialProcedures',
  item: 'gov:SpecialProcedure',
  property: 'procedures',
};

/** Every item of a list, with the block that holds it, in document order (across blocks). */
export function listItems(
  businessObject: ModdleElement,
  kind: ListKind,
): { block: ModdleElement; item: ModdleElement }[] {
  return extensionsOf(businessObject, kind.block).flatMap((block) =>
    ((block.get(kind.property) as ModdleElement[] | undefined) ?? []).map((item) => ({ block, item })),
  );
}

// ---------------------------------------------------------------------------------------------
// Commands

/** Set attributes on an element's own business object (shape) or on another moddle element (a processRef). */
export function setAttributes<E>(
  element: E,
  businessObject: ModdleElement,
  target: ModdleElement,
  properties: Record<string, unknown>,
): Command<E> {
  return target === businessObject
    ? { cmd: 'element.updateProperties', context: { element, properties } }
    : { cmd: 'element.updateModdleProperties', context: { element, moddleElement: target, properties } };
}

/**
 * Set a limit: a positive amount writes the amount and, when none is set yet, the default unit
 * (so the file says what it means); clearing the amount clears the unit too (a unit without an
 * amount is a lint error).
 */
export function limitCommands<E>(
  element: E,
  businessObject: ModdleElement,
  target: ModdleElement,
  names: { amount: string; unit: string },
  amount: number | undefined,
): Command<E>[] {
  if (amount === undefined)
    return [setAttributes(element, businessObject, target, { [names.amount]: undefined, [names.unit]: undefined })];
  const unit = target.get(names.unit);
  return [
    setAttributes(
      element,
      businessObject,
      target,
      unit ? { [names.amount]: amount } : { [names.amount]: amount, [names.unit]: TIME_LIMIT_UNITS[0] },
    ),
  ];
}

/**
 * Set the countersign kind. A kind on an activity that is not multi-instance also makes it a
 * parallel multi-instance (会签 means several people sign); leaving 票签 drops the pass ratio.
 */
export function countersignCommands<E>(
  element: E,
  businessObject: ModdleElement,
  kind: string | undefined,
  factory: ElementFactory,
): Command<E>[] {
  const properties: Record<string, unknown> = { 'gov:countersign': kind || undefined };
  if (kind !== '票签' && businessObject.get('gov:passRatio') !== undefined) properties['gov:passRatio'] = undefined;
  const loop = businessObject.get('loopCharacteristics') as ModdleElement | undefined;
  if (kind && loop?.$type !== 'bpmn:MultiInstanceLoopCharacteristics') {
    properties.loopCharacteristics = factory.create('bpmn:MultiInstanceLoopCharacteristics', { isSequential: false });
  }
  return [{ cmd: 'element.updateProperties', context: { element, properties } }];
}

/**
 * Add an item to a list extension, creating bpmn:ExtensionElements and the gov block when missing.
 * Returns the commands and the new item.
 */
export function addListItemCommands<E>(
  element: E,
  target: ModdleElement,
  kind: ListKind,
  attrs: Record<string, unknown>,
  factory: ElementFactory,
): { commands: Command<E>[]; item: ModdleElement } {
  const commands: Command<E>[] = [];
  let extensionElements = target.get('extensionElements') as ModdleElement | undefined;
  if (!extensionElements) {
    extensionElements = factory.create('bpmn:ExtensionElements', { values: [] });
    extensionElements.$parent = target;
    commands.push({
      cmd: 'element.updateModdleProperties',
      context: { element, moddleElement: target, properties: { extensionElements } },
    });
  }
  let block = extensionsOf(target, kind.block)[0];
  if (!block) {
    block = factory.create(kind.block, { [kind.property]: [] });
    block.$parent = extensionElements;
    const values = (extensionElements.get('values') as ModdleElement[] | undefined) ?? [];
    commands.push({
      cmd: 'element.updateModdleProperties',
      context: { element, moddleElement: extensionElements, properties: { values: [...values, block] } },
    });
  }
  const item = factory.create(kind.item, attrs);
  item.$parent = block;
  const items = (block.get(kind.property) as ModdleElement[] | undefined) ?? [];
  commands.push({
    cmd: 'element.updateModdleProperties',
    context: { element, moddleElement: block, properties: { [kind.property]: [...items, item] } },
  });
  return { commands, item };
}

/** Remove an item from its block; a block left empty goes too (no empty `<gov:materials />`). */
export function removeListItemCommands<E>(
  element: E,
  target: ModdleElement,
  kind: ListKind,
  block: ModdleElement,
  item: ModdleElement,
): Command<E>[] {
  const items = ((block.get(kind.property) as ModdleElement[] | undefined) ?? []).filter((other) => other !== item);
  if (items.length > 0)
    return [
      {
        cmd: 'element.updateModdleProperties',
        context: { element, moddleElement: block, properties: { [kind.property]: items } },
      },
    ];
  const extensionElements = target.get('extensionElements') as ModdleElement;
  const values = ((extensionElements.get('values') as ModdleElement[] | undefined) ?? []).filter(
    (value) => value !== block,
  );
  return [
    {
      cmd: 'element.updateModdleProperties',
      context: { element, moddleElement: extensionElements, properties: { values } },
    },
  ];
}

/** Change attributes of a list item (a material's name, necessity, source; a procedure's kind). */
export function updateItemCommands<E>(
  element: E,
  item: ModdleElement,
  properties: Record<string, unknown>,
): Command<E>[] {
  return [{ cmd: 'element.updateModdleProperties', context: { element, moddleElement: item, properties } }];
}

/**
 * Set a FEEL expression held in a bpmn:FormalExpression (a sequence flow's conditionExpression, a
 * loop's completionCondition): a new expression element, or none when the text is empty.
 */
export function expressionCommands<E>(
  element: E,
  businessObject: ModdleElement,
  owner: ModdleElement,
  property: string,
  body: string | undefined,
  factory: ElementFactory,
): Command<E>[] {
  let expression: ModdleElement | undefined;
  if (body !== undefined && body.trim() !== '' && body.trim() !== '=') {
    expression = factory.create('bpmn:FormalExpression', { body });
    expression.$parent = owner;
  }
  return [setAttributes(element, businessObject, owner, { [property]: expression })];
}
