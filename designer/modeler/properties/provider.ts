/**
 * GovPropertiesProvider: adds the gov groups to the bpmn properties panel, after the standard
 * provider (so it can also refine the standard multi-instance group).
 *
 *   process (or a participant's processRef)  事项信息 (事项编码, 承诺时限 + 单位), 申请材料, 特别程序
 *   activity (task, sub-process, call)       办理要求 (承办部门, 牵头部门, 办理时限 + 单位, 会签方式, 通过比例),
 *                                            办理人 (user and manual tasks), 申请材料, 特别程序
 *   service, send, business-rule task        服务实现 (处理程序类型; 迁移 of Camunda 7 Java code: job-entries.ts)
 *   sequence flow from a gateway or activity 流转条件 (FEEL, linted)
 *   multi-instance activity                  多实例: 集合 (FEEL), 元素变量, 输出, 完成条件 (FEEL)
 */
import {
  Group,
  ListGroup,
  isCheckboxEntryEdited,
  isFeelEntryEdited,
  isNumberFieldEntryEdited,
  isSelectEntryEdited,
  isTextFieldEntryEdited,
} from '@bpmn-io/properties-panel';
import type {
  EntryDefinition,
  Group as PanelGroup,
  GroupDefinition,
  ListGroupDefinition,
  ListItemDefinition,
  Translate,
} from '@bpmn-io/properties-panel';
import type { PropertiesPanel, PropertiesProvider } from 'bpmn-js-properties-panel';
import type { Element } from 'bpmn-js/lib/model/Types';
import type CommandStack from 'diagram-js/lib/command/CommandStack';
import type { Injector } from 'didi';
import {
  CaseTypeSelect,
  CountersignSelect,
  DepartmentSelect,
  ExpressionEntry,
  FlagAttribute,
  FeelAttribute,
  LimitAmount,
  LimitUnit,
  MaterialName,
  MaterialNecessity,
  MaterialSource,
  PassRatio,
  ProcedureKind,
  TextAttribute,
  panelTranslate,
} from './entries.js';
import type { Holder } from './entries.js';
import { jobGroup } from './job-entries.js';
import { JOB_TASK_TYPES } from './job-model.js';
import {
  MATERIALS,
  MULTI_COMMAND,
  NECESSITY_LABELS,
  SPECIAL_PROCEDURE_LIST,
  addListItemCommands,
  listItems,
  processOf,
  removeListItemCommands,
} from './model.js';
import type { Command, ElementFactory, ListKind, ModdleElement } from './model.js';

/** After the standard bpmn provider (1000): its groups exist when ours are added. */
const GOV_PROVIDER_PRIORITY = 500;

/** Entry ids by the moddle property they edit (for lint findings that name a property). */
const ENTRY_BY_PROPERTY: Readonly<Record<string, string>> = {
  matterCode: 'gov-matterCode',
  caseType: 'gov-caseType',
  promisedLimit: 'gov-promisedLimit',
  promisedLimitUnit: 'gov-promisedLimitUnit',
  department: 'gov-department',
  leadDepartment: 'gov-leadDepartment',
  timeLimit: 'gov-timeLimit',
  timeLimitUnit: 'gov-timeLimitUnit',
  countersign: 'gov-countersign',
  passRatio: 'gov-passRatio',
  assignee: 'gov-assignee',
  candidateGroups: 'gov-candidateGroups',
  windowStep: 'gov-windowStep',
  conditionExpression: 'gov-condition',
  completionCondition: 'gov-completionCondition',
  collection: 'gov-collection',
  taskDefinition: 'gov-jobType',
};

const is = (element: ModdleElement | undefined | null, type: string): boolean =>
  Boolean(element && (element as unknown as { $instanceOf(type: string): boolean }).$instanceOf(type));

export class GovPropertiesProvider implements PropertiesProvider {
  static $inject = ['propertiesPanel', 'injector'];

  private readonly translate: Translate;

  constructor(
    propertiesPanel: PropertiesPanel,
    private readonly injector: Injector,
  ) {
    this.translate = panelTranslate(injector.get<Translate>('translate', false) ?? undefined);
    propertiesPanel.registerProvider(GOV_PROVIDER_PRIORITY, this);
  }

  getGroups(element: Element): (groups: PanelGroup[]) => PanelGroup[] {
    return (groups) => {
      const ours: PanelGroup[] = [];
      const businessObject = element.businessObject as ModdleElement;
      const process = processOf(businessObject);
      if (process) ours.push(this.processGroup(), ...this.listGroups(element, process, 'process'));
      if (is(businessObject, 'bpmn:Activity')) {
        ours.push(this.activityGroup(element));
        if (is(businessObject, 'bpmn:UserTask') || is(businessObject, 'bpmn:ManualTask'))
          ours.push(this.assignmentGroup());
        if (JOB_TASK_TYPES.some((type) => is(businessObject, type))) ours.push(jobGroup(element, this.translate));
        ours.push(...this.listGroups(element, businessObject, 'activity'));
      }
      if (isConditionalFlow(businessObject)) ours.push(this.conditionGroup());
      const result = this.refineMultiInstance(groups);
      const general = result.findIndex((group) => group.id === 'general');
      result.splice(general < 0 ? result.length : general + 1, 0, ...ours);
      return result;
    };
  }

