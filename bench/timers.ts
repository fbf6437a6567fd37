/**
 * Durable timers on a SQLite file, `pending` of them in all (default 100,000):
 * - schedule: the first `viaCommands` (default 10,000, all due within the hour) through the
 *   real command path (runtime + hash-chained event log + projections; the `timer.scheduled`
 *   projection inserts the job row), 1,000 case starts per transaction via the store's
 *   Dispatcher; for comparison, 1,000 cases one transaction each through `store.startCase`;
 *   the rest (due in 30 days, never fired here) inserted directly into `jobs` as the projection
 *   writes them (with the case rows their foreign key needs), 500 rows a statement, since the
 *   command path runs at about 800 cases/s here and would take minutes;
 * - claim cost: the poller's claim statement (a batch of 100) timed as the table grows (10k, 50k,
 *   100k pending), with due jobs and with none due, and its EXPLAIN QUERY PLAN, which must read
 *   `jobs_firing_order_index` without sorting;
 * - fire: one poller tick firing every due timer, each its own `timer.fire` command; three rounds,
 *   each with `viaCommands` timers due among the `pending` (the rounds after the first schedule
 *   theirs through commands, due an hour after the previous round), reported each and as the
 *   median: a single tick of a few seconds on a shared machine moves by a third between runs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SettableClock } from '../engine/clock.js';
import { claimBatch } from '../engine/jobs/claim-batch.js';
import { jobsOf } from '../engine/jobs/index.js';
import { explainClaim, readsInFiringOrder } from '../engine/jobs/claim-plan.js';
import { DefinitionCache } from '../engine/store/definition-cache.js';
import { Dispatcher } from '../engine/store/dispatcher.js';
import { defaultEngine, openStore, type Store } from '../engine/store/index.js';
import type { CommandRequest } from '../engine/store/requests.js';
import { report, type Figure } from './report.js';

const T0 = '2026-03-02T01:00:00.000Z';
const DUE_BY = '2026-03-02T03:00:00.000Z';
const PER_TRANSACTION = 1_000;
const DIRECT_BATCH = 500;
const CHECKPOINTS = [10_000, 50_000, 100_000];
const FIRE_ROUNDS = 3;

const WAIT_XML = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="defs" targetNamespace="https://matterflow.cn/bench">
  <bpmn:process id="timerWait" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="pause" />
    <bpmn:intermediateCatchEvent id="pause"><bpmn:timerEventDefinition><bpmn:timeDuration>=delay</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
    <bpmn:sequenceFlow id="f2" sourceRef="pause" targetRef="end" />
    <bpmn:endEvent id="end" />
  </bpmn:process>
</bpmn:definitions>`;

/** Run the timer benchmark: `pending` timers, the first `viaCommands` through commands and due. */
export async function benchTimers(pending = 100_000, viaCommands = Math.min(10_000, pending)): Promise<Figure[]> {
  const dir = mkdtempSync(path.join(process.env.MATTERFLOW_BENCH_DIR ?? tmpdir(), 'matterflow-timers-'));
  const clock = new SettableClock(T0);
  let ids = 0;
  const newId = () => `t${(ids += 1)}`;
  const store = await openStore({
    database: { client: 'sqlite', filename: path.join(dir, 'timers.sqlite') },
    clock,
    ids: newId,
  });
  try {
    const [deployed] = (await store.deploy(WAIT_XML, { actor: 'bench' })).processes;
    if (!deployed) throw new Error('the benchmark process did not deploy');
    const dispatcher = new Dispatcher(store.database.knex, {
      engine: defaultEngine,
      cache: new DefinitionCache(defaultEngine),
      clock,
      ids: newId,
    });
    const start = (n: number, prefix = 'case'): CommandRequest => ({
      caseId: `${prefix}-${n}`,
      definitionHash: deployed.hash,
      command: {
        type: 'case.start',
        actor: 'bench',
        data: { caseId: `${prefix}-${n}`, processId: 'timerWait', variables: { delay: 'PT1H' } },
      },
    });

    const figures: Figure[] = [];
    const claims: { name: string; value: number; unit: string }[] = [];
    const checkpoint = async (count: number) => {
      if (CHECKPOINTS.includes(count) || count === pending) claims.push(...(await claimCost(store, count)));
    };
    let commandMs = 0;
    for (let n = 0; n < viaCommands; n += PER_TRANSACTION) {
      const requests = Array.from({ length: Math.min(PER_TRANSACTION, viaCommands - n) }, (_, k) => start(n + k));
      const began = performance.now();
      await dispatcher.transact(async () => requests);
      commandMs += performance.now() - began;
      await checkpoint(n + requests.length);
    }
    let directMs = 0;
    for (let n = viaCommands; n < pending; n += DIRECT_BATCH) {
      const count = Math.min(DIRECT_BATCH, pending - n);
      const began = performance.now();
      await insertDirectly(store, deployed.hash, n, count);
      directMs += performance.now() - began;
      await checkpoint(n + count);
    }
    figures.push(
      ...report('timers: schedule (SQLite file)', [
        {
          name: `${viaCommands.toLocaleString('en-US')} via commands, batched / s`,
          value: viaCommands / (commandMs / 1000),
        },
        { name: 'via commands, one a transaction / s', value: await oneByOne(store, 1_000) },
        ...(pending > viaCommands
          ? [
              {
                name: `${(pending - viaCommands).toLocaleString('en-US')} rows inserted directly / s`,
                value: (pending - viaCommands) / (directMs / 1000),
              },
            ]
          : []),
      ]),
    );
    figures.push(...report('timers: claim a batch of 100', claims));
    const plan = await explainClaim(store.database.knex, 'sqlite', {
      kinds: ['timer', 'start-timer'],
      dueBy: DUE_BY,
      now: T0,
      owner: 'bench',
      leaseMs: 60_000,
      limit: 100,
    });
    console.log(`  claim plan (EXPLAIN QUERY PLAN): ${plan.join(' | ')}`);
    if (!readsInFiringOrder(plan, 'sqlite'))
      throw new Error('the claim statement does not read jobs_firing_order_index in firing order');

    clock.set(DUE_BY);
    const poller = jobsOf(store).createPoller({ batchSize: 100, serviceJobs: false });
    const rates: number[] = [];
    for (let round = 1; round <= FIRE_ROUNDS; round += 1) {
      if (round > 1) {
        // another `viaCommands` cases, their timers due in an hour, among the pending far ones
        for (let n = 0; n < viaCommands; n += PER_TRANSACTION) {
          const count = Math.min(PER_TRANSACTION, viaCommands - n);
          await dispatcher.transact(async () => Array.from({ length: count }, (_, k) => start(n + k, `round${round}`)));
        }
        clock.advance('PT2H');
      }
      const began = performance.now();
      const tick = await poller.tick();
      const seconds = (performance.now() - began) / 1000;
      const fired = tick.timers.filter((t) => t.outcome === 'fired').length;
      if (fired !== viaCommands) throw new Error(`round ${round} fired ${fired} timers, not the ${viaCommands} due`);
      rates.push(fired / seconds);
    }
    const sorted = [...rates].sort((a, b) => a - b);
    figures.push(
      ...report('timers: fire the due ones (one tick a round)', [
        ...rates.map((rate, index) => ({
          name: `round ${index + 1}: ${viaCommands.toLocaleString('en-US')} fired / s`,
          value: rate,
        })),
        { name: `timers fired / s (median of ${FIRE_ROUNDS})`, value: sorted[Math.floor(FIRE_ROUNDS / 2)] ?? 0 },
      ]),
    );
    return figures;
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Mean ms of the claim statement with `pending` jobs: a batch of 100 due, and nothing due. */
async function claimCost(store: Store, pending: number): Promise<{ name: string; value: number; unit: string }[]> {
  const { knex } = store.database;
  const time = async (dueBy: string, reps: number) => {
    const base = Date.now() + 60_000;
    const began = performance.now();
    // Each claim's 1 ms lease has expired for the next one, so every rep claims a full batch.
    for (let rep = 0; rep < reps; rep += 1) {
      await claimBatch(knex, 'sqlite', {
        kinds: ['timer', 'start-timer'],
        dueBy,
        now: new Date(base + rep * 10).toISOString(),
        owner: 'bench',
        leaseMs: 1,
        limit: 100,
      });
    }
    const ms = (performance.now() - began) / reps;
    await knex('jobs').where({ lease_owner: 'bench' }).update({ lease_owner: null, lease_expires_at: null });
    return ms;
  };
  const label = `${pending / 1000}k pending`;
  return [
    { name: `${label}: 100 due`, value: await time(DUE_BY, 50), unit: 'ms' },
    { name: `${label}: none due`, value: await time(T0, 50), unit: 'ms' },
  ];
}

/** `count` case rows and their pending timer jobs, due in 30 days, as the projections write them. */
async function insertDirectly(store: Store, hash: string, from: number, count: number): Promise<void> {
  const numbers = Array.from({ length: count }, (_, k) => from + k);
  const later = '2026-04-01T01:00:00.000Z';
  await store.database.knex.transaction(async (trx) => {
    await trx('cases').insert(
      numbers.map((n) => ({
        case_id: `case-${n}`,
        process_id: 'timerWait',
        definition_hash: hash,
        version: 6,
        last_hash: '0'.repeat(64),
        status: 'active',
        state: '{}',
        started_at: T0,
        updated_at: T0,
      })),
    );
    await trx('jobs').insert(
      numbers.map((n) => ({
        job_id: `timer-${n}`,
        case_id: `case-${n}`,
        kind: 'timer',
        element_id: 'pause',
        instance_id: `i-${n}`,
        type: null,
        due_at: later,
        retries: null,
        created_at: T0,
        created_seq: 6,
        payload: '{"repeat":null}',
      })),
    );
  });
}

/** Timers scheduled per second with one `store.startCase` (one transaction) per case. */
async function oneByOne(store: Store, cases: number): Promise<number> {
  const began = performance.now();
  for (let n = 0; n < cases; n += 1)
    await store.startCase({ processId: 'timerWait', variables: { delay: 'P60D' }, actor: 'bench' });
  return cases / ((performance.now() - began) / 1000);
}
