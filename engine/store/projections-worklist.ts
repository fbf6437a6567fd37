/**
 * The worklist columns of a case row, written from the snapshot with the rest of the row: who
 * received the case and when, its matter's name, its applicant masked, and the timing (due date,
 * limit, clock, highest open 电子监察 signal) of the case and of each open task's step. The
 * worklist (worklist-query.ts) reads them joined to the `tasks` rows in one query, so listing
 * tasks loads no case's snapshot. Personal data is masked here, before it is stored.
 */
import { maskIdNumber } from '../matters/index.js';
import type { TimeLimit } from '../model/index.js';
import type { ClockState } from '../runtime/index.js';
import type { CaseState } from '../case/index.js';
import type { AlertLevel } from '../supervision/index.js';
import { writeJson } from './json.js';

/** A case's or a step's time limit as the worklist shows it. */
export interface Timing {
  readonly dueAt: string;
  readonly provisional: boolean;
  readonly limit: TimeLimit;
  readonly clock: 'running' | 'stopped';
  /** The kind of the current stop (补正, 特别程序, 挂起…), null while running. */
  readonly stoppedFor: string | null;
  /** The highest open signal on this limit. */
  readonly signal: AlertLevel | null;
}

/** The `worklist_timings` column: the case's limit, and by task id the limit of its step (absent: none). */
export interface WorklistTimings {
  readonly case: Timing | null;
  readonly steps: Readonly<Record<string, Timing>>;
}

const SEVERITY: Readonly<Record<AlertLevel, number>> = { 预警: 1, 黄牌: 2, 红牌: 3 };

/** The worklist columns of `state`'s case row. */
export function worklistColumns(state: CaseState) {
  const domain = state.domain;
  return {
    received_by: domain?.receivedBy ?? null,
    received_at: domain?.receivedAt ?? null,
    matter_name: domain?.matter.name ?? null,
    applicant_name_masked: domain ? maskName(domain.applicant.name) : null,
    applicant_id_masked: domain ? maskIdNumber(domain.applicant.idNumber) : null,
    worklist_timings: writeJson(worklistTimings(state)),
  };
}

/**
 * The case's limit and each open task's step limit: the clock of the task's own instance or of
 * its parent (a multi-instance body, or the sub-process standing for a department's stage).
 */
function worklistTimings(state: CaseState): WorklistTimings {
  const clocks = Object.values(state.clocks);
  const whole = clocks.find((clock) => clock.kind === 'case');
  const steps: Record<string, Timing> = {};
  for (const task of Object.values(state.tasks)) {
    const parentId = state.instances[task.instanceId]?.parentId;
    const step = clocks.find(
      (clock) => clock.kind === 'step' && (clock.instanceId === task.instanceId || clock.instanceId === parentId),
    );
    if (step) steps[task.id] = timing(state, step);
  }
  return { case: whole ? timing(state, whole) : null, steps };
}

/** 张三 → 张*, 欧阳小明 → 欧**明: the worklist names the applicant without showing them in full. */
function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return chars.join('');
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

function timing(state: CaseState, clock: ClockState): Timing {
  const levels = Object.values(state.alerts)
    .filter((alert) => alert.clockId === clock.id)
    .map((alert) => alert.level);
  const signal = levels.sort((a, b) => SEVERITY[b] - SEVERITY[a])[0] ?? null;
  return {
    dueAt: clock.dueAt,
    provisional: clock.provisional,
    limit: clock.limit,
    clock: clock.running ? 'running' : 'stopped',
    stoppedFor: clock.running ? null : (clock.stops[clock.stops.length - 1]?.kind ?? null),
    signal,
  };
}
