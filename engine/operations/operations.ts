/**
 * The declared table of case operations (declaration.ts says what an entry holds). The server
 * validates, authorises and words its refusals from it, the OpenAPI document shows every body
 * from it, the task page's offers and forms and the replay's labels read it. Browser-safe: no
 * I/O, type-only imports besides the domain's word lists.
 */
import { Type, type TProperties } from '@sinclair/typebox';
import { OPERATION_LABELS_ZH } from '../domain/transitions.js';
import { RESULT_KINDS, type ResultKind } from '../domain/types.js';
import type { ActDeclaration, CaseAct, OperationTable } from './declaration.js';

// ---- field shapes: ids are strings, texts are not blank, every field has a Chinese title ----------

const Id = (title: string) => Type.String({ minLength: 1, maxLength: 100, pattern: '\\S', title });
const Text = (title: string, maxLength = 2000) => Type.String({ minLength: 1, maxLength, pattern: '\\S', title });
/** The step the operation is done from: for a task operation the task itself; for a case operation, optional context that must be the caller's own step. */
const StepId = Id('办理环节（任务编号）');
const Variables = Type.Record(Type.String({ maxLength: 100 }), Type.Unknown(), {
  maxProperties: 100,
  title: '流程变量',
});
const Licence = Type.Object(
  { name: Text('证照名称', 200), number: Text('证照编号', 100) },
  { additionalProperties: false, title: '证照' },
);
/** The body's data: exactly these properties (an unknown field is refused, not ignored). */
const Data = <P extends TProperties>(properties: P, title: string) =>
  Type.Object(properties, { additionalProperties: false, title });
/** A case operation's data, which may name the step it is done from. */
const CaseData = <P extends TProperties>(properties: P, title: string) =>
  Data({ ...properties, taskId: Type.Optional(StepId) }, title);

const OWN_STEP = { window: 'step', department: 'step' } as const;

