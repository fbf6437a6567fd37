/**
 * User task and manual task: a task for a person, with its assignee, candidate groups and the
 * gov department; waits until `task.complete`. A step a 退回 sent the token back to is assigned
 * to the officer who handled it before (首办负责), whatever its assignee expression says.
 */
import type { UserTask } from '../../../model/types.js';
import { propagate } from '../../variables.js';
import { literalOrFeel } from '../../variables.js';
import type { ElementBehavior } from '../behavior.js';

export const userTask: ElementBehavior<UserTask> = {
  activate(run, instance, element, triggered, returnedTo) {
    if (triggered) {
      propagate(run, instance.id, triggered.variables);
      return run.ops.complete(run, instance.id);
    }
    let assignee: string | null = returnedTo ?? null;
    if (element.assignee && returnedTo === undefined) {
      const value = literalOrFeel(run, element.assignee, instance.id);
      if (!value.ok) return run.ops.raiseIncident(run, instance, 'expression-failed', value.message);
      assignee = value.value === null || value.value === '' ? null : String(value.value);
    }
    let candidateGroups: string[] = [];
    if (element.candidateGroups) {
      const value = literalOrFeel(run, element.candidateGroups, instance.id);
      if (!value.ok) return run.ops.raiseIncident(run, instance, 'expression-failed', value.message);
      candidateGroups = toList(value.value);
    }
    run.emit('task.created', {
      taskId: run.newId(),
      instanceId: instance.id,
      elementId: element.id,
      kind: element.kind,
      name: element.name,
      assignee,
      candidateGroups,
      department: element.gov.department,
    });
  },
};

function toList(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === 'string')
    return value
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean);
  return value === null || value === undefined ? [] : [String(value)];
}
