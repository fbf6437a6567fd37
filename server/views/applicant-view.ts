/**
 * A case as its applicant sees it (我的办件) and as anyone with its 办件编号 and verification code
 * sees it (进度查询: nothing personal — no names, no 证件号码, no officers, no free text an
 * officer wrote), and the printable receipt (受理回执) and result notice (办结通知书). Dates are
 * ISO instants; the pages show them in Beijing time.
 */
import type { CaseEvent, CaseState } from '../../engine/case/index.js';
import type { DomainState, MaterialFile } from '../../engine/domain/index.js';
import { maskIdNumber } from '../../engine/matters/index.js';

/** §32's answer period, as the domain names its deadline (engine/domain handle/receive.ts). */
const ANSWER_DEADLINE = '受理期限';

/** The case's own time limit: its due date, whether counted on provisional holidays, and whether it runs now. */
export function caseLimit(state: CaseState) {
  const clock = Object.values(state.clocks).find((c) => c.kind === 'case');
  if (!clock) return null;
  const stop = clock.running ? null : (clock.stops[clock.stops.length - 1]?.kind ?? null);
  return {
    limit: clock.limit,
    startedAt: clock.startedAt,
    dueAt: clock.dueAt,
    provisional: clock.provisional,
    running: clock.running,
    stoppedFor: stop,
  };
}

/** By when the window must answer (受理, 补正告知 or 不予受理), while it has not (行政许可法 §32). */
export function answerBy(state: CaseState): string | null {
  return Object.values(state.timers).find((timer) => timer.deadline === ANSWER_DEADLINE)?.dueAt ?? null;
}

/** What is asked of the applicant now: the 补正 with each defect, the 容缺 materials owed, a rating. */
export function asksOf(domain: DomainState, rated: boolean): Array<Record<string, unknown>> {
  const asks: Array<Record<string, unknown>> = [];
  const name = (id: string) => domain.matter.materials.find((m) => m.id === id)?.name ?? id;
  if (domain.status === '补正中')
    asks.push({
      kind: '补正',
      zh: '请按补正告知书一次补齐下列问题，上传更正后的材料',
      defects: [...domain.openDefects],
      noticedAt: domain.notices[domain.notices.length - 1]?.at ?? null,
    });
  if (domain.tolerance && domain.tolerance.missing.length > 0)
    asks.push({
      kind: '容缺补交',
      zh: `请在期限前补交容缺材料：${domain.tolerance.missing.map(name).join('、')}`,
      materials: domain.tolerance.missing.map((id) => ({ id, name: name(id) })),
      deadline: domain.tolerance.deadline,
    });
  if (domain.status === '已办结' && !rated && !domain.package)
    asks.push({ kind: '评价', zh: '办件已办结，请对本次服务作出评价' });
  return asks;
}

/** A material with its files (every version: a 补正 adds one, nothing is overwritten). */
export function materialsWithFiles(domain: DomainState) {
  const files = domain.files ?? [];
  return domain.matter.materials.map((material) => ({
    id: material.id,
    name: material.name,
    necessity: material.necessity,
    received: domain.materials[material.id] === true,
    owed: domain.tolerance?.missing.includes(material.id) ?? false,
    files: files.filter((file) => file.materialId === material.id).map(fileView),
  }));
}

function fileView(file: MaterialFile & { at: string }) {
  return {
    version: file.version,
    sha256: file.sha256,
    size: file.size,
    mediaType: file.mediaType,
    fileName: file.fileName,
    filedAt: file.at,
  };
}

/**
 * The departments that had a step of the case, the deciding one last (whom a rating is about by
 * default): the department of the step 办结 completed (its task.completed follows case.concluded).
 */
export function departmentsOf(events: readonly CaseEvent[]): string[] {
  const byTask = new Map<string, string>();
  const seen: string[] = [];
  let concluded = false;
  let decider: string | null = null;
  for (const event of events) {
    if (event.type === 'task.created' && event.data.department) {
      byTask.set(event.data.taskId, event.data.department);
      if (!seen.includes(event.data.department)) seen.push(event.data.department);
    } else if (event.type === 'case.concluded') concluded = true;
    else if (event.type === 'task.completed' && concluded && decider === null)
      decider = byTask.get(event.data.taskId) ?? null;
  }
  return decider ? [...seen.filter((d) => d !== decider), decider] : seen;
}

export interface RatingFacts {
  /** The 一事一评 rating already given (its level), or null. */
  readonly level: string | null;
  readonly departments: readonly string[];
}

