/**
 * A case as clients see it: the 办件 status, the matter, the applicant with the 证件号码 masked,
 * materials, time limits with due dates (provisional ones marked) and clock state, open tasks,
 * result and delivery. Personal data never leaves the server in clear.
 */
import { maskIdNumber, maskPersonalData } from '../../engine/matters/index.js';
import type { TaskState } from '../../engine/runtime/index.js';
import type { CaseEvent, CaseState } from '../../engine/case/index.js';
import { RESULT_KINDS, statusAllows, type Principal, type StatusGatedCommandType } from '../../engine/domain/index.js';
import { CASE_OPERATIONS, caseFacts, mayPerform, type CaseOperationType } from '../../engine/operations/index.js';
import type { CompiledProcess, FlowNode } from '../../engine/model/index.js';
import { beijing } from './beijing-time.js';

/** What the store says of a 一件事 part now (its own case row), beside what the package recorded. */
export interface PartNow {
  readonly caseId: string;
  readonly domainStatus: string | null;
}

export function caseView(state: CaseState, partsNow: readonly PartNow[] = []): Record<string, unknown> {
  const domain = state.domain;
  return {
    caseId: state.caseId,
    /** 办件编号 (absent on cases received before numbers were given). */
    number: domain?.number ?? null,
    version: state.seq,
    processId: state.processId,
    flowStatus: state.status,
    status: domain?.status ?? null,
    matter: domain ? { code: domain.matter.code, version: domain.matter.version, name: domain.matter.name } : null,
    applicant: domain
      ? {
          name: domain.applicant.name,
          idType: domain.applicant.idType,
          idNumber: maskIdNumber(domain.applicant.idNumber),
        }
      : null,
    channel: domain?.channel ?? null,
    materials: domain?.materials ?? {},
    openDefects: domain?.openDefects ?? [],
    acceptance: domain?.acceptance ?? null,
    responsibleOfficer: domain?.responsibleOfficer ?? null,
    tolerance: domain?.tolerance ?? null,
    timeLimits: Object.values(state.clocks).map((clock) => ({
      kind: clock.kind,
      elementId: clock.elementId,
      department: clock.department,
      limit: clock.limit,
      dueAt: clock.dueAt,
      provisional: clock.provisional,
      clock: clock.running ? 'running' : `stopped (${clock.stops[clock.stops.length - 1]?.kind ?? ''})`,
    })),
    signals: Object.values(state.alerts).map((alert) => ({
      level: alert.level,
      department: alert.department,
      raisedAt: alert.raisedAt,
    })),
    tasks: Object.values(state.tasks).map((task) => ({
      taskId: task.id,
      elementId: task.elementId,
      name: task.name,
      department: task.department,
      assignee: task.assignee,
    })),
    result: domain?.result ?? null,
    delivery: domain?.delivery ?? null,
    // 一件事: the package a part belongs to, and a package's parts with their status now.
    package: domain?.package ?? null,
    parts: (domain?.parts ?? []).map((part) => ({
      caseId: part.caseId,
      number: part.number,
      name: part.name,
      department: part.department,
      status: partsNow.find((now) => now.caseId === part.caseId)?.domainStatus ?? null,
      result: part.result,
    })),
    variables: maskPersonalData(state.variables[state.rootInstanceId] ?? {}),
  };
}

// ---------------------------------------------------------------------------------------------
// The task page: what this principal may do now on this task, computed on the server from the
// domain's own rules (engine/domain permissions.ts and transitions.ts) and the task's state, so
// that the browser only offers what the server will accept. The server checks again on submit.
// ---------------------------------------------------------------------------------------------

export interface OfferedOperation {
  /** The `operation` to POST to /api/cases/{caseId}/operations (its declaration in engine/operations). */
  readonly operation: CaseOperationType;
  readonly label: string;
  /** What its form offers (targets, kinds, materials …). */
  readonly options?: Record<string, unknown>;
}

/** A variable a decision sets for the gateway after the step (from its conditions). */
interface DecisionVariable {
  readonly name: string;
  readonly type: 'boolean' | 'enum';
  readonly values?: readonly string[];
}

