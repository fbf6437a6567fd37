/**
 * Messages and signals from other systems, as commands with an actor in the history.
 * - A message goes to exactly one receiver (engine/integration `decideCorrelation`): the case
 *   waiting for it — narrowed by a correlation key (the case's 办件编号 or its id) and by the
 *   element — or, when no case waits and no key names one, the process a message start event
 *   starts. None is MESSAGE_NOT_CORRELATED, several MESSAGE_AMBIGUOUS with the candidates.
 * - A signal is broadcast: every case waiting for it, and every process a signal start starts.
 * The receiver is chosen, then the command runs in its own transaction; a case that stopped
 * waiting in between refuses it (NO_SUBSCRIPTION), which the caller sees.
 */
import type { Knex } from 'knex';
import type { Store } from '../store/index.js';
import { decideCorrelation, type MessageStart, type WaitingCase } from '../integration/index.js';
import { IntegrationError } from './errors.js';

export interface MessageInput {
  readonly messageName: string;
  /** The 办件编号 or case id of the case the message is for. */
  readonly correlationKey?: string;
  /** Only the subscription (or message start event) of this element. */
  readonly elementId?: string;
  readonly variables?: Record<string, unknown>;
  readonly actor: string;
}

export interface Correlated {
  readonly caseId: string;
  /** True when the message started a new case. */
  readonly started: boolean;
  /** The element that received it (the start event for a new case). */
  readonly elementId: string;
  readonly processId: string;
}

/** Deliver a message to its one receiver; throws MESSAGE_NOT_CORRELATED or MESSAGE_AMBIGUOUS. */
export async function correlateMessage(store: Store, input: MessageInput): Promise<Correlated> {
  const knex = store.database.knex;
  const keyed = input.correlationKey !== undefined;
  const waiting = await waitingCases(knex, input);
  const starts = keyed || waiting.length > 0 ? [] : await messageStarts(store, input.messageName, input.elementId);
  const decision = decideCorrelation(waiting, starts, keyed);
  if (!decision.ok && decision.reason === 'none')
    throw new IntegrationError(
      'MESSAGE_NOT_CORRELATED',
      `没有等待消息“${input.messageName}”的办件${keyed ? `（关联键 ${input.correlationKey}）` : ''}，也没有由它启动的流程`,
      `No case waits for message ${input.messageName}${keyed ? ` with correlation key ${input.correlationKey}` : ''}, and no process starts on it`,
      { messageName: input.messageName, correlationKey: input.correlationKey ?? null },
    );
  if (!decision.ok)
    throw new IntegrationError(
      'MESSAGE_AMBIGUOUS',
      `消息“${input.messageName}”有 ${decision.waiting.length + decision.starts.length} 个接收者：请以关联键（办件编号）或环节指明其一`,
      `Message ${input.messageName} matches ${decision.waiting.length + decision.starts.length} receivers: name one by correlation key or element`,
      {
        cases: decision.waiting,
        processes: decision.starts.map(({ processId, startEventId }) => ({ processId, startEventId })),
      },
    );
  const variables = input.variables ?? {};
  if (decision.target.kind === 'start') {
    const { start } = decision.target;
    const result = await store.startCase({
      processId: start.processId,
      startEventId: start.startEventId,
      variables,
      actor: input.actor,
    });
    return { caseId: result.caseId, started: true, elementId: start.startEventId, processId: start.processId };
  }
  const { waiting: target } = decision.target;
  const result = await store.correlateMessage(input.messageName, {
    caseId: target.caseId,
    elementId: target.elementId,
    variables,
    actor: input.actor,
  });
  return { caseId: result.caseId, started: false, elementId: target.elementId, processId: result.state.processId };
}

export interface SignalReached {
  readonly caseId: string;
  /** True when the signal started this case. */
  readonly started: boolean;
}

/** Broadcast a signal; the cases it reached (waiting ones and new ones), in the order they ran. */
export async function broadcastSignal(
  store: Store,
  input: { signalName: string; variables?: Record<string, unknown>; actor: string },
): Promise<SignalReached[]> {
  const reached = await store.broadcastSignal(input.signalName, input.variables ?? {}, { actor: input.actor });
  return reached.map(({ caseId, events }) => ({
    caseId,
    started: events.some((event) => event.type === 'case.started'),
  }));
}

/** Subscriptions of active cases waiting for the message, by key and element when given. */
async function waitingCases(knex: Knex, input: MessageInput): Promise<WaitingCase[]> {
  const query = knex('subscriptions as s')
    .join('cases as c', 'c.case_id', 's.case_id')
    .where({ 's.kind': 'message', 's.name': input.messageName, 'c.status': 'active' })
    .select('s.case_id', 's.element_id')
    .orderBy([{ column: 's.opened_at' }, { column: 's.case_id' }, { column: 's.opened_seq' }])
    // Enough to tell one from several, and to name the candidates.
    .limit(20);
  if (input.elementId !== undefined) query.andWhere('s.element_id', input.elementId);
  const key = input.correlationKey;
  if (key !== undefined) query.andWhere((q) => q.where('c.case_id', key).orWhere('c.number', key));
  const rows = (await query) as { case_id: string; element_id: string }[];
  return rows.map((row) => ({ caseId: row.case_id, elementId: row.element_id }));
}

/** Message start events of the latest version of each process that this message starts. */
async function messageStarts(store: Store, messageName: string, elementId?: string): Promise<MessageStart[]> {
  const latest = new Map<string, { hash: string; version: number }>();
  for (const ref of await store.listDefinitions()) {
    const known = latest.get(ref.processId);
    if (!known || ref.version > known.version) latest.set(ref.processId, { hash: ref.hash, version: ref.version });
  }
  const starts: MessageStart[] = [];
  for (const [processId, { hash }] of latest) {
    const process = (await store.definition(hash)).processes.get(processId);
    for (const startEventId of process?.eventStarts ?? []) {
      const element = process?.elements.get(startEventId);
      if (element?.kind !== 'startEvent' || element.eventDefinition?.type !== 'message') continue;
      if (element.eventDefinition.messageName !== messageName) continue;
      if (elementId === undefined || elementId === startEventId) starts.push({ processId, hash, startEventId });
    }
  }
  return starts;
}
