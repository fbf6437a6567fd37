/**
 * 好差评: ratings of a case's service (一事一评 / 一次一评), the rectification a 差评 opens
 * (回访, 整改完成), appeals (申诉) and their review (复核), internal statistics (per department,
 * matter or officer) and the public ones (per department or matter only, never per officer).
 */
import type { Principal, Role } from '../../engine/domain/index.js';
import {
  CHANNELS,
  LEVELS,
  RATING_MODES,
  type Channel,
  type Level,
  type RatingMode,
  type RatingState,
  type StatisticsGroup,
} from '../../engine/ratings/index.js';
import type { RatingsService } from '../../engine/ratings-store/index.js';
import { mayPerform } from '../../engine/operations/index.js';
import { applicantKey, type Store } from '../../engine/store/index.js';
import { applicantKeyOf } from '../../engine/users-store/index.js';
import { ApiError } from '../http/errors.js';
import type { Routes } from '../http/route.js';

const TEXT = { type: 'string', minLength: 1, maxLength: 2000 } as const;
const ID = {
  type: 'object',
  required: ['ratingId'],
  properties: { ratingId: { type: 'string', minLength: 1, maxLength: 100 } },
} as const;
const INSTANT = { type: 'string', format: 'date-time' } as const;
/** Who works a rating's rectification and appeal: its department, or an administrator. */
const RECTIFIERS: readonly Role[] = ['department', 'admin'];
const READERS: readonly Role[] = ['admin', 'supervisor', 'auditor', 'department', 'window'];
const EVER = { from: '1970-01-01T00:00:00.000Z', to: '9999-12-31T23:59:59.999Z' };

interface SubmitBody {
  caseId: string;
  department: string;
  officer?: string;
  channel?: Channel;
  mode: RatingMode;
  visitId?: string;
  level: Level;
  dimensions?: Record<string, Level>;
  text?: string;
}

interface StatisticsQueryParams {
  groupBy: StatisticsGroup;
  from?: string;
  to?: string;
  department?: string;
  matterCode?: string;
}

