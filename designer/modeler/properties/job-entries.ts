/**
 * 服务实现: the group of a service, send or business-rule task. 处理程序类型 is the name of the
 * handler registered in code that runs the task (gov:taskDefinition type); a Camunda 8 file's
 * task type and a Camunda 7 external task's topic are shown for what they are. A task a Camunda 7
 * file implements with Java code or a DMN decision gets 迁移: what it was and one button that
 * replaces it with a handler type (one edit, one undo step).
 */
import { h } from '@bpmn-io/properties-panel/preact';
import { Group, TextFieldEntry, isTextFieldEntryEdited } from '@bpmn-io/properties-panel';
import type { DebounceInput, EntryDefinition, GroupDefinition, Translate } from '@bpmn-io/properties-panel';
import { useService } from 'bpmn-js-properties-panel';
import type { Element } from 'bpmn-js/lib/model/Types';
import type CommandStack from 'diagram-js/lib/command/CommandStack';
import { CAMUNDA_KIND_LABELS, jobTypeCommands, jobTypeOf, migrationOf } from './job-model.js';
import { MULTI_COMMAND } from './model.js';
import type { Command, ElementFactory, ModdleElement } from './model.js';

const bo = (element: Element) => element.businessObject as ModdleElement;

function useRun(): (commands: readonly Command<Element>[]) => void {
  const commandStack = useService<CommandStack>('commandStack');
  return (commands) => {
    if (commands.length > 0) commandStack.execute(MULTI_COMMAND, commands as unknown as Record<string, unknown>);
  };
}

interface EntryProps {
  readonly element: Element;
  readonly id: string;
}

/** 处理程序类型: gov:taskDefinition type; the description says where a type the file already has comes from. */
export function JobTypeEntry({ element, id }: EntryProps) {
  const debounce = useService<DebounceInput>('debounceInput');
  const factory = useService<ElementFactory>('bpmnFactory');
  const run = useRun();
  const current = jobTypeOf(bo(element));
  const description =
    current.source === 'zeebe'
      ? `Camunda 8 文件的任务类型（zeebe:taskDefinition）：${current.type}；在此填写则改用本项`
      : current.source === 'camunda-topic'
        ? `Camunda 7 外部任务，主题“${current.type}”：由外部工作者按主题领取办理；在此填写则改用本项`
        : '在代码中注册的处理程序的名称，引擎按此名称调用它';
  return h(TextFieldEntry, {
    element,
    id,
    label: '处理程序类型',
    description,
    debounce,
    getValue: () => (current.source === 'gov' ? current.type : ''),
    setValue: (value: string | undefined) => run(jobTypeCommands(element, bo(element), value, factory)),
  });
}

/** 迁移: the Camunda 7 Java code or decision, and the one-click change to a handler type. */
export function CamundaMigrationEntry({ element, id }: EntryProps) {
  const factory = useService<ElementFactory>('bpmnFactory');
  const run = useRun();
  const migration = migrationOf(bo(element));
  if (!migration) return null;
  const change = () =>
    run(jobTypeCommands(element, bo(element), migration.suggestedJobType, factory, [migration.attribute]));
  return h(
    'div',
    { class: 'bio-properties-panel-entry mf-migration', 'data-entry-id': id },
    h(
      'p',
      { class: 'mf-migration-text' },
      `此任务由 Camunda 7 的${CAMUNDA_KIND_LABELS[migration.kind]}实现（${migration.attribute}="${migration.value}"），本引擎不运行 Java 代码。请在代码中注册处理程序，并改用其处理程序类型：`,
    ),
    h(
      'button',
      { type: 'button', class: 'mf-migration-apply', onClick: change },
      `改为处理程序类型“${migration.suggestedJobType}”`,
    ),
    h('p', { class: 'bio-properties-panel-description' }, `将删除 ${migration.attribute}，可撤销`),
  );
}

/** The 服务实现 group of a job task. */
export function jobGroup(element: Element, translate: Translate): GroupDefinition {
  const entries: EntryDefinition[] = [];
  if (migrationOf(bo(element)))
    entries.push({
      id: 'gov-job-migration',
      component: CamundaMigrationEntry as EntryDefinition['component'],
      isEdited: () => false,
    });
  entries.push({
    id: 'gov-jobType',
    component: JobTypeEntry as EntryDefinition['component'],
    isEdited: isTextFieldEntryEdited,
  });
  return { id: 'gov-job', label: '服务实现', component: Group, shouldOpen: true, translate, entries };
}
