/**
 * PostgreSQL with 1, 2 and 4 "server processes": each a separate Node process (pg-worker.ts) with
 * its own store (pool, group commit) on one shared schema, driving its share of the cases with 8
 * clients. Cases / s from "go" until the last process is done, and the ratio to 1 process.
 * Skipped (with a line saying so) when PostgreSQL does not answer.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { systemClock } from '../engine/clock.js';
import { dropSchema } from '../engine/store/database.js';
import { openStore } from '../engine/store/index.js';
import { report, type Figure } from './report.js';

const URL_ = process.env.MATTERFLOW_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const WORKER = fileURLToPath(new URL('./pg-worker.ts', import.meta.url));

export async function benchPgScale(cases: number, processes: readonly number[] = [1, 2, 4]): Promise<Figure[]> {
  const rates: number[] = [];
  for (const count of processes) {
    const rate = await run(count, cases);
    if (rate === null) {
      console.log('PostgreSQL scale-out: skipped (no PostgreSQL at MATTERFLOW_BENCH_PG_URL)');
      return [];
    }
    rates.push(rate);
  }
  return report(
    'PostgreSQL: server processes (8 clients each)',
    processes.flatMap((count, index) => [
      { name: `${count} process${count > 1 ? 'es' : ''}: cases / s`, value: rates[index] ?? 0 },
      { name: `${count} process${count > 1 ? 'es' : ''}: ratio to 1`, value: (rates[index] ?? 0) / (rates[0] ?? 1) },
    ]),
  );
}

async function run(processes: number, cases: number): Promise<number | null> {
  const schema = `mf_bench_${randomBytes(4).toString('hex')}`;
  let store;
  try {
    store = await openStore({ database: { client: 'postgres', connectionString: URL_, schema }, clock: systemClock });
  } catch {
    return null;
  }
  try {
    await store.deploy(readFileSync(new URL('./fixtures/parallel-review.bpmn', import.meta.url), 'utf8'), {
      actor: 'bench',
    });
    const share = Math.ceil(cases / processes);
    const workers = Array.from({ length: processes }, () =>
      spawn(process.execPath, ['--import', 'tsx', WORKER, URL_, schema, String(share), '8'], {
        stdio: ['pipe', 'pipe', 'inherit'],
      }),
    );
    const said = (child: (typeof workers)[number], word: string) =>
      new Promise<void>((resolve, reject) => {
        let text = '';
        child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
          text += chunk;
          if (text.includes(word)) resolve();
        });
        child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`a worker exited with ${code}`))));
      });
    await Promise.all(workers.map((child) => said(child, 'ready')));
    const began = performance.now();
    const done = workers.map((child) => said(child, 'done'));
    for (const child of workers) child.stdin?.write('go\n');
    await Promise.all(done);
    const seconds = (performance.now() - began) / 1000;
    await Promise.all(
      workers.map((child) =>
        child.exitCode !== null ? undefined : new Promise((resolve) => child.once('exit', resolve)),
      ),
    );
    return (share * processes) / seconds;
  } finally {
    await store.close();
    await dropSchema(URL_, schema);
  }
}
