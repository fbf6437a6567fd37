/**
 * The ceilings the durable figures are compared with, measured in the same run on a SQLite file
 * with the store's schema: bare knex writes of the rows the engine writes for the benchmark
 * process, no engine, no reads. A case is 4 commands: the start inserts the case row (its state
 * about 1.2 KB), 12 events and 3 tasks; each of 3 completions updates the case row and inserts 8
 * events; the first two delete their task, the last one too, and the case ends.
 * - `single`: each command its own transaction (what one client waiting on each commit can reach);
 * - `batched`: 64 commands a transaction (what group commit can reach at best).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Knex } from 'knex';
import { migrateLatest, openDatabase } from '../engine/store/index.js';

const STATE = JSON.stringify({ padding: 'x'.repeat(1_150) });
const DATA = JSON.stringify({ elementId: 'review1', instanceId: 'i-0000-0000', padding: 'x'.repeat(60) });
const HASH = 'f'.repeat(64);

type Command = (db: Knex) => Promise<void>;

/** Commands per second for each ceiling, over `cases` cases (4 commands each). */
export async function measureCeilings(cases: number): Promise<{ single: number; batched: number }> {
  return { single: await measure(cases, 1), batched: await measure(cases, 64) };
}

async function measure(cases: number, perTransaction: number): Promise<number> {
  const dir = mkdtempSync(path.join(process.env.MATTERFLOW_BENCH_DIR ?? tmpdir(), 'matterflow-ceiling-'));
  const database = await openDatabase({ client: 'sqlite', filename: path.join(dir, 'ceiling.sqlite') });
  try {
    await migrateLatest(database);
    const { knex } = database;
    await knex('deployments').insert({ hash: 'h', xml: '<x/>', deployed_at: 'now', deployed_by: 'bench' });
    const commands: Command[] = [];
    for (let n = 0; n < cases; n += 1) commands.push(...caseCommands(`case-${n}`));
    const began = performance.now();
    for (let i = 0; i < commands.length; i += perTransaction) {
      const slice = commands.slice(i, i + perTransaction);
      await knex.transaction(async (trx) => {
        for (const command of slice) await command(trx);
      });
    }
    return commands.length / ((performance.now() - began) / 1000);
  } finally {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function caseCommands(caseId: string): Command[] {
  const events = (from: number, count: number) =>
    Array.from({ length: count }, (_, k) => ({
      case_id: caseId,
      seq: from + k,
      type: 'element.activated',
      v: 1,
      data: DATA,
      actor: 'bench',
      time: '2026-03-02T01:00:00.000Z',
      prev_hash: HASH,
      hash: HASH,
    }));
  const tasks = [1, 2, 3].map((k) => ({
    task_id: `${caseId}-t${k}`,
    case_id: caseId,
    instance_id: `${caseId}-i${k}`,
    element_id: `review${k}`,
    kind: 'userTask',
    name: null,
    assignee: null,
    candidate_groups: '[]',
    department: null,
    created_at: '2026-03-02T01:00:00.000Z',
  }));
  const row = (version: number) => ({
    version,
    last_hash: HASH,
    status: 'active',
    state: STATE,
    updated_at: '2026-03-02T01:00:00.000Z',
  });
  const start: Command = async (db) => {
    await db('cases').insert({
      case_id: caseId,
      process_id: 'parallelReview',
      definition_hash: 'h',
      started_at: '2026-03-02T01:00:00.000Z',
      ...row(12),
    });
    await db('case_events').insert(events(1, 12));
    await db('tasks').insert(tasks);
  };
  const complete =
    (k: number): Command =>
    async (db) => {
      const version = 12 + 8 * k;
      await db('cases')
        .where({ case_id: caseId, version: version - 8 })
        .update(row(version));
      await db('case_events').insert(events(version - 7, 8));
      await db('tasks')
        .where({ task_id: `${caseId}-t${k}` })
        .delete();
    };
  return [start, complete(1), complete(2), complete(3)];
}
