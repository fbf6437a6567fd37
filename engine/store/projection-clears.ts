/**
 * A case that ends clears its rows from the query tables (`DELETE … WHERE case_id = ?` on tasks,
 * jobs, subscriptions and incidents). Most cases have nothing left there by then: the step that
 * ends them already deleted their last task. Since those tables hold exactly what the snapshot
 * holds (projection-check.ts), the rows a case has when its end is projected are known without
 * asking: those of the state before the step, less the ones the step deleted, plus the ones it
 * inserted. A clear of a table where that is nothing is dropped; the others are kept.
 */
import type { CaseState } from '../case/index.js';
import type { RowChange } from './row-changes.js';

const KEYS = {
  tasks: 'task_id',
  jobs: 'job_id',
  subscriptions: 'subscription_id',
  incidents: 'incident_id',
} as const;

type ClearedTable = keyof typeof KEYS;

/** `changes` (one step's, in order) without the clears of tables where the case has no row left. */
export function withoutEmptyClears(changes: readonly RowChange[], before: CaseState | null): RowChange[] {
  if (!changes.some(isClear)) return [...changes];
  const left: Record<ClearedTable, Set<string>> = {
    tasks: new Set(before ? Object.keys(before.tasks) : []),
    jobs: new Set(before ? [...Object.keys(before.timers), ...Object.keys(before.jobs)] : []),
    subscriptions: new Set(before ? Object.keys(before.subscriptions) : []),
    incidents: new Set(before ? Object.keys(before.incidents) : []),
  };
  const kept: RowChange[] = [];
  for (const change of changes) {
    if (isClear(change)) {
      const table = change.table as ClearedTable;
      if (left[table].size > 0) kept.push(change);
      left[table].clear();
      continue;
    }
    kept.push(change);
    if (!(change.table in KEYS)) continue;
    const table = change.table as ClearedTable;
    if (change.op === 'insert') left[table].add(String(change.row[KEYS[table]]));
    else if (change.op === 'delete') {
      const id = change.where[KEYS[table]];
      // A delete by anything but the row's id may remove rows we cannot name: keep every later clear.
      if (id === undefined || id === null) left[table].add('\u0000unknown');
      else left[table].delete(String(id));
    }
  }
  return kept;
}

function isClear(change: RowChange): boolean {
  return (
    change.op === 'delete' &&
    change.table in KEYS &&
    Object.keys(change.where).length === 1 &&
    change.where['case_id'] !== undefined
  );
}
