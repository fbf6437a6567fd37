/**
 * Reading a case from the applicants' and materials' routes: the case (404 when there is none)
 * if the caller may read it by their relation to it (engine/operations: `case.read` — an
 * applicant their own, a department officer what their department handles, the centre's roles
 * every case), else 403; and the applicant key a principal acts as.
 */
import type { Knex } from 'knex';
import type { CaseState } from '../../engine/case/index.js';
import type { Principal } from '../../engine/domain/index.js';
import type { CompiledProcess } from '../../engine/model/index.js';
import { caseFacts, mayPerform, needsHistory, type CaseOperationType } from '../../engine/operations/index.js';
import { applicantKey, type Store } from '../../engine/store/index.js';
import { applicantKeyOf } from '../../engine/users-store/index.js';
import { ApiError } from '../http/errors.js';

export const unauthenticated = () =>
  new ApiError(401, 'UNAUTHENTICATED', '请先登录', 'A valid bearer token is required');

export const caseNotFound = (caseId: string) =>
  new ApiError(404, 'CASE_NOT_FOUND', `办件 ${caseId} 不存在`, `Case ${caseId} does not exist`);

/** The case `caseId` if `principal` may do `act` on it (reading it by default). */
export async function caseFor(
  store: Store,
  knex: Knex,
  principal: Principal | null,
  caseId: string,
  act: CaseOperationType | 'case.read' = 'case.read',
): Promise<CaseState> {
  if (!principal) throw unauthenticated();
  const state = await store.getCase(caseId);
  if (!state?.domain) throw caseNotFound(caseId);
  const history = needsHistory(principal, act, state, undefined) ? await store.getEvents(caseId) : undefined;
  const facts = caseFacts({
    state,
    process: await processOf(store, state),
    applicantKey: applicantKey(state.domain.applicant.idNumber),
    ...(history ? { history } : {}),
  });
  const permission = mayPerform({ ...principal, applicantKey: await boundKey(knex, principal) }, act, facts);
  if (!permission.allowed) throw new ApiError(403, 'FORBIDDEN', permission.zh, permission.en);
  return state;
}

/** The key of the 证件号码 an applicant acts as (from the token, else the users table); undefined for others. */
export async function boundKey(knex: Knex, principal: Principal): Promise<string | undefined> {
  if (!principal.roles.includes('applicant')) return undefined;
  return principal.applicantKey ?? (await applicantKeyOf(knex, principal.id)) ?? undefined;
}

async function processOf(store: Store, state: CaseState): Promise<CompiledProcess | null> {
  try {
    return (await store.definition(state.definitionHash)).processes.get(state.processId) ?? null;
  } catch {
    return null;
  }
}