  getEntryId(element: Element, path: readonly (string | number)[]): string | null {
    const last = path[path.length - 1];
    if (typeof last !== 'string') return null;
    const entry = ENTRY_BY_PROPERTY[last.replace(/^gov:/, '')];
    if (!entry) return null;
    if (entry === 'gov-condition' && !isConditionalFlow(element.businessObject as ModdleElement)) return null;
    return entry;
  }

  private processGroup(): GroupDefinition {
    const on: Holder = 'process';
    return {
      id: 'gov-process',
      label: '事项信息',
      component: Group,
      shouldOpen: true,
      translate: this.translate,
      entries: [
        entry('gov-matterCode', TextAttribute, isTextFieldEntryEdited, {
          property: 'gov:matterCode',
          label: '事项编码',
          on,
          description: '权力事项库中的事项编码，如 330106-XK-SP-001',
        }),
        entry('gov-caseType', CaseTypeSelect, isSelectEntryEdited, { on }),
        entry('gov-promisedLimit', LimitAmount, isNumberFieldEntryEdited, {
          amount: 'gov:promisedLimit',
          unit: 'gov:promisedLimitUnit',
          label: '承诺时限',
          on,
        }),
        entry('gov-promisedLimitUnit', LimitUnit, isSelectEntryEdited, {
          amount: 'gov:promisedLimit',
          unit: 'gov:promisedLimitUnit',
          label: '承诺时限单位',
          on,
        }),
      ],
    };
  }

  private activityGroup(element: Element): GroupDefinition {
    const businessObject = element.businessObject as ModdleElement;
    const on: Holder = 'self';
    const entries: EntryDefinition[] = [
      entry('gov-department', DepartmentSelect, isSelectEntryEdited, { property: 'gov:department', label: '承办部门' }),
      entry('gov-leadDepartment', DepartmentSelect, isSelectEntryEdited, {
        property: 'gov:leadDepartment',
        label: '牵头部门',
      }),
      entry('gov-timeLimit', LimitAmount, isNumberFieldEntryEdited, {
        amount: 'gov:timeLimit',
        unit: 'gov:timeLimitUnit',
        label: '办理时限',
        on,
      }),
      entry('gov-timeLimitUnit', LimitUnit, isSelectEntryEdited, {
        amount: 'gov:timeLimit',
        unit: 'gov:timeLimitUnit',
        label: '办理时限单位',
        on,
      }),
      entry('gov-countersign', CountersignSelect, isSelectEntryEdited, {}),
    ];
    if (businessObject.get('gov:countersign') === '票签' || businessObject.get('gov:passRatio') !== undefined) {
      entries.push(entry('gov-passRatio', PassRatio, isNumberFieldEntryEdited, {}));
    }
    return {
      id: 'gov-activity',
      label: '办理要求',
      component: Group,
      shouldOpen: true,
      translate: this.translate,
      entries,
    };
  }

  private assignmentGroup(): GroupDefinition {
    const on: Holder = 'self';
    const hint = '固定值直接填写；以“=”开头为 FEEL 表达式';
    return {
      id: 'gov-assignment',
      label: '办理人',
      component: Group,
      translate: this.translate,
      entries: [
        entry('gov-windowStep', FlagAttribute, isCheckboxEntryEdited, {
          property: 'gov:windowStep',
          label: '窗口环节',
          description: '由政务服务中心综合窗口人员办理（如受理、送达），而不是承办部门',
        }),
        entry('gov-assignee', FeelAttribute, isFeelEntryEdited, {
          property: 'gov:assignee',
          label: '指定办理人',
          on,
          feel: 'optional',
          what: '办理人表达式',
          description: hint,
        }),
        entry('gov-candidateGroups', FeelAttribute, isFeelEntryEdited, {
          property: 'gov:candidateGroups',
          label: '候选岗位',
          on,
          feel: 'optional',
          what: '候选岗位表达式',
          description: `${hint}；多个岗位以逗号分隔`,
        }),
      ],
    };
  }

  private conditionGroup(): GroupDefinition {
    return {
      id: 'gov-condition',
      label: '流转条件',
      component: Group,
      shouldOpen: true,
      translate: this.translate,
      entries: [
        entry('gov-condition', ExpressionEntry, isFeelEntryEdited, {
          property: 'conditionExpression',
          label: '条件表达式（FEEL）',
          on: 'self',
          what: '条件表达式',
          description: '如：办理方式 = "告知承诺"',
        }),
      ],
    };
  }