/** 我的办件: one case, for its applicant. */
export function applicantCaseView(state: CaseState, rating: RatingFacts, code: string | null): Record<string, unknown> {
  const domain = state.domain!;
  return {
    caseId: state.caseId,
    number: domain.number ?? null,
    verificationCode: code,
    status: domain.status,
    matter: { code: domain.matter.code, version: domain.matter.version, name: domain.matter.name },
    applicant: {
      name: domain.applicant.name,
      idType: domain.applicant.idType,
      idNumber: maskIdNumber(domain.applicant.idNumber),
    },
    channel: domain.channel,
    receivedAt: domain.receivedAt,
    answerBy: domain.status === '已收件' ? answerBy(state) : null,
    acceptance: domain.acceptance ? { at: domain.acceptance.at, auto: domain.acceptance.auto } : null,
    promisedLimit: domain.matter.promisedLimit,
    limit: caseLimit(state),
    notices: domain.notices.map((notice) => ({ defects: [...notice.defects], at: notice.at })),
    openDefects: [...domain.openDefects],
    tolerance: domain.tolerance
      ? { missing: [...domain.tolerance.missing], deadline: domain.tolerance.deadline }
      : null,
    asks: asksOf(domain, rating.level !== null),
    materials: materialsWithFiles(domain),
    result: domain.result
      ? { kind: domain.result.kind, at: domain.result.at, reason: domain.result.reason, licence: domain.result.licence }
      : null,
    delivery: domain.delivery ? { at: domain.delivery.at, method: domain.delivery.method } : null,
    rating: {
      mode: '一事一评',
      level: rating.level,
      departments: rating.departments,
      open: domain.status === '已办结' && rating.level === null && !domain.package,
    },
  };
}

/** 进度查询: what anyone with the number and the code may see — dates, status, steps; nothing personal. */
export function progressView(state: CaseState, events: readonly CaseEvent[]): Record<string, unknown> {
  const domain = state.domain!;
  const limit = caseLimit(state);
  const milestones: Array<{ kind: string; at: string }> = [];
  for (const event of events) {
    const kind = MILESTONES[event.type];
    if (kind) milestones.push({ kind: typeof kind === 'function' ? kind(event) : kind, at: event.time });
  }
  return {
    number: domain.number ?? null,
    matter: { code: domain.matter.code, name: domain.matter.name },
    status: domain.status,
    channel: domain.channel,
    receivedAt: domain.receivedAt,
    acceptedAt: domain.acceptance?.at ?? null,
    promisedLimit: domain.matter.promisedLimit,
    dueAt: limit?.dueAt ?? null,
    provisional: limit?.provisional ?? false,
    clock: limit ? (limit.running ? 'running' : 'stopped') : null,
    currentSteps: Object.values(state.tasks).map((task) => task.name ?? task.elementId),
    result: domain.result ? { kind: domain.result.kind, at: domain.result.at } : null,
    deliveredAt: domain.delivery?.at ?? null,
    milestones,
  };
}

const MILESTONES: Readonly<Record<string, string | ((event: CaseEvent) => string)>> = {
  'case.received': '收件',
  'case.correctionNoticed': '补正告知',
  'materials.supplied': '补交材料',
  'case.correctionCompleted': '补正完成',
  'case.accepted': (event) => ((event.data as { auto?: boolean }).auto ? '视为受理' : '受理'),
  'case.acceptedWithTolerance': '容缺受理',
  'case.refused': '不予受理',
  'case.reviewStarted': '审查',
  'specialProcedure.started': '特别程序开始',
  'specialProcedure.ended': '特别程序结束',
  'case.concluded': (event) => `办结（${String((event.data as { kind?: string }).kind ?? '')}）`,
  'case.decidedOnCommitment': '办结（告知承诺）',
  'case.delivered': '送达',
  'case.withdrawn': '撤回',
  'case.ended': '终止',
  'case.revoked': '撤销',
};

/** 受理回执 (收件回执 before 受理): what was received, when, the promised limit, the materials with their hashes, the code. */
export function receiptView(state: CaseState, code: string | null): Record<string, unknown> {
  const domain = state.domain!;
  const limit = caseLimit(state);
  return {
    title: domain.acceptance ? '受理回执' : '收件回执',
    caseId: state.caseId,
    number: domain.number ?? null,
    verificationCode: code,
    matter: { code: domain.matter.code, version: domain.matter.version, name: domain.matter.name },
    applicant: {
      name: domain.applicant.name,
      idType: domain.applicant.idType,
      idNumber: maskIdNumber(domain.applicant.idNumber),
    },
    channel: domain.channel,
    status: domain.status,
    receivedAt: domain.receivedAt,
    acceptance: domain.acceptance
      ? { at: domain.acceptance.at, documentNo: domain.acceptance.documentNo, auto: domain.acceptance.auto }
      : null,
    answerBy: domain.status === '已收件' ? answerBy(state) : null,
    promisedLimit: domain.matter.promisedLimit,
    caseType: domain.matter.caseType,
    dueAt: limit?.dueAt ?? null,
    provisional: limit?.provisional ?? false,
    materials: materialsWithFiles(domain),
    openDefects: [...domain.openDefects],
  };
}

/** 办结通知书: the decision, its date, the licence or the reason, the delivery. Null before 办结. */
export function resultNoticeView(state: CaseState): Record<string, unknown> | null {
  const domain = state.domain!;
  if (!domain.result) return null;
  return {
    title: '办结通知书',
    caseId: state.caseId,
    number: domain.number ?? null,
    matter: { code: domain.matter.code, version: domain.matter.version, name: domain.matter.name },
    applicant: {
      name: domain.applicant.name,
      idType: domain.applicant.idType,
      idNumber: maskIdNumber(domain.applicant.idNumber),
    },
    status: domain.status,
    receivedAt: domain.receivedAt,
    acceptedAt: domain.acceptance?.at ?? null,
    result: {
      kind: domain.result.kind,
      at: domain.result.at,
      reason: domain.result.reason,
      licence: domain.result.licence,
    },
    delivery: domain.delivery ? { at: domain.delivery.at, method: domain.delivery.method } : null,
    materials: materialsWithFiles(domain),
  };
}
