/**
 * Runtime only, in memory: start -> parallel split to 3 user tasks -> join -> exclusive gateway
 * -> end. Each case is 4 commands (start + 3 completions) through the pure runtime.
 */
import { readFileSync } from 'node:fs';
import { loadDefinition } from '../engine/model/index.js';
import { execute, type Command } from '../engine/runtime/index.js';
import { type CaseState } from '../engine/case/index.js';
import { report, type Figure } from './report.js';

export async function benchRuntime(cases: number): Promise<Figure[]> {
  const loaded = await loadDefinition(
    readFileSync(new URL('./fixtures/parallel-review.bpmn', import.meta.url), 'utf8'),
  );
  if (!loaded.ok) throw new Error('benchmark process does not load');
  const definition = loaded.definition;
  let ids = 0;
  const ctx = { now: '2026-03-02T01:00:00.000Z', ids: () => `i${++ids}` };
  const run = (state: CaseState | null, command: Command): CaseState => {
    const result = execute(definition, state, command, ctx);
    if (!result.ok) throw new Error(result.rejection.message);
    return result.state;
  };
  let events = 0;
  const started = performance.now();
  for (let n = 0; n < cases; n++) {
    let state = run(null, {
      type: 'case.start',
      actor: 'bench',
      data: { caseId: `c${n}`, processId: 'parallelReview', variables: { approved: n % 2 === 0 } },
    });
    for (const taskId of Object.keys(state.tasks))
      state = run(state, { type: 'task.complete', actor: 'bench', data: { taskId } });
    if (state.status !== 'completed') throw new Error(`case c${n} did not complete`);
    events += state.seq;
  }
  const seconds = (performance.now() - started) / 1000;
  return report('runtime (in memory)', [
    { name: 'cases completed / s', value: cases / seconds },
    { name: 'commands / s', value: (cases * 4) / seconds },
    { name: 'events / case', value: events / cases },
  ]);
}
