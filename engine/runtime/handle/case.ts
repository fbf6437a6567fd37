/** case.start, case.cancel, variables.set */
import { enter, endCase } from '../lifecycle.js';
import { openEventSubProcessStarts } from '../waits.js';
import { setLocal } from '../variables.js';
import { reject, type Handler } from './handler.js';

export const startCase: Handler<'case.start'> = (run, { data }) => {
  const process = run.process;
  if (!process.isExecutable)
    return reject('PROCESS_NOT_FOUND', `Expected process '${process.id}' to be executable, but isExecutable is false`);
  const startEventId = data.startEventId ?? process.noneStart;
  const start = startEventId === null ? undefined : process.elements.get(startEventId);
  if (!start || start.kind !== 'startEvent' || start.scopeId !== process.id) {
    return reject(
      'START_EVENT_NOT_FOUND',
      `Expected ${data.startEventId ? `start event '${data.startEventId}'` : 'a none start event'} in process '${process.id}', but there is none`,
    );
  }
  const rootInstanceId = run.newId();
  run.emit('case.started', {
    caseId: data.caseId,
    processId: process.id,
    definitionHash: run.definition.hash,
    rootInstanceId,
    parent: data.parent ?? null,
    startEventId: start.id,
    variables: data.variables ?? {},
  });
  const root = run.instance(rootInstanceId);
  if (root) openEventSubProcessStarts(run, root);
  enter(run, start.id, rootInstanceId);
  return undefined;
};

export const cancelCase: Handler<'case.cancel'> = (run, { data }) => {
  endCase(run, { type: 'case.cancelled', data: { reason: data.reason } });
  return undefined;
};

export const setVariables: Handler<'variables.set'> = (run, { data }) => {
  const scope = data.scopeInstanceId ?? run.state.rootInstanceId;
  if (!run.instance(scope))
    return reject('INVALID_ARGUMENT', `Expected scope instance '${scope}' to be active, but it is not`);
  setLocal(run, scope, data.variables);
  return undefined;
};