export interface TaskOperationContext {
  readonly state: CaseState;
  readonly taskId: string;
  readonly principal: Principal;
  /** The compiled process the case runs (null if it cannot be loaded: no flow-derived offers). */
  readonly process: CompiledProcess | null;
  /** Fields of the application form (not offered as decision variables). */
  readonly formFields: readonly string[];
}

/** Variables set by the 办件 layer itself, never by a step's decision. */
const DOMAIN_VARIABLES = new Set(['受理结果', '办结结果', 'materials']);

/** The operations `principal` may do now on task `taskId`: permitted by role and department, and admitted by the case's and task's state. */
export function offeredOperations({
  state,
  taskId,
  principal,
  process,
  formFields,
}: TaskOperationContext): OfferedOperation[] {
  const task = state.tasks[taskId];
  if (!task || state.status !== 'active') return [];
  const domain = state.domain;
  const status = domain?.status ?? null;
  const facts = caseFacts({ state, process, applicantKey: null, taskId });
  const permitted = (operation: CaseOperationType) => mayPerform(principal, operation, facts).allowed;
  const admits = (type: StatusGatedCommandType) => status !== null && statusAllows(type, status);
  const offers: OfferedOperation[] = [];
  const offer = (operation: CaseOperationType, when: boolean, options?: Record<string, unknown>) => {
    const declaration = CASE_OPERATIONS[operation];
    if (!declaration.taskPage || !when || !permitted(operation)) return;
    const label = declaration.taskPage.label ?? declaration.label;
    offers.push({ operation, label, ...(options ? { options } : {}) });
  };
  const running = state.suspended === null;
  const delegated = task.delegation === 'pending';
  const me = principal.id;
  const workable = running && !delegated && (task.assignee === null || task.assignee === me);
  const beforeAcceptance = status === '已收件' || status === '补正中';
  const decides = process ? decidesResult(process, task.elementId) : false;
  const materials = domain
    ? domain.matter.materials.map((m) => ({
        id: m.id,
        name: m.name,
        necessity: m.necessity,
        received: domain.materials[m.id] === true,
      }))
    : [];

  offer('task.claim', running && task.assignee === null);
  offer('task.unclaim', task.assignee === me && !delegated);
  // 收件 → 受理: the window step completes with the 办件 decision.
  offer('case.accept', workable && admits('case.accept'));
  if (domain && admits('case.acceptWithTolerance') && domain.matter.tolerance.allowed) {
    const coreMissing = materials.filter((m) => m.necessity === 'required' && !m.received);
    const tolerated = materials.filter((m) => m.necessity === 'tolerated' && !m.received);
    offer('case.acceptWithTolerance', workable && coreMissing.length === 0 && tolerated.length > 0, {
      missing: tolerated,
      supplementDeadline: domain.matter.tolerance.supplementDeadline,
      promisedLimit: domain.matter.promisedLimit,
    });
  }
  offer('case.refuse', admits('case.refuse'));
  if (domain) {
    const first = domain.notices[0];
    offer('case.noticeCorrection', admits('case.noticeCorrection'), {
      materials,
      firstNotice: first ? first.defects : null,
      openDefects: domain.openDefects,
    });
    const owed = domain.tolerance?.missing ?? [];
    offer(
      'materials.supply',
      admits('materials.supply') &&
        (domain.openDefects.length > 0 || owed.length > 0 || materials.some((m) => !m.received)),
      { materials, openDefects: domain.openDefects, owed },
    );
  }
  // A step's own decision; the step that decides the 办件 result is concluded with 办结 instead.
  offer('task.complete', workable && !beforeAcceptance && !decides, {
    decisions: ['通过', '不通过'],
    variables: process ? decisionVariables(process, task.elementId, formFields) : [],
  });
  offer('case.conclude', workable && decides && admits('case.conclude'), {
    kinds: RESULT_KINDS,
    owed: domain?.tolerance?.missing ?? [],
  });
  offer('case.deliver', admits('case.deliver') && !domain?.delivery, { methods: ['窗口领取', '邮寄送达', '电子送达'] });
  const targets = process ? returnTargets(process, task) : [];
  offer('case.modify', running && targets.length > 0 && !delegated, { targets });
  offer('task.transfer', running && !delegated);
  offer('task.delegate', running && !delegated && task.assignee === me);
  offer('task.resolve', delegated && task.assignee === me);
  const body = multiInstanceBody(state, task);
  offer('multiInstance.addInstance', running && body !== null, body ? { instanceId: body } : undefined);
  if (domain) {
    const kinds = [
      ...new Set([
        ...(domain.matter.specialProcedures ?? []),
        ...(process ? specialProceduresOf(process, task.elementId) : []),
      ]),
    ];
    offer('specialProcedure.start', running && admits('specialProcedure.start') && kinds.length > 0, { kinds });
    offer('specialProcedure.end', admits('specialProcedure.end') && Boolean(domain.specialProcedure), {
      running: domain.specialProcedure ?? null,
    });
  }
  const clocks = Object.values(state.clocks).map((clock) => ({
    clockId: clock.id,
    kind: clock.kind,
    elementId: clock.elementId,
    unit: clock.limit.unit,
    dueAt: clock.dueAt,
  }));
  offer(
    'clock.extend',
    clocks.some((clock) => clock.kind === 'case'),
    { clocks },
  );
  return offers;
}

