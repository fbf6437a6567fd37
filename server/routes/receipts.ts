/**
 * The printable papers of a case: the receipt (收件回执, 受理回执 once accepted) with the 办件编号,
 * the matter, the dates, the promised limit and due date, the materials received with their
 * files' sha256, and the verification code for 进度查询; and the result notice (办结通知书). To
 * whoever may read the case (its applicant, the officers); the pages print them.
 */
import type { Knex } from 'knex';
import type { Clock } from '../../engine/clock.js';
import { progressCode } from '../../engine/materials-store/index.js';
import type { Store } from '../../engine/store/index.js';
import { ApiError } from '../http/errors.js';
import type { Routes } from '../http/route.js';
import { receiptView, resultNoticeView } from '../views/applicant-view.js';
import { caseFor } from './case-access.js';

const READERS = ['admin', 'window', 'department', 'supervisor', 'auditor', 'applicant'] as const;
const CASE_ID = {
  type: 'object',
  required: ['caseId'],
  properties: { caseId: { type: 'string', maxLength: 100 } },
} as const;

export function receiptRoutes(routes: Routes, store: Store, knex: Knex, clock: Clock): void {
  routes.add<unknown, Record<string, unknown>, { caseId: string }>({
    method: 'get',
    path: '/api/cases/:caseId/receipt',
    summary:
      '受理回执 (收件回执 before 受理): 办件编号, matter, applicant (证件号码 masked), received and accepted dates, the promised limit and due date, the materials received with their files’ sha256, and the verification code for the public progress query',
    tags: ['applicant'],
    access: READERS,
    params: CASE_ID,
    responses: {
      200: { description: 'The receipt' },
      403: { description: 'May not read the case' },
      404: { description: 'No such case' },
    },
    handler: async ({ params, principal }) => {
      const state = await caseFor(store, knex, principal, params.caseId);
      const number = state.domain!.number;
      const code = number ? await progressCode(knex, state.caseId, number, clock.now().toISOString()) : null;
      return { body: receiptView(state, code) };
    },
  });

  routes.add<unknown, Record<string, unknown>, { caseId: string }>({
    method: 'get',
    path: '/api/cases/:caseId/result-notice',
    summary:
      '办结通知书: the decision (出证 with the licence, 不予许可 or 退件 with the reason), its date, the delivery',
    tags: ['applicant'],
    access: READERS,
    params: CASE_ID,
    responses: {
      200: { description: 'The notice' },
      404: { description: 'No such case' },
      409: { description: 'NOT_CONCLUDED: no decision yet' },
    },
    handler: async ({ params, principal }) => {
      const state = await caseFor(store, knex, principal, params.caseId);
      const notice = resultNoticeView(state);
      if (!notice)
        throw new ApiError(
          409,
          'NOT_CONCLUDED',
          `办件尚未办结（${state.domain!.status}）`,
          'The case has no decision yet',
        );
      return { body: notice };
    },
  });
}
