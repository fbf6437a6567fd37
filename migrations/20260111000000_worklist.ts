/**
 * The worklist in one query: each case row carries what the list shows of it — who received it
 * and when, its matter's name, its applicant masked, and the timing (due date, limit, clock,
 * highest open signal) of the case and of each open task's step, as JSON — written from the
 * snapshot with the rest of the row (engine/store/projections-worklist.ts). The tasks are read
 * in (created_at, case_id, task_id) order a page at a time, by department, by assignee or all:
 * an index for each, the department and assignee ones replacing the single-column ones; a
 * window officer's own (`mine`) through the cases they received, by (received_by, status).
 *
 * Rows of cases with open tasks are filled from their snapshots here, by a copy of that
 * projection as it is today (a migration imports nothing from engine/: it must run the same way
 * after the engine has changed).
 */
import type { Knex } from 'knex';

export const name = '20260111000000_worklist';

const ORDER = ['created_at', 'case_id', 'task_id'];

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('cases', (t) => {
    t.string('received_by', 200);
    t.string('received_at', 40);
    t.string('matter_name', 500);
    t.string('applicant_name_masked', 200);
    t.string('applicant_id_masked', 100);
    if (knex.client.config.client === 'pg') t.jsonb('worklist_timings');
    else t.text('worklist_timings');
    t.index(['received_by', 'status']);
  });
  await knex.schema.alterTable('tasks', (t) => {
    t.dropIndex(['department']);
    t.dropIndex(['assignee']);
    t.index(ORDER);
    t.index(['department', ...ORDER]);
    t.index(['assignee', ...ORDER]);
  });
  await backfill(knex);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('tasks', (t) => {
    t.dropIndex(['assignee', ...ORDER]);
    t.dropIndex(['department', ...ORDER]);
    t.dropIndex(ORDER);
    t.index(['department']);
    t.index(['assignee']);
  });
  await knex.schema.alterTable('cases', (t) => {
    t.dropIndex(['received_by', 'status']);
  });
  // ALTER TABLE … DROP COLUMN on both dialects: knex would rebuild the SQLite table, which the
  // foreign keys of the events and projections refuse once cases exist.
  for (const column of ['received_by', 'received_at', 'matter_name', 'applicant_name_masked', 'applicant_id_masked', 'worklist_timings']) {
    await knex.raw('ALTER TABLE ?? DROP COLUMN ??', ['cases', column]);
  }
}

/** The cases with open tasks, 200 at a time by case id. */
async function backfill(knex: Knex): Promise<void> {
  let after = '';
  for (;;) {
    const rows = (await knex('cases')
      .whereIn('case_id', knex('tasks').distinct('case_id'))
      .where('case_id', '>', after)
      .orderBy('case_id')
      .limit(200)
      .select('case_id', 'state')) as Array<{ case_id: string; state: unknown }>;
    for (const row of rows) {
      const state = (typeof row.state === 'string' ? JSON.parse(row.state) : row.state) as FrozenState;
      await knex('cases').where({ case_id: row.case_id }).update(columns(state));
    }
    const last = rows[rows.length - 1];
    if (!last) return;
    after = last.case_id;
  }
}

// The snapshot as of this migration, as far as the worklist reads it.
interface FrozenClock {
  id: string;
  kind: 'case' | 'step';
  instanceId: string;
  limit: { amount: number; unit: string };
  running: boolean;
  stops: Array<{ kind: string }>;
  dueAt: string;
  provisional: boolean;
}
interface FrozenState {
  tasks: Record<string, { id: string; instanceId: string }>;
  instances: Record<string, { parentId?: string | null } | undefined>;
  clocks: Record<string, FrozenClock>;
  alerts: Record<string, { clockId: string; level: '预警' | '黄牌' | '红牌' }>;
  domain?: { receivedBy: string; receivedAt: string; matter: { name: string }; applicant: { name: string; idNumber: string } } | null;
}

const SEVERITY = { 预警: 1, 黄牌: 2, 红牌: 3 } as const;

function columns(state: FrozenState) {
  const domain = state.domain ?? null;
  const clocks = Object.values(state.clocks ?? {});
  const whole = clocks.find((clock) => clock.kind === 'case');
  const steps: Record<string, ReturnType<typeof timing>> = {};
  for (const task of Object.values(state.tasks ?? {})) {
    const parentId = state.instances?.[task.instanceId]?.parentId;
    const step = clocks.find((clock) => clock.kind === 'step' && (clock.instanceId === task.instanceId || clock.instanceId === parentId));
    if (step) steps[task.id] = timing(state, step);
  }
  return {
    received_by: domain?.receivedBy ?? null,
    received_at: domain?.receivedAt ?? null,
    matter_name: domain?.matter.name ?? null,
    applicant_name_masked: domain ? maskName(domain.applicant.name) : null,
    applicant_id_masked: domain ? maskIdNumber(domain.applicant.idNumber) : null,
    worklist_timings: JSON.stringify({ case: whole ? timing(state, whole) : null, steps }),
  };
}

function timing(state: FrozenState, clock: FrozenClock) {
  const levels = Object.values(state.alerts ?? {}).filter((alert) => alert.clockId === clock.id).map((alert) => alert.level);
  return {
    dueAt: clock.dueAt,
    provisional: clock.provisional,
    limit: clock.limit,
    clock: clock.running ? 'running' : 'stopped',
    stoppedFor: clock.running ? null : (clock.stops[clock.stops.length - 1]?.kind ?? null),
    signal: levels.sort((a, b) => SEVERITY[b] - SEVERITY[a])[0] ?? null,
  };
}

function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return chars.join('');
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

function maskIdNumber(value: string): string {
  const text = value.trim();
  const [head, tail] = text.length === 18 ? [6, 4] : text.length >= 12 ? [2, 4] : text.length >= 8 ? [2, 2] : text.length >= 4 ? [1, 1] : [0, 0];
  return text.slice(0, head) + '*'.repeat(text.length - head - tail) + text.slice(text.length - tail);
}