/** Does completing this step decide the 办件 result (a gateway after it tests 办结结果)? */
function decidesResult(process: CompiledProcess, elementId: string): boolean {
  return downstreamConditions(process, elementId).some((source) => /办结结果/u.test(source));
}

/** The conditions of the gateways right after a step (through gateways only, not past the next activity). */
function downstreamConditions(process: CompiledProcess, elementId: string): string[] {
  const conditions: string[] = [];
  const seen = new Set<string>();
  const visit = (node: FlowNode | undefined) => {
    if (!node || seen.has(node.id)) return;
    seen.add(node.id);
    for (const flowId of node.outgoing) {
      const flow = process.flows.get(flowId);
      if (!flow) continue;
      if (flow.condition) conditions.push(flow.condition.feel);
      const target = process.elements.get(flow.targetId);
      if (target && target.kind.endsWith('Gateway')) visit(target);
    }
  };
  visit(process.elements.get(elementId));
  return conditions;
}

/** Variables the gateways after a step test with `= true/false` or `= "value"` (the step's decision sets them). */
function decisionVariables(
  process: CompiledProcess,
  elementId: string,
  formFields: readonly string[],
): DecisionVariable[] {
  const found = new Map<string, { type: 'boolean' | 'enum'; values: Set<string> }>();
  for (const source of downstreamConditions(process, elementId)) {
    for (const match of source.matchAll(/([\p{L}_][\p{L}\p{N}_]*)\s*=\s*(true|false|"[^"]*")/gu)) {
      const name = match[1]!;
      const value = match[2]!;
      if (DOMAIN_VARIABLES.has(name) || formFields.includes(name)) continue;
      const type = value === 'true' || value === 'false' ? 'boolean' : 'enum';
      const entry = found.get(name) ?? { type, values: new Set<string>() };
      if (type === 'enum') entry.values.add(value.slice(1, -1));
      found.set(name, entry);
    }
  }
  return [...found].map(([name, entry]) =>
    entry.type === 'boolean' ? { name, type: 'boolean' } : { name, type: 'enum', values: [...entry.values] },
  );
}

/** 退回: the user tasks of the same scope from which this step can be reached (earlier steps). */
function returnTargets(process: CompiledProcess, task: TaskState): Array<{ elementId: string; name: string }> {
  const here = process.elements.get(task.elementId);
  if (!here) return [];
  const targets: Array<{ elementId: string; name: string }> = [];
  for (const element of process.elements.values()) {
    if (element.id === here.id || element.scopeId !== here.scopeId) continue;
    if (element.kind !== 'userTask' && element.kind !== 'manualTask') continue;
    if (!process.reachable.get(element.id)?.has(here.id)) continue;
    // A step this one can reach too lies after it on a loop, not before: not a 退回.
    if (process.reachable.get(here.id)?.has(element.id) && !(process.reachable.get(element.id)?.has(here.id) ?? false))
      continue;
    targets.push({ elementId: element.id, name: element.name ?? element.id });
  }
  return targets;
}

function specialProceduresOf(process: CompiledProcess, elementId: string): readonly string[] {
  const element = process.elements.get(elementId);
  return element && 'gov' in element && element.gov && 'specialProcedures' in element.gov
    ? element.gov.specialProcedures
    : [];
}

/** The running multi-instance body this task is an inner instance of (加签 adds to it). */
function multiInstanceBody(state: CaseState, task: TaskState): string | null {
  const instance = state.instances[task.instanceId];
  const parent = instance?.parentId ? state.instances[instance.parentId] : undefined;
  if (parent?.mi && parent.elementId === task.elementId) return parent.id;
  if (instance?.mi) return instance.id;
  return null;
}

/** Materials of the case with their names and 容缺 state: received, 容缺 owed (with the deadline), or missing. */
export function materialsView(state: CaseState): Array<Record<string, unknown>> {
  const domain = state.domain;
  if (!domain) return [];
  return domain.matter.materials.map((material) => {
    const received = domain.materials[material.id] === true;
    const owed = domain.tolerance?.missing.includes(material.id) ?? false;
    // Its files, every version (a 补正 adds one, nothing is overwritten), for the officers' preview.
    const files = (domain.files ?? []).filter((file) => file.materialId === material.id);
    return {
      id: material.id,
      name: material.name,
      necessity: material.necessity,
      state: received ? 'received' : owed ? 'tolerated' : 'missing',
      ...(owed && domain.tolerance ? { deadline: domain.tolerance.deadline } : {}),
      ...(files.length > 0 ? { files: files.map(({ materialId: _material, ...file }) => file) } : {}),
    };
  });
}

/** How an event names what it is about: its step (by task), an element, a 一件事 part (by its case). */
export interface EventNames {
  step(taskId: string): string;
  element(elementId: string): string;
  part(childCaseId: string): string;
}

/** One event as officers read it in the 办理记录, in Chinese; null for the flow's own bookkeeping. */
export function eventText(event: { readonly type: string; readonly data: unknown }, names: EventNames): string | null {
  const data = event.data as Record<string, unknown>;
  const text = (name: string) => String(data[name] ?? '');
  const step = () => names.step(text('taskId'));
  switch (event.type) {
    case 'task.created':
      return `环节「${String(data['name'] ?? data['elementId'] ?? '')}」开始`;
    case 'case.received': {
      const pkg = data['package'] as { name?: string; number?: string | null } | undefined;
      return pkg
        ? `作为一件事「${String(pkg.name ?? '')}」${pkg.number ? `（${pkg.number}）` : ''}的子事项收件`
        : `收件（${text('channel')}）`;
    }
    case 'package.partStarted':
      return `子事项「${text('name')}」${data['number'] ? `（${text('number')}）` : ''}开始办理`;
    case 'package.partConcluded':
      return `子事项「${names.part(text('childCaseId'))}」办结：${text('kind')}${data['reason'] ? `（${text('reason')}）` : ''}`;
    case 'case.correctionNoticed':
      return `补正告知（一次性告知）：${((data['defects'] as string[] | undefined) ?? []).join('；')}`;
    case 'materials.supplied':
      return `补交材料 ${((data['materials'] as string[] | undefined) ?? []).length} 件`;
    case 'material.filed':
      return `材料文件「${text('fileName')}」第 ${text('version')} 版（sha256 ${text('sha256').slice(0, 12)}…）`;
    case 'case.correctionCompleted':
      return '补正完成';
    case 'case.accepted':
      return data['auto'] ? '逾期未答复，视为受理' : '受理';
    case 'case.acceptedWithTolerance':
      return `容缺受理，补交期限 ${beijing(text('deadline'))}`;
    case 'case.refused':
      return `不予受理：${text('reason')}`;
    case 'case.reviewStarted':
      return '开始审查';
    case 'case.concluded': {
      const licence = data['licence'] as { name?: string; number?: string } | null | undefined;
      const detail = licence?.number
        ? `${licence.name ?? ''} ${licence.number}`.trim()
        : data['reason']
          ? text('reason')
          : '';
      return `办结：${text('kind')}${detail ? `（${detail}）` : ''}`;
    }
    case 'case.delivered':
      return `送达（${text('method')}）`;
    case 'case.withdrawn':
      return `申请人撤回：${text('reason')}`;
    case 'case.revoked':
      return `撤销：${text('reason')}`;
    case 'case.ended':
      return `${text('status')}：${text('reason')}`;
    case 'case.decidedOnCommitment':
      return `告知承诺决定：出具${String((data['licence'] as { name?: string } | undefined)?.name ?? '证照')}，核查期限 ${beijing(text('verifyBy'))}`;
    case 'commitment.verified':
      return `告知承诺核查：${data['passed'] ? '属实' : '不属实'}${data['findings'] ? `（${text('findings')}）` : ''}`;
    case 'commitment.verificationOverdue':
      return '告知承诺核查逾期';
    case 'specialProcedure.started':
      return `特别程序开始（${text('kind')}）：${text('reason')}`;
    case 'specialProcedure.ended':
      return `特别程序结束（${text('kind')}）：${text('result')}`;
    case 'task.claimed':
      return `签收「${step()}」`;
    case 'task.unclaimed':
      return `取消签收「${step()}」`;
    case 'task.transferred':
      return `转办「${step()}」给 ${text('to')}`;
    case 'task.delegated':
      return `委派「${step()}」给 ${text('to')}`;
    case 'task.resolved':
      return `归还委派「${step()}」`;
    case 'task.urged':
      return `催办「${step()}」${data['message'] ? `：${text('message')}` : ''}`;
    case 'task.copied':
      return `抄送「${step()}」给 ${((data['to'] as string[] | undefined) ?? []).join('、')}`;
    case 'task.completed': {
      const opinion = data['opinion'] as { decision: string; text: string } | null | undefined;
      return `办理「${step()}」${opinion ? `：${opinion.decision}${opinion.text ? `，意见：${opinion.text}` : ''}` : ''}`;
    }
    case 'instance.modified': {
      const target = String((data['activated'] as { elementId?: string } | undefined)?.elementId ?? '');
      const to = data['returnedTo'] ? `，退回给 ${text('returnedTo')}` : '';
      return `退回至「${names.element(target)}」${to}${data['reason'] ? `：${text('reason')}` : ''}`;
    }
    case 'multiInstance.instancesAdded':
      return `加签 ${text('added')} 人（共 ${text('total')} 人）`;
    case 'multiInstance.instanceCancelled':
      return `减签（余 ${text('total')} 人）`;
    case 'clock.paused':
      return `计时暂停（${text('kind')}）`;
    case 'clock.resumed':
      return '恢复计时';
    case 'clock.extended':
      return `延长 ${text('amount')}（批准人 ${text('approver')}）：${text('reason')}`;
    case 'alert.raised':
      return `电子监察：${text('level')}`;
    case 'case.suspended':
      return `挂起：${text('reason')}`;
    case 'case.resumed':
      return '恢复办理';
    default:
      return null;
  }
}

/** Each event as officers read it (null for the flow's own bookkeeping), naming steps and parts from the events before it. */
export function eventTexts(events: readonly CaseEvent[]): Array<string | null> {
  const steps = new Map<string, string>();
  const elements = new Map<string, string>();
  const parts = new Map<string, string>();
  const names: EventNames = {
    step: (taskId) => steps.get(taskId) ?? '',
    element: (elementId) => elements.get(elementId) ?? elementId,
    part: (childCaseId) => parts.get(childCaseId) ?? childCaseId,
  };
  let said: CaseEvent | null = null;
  return events.map((event) => {
    if (event.type === 'task.created') {
      const name = event.data.name ?? event.data.elementId;
      steps.set(event.data.taskId, name);
      elements.set(event.data.elementId, name);
    }
    if (event.type === 'package.partStarted') parts.set(event.data.caseId, event.data.name);
    // A step completed without an opinion by the 办件 decision just said (受理, 办结 …) is that decision: said once.
    const decidedBy =
      event.type === 'task.completed' &&
      !event.data.opinion &&
      said !== null &&
      said.actor === event.actor &&
      said.time === event.time &&
      said.type.startsWith('case.') &&
      said.type !== 'case.received';
    const text = decidedBy ? null : eventText(event, names);
    if (text !== null) said = event;
    return text;
  });
}

/** The history as officers read it: the 办件 events and each step's handling, in Chinese, oldest first. */
export function historySummary(
  events: readonly CaseEvent[],
): Array<{ seq: number; time: string; actor: string; text: string }> {
  const texts = eventTexts(events);
  return events.flatMap((event, index) => {
    const text = texts[index];
    return text === null || text === undefined ? [] : [{ seq: index + 1, time: event.time, actor: event.actor, text }];
  });
}
