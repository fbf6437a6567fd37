/**
 * 收件 with the window's decision in one request (POST /api/cases with `decision`): 受理, 容缺受理,
 * 补正告知 or 不予受理 on the new case. The whole submission is judged before anything is stored:
 * the engine's own pure step (`executeCase`, the code the store runs) receives the application
 * and takes the decision on a case that exists only in memory; a refusal there answers the
 * request and no case is created. Only then are both commands stored.
 */
import type { Knex } from 'knex';
import type { LiveCalendar } from '../../engine/calendar-store/index.js';
import { executeCase, type CaseCommand, type CaseState } from '../../engine/case/index.js';
import type { Clock } from '../../engine/clock.js';
import type { Applicant, Channel } from '../../engine/domain/index.js';
import { ApplicationInvalidError, MatterNotFoundError, matterSnapshot } from '../../engine/domain-store/index.js';
import { validateApplication } from '../../engine/matters/index.js';
import { getMatter } from '../../engine/matters-store/index.js';
import type { CompiledDefinition, FlowNode } from '../../engine/model/index.js';
import { CASE_OPERATIONS, refusalOf, type ApiData, type OperationDeclaration } from '../../engine/operations/index.js';
import type { Store } from '../../engine/store/index.js';
import { ApiError } from '../http/errors.js';

/** The decisions the window may take with 收件. */
export const RECEIPT_DECISIONS = [
  'case.accept',
  'case.acceptWithTolerance',
  'case.noticeCorrection',
  'case.refuse',
] as const;
export type ReceiptDecision = (typeof RECEIPT_DECISIONS)[number];

/** The `decision` member of POST /api/cases: one of the four, its data as the operation declares it. */
export const RECEIPT_DECISION_SCHEMA: Readonly<Record<string, unknown>> = {
  type: 'object',
  title: '收件时的受理意见',
  description:
    '受理 / 容缺受理 / 补正告知 / 不予受理 taken with 收件: the whole submission is checked first, so a refused decision stores no case',
  required: ['operation'],
  discriminator: { propertyName: 'operation' },
  oneOf: RECEIPT_DECISIONS.map((operation) => {
    const declaration = CASE_OPERATIONS[operation];
    const needsData = ((declaration.schema as { required?: readonly string[] }).required ?? []).length > 0;
    return {
      type: 'object',
      title: `${operation}（${declaration.label}）`,
      required: needsData ? ['operation', 'data'] : ['operation'],
      additionalProperties: false,
      properties: { operation: { type: 'string', enum: [operation] }, data: declaration.schema },
    };
  }),
};

export interface ReceiptApplication {
  readonly caseId: string;
  readonly matterCode: string;
  readonly matterVersion?: number;
  readonly applicant: Applicant;
  readonly channel: Channel;
  readonly materials: Readonly<Record<string, boolean>>;
  readonly form: Record<string, unknown>;
  readonly actor: string;
}

/**
 * Judge 收件 and the decision together, storing nothing: throws what the request would be refused
 * with (the application's form, a missing matter, or the decision's refusal in Chinese, 422).
 */
export async function judgeReceipt(
  store: Store,
  knex: Knex,
  clock: Clock,
  calendar: () => Promise<LiveCalendar>,
  application: ReceiptApplication,
  decision: { operation: ReceiptDecision; data: Record<string, unknown> },
): Promise<void> {
  const stored = await getMatter(knex, application.matterCode, application.matterVersion);
  if (!stored) throw new MatterNotFoundError(application.matterCode);
  const errors = validateApplication(stored.matter, application.form);
  if (errors.length > 0) throw new ApplicationInvalidError(errors);
  const [latest] = await store.listDefinitions(stored.processId);
  if (!latest) throw new ApiError(422, 'PROCESS_NOT_FOUND', '该事项的办理流程尚未发布', 'The process is not deployed');
  const definition = await store.definition(latest.hash);
  let counter = 0;
  const ctx = { now: clock.now().toISOString(), ids: () => `trial-${(counter += 1)}`, calendar: await calendar() };
  const receive: CaseCommand = {
    type: 'case.receive',
    actor: application.actor,
    data: {
      caseId: application.caseId,
      processId: stored.processId,
      matter: matterSnapshot(stored),
      applicant: application.applicant,
      channel: application.channel,
      materials: { ...application.materials },
      form: application.form,
    },
  };
  const received = executeCase(definition, null, receive, ctx);
  // 收件 itself refused: the store says so in its own words when it runs it.
  if (!received.ok) return;
  const data = withWindowStep(definition, received.state, decision);
  const decided = executeCase(
    definition,
    received.state,
    { type: decision.operation, actor: application.actor, data } as CaseCommand,
    ctx,
  );
  if (!decided.ok) {
    const declaration = CASE_OPERATIONS[decision.operation] as OperationDeclaration<ReceiptDecision>;
    const refused = refusalOf(decision.operation, decided.rejection, received.state, data as ApiData<ReceiptDecision>);
    throw new ApiError(
      refused.status,
      refused.code,
      `未收件：${refused.zh}`,
      `Nothing was received: ${refused.en}`,
      '/body/decision',
      { operation: decision.operation, label: declaration.label },
    );
  }
}

/** 受理 and 容缺受理 complete the window's acceptance step; 补正 and 不予受理 name none. */
export function withWindowStep(
  definition: CompiledDefinition,
  state: CaseState,
  decision: { operation: ReceiptDecision; data: Record<string, unknown> },
): Record<string, unknown> {
  if (decision.operation !== 'case.accept' && decision.operation !== 'case.acceptWithTolerance') return decision.data;
  const taskId = acceptanceStep(definition, state);
  return taskId ? { ...decision.data, taskId } : decision.data;
}

/**
 * The open window step (`gov:windowStep`) of a case just received, the earliest if several; in a
 * flow that marks none, its only open task (as the engine's deemed acceptance finds it).
 */
function acceptanceStep(definition: CompiledDefinition, state: CaseState): string | undefined {
  const process = definition.processes.get(state.processId);
  if (!process) return undefined;
  const open = Object.values(state.tasks).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const atWindow = open.find((task) => isWindowStep(process.elements.get(task.elementId)));
  if (atWindow) return atWindow.id;
  return ![...process.elements.values()].some(isWindowStep) && open.length === 1 ? open[0]?.id : undefined;
}

const isWindowStep = (element: FlowNode | undefined): boolean =>
  element !== undefined && 'gov' in element && 'windowStep' in element.gov && element.gov.windowStep;
