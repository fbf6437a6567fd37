/**
 * Durably, on a SQLite file: the same process as the in-memory benchmark, every command in its
 * own committed transaction (event append + hash chain + projections), one at a time.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { systemClock } from '../engine/clock.js';
import { openStore } from '../engine/store/index.js';
import { report, type Figure } from './report.js';

export async function benchDurable(cases: number): Promise<Figure[]> {
  const dir = mkdtempSync(path.join(process.env.MATTERFLOW_BENCH_DIR ?? tmpdir(), 'matterflow-bench-'));
  const store = await openStore({
    database: { client: 'sqlite', filename: path.join(dir, 'bench.sqlite') },
    clock: systemClock,
  });
  try {
    await store.deploy(readFileSync(new URL('./fixtures/parallel-review.bpmn', import.meta.url), 'utf8'), {
      actor: 'bench',
    });
    let commands = 0;
    let events = 0;
    const started = performance.now();
    for (let n = 0; n < cases; n++) {
      const start = await store.startCase({
        processId: 'parallelReview',
        variables: { approved: n % 2 === 0 },
        actor: 'bench',
      });
      commands += 1;
      let state = start.state;
      for (const taskId of Object.keys(state.tasks)) {
        state = (await store.dispatch(start.caseId, { type: 'task.complete', actor: 'bench', data: { taskId } })).state;
        commands += 1;
      }
      if (state.status !== 'completed') throw new Error(`case ${start.caseId} did not complete`);
      events += state.seq;
    }
    const seconds = (performance.now() - started) / 1000;
    return report('durable (SQLite file, WAL)', [
      { name: 'cases completed / s', value: cases / seconds },
      { name: 'commands committed / s', value: commands / seconds },
      { name: 'events appended / s', value: events / seconds },
    ]);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
