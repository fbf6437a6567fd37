/**
 * execute: `(definition, state, command, now, ids) -> events + next state`. Pure: the input
 * state is not touched, the clock and ids come from the context, and the same input always
 * gives the same output.
 */
import type { CompiledDefinition } from '../model/types.js';
import type { ExecuteResult, Rejection, RuntimeContext } from './api.js';
import type { Command } from './commands.js';
import { fireReadyInclusiveJoins } from './elements/gateways/inclusive.js';
import { handlers } from './handle/index.js';
import type { Handler } from './handle/handler.js';
import { cloneState } from './clone.js';
import { raiseIncident } from './incidents.js';
import { complete, endCase, enter, scopeMayEnd, terminate, terminateChildren } from './lifecycle.js';
import type { Operations } from './operations.js';
import { Run } from './run.js';
import type { RuntimeState } from './state.js';
import { throwError, throwEscalation, throwMessage, throwSignal } from './throws.js';
import { openEventSubProcessStarts, subscribe, waitFor } from './waits.js';

/**
 * What element behaviours may do to a case (`run.ops`), composed here from the modules that
 * implement it, so that the behaviours and the lifecycle dispatching to them import no cycle.
 */
const operations: Operations = Object.freeze({
  enter,
  complete,
  terminate,
  terminateChildren,
  scopeMayEnd,
  endCase,
  raiseIncident,
  throwError,
  throwEscalation,
  throwSignal,
  throwMessage,
  waitFor,
  subscribe,
  openEventSubProcessStarts,
});

/**
 * Run one command on a case. The case layer's slot of the state (`domain`, typed `X`) is
 * carried through untouched.
 */
export function execute<X>(
  definition: CompiledDefinition,
  state: RuntimeState<X> | null,
  command: Command,
  ctx: RuntimeContext,
): ExecuteResult<X> {
  const refused = precondition(definition, state, command);
  if (refused) return { ok: false, rejection: refused };
  const processId = state?.processId ?? (command.type === 'case.start' ? command.data.processId : '');
  const process = definition.processes.get(processId);
  if (!process) {
    return {
      ok: false,
      rejection: {
        code: 'PROCESS_NOT_FOUND',
        message: `Expected process '${processId}' in definition ${definition.hash}, but it is not there`,
      },
    };
  }
  const run = new Run(definition, process, state ? cloneState(state) : null, ctx, command.actor, operations);
  const handler = handlers[command.type] as Handler<typeof command.type>;
  // The command's data is copied once, so that nothing the caller keeps aliases the new state.
  const rejection = handler(run, { ...command, data: structuredClone(command.data) } as never);
  if (rejection) {
    if (run.events.length > 0)
      throw new Error(`Handler of ${command.type} refused after emitting events: ${rejection.message}`);
    return { ok: false, rejection };
  }
  run.drain(() => fireReadyInclusiveJoins(run));
  return { ok: true, events: run.events, state: run.state as RuntimeState<X> };
}

function precondition(
  definition: CompiledDefinition,
  state: RuntimeState<unknown> | null,
  command: Command,
): Rejection | null {
  if (command.type === 'case.start') {
    return state
      ? { code: 'CASE_EXISTS', message: `Expected no case ${command.data.caseId} yet, but it exists` }
      : null;
  }
  if (!state) return { code: 'CASE_NOT_FOUND', message: `Expected a case for ${command.type}, but there is none` };
  // An ended case's clocks ended with it: finishing its time limit then has nothing to do.
  if (state.status !== 'active' && command.type !== 'clock.finish') {
    return {
      code: 'CASE_NOT_ACTIVE',
      message: `Expected case ${state.caseId} to be active for ${command.type}, but it is ${state.status}`,
    };
  }
  if (state.definitionHash !== definition.hash) {
    throw new Error(`Case ${state.caseId} runs definition ${state.definitionHash}, but was given ${definition.hash}`);
  }
  return null;
}
