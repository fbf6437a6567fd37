/**
 * Reactions: the commands one case's events cause in other cases, run by the dispatcher in the
 * same transaction. A call activity starts its child (a 一件事 package's child as a 办件, its part);
 * a child's end reports to its parent, and a part's decision to its package; a terminated call
 * activity cancels its child, with the reason its case was cancelled; thrown signals and
 * messages reach subscribed cases or start processes with a matching start event.
 */
import type { CaseEvent, CaseEventType, EventOf } from '../case/index.js';
import type { CommandRequest, ReactionLookups, StepResult } from './requests.js';

type Reaction<K extends CaseEventType> = (
  event: EventOf<K>,
  step: StepResult,
  lookups: ReactionLookups,
) => Promise<CommandRequest[]>;

const REACTIONS: { readonly [K in CaseEventType]?: Reaction<K> } = {
  'call.started': async ({ data }, step, lookups) => {
    const parent = { caseId: step.caseId, instanceId: data.instanceId };
    const failCall = (message: string): CommandRequest => ({
      caseId: step.caseId,
      command: {
        type: 'call.fail',
        actor: actorOf(data.childCaseId),
        data: { instanceId: data.instanceId, childCaseId: data.childCaseId, errorCode: null, message },
      },
    });
    const hash = await lookups.latestHash(data.processId);
    if (hash === null) return [failCall(`Expected process ${data.processId} to be deployed, but it is not`)];
    const part = partStarted(step.events, data.childCaseId);
    const pkg = step.state.domain;
    if (part && pkg) {
      return [
        {
          caseId: data.childCaseId,
          definitionHash: hash,
          command: {
            type: 'case.receivePart',
            actor: actorOf(step.caseId),
            data: {
              caseId: data.childCaseId,
              processId: data.processId,
              variables: data.variables,
              parent,
              package: {
                caseId: step.caseId,
                number: pkg.number ?? null,
                name: pkg.matter.name,
                elementId: part.elementId,
              },
              number: part.number,
              matter: part.matter,
              department: part.department,
              applicant: pkg.applicant,
              channel: pkg.channel,
              officer: pkg.acceptance?.by ?? pkg.responsibleOfficer ?? 'system',
            },
          },
          onReject: { fallback: failCall },
        },
      ];
    }
    return [
      {
        caseId: data.childCaseId,
        definitionHash: hash,
        command: {
          type: 'case.start',
          actor: actorOf(step.caseId),
          data: { caseId: data.childCaseId, processId: data.processId, variables: data.variables, parent },
        },
        onReject: { fallback: failCall },
      },
    ];
  },
  'case.concluded': async ({ data }, step) => {
    const pkg = step.state.domain?.package;
    if (!pkg) return [];
    return [
      {
        caseId: pkg.caseId,
        command: {
          type: 'package.concludePart',
          actor: actorOf(step.caseId),
          data: { childCaseId: step.caseId, kind: data.kind, reason: data.reason },
        },
      },
    ];
  },
  'case.completed': async (_event, step) => completeCall(step),
  'case.terminated': async (_event, step) => completeCall(step),
  'case.failed': async ({ data }, step) => {
    const parent = step.state.parent;
    if (!parent || data.errorCode === undefined) return [];
    return [
      {
        caseId: parent.caseId,
        command: {
          type: 'call.fail',
          actor: actorOf(step.caseId),
          data: {
            instanceId: parent.instanceId,
            childCaseId: step.caseId,
            errorCode: data.errorCode,
            message: data.message,
          },
        },
        onReject: { ignore: ['CALL_NOT_FOUND', 'CASE_NOT_ACTIVE'] },
      },
    ];
  },
  'element.terminated': async ({ data }, step) => {
    const childCaseId =
      step.before?.instances[data.instanceId]?.childCaseId ?? startedChild(step.events, data.instanceId);
    if (childCaseId === undefined) return [];
    // The child hears why: its parent's cancellation (一件事整体不予许可：…), else the call's end.
    const cancelled = step.events.find((event) => event.type === 'case.cancelled');
    const reason =
      cancelled?.type === 'case.cancelled' ? cancelled.data.reason : `call activity ${data.elementId} ${data.reason}`;
    return [
      {
        caseId: childCaseId,
        command: {
          type: 'case.cancel',
          actor: actorOf(step.caseId),
          data: { reason },
        },
        onReject: { ignore: ['CASE_NOT_ACTIVE', 'CASE_NOT_FOUND'] },
      },
    ];
  },
  'signal.thrown': async ({ data }, step, lookups) => [
    ...(await signalRequests(lookups, data.signalName, data.variables, actorOf(step.caseId), step.caseId)),
  ],
  'message.thrown': async ({ data }, step, lookups) => {
    const actor = actorOf(step.caseId);
    const [subscriber] = await lookups.subscribers('message', data.messageName, { excludeCaseId: step.caseId });
    if (subscriber) {
      return [
        {
          caseId: subscriber.caseId,
          command: { type: 'message.correlate', actor, data: { name: data.messageName, variables: data.variables } },
          onReject: { ignore: ['NO_SUBSCRIPTION', 'CASE_NOT_ACTIVE'] },
        },
      ];
    }
    const [trigger] = await lookups.startTriggers('message', data.messageName);
    return trigger ? [startBy(trigger, lookups.newCaseId(), data.variables, actor)] : [];
  },
};

