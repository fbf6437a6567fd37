/** Every BPMN element kind the runtime executes, and its behaviour (a missing one fails to compile). */
import type { FlowNode, FlowNodeKind } from '../../model/types.js';
import type { ElementBehavior, LoopBehavior } from './behavior.js';
import { beginLoop, collectOutput, continueLoop } from './containers/loop.js';
import { callActivity } from './containers/call-activity.js';
import { eventSubProcess } from './containers/event-sub-process.js';
import { subProcess } from './containers/sub-process.js';
import { boundaryEvent } from './events/boundary.js';
import { endEvent } from './events/end.js';
import { intermediateCatchEvent } from './events/intermediate-catch.js';
import { intermediateThrowEvent } from './events/intermediate-throw.js';
import { startEvent } from './events/start.js';
import { eventBasedGateway } from './gateways/event-based.js';
import { exclusiveGateway } from './gateways/exclusive.js';
import { inclusiveGateway } from './gateways/inclusive.js';
import { parallelGateway } from './gateways/parallel.js';
import { jobTask } from './tasks/job-task.js';
import { plainTask } from './tasks/plain-task.js';
import { receiveTask } from './tasks/receive-task.js';
import { userTask } from './tasks/user-task.js';

type BehaviorTable = { readonly [K in FlowNodeKind]: ElementBehavior<Extract<FlowNode, { kind: K }>> };

const table: BehaviorTable = {
  startEvent,
  endEvent,
  intermediateCatchEvent,
  intermediateThrowEvent,
  boundaryEvent,
  userTask,
  manualTask: userTask,
  receiveTask,
  serviceTask: jobTask,
  sendTask: jobTask,
  businessRuleTask: jobTask,
  task: plainTask,
  subProcess,
  eventSubProcess,
  callActivity,
  exclusiveGateway,
  parallelGateway,
  inclusiveGateway,
  eventBasedGateway,
};

/** The behaviour of an element's kind. */
export function behaviorOf<E extends FlowNode>(element: E): ElementBehavior<E> {
  return table[element.kind] as unknown as ElementBehavior<E>;
}

/** The loop characteristics of activities (multi-instance, standard loop). */
export const loopBehavior: LoopBehavior = { begin: beginLoop, collect: collectOutput, next: continueLoop };
