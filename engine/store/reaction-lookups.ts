/**
 * The database side of reactions: who subscribes to a message or signal, which latest process
 * versions start on one, and which version of a called process to run.
 */
import type { Knex } from 'knex';
import type { DefinitionCache } from './definition-cache.js';
import { findDefinition, latestDefinitions } from './definitions-repository.js';
import type { ReactionLookups, StartTrigger, SubscriberRef } from './requests.js';

/** Lookups bound to `db` (usually the transaction in progress). */
export function reactionLookups(db: Knex, cache: DefinitionCache, newCaseId: () => string): ReactionLookups {
  return {
    subscribers: (kind, name, options = {}) => findSubscribers(db, kind, name, options),
    startTriggers: (kind, name) => findStartTriggers(db, cache, kind, name),
    latestHash: async (processId) => (await findDefinition(db, processId))?.hash ?? null,
    newCaseId,
  };
}

async function findSubscribers(
  db: Knex,
  kind: 'message' | 'signal',
  name: string,
  options: { excludeCaseId?: string; elementId?: string },
): Promise<SubscriberRef[]> {
  const query = db('subscriptions as s')
    .join('cases as c', 'c.case_id', 's.case_id')
    .where({ 's.kind': kind, 's.name': name, 'c.status': 'active' })
    .select('s.case_id', 's.element_id')
    .orderBy([{ column: 's.opened_at' }, { column: 's.case_id' }, { column: 's.opened_seq' }]);
  if (options.excludeCaseId !== undefined) query.whereNot('s.case_id', options.excludeCaseId);
  if (options.elementId !== undefined) query.andWhere('s.element_id', options.elementId);
  const rows = (await query) as { case_id: string; element_id: string }[];
  return rows.map((row) => ({ caseId: row.case_id, elementId: row.element_id }));
}

/**
 * Start events of the latest version of each process that this message or signal triggers.
 * Scans the latest definitions (compiled once each, from the cache): deployments are few.
 */
async function findStartTriggers(
  db: Knex,
  cache: DefinitionCache,
  kind: 'message' | 'signal',
  name: string,
): Promise<StartTrigger[]> {
  const triggers: StartTrigger[] = [];
  for (const ref of await latestDefinitions(db)) {
    const process = (await cache.get(db, ref.hash)).processes.get(ref.processId);
    for (const elementId of process?.eventStarts ?? []) {
      const element = process?.elements.get(elementId);
      if (element?.kind !== 'startEvent' || !element.eventDefinition) continue;
      const definition = element.eventDefinition;
      const matches =
        (kind === 'message' && definition.type === 'message' && definition.messageName === name) ||
        (kind === 'signal' && definition.type === 'signal' && definition.signalName === name);
      if (matches) triggers.push({ processId: ref.processId, hash: ref.hash, startEventId: elementId });
    }
  }
  return triggers;
}
