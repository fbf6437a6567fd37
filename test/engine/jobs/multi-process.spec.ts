import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { SettableClock } from '../../../engine/clock.js';
import { dropSchema, openStore, type DatabaseConfig, type Store } from '../../../engine/store/index.js';
import { testDialect, testPostgresUrl } from '../../support/test-database.js';
import { fixture } from './support/helpers.js';

const WORKER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'support', 'poller-worker.ts');
const T0 = '2025-01-06T01:00:00.000Z';
const TIMERS = 1_000;

interface WorkerReport {
  id: string;
  fired: string[];
  gone: number;
  failed: number;
  released: number;
  ms: number;
}

/** A fresh database every process can open: a PG schema, or a SQLite file (WAL). */
function isolatedConfig(): { config: DatabaseConfig; dispose: () => Promise<void> } {
  if (testDialect() === 'postgres') {
    const schema = `mf_mp_${process.pid}_${randomBytes(4).toString('hex')}`;
    return {
      config: { client: 'postgres', connectionString: testPostgresUrl(), schema },
      dispose: () => dropSchema(testPostgresUrl(), schema),
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'matterflow-mp-'));
  return {
    config: { client: 'sqlite', filename: path.join(dir, 'shared.sqlite'), busyTimeoutMs: 20_000 },
    dispose: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

function startWorker(
  config: DatabaseConfig,
  id: string,
): { child: ChildProcessWithoutNullStreams; ready: Promise<void>; report: Promise<WorkerReport> } {
  const env = {
    ...process.env,
    MF_WORKER_DB: JSON.stringify(config),
    MF_WORKER_ID: id,
    MF_WORKER_NOW: '2025-01-06T03:00:00.000Z',
  };
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  let onReady = () => {};
  const ready = new Promise<void>((resolve) => (onReady = resolve));
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    if (out.includes('ready\n')) onReady();
  });
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const report = new Promise<WorkerReport>((resolve, reject) => {
    child.on('exit', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (code !== 0 || !line) reject(new Error(`worker ${id} exited with ${code}: ${err || out}`));
      else resolve(JSON.parse(line) as WorkerReport);
    });
  });
  return { child, ready: Promise.race([ready, report.then(() => undefined)]), report };
}

describe('jobs: several server processes on one database', function () {
  this.timeout(120_000);
  const processes = testDialect() === 'postgres' ? 3 : 2;
  let db: ReturnType<typeof isolatedConfig>;
  let store: Store;

  before(async () => {
    db = isolatedConfig();
    store = await openStore({ database: db.config, clock: new SettableClock(T0) });
  });

  after(async () => {
    await store.close();
    await db.dispose();
  });

  it(`should fire each of ${TIMERS} timers due at once exactly once with ${processes} pollers in separate processes`, async () => {
    // given 1,000 cases, each waiting at a timer due at 02:00
    await store.deploy(fs.readFileSync(fixture('poller.wait'), 'utf8'), { actor: 'admin' });
    const caseIds: string[] = [];
    for (let n = 0; n < TIMERS; n += 20) {
      const batch = Array.from({ length: 20 }, () =>
        store.startCase({ processId: 'wait', variables: { delay: 'PT1H' }, actor: 'tester' }),
      );
      caseIds.push(...(await Promise.all(batch)).map((r) => r.caseId));
    }
    const workers = Array.from({ length: processes }, (_, n) => startWorker(db.config, `poller-${n + 1}`));
    await Promise.all(workers.map((w) => w.ready));

    // when every process starts polling at 03:00
    const started = performance.now();
    for (const worker of workers) worker.child.stdin.write('go\n');
    const reports = await Promise.all(workers.map((w) => w.report));
    const elapsed = performance.now() - started;

    // then each timer fired once, in one process, and every case moved on
    const firedIds = reports.flatMap((r) => r.fired);
    console.log(
      `      ${processes} processes (${testDialect()}), ${TIMERS} timers in ${Math.round(elapsed)} ms: ${reports.map((r) => `${r.id} fired ${r.fired.length} (gone ${r.gone}, failed ${r.failed}, released ${r.released})`).join('; ')}`,
    );
    expect(firedIds).to.have.length(TIMERS);
    expect(new Set(firedIds).size).to.equal(TIMERS);
    const { knex } = store.database;
    const perCase = (await knex('case_events')
      .where({ type: 'timer.fired' })
      .groupBy('case_id')
      .select('case_id')
      .count({ n: '*' })) as { case_id: string; n: number | string }[];
    expect(perCase).to.have.length(TIMERS);
    expect(perCase.filter((row) => Number(row.n) !== 1)).to.deep.equal([]);
    expect(await knex('jobs').count({ n: '*' }).first()).to.satisfy(
      (row: { n: number | string }) => Number(row.n) === 0,
    );
    const open = await store.listCases({ status: 'active' });
    expect(open).to.deep.equal([]);
    for (const caseId of caseIds) expect(await store.verify(caseId), caseId).to.deep.equal({ ok: true });
  });
});
