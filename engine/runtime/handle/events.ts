/** message.correlate, signal.receive, timer.fire: something the case waits for happened. */
import { raiseAlert } from '../clocks.js';
import { deliver } from '../triggers.js';
import { nextCycle } from '../timers.js';
import { refuseWhileSuspended, reject, type Handler } from './handler.js';

export const correlateMessage: Handler<'message.correlate'> = (run, { data }) => {
  const subscription = Object.values(run.state.subscriptions).find(
    (s) =>
      s.kind === 'message' && s.name === data.name && (data.elementId === undefined || s.elementId === data.elementId),
  );
  if (!subscription) {
    return reject(
      'NO_SUBSCRIPTION',
      `Expected case ${run.state.caseId} to wait for message '${data.name}'${data.elementId ? ` at '${data.elementId}'` : ''}, but it does not`,
    );
  }
  const variables = data.variables ?? {};
  run.emit('event.triggered', {
    subscriptionId: subscription.id,
    kind: 'message',
    name: data.name,
    elementId: subscription.elementId,
    variables,
  });
  deliver(run, subscription.instanceId, subscription.elementId, variables);
  return undefined;
};

export const receiveSignal: Handler<'signal.receive'> = (run, { data }) => {
  const waiting = Object.values(run.state.subscriptions).filter((s) => s.kind === 'signal' && s.name === data.name);
  if (waiting.length === 0)
    return reject(
      'NO_SUBSCRIPTION',
      `Expected case ${run.state.caseId} to wait for signal '${data.name}', but it does not`,
    );
  const variables = data.variables ?? {};
  for (const subscription of waiting) {
    if (!run.state.subscriptions[subscription.id]) continue;
    run.emit('event.triggered', {
      subscriptionId: subscription.id,
      kind: 'signal',
      name: data.name,
      elementId: subscription.elementId,
      variables,
    });
    deliver(run, subscription.instanceId, subscription.elementId, variables);
  }
  return undefined;
};

export const fireTimer: Handler<'timer.fire'> = (run, { data }) => {
  const timer = run.state.timers[data.timerId];
  if (!timer)
    return reject(
      'TIMER_NOT_FOUND',
      `Expected timer '${data.timerId}' to be pending, but it is not (fired or cancelled)`,
    );
  // 挂起 holds back BPMN timers (their poller retries later); thresholds and deadlines go on.
  const suspended =
    timer.alert || timer.deadline
      ? undefined
      : refuseWhileSuspended(run, `timer '${timer.id}' of '${timer.elementId}'`);
  if (suspended) return suspended;
  run.emit('timer.fired', { timerId: timer.id, elementId: timer.elementId });
  if (timer.alert) return (raiseAlert(run, timer.alert.clockId, timer.alert.level), undefined);
  if (timer.deadline) return (run.emit('deadline.reached', { name: timer.deadline }), undefined);
  deliver(run, timer.instanceId, timer.elementId, {});
  // A cycle goes on while its owner still waits (a non-interrupting boundary or event sub-process).
  const next = timer.repeat && run.instance(timer.instanceId) ? nextCycle(timer.repeat, timer.dueAt) : null;
  if (next) {
    run.emit('timer.scheduled', {
      timerId: run.newId(),
      instanceId: timer.instanceId,
      elementId: timer.elementId,
      dueAt: next.dueAt,
      repeat: next.repeat,
    });
  }
  return undefined;
};
