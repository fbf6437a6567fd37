/**
 * Durably, on a SQLite file: the same process as the in-memory benchmark, every command committed
 * (event append + hash chain + projections) through the store's group commit, with 1 client (one
 * command at a time: its latency p50 / p99) and 16 clients (16 cases driven at once), against the
 * ceilings measured in the same run on the same kind of file (ceiling.ts): bare knex transactions
 * of the same rows, one command a transaction and 64 commands a transaction.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { systemClock } from '../engine/clock.js';
import { openStore, type Store } from '../engine/store/index.js';
import { measureCeilings } from './ceiling.js';
import { report, type Figure } from './report.js';

const XML = readFileSync(new URL('./fixtures/parallel-review.bpmn', import.meta.url), 'utf8');

export interface DurableRun {
  readonly cases: number;
  readonly commands: number;
  readonly seconds: number;
  /** Each command's latency in ms. */
  readonly latencies: number[];
  /** Commands per transaction, on average. */
  readonly perCommit: number;
}

/** A fresh store on a SQLite file in its own folder (removed by `close`). */
export async function freshSqliteStore(): Promise<{ store: Store; file: string; close(): Promise<void> }> {
  const dir = mkdtempSync(path.join(process.env.MATTERFLOW_BENCH_DIR ?? tmpdir(), 'matterflow-bench-'));
  const file = path.join(dir, 'bench.sqlite');
  const store = await openStore({ database: { client: 'sqlite', filename: file }, clock: systemClock });
  await store.deploy(XML, { actor: 'bench' });
  return {
    store,
    file,
    close: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Drive `cases` cases (4 commands each) through `store` with `clients` at once. */
export async function driveCases(store: Store, cases: number, clients: number): Promise<DurableRun> {
  const latencies: number[] = [];
  let commands = 0;
  let next = 0;
  const timed = async <T>(work: () => Promise<T>): Promise<T> => {
    const began = performance.now();
    const result = await work();
    latencies.push(performance.now() - began);
    commands += 1;
    return result;
  };
  const client = async () => {
    while (next < cases) {
      const n = next++;
      const start = await timed(() =>
        store.startCase({ processId: 'parallelReview', variables: { approved: n % 2 === 0 }, actor: 'bench' }),
      );
      let state = start.state;
      for (const taskId of Object.keys(state.tasks)) {
        state = (
          await timed(() => store.dispatch(start.caseId, { type: 'task.complete', actor: 'bench', data: { taskId } }))
        ).state;
      }
      if (state.status !== 'completed') throw new Error(`case ${start.caseId} did not complete`);
    }
  };
  const before = store.commitStats();
  const began = performance.now();
  await Promise.all(Array.from({ length: clients }, client));
  const seconds = (performance.now() - began) / 1000;
  const after = store.commitStats();
  const perCommit = (after.units - before.units) / Math.max(1, after.batches - before.batches);
  return { cases, commands, seconds, latencies, perCommit };
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

export async function benchDurable(cases: number): Promise<Figure[]> {
  const ceilings = await measureCeilings(Math.max(1_000, cases));
  const runs: Record<1 | 16, DurableRun> = {} as Record<1 | 16, DurableRun>;
  for (const clients of [1, 16] as const) {
    const fresh = await freshSqliteStore();
    try {
      runs[clients] = await driveCases(fresh.store, cases, clients);
    } finally {
      await fresh.close();
    }
  }
  const rate = (run: DurableRun) => run.commands / run.seconds;
  return report('durable (SQLite file, WAL)', [
    { name: '1 client: cases / s', value: runs[1].cases / runs[1].seconds },
    { name: '1 client: commands / s', value: rate(runs[1]) },
    { name: '1 client: latency p50', value: percentile(runs[1].latencies, 50), unit: 'ms' },
    { name: '1 client: latency p99', value: percentile(runs[1].latencies, 99), unit: 'ms' },
    { name: '16 clients: cases / s', value: runs[16].cases / runs[16].seconds },
    { name: '16 clients: commands / s', value: rate(runs[16]) },
    { name: '16 clients: commands a commit', value: runs[16].perCommit },
    { name: '16 clients: latency p99', value: percentile(runs[16].latencies, 99), unit: 'ms' },
    { name: 'ceiling: bare tx a command / s', value: ceilings.single },
    { name: 'ceiling: 64 commands a tx / s', value: ceilings.batched },
    { name: '1 client / bare tx a command', value: rate(runs[1]) / ceilings.single, unit: '×' },
    { name: '16 clients / batched ceiling', value: rate(runs[16]) / ceilings.batched, unit: '×' },
  ]);
}