  /** The standard 多实例 group, with FEEL editors for the gov collection and the completion condition. */
  private refineMultiInstance(groups: PanelGroup[]): PanelGroup[] {
    return groups.map((group) => {
      if (group.id !== 'multiInstance' || !('entries' in group)) return group;
      const on: Holder = 'loop';
      const entries: EntryDefinition[] = [
        ...group.entries.filter((other) => other.id !== 'completionCondition'),
        entry('gov-collection', FeelAttribute, isFeelEntryEdited, {
          property: 'gov:collection',
          label: '集合（FEEL）',
          on,
          feel: 'required',
          what: '集合表达式',
          description: '每个元素办理一次，如：审图机构列表',
        }),
        entry('gov-elementVariable', TextAttribute, isTextFieldEntryEdited, {
          property: 'gov:elementVariable',
          label: '元素变量',
          on,
        }),
        entry('gov-outputCollection', TextAttribute, isTextFieldEntryEdited, {
          property: 'gov:outputCollection',
          label: '输出集合变量',
          on,
        }),
        entry('gov-outputElement', FeelAttribute, isFeelEntryEdited, {
          property: 'gov:outputElement',
          label: '输出元素（FEEL）',
          on,
          feel: 'required',
          what: '输出元素表达式',
        }),
        entry('gov-completionCondition', ExpressionEntry, isFeelEntryEdited, {
          property: 'completionCondition',
          label: '完成条件（FEEL）',
          on,
          what: '完成条件',
        }),
      ];
      return { ...group, label: '多实例', translate: this.translate, entries };
    });
  }

  private listGroups(element: Element, target: ModdleElement, scope: 'process' | 'activity'): ListGroupDefinition[] {
    const prefix = scope === 'process' ? 'gov-process' : 'gov';
    return [
      this.listGroup(element, target, MATERIALS, {
        id: `${prefix}-materials`,
        label: scope === 'process' ? '申请材料（事项）' : '申请材料（本环节）',
        newItem: () => ({ necessity: 'required', source: 'applicant' }),
        itemLabel: (item) =>
          `${(item.get('name') as string | undefined) || '（未命名材料）'}（${NECESSITY_LABELS[item.get('necessity') as keyof typeof NECESSITY_LABELS] ?? String(item.get('necessity'))}）`,
        entries: (itemId, item) => [
          entry(`${itemId}-name`, MaterialName, isTextFieldEntryEdited, { item }),
          entry(`${itemId}-necessity`, MaterialNecessity, isSelectEntryEdited, { item }),
          entry(`${itemId}-source`, MaterialSource, isSelectEntryEdited, { item }),
        ],
        focus: 'name',
      }),
      this.listGroup(element, target, SPECIAL_PROCEDURE_LIST, {
        id: `${prefix}-procedures`,
        label: '特别程序',
        newItem: () => ({}),
        itemLabel: (item) => (item.get('kind') as string | undefined) || '（未选择类型）',
        entries: (itemId, item) => [entry(`${itemId}-kind`, ProcedureKind, isSelectEntryEdited, { item })],
        focus: 'kind',
      }),
    ];
  }

  private listGroup(
    element: Element,
    target: ModdleElement,
    kind: ListKind,
    spec: {
      id: string;
      label: string;
      newItem: () => Record<string, unknown>;
      itemLabel: (item: ModdleElement) => string;
      entries: (itemId: string, item: ModdleElement) => EntryDefinition[];
      focus: string;
    },
  ): ListGroupDefinition {
    const commandStack = this.injector.get<CommandStack>('commandStack');
    const factory = this.injector.get<ElementFactory>('bpmnFactory');
    const run = (commands: readonly Command<Element>[]) =>
      commandStack.execute(MULTI_COMMAND, commands as unknown as Record<string, unknown>);
    const items: ListItemDefinition[] = listItems(target, kind).map(({ block, item }, index) => {
      const itemId = `${spec.id}-${index}`;
      return {
        id: itemId,
        label: spec.itemLabel(item),
        entries: spec.entries(itemId, item),
        autoFocusEntry: `${itemId}-${spec.focus}`,
        remove: () => run(removeListItemCommands(element, target, kind, block, item)),
      };
    });
    return {
      id: spec.id,
      label: spec.label,
      component: ListGroup,
      items,
      translate: this.translate,
      add: (event) => {
        event.stopPropagation();
        run(addListItemCommands(element, target, kind, spec.newItem(), factory).commands);
      },
    };
  }
}

function entry(
  id: string,
  component: unknown,
  isEdited: EntryDefinition['isEdited'],
  props: Record<string, unknown>,
): EntryDefinition {
  return { id, component: component as EntryDefinition['component'], isEdited, ...props };
}

/** A sequence flow that may carry a condition: out of a gateway that evaluates them or an activity, and not the default. */
function isConditionalFlow(businessObject: ModdleElement): boolean {
  if (!is(businessObject, 'bpmn:SequenceFlow')) return false;
  const source = businessObject.get('sourceRef') as ModdleElement | undefined;
  if (!source) return false;
  if (
    !['bpmn:ExclusiveGateway', 'bpmn:InclusiveGateway', 'bpmn:ComplexGateway', 'bpmn:Activity'].some((type) =>
      is(source, type),
    )
  )
    return false;
  return source.get('default') !== businessObject;
}
