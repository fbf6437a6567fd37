/**
 * Process timer start events (a timer start directly in a process, not in an event
 * sub-process) as `start-timer` rows of the jobs table: no case yet (`case_id` null), the
 * process in `process_id`, and `{processId, version, hash, startEventId, repeat}` as payload.
 *
 * Deploying a new version of a process replaces the start timers of its older versions (in the
 * deploy transaction); a version without timer starts just removes them. Firing one, in ONE
 * transaction: delete the row (only while still leased to the firing poller, so a lease lost to
 * another poller fires nothing), schedule the next occurrence of a cycle, and start the case
 * through the start event (start-timer-plan.ts says when each fires).
 */
import type { Knex } from 'knex';
import { nextStartTimer, planStartTimer } from './start-timer-plan.js';
import type { JobRow } from './job-rows.js';
import type { CompiledProcess } from '../model/index.js';
import type { TimerRepeat, WorkingCalendar } from '../runtime/index.js';
import type { Dispatcher } from './dispatcher.js';
import { DeploymentError } from './errors.js';
import { writeJson } from './json.js';
import { startBy } from './reactions.js';

/** What a start-timer job carries. */
interface StartTimerPayload {
  readonly processId: string;
  readonly version: number;
  readonly hash: string;
  readonly startEventId: string;
  readonly repeat: TimerRepeat | null;
}

/** What scheduling needs besides the transaction. */
export interface StartTimerContext {
  readonly now: string;
  readonly ids: () => string;
  readonly calendar?: WorkingCalendar;
}

/**
 * Make `process` (just deployed as `version` with `hash`) the owner of its process's start
 * timers: drop the older versions' ones and schedule its own. Throws `DeploymentError` when a
 * timer cannot be planned (e.g. working days without a calendar), which rolls the deploy back.
 */
export async function replaceStartTimers(
  trx: Knex,
  process: CompiledProcess,
  ref: { version: number; hash: string },
  ctx: StartTimerContext,
): Promise<void> {
  await trx('jobs').where({ kind: 'start-timer', process_id: process.id }).delete();
  const rows = [];
  for (const startEventId of process.eventStarts) {
    const element = process.elements.get(startEventId);
    if (element?.kind !== 'startEvent' || element.eventDefinition?.type !== 'timer') continue;
    const plan = planStartTimer(element.eventDefinition.timer, ctx.now, ctx.calendar);
    if (!plan.ok) {
      throw new DeploymentError([
        {
          severity: 'error',
          rule: 'timer-start-unplannable',
          elementId: startEventId,
          message: { zh: `定时开始事件“${startEventId}”无法排期：${plan.message}`, en: plan.message },
        },
      ]);
    }
    const payload: StartTimerPayload = {
      processId: process.id,
      version: ref.version,
      hash: ref.hash,
      startEventId,
      repeat: plan.repeat,
    };
    rows.push(startTimerRow(ctx.ids(), payload, plan.dueAt, ctx.now));
  }
  if (rows.length > 0) await trx('jobs').insert(rows);
}

/**
 * Fire a start timer leased to `owner`: start a case and schedule the next occurrence, in one
 * transaction. Returns the new case id, or null when the job is no longer leased to `owner`.
 */
export async function fireStartTimer(
  dispatcher: Dispatcher,
  job: JobRow,
  owner: string,
  ctx: Omit<StartTimerContext, 'calendar'>,
): Promise<string | null> {
  let caseId: string | null = null;
  await dispatcher.transact(async (_lookups, trx) => {
    const deleted = await trx('jobs').where({ job_id: job.jobId, lease_owner: owner }).delete();
    if (deleted !== 1) return [];
    const payload = job.payload as unknown as StartTimerPayload;
    const next = nextStartTimer(payload.repeat, job.dueAt);
    if (next)
      await trx('jobs').insert(startTimerRow(ctx.ids(), { ...payload, repeat: next.repeat }, next.dueAt, ctx.now));
    caseId = ctx.ids();
    return [
      startBy(
        { processId: payload.processId, hash: payload.hash, startEventId: payload.startEventId },
        caseId,
        {},
        'timer',
      ),
    ];
  });
  return caseId;
}

function startTimerRow(jobId: string, payload: StartTimerPayload, dueAt: string, createdAt: string) {
  return {
    job_id: jobId,
    case_id: null,
    process_id: payload.processId,
    kind: 'start-timer',
    element_id: payload.startEventId,
    instance_id: '',
    type: null,
    due_at: new Date(dueAt).toISOString(),
    retries: null,
    created_at: new Date(createdAt).toISOString(),
    created_seq: 0,
    incident_id: null,
    lease_owner: null,
    lease_expires_at: null,
    payload: writeJson(payload),
  };
}
