/**
 * Calendar administration: the years stored (official or provisional) and missing (needed on the
 * business clock, with the cases whose provisional due dates depend on them), the audit trail, official
 * imports (chinese-days or holiday-cn JSON) and local corrections of one day. Every write reloads
 * the running calendar and computes every provisional due date again (each change an event).
 */
import type { Knex } from 'knex';
import type { CalendarLayout } from '../../engine/calendar/index.js';
import {
  calendarYears,
  correctDay,
  importCalendar,
  listChanges,
  recomputeProvisionalDueDates,
  type LiveCalendar,
} from '../../engine/calendar-store/index.js';
import { systemClock, type Clock } from '../../engine/clock.js';
import type { Store } from '../../engine/store/index.js';
import type { Routes } from '../http/route.js';

const LAYOUTS: readonly CalendarLayout[] = ['chinese-days', 'holiday-cn'];
/** Roles that read every case: they see which cases depend on a missing year (others the count). */
const CASE_READERS: ReadonlySet<string> = new Set(['admin', 'window', 'supervisor', 'auditor']);
const DAY = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } as const;

export interface CalendarRouteOptions {
  /** The calendar the store counts with; reloaded after each write (absent: nothing to reload). */
  readonly calendar?: LiveCalendar;
  /** The instant recorded in the audit trail; default the system clock. */
  readonly clock?: Clock;
}

export function calendarRoutes(
  routes: Routes,
  store: Store,
  knex: Knex,
  { calendar, clock = systemClock }: CalendarRouteOptions = {},
): void {
  /** Reload, then recompute every provisional due date; the cases whose due dates changed. */
  const refresh = async (actor: string, reason: string): Promise<string[]> => {
    await calendar?.reload(knex);
    return recomputeProvisionalDueDates(store, { actor, reason });
  };

  routes.add({
    method: 'get',
    path: '/api/calendar/years',
    summary:
      'Years with stored calendar data — status official (a notice imported) or provisional (local days only) — and the missing ones: status missing for a year whose notice is needed on the business clock (this year, next year from 1 December, any year a provisional due date falls in) but not imported, with caseCount and the cases whose due dates depend on it ({ caseId, number, dueAt }; listed to roles that read every case)',
    tags: ['calendar'],
    access: 'authenticated',
    responses: { 200: { description: 'Years ascending (CalendarYear in engine/calendar-store/missing-years.ts)' } },
    handler: async ({ principal }) => {
      const years = await calendarYears(knex, clock.now());
      const readsEveryCase = principal?.roles.some((role) => CASE_READERS.has(role)) ?? false;
      return { body: readsEveryCase ? years : years.map(({ cases: _cases, ...year }) => year) };
    },
  });

  routes.add<unknown, { day?: string }>({
    method: 'get',
    path: '/api/calendar/changes',
    summary: 'The calendar’s audit trail (who changed which day, when and why), oldest first',
    tags: ['calendar'],
    access: 'authenticated',
    query: { type: 'object', additionalProperties: false, properties: { day: DAY } },
    responses: { 200: { description: 'Changes' } },
    handler: async ({ query }) => ({ body: await listChanges(knex, query.day ? { day: query.day } : {}) }),
  });

  routes.add<{ layout?: CalendarLayout; reason?: string; data: unknown }>({
    method: 'post',
    path: '/api/calendar/imports',
    summary:
      'Import official holidays and make-up days (State Council notice); local corrections are kept; provisional due dates are recomputed',
    tags: ['calendar'],
    access: ['admin'],
    idempotent: true,
    body: {
      type: 'object',
      required: ['data'],
      additionalProperties: false,
      properties: {
        layout: { enum: [...LAYOUTS] },
        reason: { type: 'string', minLength: 1, maxLength: 500 },
        data: { type: ['object', 'array'] },
      },
    },
    responses: {
      200: { description: 'Years imported, day counts, local corrections kept, cases whose due dates changed' },
      422: { description: 'The data was refused (the field is named); nothing was imported' },
    },
    handler: async ({ body, principal }) => {
      const actor = principal?.id ?? 'unknown';
      const imported = await importCalendar(knex, body.data, {
        actor,
        at: clock.now().toISOString(),
        ...(body.layout ? { layout: body.layout } : {}),
        ...(body.reason ? { reason: body.reason } : {}),
      });
      const changedCases = await refresh(actor, `calendar import ${imported.layout} ${imported.years.join(', ')}`);
      return { body: { ...imported, changedCases } };
    },
  });

  routes.add<{ off: boolean; name: string; reason: string; notice?: string }, Record<string, unknown>, { day: string }>(
    {
      method: 'put',
      path: '/api/calendar/days/:day',
      summary:
        'Correct one day locally (a day off or a working day for this centre), with the reason in the audit trail; provisional due dates are recomputed',
      tags: ['calendar'],
      access: ['admin'],
      params: { type: 'object', required: ['day'], properties: { day: DAY } },
      body: {
        type: 'object',
        required: ['off', 'name', 'reason'],
        additionalProperties: false,
        properties: {
          off: { type: 'boolean' },
          name: { type: 'string', minLength: 1, maxLength: 100 },
          reason: { type: 'string', minLength: 1, maxLength: 500 },
          notice: { type: 'string', minLength: 1, maxLength: 1000 },
        },
      },
      responses: {
        200: { description: 'The day as stored, its audit trail, and the cases whose due dates changed' },
        422: { description: 'Not a valid date' },
      },
      handler: async ({ params, body, principal }) => {
        const actor = principal?.id ?? 'unknown';
        const day = await correctDay(knex, {
          day: params.day,
          off: body.off,
          name: body.name,
          reason: body.reason,
          actor,
          at: clock.now().toISOString(),
          ...(body.notice ? { notice: body.notice } : {}),
        });
        const changedCases = await refresh(actor, `calendar correction ${params.day}: ${body.reason}`);
        return {
          body: { day: params.day, ...day, changes: await listChanges(knex, { day: params.day }), changedCases },
        };
      },
    },
  );
}
