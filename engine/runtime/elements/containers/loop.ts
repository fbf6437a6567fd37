/**
 * Multi-instance and standard loops. The activity gets a body instance (which carries the
 * boundary events) and inner instances, one per item, in parallel or one after another.
 * 会签 / 或签 / 票签 are multi-instance with a completion condition: when it holds, the inner
 * instances still running are terminated and the body completes.
 */
import type { Activity } from '../../../model/types.js';
import { evaluateCondition, evaluateFeel } from '../../feel.js';
import type { Run } from '../../run.js';
import type { ElementInstance, MultiInstanceState } from '../../state.js';
import { propagate, visibleVariables } from '../../variables.js';

/** Start the iterations of a body instance that was just activated (or resumed after an incident). */
export function beginLoop(run: Run, bodyId: string, activity: Activity): void {
  const body = run.instance(bodyId);
  const loop = activity.loop;
  if (!body || !loop) return;
  if (loop.kind === 'standardLoop') {
    run.emit('multiInstance.started', {
      instanceId: bodyId,
      elementId: activity.id,
      sequential: true,
      total: null,
      items: null,
      collectOutputs: false,
    });
    const first = loop.testBefore ? loopAgain(run, body, activity) : true;
    if (first === null) return;
    return first ? startIteration(run, bodyId, activity, 1) : finish(run, bodyId, activity);
  }
  const variables = visibleVariables(run, body.parentId);
  let items: unknown[] | null = null;
  let total = 0;
  if (loop.inputCollection) {
    const result = evaluateFeel(loop.inputCollection, variables, run.now);
    if (!result.ok) return run.ops.raiseIncident(run, body, 'expression-failed', result.message, { resume: 'loop' });
    if (!Array.isArray(result.value)) {
      return run.ops.raiseIncident(
        run,
        body,
        'expression-failed',
        `Expected '${loop.inputCollection.source}' to be a list, but it is ${JSON.stringify(result.value)}`,
        { resume: 'loop' },
      );
    }
    items = result.value;
    total = items.length;
  } else if (loop.loopCardinality) {
    const result = evaluateFeel(loop.loopCardinality, variables, run.now);
    if (!result.ok) return run.ops.raiseIncident(run, body, 'expression-failed', result.message, { resume: 'loop' });
    if (typeof result.value !== 'number' || !Number.isInteger(result.value) || result.value < 0) {
      return run.ops.raiseIncident(
        run,
        body,
        'expression-failed',
        `Expected loop cardinality '${loop.loopCardinality.source}' to be a whole number, but it is ${JSON.stringify(result.value)}`,
        { resume: 'loop' },
      );
    }
    total = result.value;
  }
  run.emit('multiInstance.started', {
    instanceId: bodyId,
    elementId: activity.id,
    sequential: loop.sequential,
    total,
    items,
    collectOutputs: loop.outputCollection !== null,
  });
  if (total === 0) return finish(run, bodyId, activity);
  const count = loop.sequential ? 1 : total;
  for (let counter = 1; counter <= count; counter++) startIteration(run, bodyId, activity, counter);
}

function startIteration(run: Run, bodyId: string, activity: Activity, loopCounter: number): void {
  const body = run.instance(bodyId);
  const loop = activity.loop;
  if (!body || !loop) return;
  const locals: Record<string, unknown> = { loopCounter };
  if (loop.kind === 'multiInstance' && loop.inputElement && body.mi?.items) {
    locals[loop.inputElement] = body.mi.items[loopCounter - 1] ?? null;
  }
  run.ops.enter(run, activity.id, bodyId, { loopCounter, locals });
}

/** Before an inner instance completes: record its output element. False: an incident stopped it. */
export function collectOutput(run: Run, body: ElementInstance, inner: ElementInstance, activity: Activity): boolean {
  const loop = activity.loop;
  if (loop?.kind !== 'multiInstance' || !loop.outputCollection || inner.loopCounter === undefined) return true;
  let output: unknown = null;
  if (loop.outputElement) {
    const result = evaluateFeel(loop.outputElement, visibleVariables(run, inner.id), run.now);
    if (!result.ok) {
      run.ops.raiseIncident(run, inner, 'expression-failed', result.message, { resume: 'complete' });
      return false;
    }
    output = result.value;
  }
  run.emit('multiInstance.outputCollected', { instanceId: body.id, loopCounter: inner.loopCounter, output });
  return true;
}