/** `ratings` is asked for the service on first use (it may need the calendar loaded). */
export function ratingRoutes(routes: Routes, store: Store, ratings: () => Promise<RatingsService>): void {
  const load = async (ratingId: string, principal: Principal | null): Promise<RatingState> => {
    const state = await (await ratings()).get(ratingId);
    if (!state)
      throw new ApiError(404, 'RATING_NOT_FOUND', `评价 ${ratingId} 不存在`, `Rating ${ratingId} does not exist`);
    ownDepartmentOnly(principal, state);
    return state;
  };

  routes.add<SubmitBody>({
    method: 'post',
    path: '/api/ratings',
    summary:
      '好差评: rate a case’s service (一事一评 once per case, 一次一评 once per visit); a 差评 opens a rectification with a due date',
    tags: ['ratings'],
    access: ['applicant', 'window', 'admin'],
    idempotent: true,
    body: {
      type: 'object',
      required: ['caseId', 'department', 'mode', 'level'],
      additionalProperties: false,
      properties: {
        caseId: { type: 'string', minLength: 1, maxLength: 100 },
        department: { type: 'string', minLength: 1, maxLength: 200 },
        officer: { type: 'string', minLength: 1, maxLength: 100 },
        channel: { enum: [...CHANNELS] },
        mode: { enum: [...RATING_MODES] },
        visitId: { type: 'string', minLength: 1, maxLength: 100 },
        level: { enum: [...LEVELS] },
        dimensions: { type: 'object', additionalProperties: { enum: [...LEVELS] } },
        text: TEXT,
      },
    },
    responses: {
      201: { description: 'The rating (with its rectification if a 差评)' },
      404: { description: 'No such case' },
      422: { description: 'Refused, e.g. ALREADY_RATED' },
    },
    handler: async ({ body, principal }) => {
      const state = await store.getCase(body.caseId);
      const domain = state?.domain;
      if (!domain)
        throw new ApiError(404, 'CASE_NOT_FOUND', `办件 ${body.caseId} 不存在`, `Case ${body.caseId} does not exist`);
      if (!principal) throw new ApiError(401, 'UNAUTHENTICATED', '请先登录', 'A valid bearer token is required');
      // 好差评 by relation to the case: an applicant rates only their own case (engine/operations CASE_ACTS).
      const rater = principal.roles.includes('applicant')
        ? {
            ...principal,
            applicantKey:
              principal.applicantKey ?? (await applicantKeyOf(store.database.knex, principal.id)) ?? undefined,
          }
        : principal;
      const permission = mayPerform(rater, 'case.rate', {
        applicantKey: applicantKey(domain.applicant.idNumber),
        steps: [],
      });
      if (!permission.allowed) throw new ApiError(403, 'FORBIDDEN', permission.zh, permission.en);
      // 一件事 is rated once, as a whole: its parts are not rated on their own.
      if (domain.package)
        throw new ApiError(
          422,
          'PART_NOT_RATED',
          `${domain.matter.name}是一件事「${domain.package.name}」的子事项，请对一件事（办件编号 ${domain.package.number ?? domain.package.caseId}）评价`,
          `${body.caseId} is a part of the 一件事 ${domain.package.caseId}: rate the package`,
          '/caseId',
        );
      const officer = body.officer ?? domain.responsibleOfficer ?? domain.receivedBy;
      const rating = await (
        await ratings()
      ).submit(principal?.id ?? 'unknown', {
        caseId: body.caseId,
        matterCode: domain.matter.code,
        department: body.department,
        officer,
        channel: body.channel ?? domain.channel,
        mode: body.mode,
        level: body.level,
        ...(body.visitId === undefined ? {} : { visitId: body.visitId }),
        ...(body.dimensions === undefined ? {} : { dimensions: body.dimensions }),
        ...(body.text === undefined ? {} : { text: body.text }),
      });
      return { status: 201, body: rating };
    },
  });

  routes.add<unknown, StatisticsQueryParams>({
    method: 'get',
    path: '/api/ratings/statistics',
    summary: 'Internal 好差评 figures per department, matter or officer over [from, to)',
    tags: ['ratings'],
    access: ['supervisor', 'admin'],
    query: statisticsQuery(['department', 'matter', 'officer']),
    responses: { 200: { description: 'Figures per group' } },
    handler: async ({ query }) => ({ body: await (await ratings()).statistics(statistics(query)) }),
  });

  routes.add<unknown, StatisticsQueryParams>({
    method: 'get',
    path: '/api/public/ratings/statistics',
    summary: 'The published 好差评 figures, per department or matter (never per officer)',
    tags: ['ratings', 'public'],
    access: 'public',
    query: statisticsQuery(['department', 'matter']),
    responses: { 200: { description: 'Figures per group' } },
    handler: async ({ query }) => ({
      body: await (
        await ratings()
      ).publicStatistics(statistics(query) as Parameters<RatingsService['publicStatistics']>[0]),
    }),
  });

  routes.add<unknown, Record<string, unknown>, { ratingId: string }>({
    method: 'get',
    path: '/api/ratings/:ratingId',
    summary: 'One rating with its rectification and appeal (a department officer: their department’s only)',
    tags: ['ratings'],
    access: READERS,
    params: ID,
    responses: { 200: { description: 'The rating' }, 404: { description: 'No such rating' } },
    handler: async ({ params, principal }) => ({ body: await load(params.ratingId, principal) }),
  });

  routes.add<{ method: string; summary: string; level?: Level }, Record<string, unknown>, { ratingId: string }>({
    method: 'post',
    path: '/api/ratings/:ratingId/follow-ups',
    summary: '回访: the office contacted the applicant about the rectification',
    tags: ['ratings'],
    access: RECTIFIERS,
    idempotent: true,
    params: ID,
    body: {
      type: 'object',
      required: ['method', 'summary'],
      additionalProperties: false,
      properties: {
        method: { type: 'string', minLength: 1, maxLength: 100 },
        summary: TEXT,
        level: { enum: [...LEVELS] },
      },
    },
    responses: {
      200: { description: 'The rating' },
      404: { description: 'No such rating' },
      422: { description: 'Refused (no open rectification …)' },
    },
    handler: async ({ params, body, principal }) => {
      await load(params.ratingId, principal);
      return {
        body: await (
          await ratings()
        ).followUp(principal?.id ?? 'unknown', {
          ratingId: params.ratingId,
          method: body.method,
          summary: body.summary,
          ...(body.level ? { level: body.level } : {}),
        }),
      };
    },
  });

  routes.add<{ measures: string }, Record<string, unknown>, { ratingId: string }>({
    method: 'post',
    path: '/api/ratings/:ratingId/completion',
    summary: '整改完成: the rectification is done (after a 回访), with its measures',
    tags: ['ratings'],
    access: RECTIFIERS,
    idempotent: true,
    params: ID,
    body: { type: 'object', required: ['measures'], additionalProperties: false, properties: { measures: TEXT } },
    responses: {
      200: { description: 'The rating' },
      404: { description: 'No such rating' },
      422: { description: 'Refused (FOLLOW_UP_MISSING …)' },
    },
    handler: async ({ params, body, principal }) => {
      await load(params.ratingId, principal);
      return {
        body: await (
          await ratings()
        ).completeRectification(principal?.id ?? 'unknown', { ratingId: params.ratingId, measures: body.measures }),
      };
    },
  });

  routes.add<{ reason: string }, Record<string, unknown>, { ratingId: string }>({
    method: 'post',
    path: '/api/ratings/:ratingId/appeal',
    summary: '申诉: the department asks for a 差评 to be reviewed as malicious',
    tags: ['ratings'],
    access: RECTIFIERS,
    idempotent: true,
    params: ID,
    body: { type: 'object', required: ['reason'], additionalProperties: false, properties: { reason: TEXT } },
    responses: {
      200: { description: 'The rating' },
      404: { description: 'No such rating' },
      422: { description: 'Refused (NOT_A_BAD_RATING, APPEAL_EXISTS …)' },
    },
    handler: async ({ params, body, principal }) => {
      await load(params.ratingId, principal);
      return {
        body: await (
          await ratings()
        ).fileAppeal(principal?.id ?? 'unknown', { ratingId: params.ratingId, reason: body.reason }),
      };
    },
  });

  routes.add<{ decision: 'uphold' | 'reject'; opinion: string }, Record<string, unknown>, { ratingId: string }>({
    method: 'post',
    path: '/api/ratings/:ratingId/appeal-decision',
    summary: '复核: a supervisor decides an appeal; uphold voids the rating',
    tags: ['ratings'],
    access: ['supervisor', 'admin'],
    idempotent: true,
    params: ID,
    body: {
      type: 'object',
      required: ['decision', 'opinion'],
      additionalProperties: false,
      properties: { decision: { enum: ['uphold', 'reject'] }, opinion: TEXT },
    },
    responses: {
      200: { description: 'The rating' },
      404: { description: 'No such rating' },
      422: { description: 'Refused (APPEAL_NOT_PENDING, REVIEWER_IS_APPELLANT …)' },
    },
    handler: async ({ params, body, principal }) => ({
      body: await (
        await ratings()
      ).decideAppeal(principal?.id ?? 'unknown', {
        ratingId: params.ratingId,
        decision: body.decision,
        opinion: body.opinion,
      }),
    }),
  });
}

/** A department officer (and nothing more) sees and works only their own department's ratings. */
function ownDepartmentOnly(principal: Principal | null, state: RatingState): void {
  if (!principal || !principal.roles.every((role) => role === 'department')) return;
  if (principal.department !== state.department) {
    throw new ApiError(
      403,
      'FORBIDDEN',
      `无权处理其他部门（${state.department}）的评价`,
      `${principal.id} of ${principal.department ?? 'no department'} may not act on a rating of ${state.department}`,
    );
  }
}

function statisticsQuery(groups: readonly StatisticsGroup[]) {
  return {
    type: 'object',
    required: ['groupBy'],
    additionalProperties: false,
    properties: {
      groupBy: { enum: [...groups] },
      from: INSTANT,
      to: INSTANT,
      department: { type: 'string', maxLength: 200 },
      matterCode: { type: 'string', maxLength: 100 },
    },
  };
}

function statistics(query: StatisticsQueryParams) {
  return {
    groupBy: query.groupBy,
    from: query.from ? new Date(query.from).toISOString() : EVER.from,
    to: query.to ? new Date(query.to).toISOString() : EVER.to,
    ...(query.department ? { department: query.department } : {}),
    ...(query.matterCode ? { matterCode: query.matterCode } : {}),
  };
}
