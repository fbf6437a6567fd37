/**
 * The child process of group-commit.crash.spec.ts: starts `count` two-step cases (printing
 * `start <caseId> <seq>` for each), then completes their first tasks in waves of 10 issued at
 * once (so each wave shares a batch), printing `done <caseId> <seq>` for every completion
 * answered, and kills itself (SIGKILL, no cleanup) in the middle of a batch: when the runtime is
 * asked for the `killAt`-th completion.
 */
import fs from 'node:fs';
import { SettableClock } from '../../../../engine/clock.js';
import { defaultEngine, createStore, type DatabaseConfig } from '../../../../engine/store/index.js';

const [configJson, countText, killAtText, bpmnPath] = process.argv.slice(2);
const config = JSON.parse(configJson ?? '{}') as DatabaseConfig;
const count = Number(countText);
const killAt = Number(killAtText);
let completions = 0;
const store = await createStore(
  { database: config, clock: new SettableClock('2025-01-06T01:00:00.000Z') },
  {
    ...defaultEngine,
    execute: (definition, state, command, ctx) => {
      if (command.type === 'task.complete' && ++completions === killAt) process.kill(process.pid, 'SIGKILL');
      return defaultEngine.execute(definition, state, command, ctx);
    },
  },
);
await store.deploy(fs.readFileSync(bpmnPath ?? '', 'utf8'), { actor: 'admin' });
const say = (what: string, caseId: string, seq: number) => process.stdout.write(`${what} ${caseId} ${seq}\n`);
const started = [];
for (let n = 0; n < count; n += 1) {
  const result = await store.startCase({ processId: 'twoSteps', actor: 'tester' });
  say('start', result.caseId, result.state.seq);
  started.push(result);
}
for (let wave = 0; wave < started.length; wave += 10) {
  await Promise.all(
    started.slice(wave, wave + 10).map(async ({ caseId, state }) => {
      const taskId = Object.keys(state.tasks)[0] ?? '';
      const result = await store.dispatch(caseId, { type: 'task.complete', actor: 'tester', data: { taskId } });
      say('done', caseId, result.state.seq);
    }),
  );
}