/** An inner instance completed: stop on the completion condition, start the next, or finish. */
export function continueLoop(run: Run, bodyId: string): void {
  const body = run.instance(bodyId);
  const mi = body?.mi;
  if (!body || !mi) return;
  const activity = run.element(body.elementId) as Activity;
  const loop = activity.loop;
  if (!loop) return;
  if (loop.kind === 'standardLoop') {
    const again = loopAgain(run, body, activity);
    if (again === null) return;
    return again ? startIteration(run, bodyId, activity, mi.next) : finish(run, bodyId, activity);
  }
  if (loop.completionCondition) {
    // The output collection so far is visible, so a 票签 can count the votes cast.
    const collected = loop.outputCollection && mi.outputs ? { [loop.outputCollection]: [...mi.outputs] } : {};
    const context = {
      ...visibleVariables(run, bodyId),
      ...collected,
      nrOfInstances: mi.total,
      nrOfCompletedInstances: mi.completed,
      nrOfActiveInstances: mi.active,
    };
    const result = evaluateCondition(loop.completionCondition, context, run.now);
    if (!result.ok) return run.ops.raiseIncident(run, body, 'expression-failed', result.message, { resume: 'loop' });
    if (result.value) {
      for (const inner of run.children(bodyId).reverse()) run.ops.terminate(run, inner.id, 'completion-condition');
      return finish(run, bodyId, activity);
    }
  }
  if (mi.sequential && mi.total !== null && mi.next <= span(mi)) return startIteration(run, bodyId, activity, mi.next);
  if (mi.active === 0) finish(run, bodyId, activity);
}

/** The loopCounters a body runs through: its instances plus those cancelled by 减签. */
function span(mi: MultiInstanceState): number {
  return (mi.total ?? 0) + (mi.removed ?? 0);
}

/**
 * 加签: `count` more inner instances, with `items` as their input elements (or none). A parallel
 * body starts them at once with the next loopCounters; a sequential one runs them last.
 */
export function addInstances(run: Run, body: ElementInstance, items: unknown[] | null, count: number): void {
  const mi = body.mi;
  if (!mi || mi.total === null) return;
  const first = span(mi) + 1;
  run.emit('multiInstance.instancesAdded', {
    instanceId: body.id,
    elementId: body.elementId,
    added: count,
    items,
    total: mi.total + count,
  });
  if (mi.sequential) return;
  const activity = run.element(body.elementId) as Activity;
  for (let counter = first; counter < first + count; counter++) startIteration(run, body.id, activity, counter);
}

/**
 * 减签: one inner instance that has not completed is cancelled and no longer counts in
 * nrOfInstances; then the body goes on as after a completion (it may be done now).
 */
export function cancelInstance(run: Run, body: ElementInstance, inner: ElementInstance): void {
  const mi = body.mi;
  if (!mi || mi.total === null || inner.loopCounter === undefined) return;
  run.emit('multiInstance.instanceCancelled', {
    instanceId: body.id,
    innerInstanceId: inner.id,
    loopCounter: inner.loopCounter,
    total: mi.total - 1,
  });
  run.ops.terminate(run, inner.id, 'cancelled');
  continueLoop(run, body.id);
}

/** Whether a standard loop runs another iteration; null when its condition raised an incident. */
function loopAgain(run: Run, body: ElementInstance, activity: Activity): boolean | null {
  const loop = activity.loop;
  if (loop?.kind !== 'standardLoop') return false;
  const done = body.mi ? body.mi.next - 1 : 0;
  if (loop.loopMaximum !== null && done >= loop.loopMaximum) return false;
  if (!loop.loopCondition) return loop.loopMaximum !== null;
  const result = evaluateCondition(
    loop.loopCondition,
    { ...visibleVariables(run, body.id), loopCounter: done },
    run.now,
  );
  if (!result.ok) {
    run.ops.raiseIncident(run, body, 'expression-failed', result.message, { resume: 'loop' });
    return null;
  }
  return result.value;
}

function finish(run: Run, bodyId: string, activity: Activity): void {
  const body = run.instance(bodyId);
  if (!body) return;
  const loop = activity.loop;
  if (loop?.kind === 'multiInstance' && loop.outputCollection && body.mi?.outputs) {
    propagate(run, body.parentId, { [loop.outputCollection]: [...body.mi.outputs] });
  }
  run.ops.complete(run, bodyId);
}