export const CASE_OPERATIONS: OperationTable = {
  // ---- 收件 → 受理: the window ---------------------------------------------------------------
  'case.noticeCorrection': {
    label: OPERATION_LABELS_ZH['case.noticeCorrection'],
    summary: '补正告知 (一次性告知): every defect at once; the clock stops until the materials come',
    schema: CaseData(
      { defects: Type.Array(Text('补正问题', 500), { minItems: 1, maxItems: 50, title: '补正问题' }) },
      '补正告知',
    ),
    who: { window: 'any', department: 'current' },
    taskPage: {},
    records: ['case.correctionNoticed'],
    refusals: {
      ONE_TIME_NOTICE: ({ state, data }) => {
        const first = state.domain?.notices[0];
        const added = data.defects.filter((defect) => !first?.defects.includes(defect.trim()));
        return `补正须一次性告知：首次告知未列出的问题不能再次告知（${added.join('；')}）`;
      },
    },
  },
  'materials.supply': {
    label: OPERATION_LABELS_ZH['materials.supply'],
    summary: '补交材料: the applicant hands in materials (补正, or 容缺 owed); `cures` names the defects they cure',
    schema: CaseData(
      {
        materials: Type.Array(Id('材料'), { maxItems: 100, title: '补交的材料' }),
        cures: Type.Optional(Type.Array(Text('补正问题', 500), { maxItems: 50, title: '已补正的问题' })),
      },
      '补交材料',
    ),
    who: { applicant: 'own', window: 'any' },
    taskPage: {},
    records: ['materials.supplied'],
  },
  'case.accept': {
    label: OPERATION_LABELS_ZH['case.accept'],
    summary: '受理: the materials are complete; the case clock starts; `taskId` is the window step it completes',
    schema: CaseData({ documentNo: Type.Optional(Text('受理文书编号', 100)) }, '受理'),
    who: { window: 'any' },
    taskPage: {},
    records: ['case.accepted'],
  },
  'case.acceptWithTolerance': {
    label: OPERATION_LABELS_ZH['case.acceptWithTolerance'],
    summary: '容缺受理: accepted with 容缺-eligible materials missing, on the applicant’s written commitment',
    schema: CaseData(
      { commitment: Text('容缺受理承诺书内容'), documentNo: Type.Optional(Text('受理文书编号', 100)) },
      '容缺受理',
    ),
    who: { window: 'any' },
    taskPage: {},
    records: ['case.acceptedWithTolerance'],
    refusals: {
      INVALID_ARGUMENT: ({ state }) => {
        const domain = state.domain;
        const owed = domain
          ? domain.matter.materials.filter((m) => m.necessity === 'tolerated' && !domain.materials[m.id])
          : [];
        return owed.length === 0 ? '没有缺少可容缺的材料，请直接受理' : null;
      },
    },
  },
  'case.refuse': {
    label: OPERATION_LABELS_ZH['case.refuse'],
    summary: '不予受理, with the reason',
    schema: CaseData({ reason: Text('不予受理理由') }, '不予受理'),
    who: { window: 'any' },
    taskPage: {},
    records: ['case.refused'],
  },
  'case.deliver': {
    label: OPERATION_LABELS_ZH['case.deliver'],
    summary: '送达 of the result (窗口领取, 邮寄送达, 电子送达 …)',
    schema: CaseData({ method: Text('送达方式', 100) }, '送达'),
    who: { window: 'any' },
    taskPage: {},
    records: ['case.delivered'],
  },
  // ---- the decision: the department whose step is current -----------------------------------
  'case.conclude': {
    label: OPERATION_LABELS_ZH['case.conclude'],
    summary:
      '办结 with its result (出证 names the licence; 不予许可 and 退件 give the reason) by the deciding department',
    schema: CaseData(
      {
        kind: Type.Unsafe<ResultKind>({ type: 'string', enum: [...RESULT_KINDS], title: '办结结果' }),
        reason: Type.Optional(Text('理由')),
        licence: Type.Optional(Licence),
      },
      '办结',
    ),
    who: { department: 'current', window: 'step' },
    taskPage: {},
    records: ['case.concluded'],
    refusals: {
      MATERIALS_OWED: ({ state }) =>
        `容缺材料${materialNames(state, state.domain?.tolerance?.missing ?? [])}尚未补齐（补交期限 ${state.domain?.tolerance?.deadline ?? ''}），不能出证`,
    },
  },
  'case.decideOnCommitment': {
    label: OPERATION_LABELS_ZH['case.decideOnCommitment'],
    summary: '告知承诺制: decide on the applicant’s written commitment (核查 follows)',
    schema: CaseData({ commitment: Text('承诺书内容'), licence: Licence }, '告知承诺决定'),
    who: { department: 'current' },
    records: ['case.decidedOnCommitment'],
  },
  'commitment.verify': {
    label: OPERATION_LABELS_ZH['commitment.verify'],
    summary: '核查 after a decision on commitment: a false commitment revokes it (已撤销)',
    schema: CaseData(
      { passed: Type.Boolean({ title: '核查结果（是否属实）' }), findings: Text('核查情况') },
      '承诺核查',
    ),
    who: { department: 'handled' },
    records: ['commitment.verified'],
  },
  'specialProcedure.start': {
    label: OPERATION_LABELS_ZH['specialProcedure.start'],
    summary: '特别程序 (听证, 检验, 现场勘验 …) starts: the clock stops',
    schema: CaseData(
      {
        kind: Text('特别程序种类', 100),
        reason: Text('特别程序理由'),
        approver: Type.Optional(Text('批准人', 100)),
      },
      '特别程序开始',
    ),
    who: { department: 'current' },
    taskPage: {},
    records: ['specialProcedure.started'],
  },
  'specialProcedure.end': {
    label: OPERATION_LABELS_ZH['specialProcedure.end'],
    summary: '特别程序 ends with its result: the clock runs again',
    schema: CaseData({ result: Text('特别程序结果') }, '特别程序结束'),
    who: { department: 'current' },
    taskPage: {},
    records: ['specialProcedure.ended'],
  },
  // ---- the applicant --------------------------------------------------------------------------
  'case.withdraw': {
    label: OPERATION_LABELS_ZH['case.withdraw'],
    summary: '撤回申请: the applicant takes the application back before a decision',
    schema: CaseData({ reason: Text('撤回理由') }, '撤回申请'),
    who: { applicant: 'own' },
    records: ['case.withdrawn'],
  },
  // ---- supervision ----------------------------------------------------------------------------
  'case.revoke': {
    label: OPERATION_LABELS_ZH['case.revoke'],
    summary: '撤销: a decision revoked afterwards',
    schema: CaseData({ reason: Text('撤销理由') }, '撤销'),
    who: { supervisor: 'any', admin: 'any' },
    records: ['case.revoked'],
  },
  'case.suspend': {
    label: '挂起',
    summary: '挂起: the case and its clocks stop until resumed',
    schema: Data({ reason: Text('挂起理由') }, '挂起'),
    who: { supervisor: 'any', admin: 'any' },
    records: ['case.suspended'],
  },
  'case.resume': {
    label: '恢复',
    summary: '恢复 a suspended case: its clocks run again',
    schema: Data({}, '恢复'),
    who: { supervisor: 'any', admin: 'any' },
    records: ['case.resumed'],
  },
  'clock.extend': {
    label: '延长',
    summary: '延长审批: add working days (1 to 60) to a clock, by default the case’s, with the approver',
    schema: CaseData(
      {
        clockId: Type.Optional(Id('时限')),
        amount: Type.Integer({ minimum: 1, maximum: 60, title: '延长天数' }),
        approver: Text('批准人', 100),
        reason: Text('延长理由'),
      },
      '延长',
    ),
    who: { supervisor: 'any', admin: 'any' },
    taskPage: {},
    records: ['clock.extended'],
  },
  'task.urge': {
    label: '催办',
    summary: '催办 a step (recorded; the handler sees it)',
    schema: Data({ taskId: StepId, message: Text('催办内容', 500) }, '催办'),
    who: { supervisor: 'any', admin: 'any' },
    records: ['task.urged'],
  },
  // ---- a step: the officers whose step it is ----------------------------------------------------
  'task.claim': {
    label: '签收',
    summary: '签收: the caller becomes the step’s handler',
    schema: Data({ taskId: StepId }, '签收'),
    who: OWN_STEP,
    taskPage: {},
    records: ['task.claimed'],
  },
  'task.unclaim': {
    label: '取消签收',
    summary: '取消签收: the handler gives the step back to its candidates',
    schema: Data({ taskId: StepId }, '取消签收'),
    who: OWN_STEP,
    taskPage: {},
    records: ['task.unclaimed'],
  },
  'task.complete': {
    label: '办理',
    summary: '通过 / 不通过 with a written opinion; `variables` are the decision the gateways after the step test',
    schema: Data(
      {
        taskId: StepId,
        opinion: Type.Optional(
          Type.Object(
            { decision: Text('办理结果（通过或不通过）', 20), text: Text('办理意见') },
            { additionalProperties: false, title: '办理意见' },
          ),
        ),
        variables: Type.Optional(Variables),
      },
      '办理',
    ),
    who: OWN_STEP,
    taskPage: { label: '通过 / 不通过' },
    records: ['task.completed'],
  },
  'task.transfer': {
    label: '转办',
    summary: '转办: the step goes to another officer for good (首办负责 stays)',
    schema: Data({ taskId: StepId, to: Id('转办给') }, '转办'),
    users: ['to'],
    who: { ...OWN_STEP, admin: 'any' },
    taskPage: {},
    records: ['task.transferred'],
  },
  'task.delegate': {
    label: '委派',
    summary: '委派: a delegate works on the step and gives it back to its owner',
    schema: Data({ taskId: StepId, to: Id('委派给') }, '委派'),
    users: ['to'],
    who: OWN_STEP,
    taskPage: {},
    records: ['task.delegated'],
  },
  'task.resolve': {
    label: '归还委派',
    summary: '归还委派: the delegate gives the step back to its owner',
    schema: Data({ taskId: StepId }, '归还委派'),
    who: OWN_STEP,
    taskPage: {},
    records: ['task.resolved'],
  },
  'task.withdraw': {
    label: '撤回',
    summary: '撤回: the last handler takes a completed step back before the next one is started',
    schema: Data({ taskId: StepId }, '撤回'),
    who: OWN_STEP,
    namedStep: 'done',
    records: ['instance.modified'],
  },
  'task.copy': {
    label: '抄送',
    summary: '抄送 a step to officers for information',
    schema: Data(
      { taskId: StepId, to: Type.Array(Id('抄送给'), { minItems: 1, maxItems: 50, title: '抄送给' }) },
      '抄送',
    ),
    users: ['to'],
    who: OWN_STEP,
    records: ['task.copied'],
  },
  'case.modify': {
    label: '退回',
    summary: '退回: from the named step back to an earlier one, with the reason',
    schema: Data({ taskId: StepId, activate: Id('退回到的环节'), reason: Text('退回理由') }, '退回'),
    who: OWN_STEP,
    taskPage: {},
    records: ['instance.modified'],
    toCommand: (data, state) => ({
      cancel: [state.tasks[data.taskId]?.instanceId ?? data.taskId],
      activate: data.activate,
      reason: data.reason,
    }),
  },
  'multiInstance.addInstance': {
    label: '加签',
    summary: '加签: more countersigners for a running 会签 / 或签 / 票签 step (one per item)',
    schema: Data(
      {
        instanceId: Type.Optional(Id('会签环节')),
        elementId: Type.Optional(Id('会签环节')),
        items: Type.Optional(Type.Array(Id('加签人员'), { minItems: 1, maxItems: 50, title: '加签人员' })),
        count: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, title: '加签人数' })),
        taskId: Type.Optional(StepId),
      },
      '加签',
    ),
    users: ['items'],
    who: { department: 'current', admin: 'any' },
    taskPage: {},
    records: ['multiInstance.instancesAdded'],
  },
  'multiInstance.cancelInstance': {
    label: '减签',
    summary: '减签: cancel one countersigner who has not completed',
    schema: Data({ instanceId: Id('减签的会签实例'), taskId: Type.Optional(StepId) }, '减签'),
    who: { department: 'current', admin: 'any' },
    records: ['multiInstance.instanceCancelled'],
  },
};

/**
 * Reading and rating a case. A department officer reads a case their department has handled or
 * is handling (a step of theirs, open or done), not the others: 并联 departments see the case
 * they work on, not the whole centre's. Applicants read and rate their own; the window rates on
 * the applicant's behalf at the counter (一次一评).
 */
export const CASE_ACTS: { readonly [A in CaseAct]: ActDeclaration } = {
  'case.read': {
    label: '查看办件',
    who: { applicant: 'own', window: 'any', department: 'involved', supervisor: 'any', admin: 'any', auditor: 'any' },
  },
  'case.rate': { label: '评价', who: { applicant: 'own', window: 'any', admin: 'any' } },
};

/** Names of a case's materials by id, joined for a message. */
export function materialNames(
  state: { readonly domain: { matter: { materials: readonly { id: string; name: string }[] } } | null },
  ids: readonly string[],
): string {
  const materials = state.domain?.matter.materials ?? [];
  return ids.map((id) => materials.find((m) => m.id === id)?.name ?? id).join('、');
}
