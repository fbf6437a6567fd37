/** multiInstance.addInstance (加签), multiInstance.cancelInstance (减签) on a running countersign. */
import type { Rejection } from '../api.js';
import { addInstances, cancelInstance } from '../elements/containers/loop.js';
import { bodyOf } from '../queries.js';
import type { Run } from '../run.js';
import type { ElementInstance } from '../state.js';
import { isRejection, refuseWhileSuspended, reject, type Handler } from './handler.js';

export const addMultiInstance: Handler<'multiInstance.addInstance'> = (run, { data }) => {
  const body = findBody(run, data.instanceId, data.elementId);
  if (isRejection(body)) return body;
  const suspended = refuseWhileSuspended(run, `加签 on '${body.elementId}'`);
  if (suspended) return suspended;
  if (data.items !== undefined && (!Array.isArray(data.items) || data.items.length === 0)) {
    return reject(
      'INVALID_ARGUMENT',
      `Expected items for 加签 to be a non-empty list, but got ${JSON.stringify(data.items)}`,
    );
  }
  const count = data.items?.length ?? data.count ?? 1;
  if (!Number.isInteger(count) || count < 1 || (data.items && data.count !== undefined && data.count !== count)) {
    return reject(
      'INVALID_ARGUMENT',
      `Expected a positive whole count for 加签 (matching the items if given), but got ${JSON.stringify(data.count)}`,
    );
  }
  addInstances(run, body, data.items ? [...data.items] : null, count);
  return undefined;
};

export const cancelMultiInstance: Handler<'multiInstance.cancelInstance'> = (run, { data }) => {
  const inner = run.instance(data.instanceId);
  if (!inner)
    return reject(
      'INSTANCE_NOT_FOUND',
      `Expected instance '${data.instanceId}' to be active, but it is not (completed, cancelled or never started)`,
    );
  const body = bodyOf(run.state, inner);
  if (!body?.mi || body.mi.total === null || inner.loopCounter === undefined) {
    return reject(
      'NOT_MULTI_INSTANCE',
      `Expected '${inner.elementId}' instance '${inner.id}' to be an inner instance of a multi-instance body, but it is not`,
    );
  }
  const suspended = refuseWhileSuspended(run, `减签 on '${body.elementId}'`);
  if (suspended) return suspended;
  if (body.mi.total - 1 < 1 || body.mi.total - 1 < body.mi.completed) {
    return reject(
      'INVALID_ARGUMENT',
      `Expected 减签 to leave '${body.elementId}' at least one instance, but it has ${body.mi.total}, ${body.mi.completed} of them completed`,
    );
  }
  cancelInstance(run, body, inner);
  return undefined;
};

/** The running multi-instance body, by its instance id or (when there is exactly one) its element. */
function findBody(
  run: Run,
  instanceId: string | undefined,
  elementId: string | undefined,
): ElementInstance | Rejection {
  let body: ElementInstance | undefined;
  if (instanceId !== undefined) {
    body = run.instance(instanceId);
    if (!body)
      return reject('INSTANCE_NOT_FOUND', `Expected multi-instance body '${instanceId}' to be active, but it is not`);
  } else if (elementId !== undefined) {
    const bodies = Object.values(run.state.instances).filter((i) => i.elementId === elementId && i.mi);
    if (bodies.length !== 1)
      return reject(
        bodies.length === 0 ? 'INSTANCE_NOT_FOUND' : 'INVALID_ARGUMENT',
        `Expected one running multi-instance body of '${elementId}', but there are ${bodies.length}`,
      );
    body = bodies[0];
  } else {
    return reject(
      'INVALID_ARGUMENT',
      'Expected the instanceId or the elementId of a multi-instance body, but got neither',
    );
  }
  if (!body?.mi || body.mi.total === null) {
    return reject(
      'NOT_MULTI_INSTANCE',
      `Expected '${body?.elementId ?? elementId ?? ''}' to be a running multi-instance body (not a standard loop or an inner instance), but it is not`,
    );
  }
  return body;
}
