/**
 * The test clock, for testing only: registered only when the server was started with
 * MATTERFLOW_TEST_CLOCK=1 (otherwise the path is a 404 like any unknown one). Sets or advances
 * the store's SettableClock, firing every timer due on the way at its due time, then runs the
 * due service jobs and records overdue rectifications of 差评.
 */
import { addDuration, type SettableClock } from '../../engine/clock.js';
import type { RatingsService } from '../../engine/ratings-store/index.js';
import { jobsOf } from '../../engine/jobs/index.js';
import type { Store } from '../../engine/store/index.js';
import { ApiError } from '../http/errors.js';
import type { Routes } from '../http/route.js';

export function testClockRoutes(
  routes: Routes,
  store: Store,
  clock: SettableClock,
  ratings?: () => Promise<RatingsService>,
): void {
  routes.add({
    method: 'get',
    path: '/api/test/clock',
    summary: 'TEST ONLY: the test clock’s time',
    tags: ['test'],
    access: 'authenticated',
    responses: { 200: { description: 'The time' } },
    handler: async () => ({ body: { now: clock.now().toISOString() } }),
  });

  routes.add<{ set?: string; advance?: string }>({
    method: 'post',
    path: '/api/test/clock',
    summary: 'TEST ONLY: set or advance the clock, fire the timers due on the way, run the due jobs',
    tags: ['test'],
    access: ['admin'],
    body: {
      type: 'object',
      additionalProperties: false,
      minProperties: 1,
      properties: {
        set: { type: 'string', format: 'date-time' },
        advance: {
          type: 'string',
          pattern: '^P(?!$)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?$',
        },
      },
    },
    responses: {
      200: { description: 'The new time, the timers fired, the jobs run, the rectifications marked overdue' },
      400: { description: 'Neither set nor advance, or a malformed one' },
    },
    handler: async ({ body }) => {
      const before = clock.now();
      let target = body.set ? new Date(body.set) : before;
      if (body.advance) {
        try {
          target = addDuration(target, body.advance);
        } catch (error) {
          throw new ApiError(
            400,
            'INVALID_DURATION',
            `时长格式有误：${body.advance}`,
            error instanceof Error ? error.message : String(error),
            '/body/advance',
          );
        }
      }
      // Backwards is a plain jump; forwards fires each timer at its own due time on the way.
      if (target < before) clock.set(target);
      const timers = await jobsOf(store).fireDueTimers(target);
      clock.set(target);
      const jobs = await jobsOf(store).runDueJobs();
      const overdueRatings = ratings ? await (await ratings()).markOverdue(target) : [];
      return {
        body: {
          from: before.toISOString(),
          now: clock.now().toISOString(),
          timers: timers.map(({ error, ...timer }) => ({
            ...timer,
            ...(error === undefined ? {} : { error: error instanceof Error ? error.message : String(error) }),
          })),
          jobs: jobs.map(({ error, ...job }) => ({
            ...job,
            ...(error === undefined ? {} : { error: error instanceof Error ? error.message : String(error) }),
          })),
          overdueRatings,
        },
      };
    },
  });
}
