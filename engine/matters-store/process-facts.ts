/**
 * What a matter's check needs of the process it runs (engine/matters `MatterProcessFacts`), read
 * from the latest deployed version's XML: its call activities at any depth and the 办件类型 it
 * declares (`gov:caseType`, which the compiled definition does not keep).
 */
import type { Knex } from 'knex';
import type { MatterProcessFacts } from '../matters/index.js';
import { parseBpmn } from '../model/index.js';

/** The facts of the latest version of `processId`, or null when no version is deployed. */
export async function readProcessFacts(knex: Knex, processId: string): Promise<MatterProcessFacts | null> {
  const row = (await knex('definitions')
    .join('deployments', 'deployments.hash', 'definitions.hash')
    .where('definitions.process_id', processId)
    .orderBy('definitions.version', 'desc')
    .first('deployments.xml')) as { xml: string } | undefined;
  if (!row) return null;
  const parsed = await parseBpmn(row.xml);
  if (!parsed.ok) return null;
  const process = (parsed.definitions.rootElements ?? []).find(
    (element): element is ProcessNode => element.$type === 'bpmn:Process' && element.id === processId,
  );
  if (!process) return null;
  const callActivities = new Set<string>();
  collectCallActivities(process, callActivities);
  const declared = process.caseType?.trim();
  return { processId, callActivities, caseType: declared ? declared : null };
}

/** A moddle element as far as this reads it. */
interface Node {
  readonly $type: string;
  readonly id?: string;
  readonly flowElements?: readonly Node[];
}

interface ProcessNode extends Node {
  readonly caseType?: string;
}

/** The call activities among `scope`'s flow elements and those of its sub-processes. */
function collectCallActivities(scope: Node, into: Set<string>): void {
  for (const element of scope.flowElements ?? []) {
    if (element.$type === 'bpmn:CallActivity' && element.id) into.add(element.id);
    collectCallActivities(element, into);
  }
}