/** The commands `step`'s events cause in other cases, in event order. */
export async function reactionsTo(step: StepResult, lookups: ReactionLookups): Promise<CommandRequest[]> {
  const requests: CommandRequest[] = [];
  for (const event of step.events) {
    const reaction = REACTIONS[event.type] as Reaction<CaseEventType> | undefined;
    if (reaction) requests.push(...(await reaction(event, step, lookups)));
  }
  return requests;
}

/** A signal broadcast: `signal.receive` to every subscribed active case, plus signal starts. */
export async function signalRequests(
  lookups: ReactionLookups,
  name: string,
  variables: Record<string, unknown>,
  actor: string,
  excludeCaseId?: string,
): Promise<CommandRequest[]> {
  const subscribers = await lookups.subscribers('signal', name, excludeCaseId === undefined ? {} : { excludeCaseId });
  const caseIds = [...new Set(subscribers.map((subscriber) => subscriber.caseId))];
  const receives: CommandRequest[] = caseIds.map((caseId) => ({
    caseId,
    command: { type: 'signal.receive', actor, data: { name, variables } },
    onReject: { ignore: ['NO_SUBSCRIPTION', 'CASE_NOT_ACTIVE'] },
  }));
  const starts = (await lookups.startTriggers('signal', name)).map((trigger) =>
    startBy(trigger, lookups.newCaseId(), variables, actor),
  );
  return [...receives, ...starts];
}

/** A `case.start` through a message or signal start event. */
export function startBy(
  trigger: { processId: string; hash: string; startEventId: string },
  caseId: string,
  variables: Record<string, unknown>,
  actor: string,
): CommandRequest {
  return {
    caseId,
    definitionHash: trigger.hash,
    command: {
      type: 'case.start',
      actor,
      data: { caseId, processId: trigger.processId, variables, startEventId: trigger.startEventId },
    },
  };
}

function completeCall(step: StepResult): CommandRequest[] {
  const parent = step.state.parent;
  if (!parent) return [];
  return [
    {
      caseId: parent.caseId,
      command: {
        type: 'call.complete',
        actor: actorOf(step.caseId),
        data: {
          instanceId: parent.instanceId,
          childCaseId: step.caseId,
          variables: step.state.variables[step.state.rootInstanceId] ?? {},
        },
      },
      onReject: { ignore: ['CALL_NOT_FOUND', 'CASE_NOT_ACTIVE'] },
    },
  ];
}

function partStarted(events: readonly CaseEvent[], childCaseId: string) {
  for (const event of events) {
    if (event.type === 'package.partStarted' && event.data.caseId === childCaseId) return event.data;
  }
  return undefined;
}

function startedChild(events: readonly CaseEvent[], instanceId: string): string | undefined {
  for (const event of events) {
    if (event.type === 'call.started' && event.data.instanceId === instanceId) return event.data.childCaseId;
  }
  return undefined;
}

function actorOf(caseId: string): string {
  return `case:${caseId}`;
}
