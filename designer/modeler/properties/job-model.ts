/**
 * The pure part of the 服务实现 group: which tasks run a handler, the job type a task has (ours,
 * or a Camunda 8 file's `zeebe:taskDefinition`, or a Camunda 7 external task's topic), what a
 * Camunda 7 file implements it with, and the commands that set the type. Runs in Node too.
 */
import { camundaImplementation, govExtension, zeebeExtension } from '../../../engine/model/extensions.js';
import type { CamundaImplementation } from '../../../engine/model/extensions.js';
import type { ModdleElement as EngineModdleElement } from '../../../engine/model/moddle-types.js';
import { stringProp } from '../../../engine/model/moddle-types.js';
import type { Command, ElementFactory, ModdleElement } from './model.js';

export type { CamundaImplementation };

/** The tasks the engine runs a handler registered in code for (engine/model JobTask). */
export const JOB_TASK_TYPES = ['bpmn:ServiceTask', 'bpmn:SendTask', 'bpmn:BusinessRuleTask'] as const;

const engineView = (element: ModdleElement) => element as unknown as EngineModdleElement;

/** Where the task's job type comes from, and the type. */
export type JobType =
  | { readonly source: 'gov' | 'zeebe'; readonly type: string }
  | { readonly source: 'camunda-topic'; readonly type: string }
  | { readonly source: 'none' };

/** The task's job type as the engine compiles it (engine/model compile-io: gov, zeebe, Camunda 7 topic). */
export function jobTypeOf(businessObject: ModdleElement): JobType {
  const gov = govExtension<EngineModdleElement & { type?: string }>(engineView(businessObject), 'gov:TaskDefinition');
  if (gov) return { source: 'gov', type: gov.type ?? '' };
  const zeebe = zeebeExtension(engineView(businessObject), 'taskDefinition');
  if (zeebe) return { source: 'zeebe', type: stringProp(zeebe, 'type') ?? '' };
  const camunda = camundaImplementation(engineView(businessObject));
  if (camunda?.kind === 'external' && camunda.topic) return { source: 'camunda-topic', type: camunda.topic };
  return { source: 'none' };
}

/**
 * A Camunda 7 implementation the engine cannot run (Java code or a DMN decision) on a task that
 * has no job type: what the panel offers to replace in one click. Null otherwise.
 */
export function migrationOf(
  businessObject: ModdleElement,
): Exclude<CamundaImplementation, { kind: 'external' }> | null {
  if (jobTypeOf(businessObject).source !== 'none') return null;
  const camunda = camundaImplementation(engineView(businessObject));
  return camunda && camunda.kind !== 'external' ? camunda : null;
}

/**
 * Set the task's job type (`gov:taskDefinition type`), creating bpmn:ExtensionElements and the
 * gov:taskDefinition when missing; an empty type removes the gov:taskDefinition. `drop` names
 * attributes to remove in the same edit (the Camunda 7 one the type replaces), so the whole
 * change is one undo step.
 */
export function jobTypeCommands<E>(
  element: E,
  businessObject: ModdleElement,
  type: string | undefined,
  factory: ElementFactory,
  drop: readonly string[] = [],
): Command<E>[] {
  const commands: Command<E>[] = [];
  const value = type?.trim() ?? '';
  const existing = govExtension(engineView(businessObject), 'gov:TaskDefinition') as unknown as ModdleElement | null;
  let extensionElements = businessObject.get('extensionElements') as ModdleElement | undefined;
  if (existing && value !== '') {
    commands.push({
      cmd: 'element.updateModdleProperties',
      context: { element, moddleElement: existing, properties: { type: value } },
    });
  } else if (existing && extensionElements) {
    const values = ((extensionElements.get('values') as ModdleElement[] | undefined) ?? []).filter(
      (other) => other !== existing,
    );
    commands.push({
      cmd: 'element.updateModdleProperties',
      context: { element, moddleElement: extensionElements, properties: { values } },
    });
  } else if (value !== '') {
    if (!extensionElements) {
      extensionElements = factory.create('bpmn:ExtensionElements', { values: [] });
      extensionElements.$parent = businessObject;
      commands.push({
        cmd: 'element.updateModdleProperties',
        context: { element, moddleElement: businessObject, properties: { extensionElements } },
      });
    }
    const definition = factory.create('gov:TaskDefinition', { type: value });
    definition.$parent = extensionElements;
    const values = (extensionElements.get('values') as ModdleElement[] | undefined) ?? [];
    commands.push({
      cmd: 'element.updateModdleProperties',
      context: { element, moddleElement: extensionElements, properties: { values: [...values, definition] } },
    });
  }
  if (drop.length > 0)
    commands.push({
      cmd: 'element.updateModdleProperties',
      context: {
        element,
        moddleElement: businessObject,
        properties: Object.fromEntries(drop.map((name) => [name, undefined])),
      },
    });
  return commands;
}

/** How the panel names a Camunda 7 implementation, after “Camunda 7 的” (a space before Latin words). */
export const CAMUNDA_KIND_LABELS: Readonly<Record<Exclude<CamundaImplementation['kind'], 'external'>, string>> = {
  class: ' Java 类',
  expression: '表达式',
  delegateExpression: '委托表达式',
  decisionRef: ' DMN 决策',
};
