/**
 * How refusals read: a rejection of the domain or the runtime, or a step that is no longer open,
 * in Chinese words an officer understands (the English stays beside it), with the HTTP status it
 * means. The operation's own wording (its declaration's `refusals`) comes first.
 */
import type { CaseEvent, CaseRejection, CaseState } from '../case/index.js';
import type { ApiData, CaseOperationType, OperationDeclaration, RefusalContext } from './declaration.js';
import { CASE_OPERATIONS, materialNames } from './operations.js';
import type { StepFacts } from './relations.js';

export interface Refusal {
  /** 404: there is no such thing; 409: it changed meanwhile; 422: a rule of the domain refuses it. */
  readonly status: 404 | 409 | 422;
  readonly code: string;
  readonly zh: string;
  readonly en: string;
}

/** Rejection codes that mean "no such thing" (404); every other rejection is a rule refusing (422). */
export const NOT_FOUND_REJECTIONS: ReadonlySet<string> = new Set([
  'CASE_NOT_FOUND',
  'TASK_NOT_FOUND',
  'TIMER_NOT_FOUND',
  'JOB_NOT_FOUND',
  'INCIDENT_NOT_FOUND',
  'PROCESS_NOT_FOUND',
  'CLOCK_NOT_FOUND',
  'INSTANCE_NOT_FOUND',
  'ELEMENT_NOT_FOUND',
]);

/** A rejection of `operation` on the case as it was (`state`) with the body's `data`, in Chinese. */
export function refusalOf<T extends CaseOperationType>(
  operation: T,
  rejection: CaseRejection,
  state: CaseState,
  data: ApiData<T>,
): Refusal {
  const declaration = CASE_OPERATIONS[operation] as OperationDeclaration<T>;
  const own = declaration.refusals?.[rejection.code]?.({ state, data } as RefusalContext<T>) ?? null;
  const zh = inBeijingTime(own ?? generic(declaration.label, rejection.code, state, data as { taskId?: unknown }));
  return {
    status: NOT_FOUND_REJECTIONS.has(rejection.code) ? 404 : 422,
    code: rejection.code,
    zh,
    en: rejection.message,
  };
}

function generic(label: string, code: string, state: CaseState, data: { taskId?: unknown }): string {
  const domain = state.domain;
  const task = typeof data.taskId === 'string' ? state.tasks[data.taskId] : undefined;
  const missing = (necessity: string) =>
    domain
      ? domain.matter.materials.filter((m) => m.necessity === necessity && !domain.materials[m.id]).map((m) => m.id)
      : [];
  switch (code) {
    case 'ILLEGAL_TRANSITION':
      return domain?.status ? `办件当前状态为「${domain.status}」，不能${label}` : `当前不能${label}`;
    case 'MATERIALS_MISSING':
      return `材料不齐，不能受理：缺少${materialNames(state, [...missing('required'), ...missing('tolerated')])}。请一次性告知补正，或在允许时容缺受理`;
    case 'TOLERANCE_REFUSED':
      if (domain && !domain.matter.tolerance.allowed) return '本事项不允许容缺受理';
      if (missing('required').length > 0)
        return `不能容缺受理：核心材料${materialNames(state, missing('required'))}未提交`;
      return '不能容缺受理：申请人未通过信用核查';
    case 'MATERIALS_OWED':
      return `容缺材料尚未补齐，不能${label}`;
    case 'ALREADY_DELIVERED':
      return '办理结果已送达，不能重复送达';
    case 'TASK_ASSIGNED':
      return `该任务已由 ${task?.assignee ?? '他人'} 签收`;
    case 'NOT_ASSIGNEE':
      return task?.assignee
        ? `该任务已由 ${task.assignee} 签收，只有签收人可以${label}`
        : `该任务尚未签收，不能${label}`;
    case 'TASK_DELEGATED':
      return `该任务已委派给 ${task?.assignee ?? '他人'}，须待其归还后再办理`;
    case 'NOT_DELEGATED':
      return '该任务没有被委派';
    case 'CASE_SUSPENDED':
      return '办件已挂起，恢复后才能办理';
    case 'NOT_WITHDRAWABLE':
      return '下一环节已开始办理，不能撤回';
    case 'NOT_MULTI_INSTANCE':
      return '该环节不是会签环节，不能加签或减签';
    case 'TASK_NOT_FOUND':
      return '该任务不存在或已办理完毕';
    case 'CLOCK_NOT_FOUND':
      return '办件尚未开始计时（受理后才有办结时限）';
    case 'INSTANCE_NOT_FOUND':
    case 'ELEMENT_NOT_FOUND':
      return '所选环节不存在或已结束';
    case 'CALENDAR_MISSING':
      return '缺少工作日历，无法计算时限';
    case 'INVALID_ARGUMENT':
      return `${label}的内容有误，请检查后重试`;
    default:
      return `操作被拒绝：当前不能${label}`;
  }
}

/**
 * A step that is no longer open, for the officer who still has it on screen: someone completed
 * it (409 CONFLICT), or the flow cancelled it — a parallel rejection, the 或签 winner, a 退回 —
 * (409 TASK_CANCELLED, saying what did). Null while the step is open or unknown.
 */
export function staleStep(step: StepFacts | null | undefined, history: readonly CaseEvent[]): Refusal | null {
  if (!step || step.state === 'open') return null;
  const name = `「${step.name ?? step.elementId}」`;
  if (step.state === 'done') {
    const done = history.find((event) => event.type === 'task.completed' && event.data.taskId === step.taskId);
    return {
      status: 409,
      code: 'CONFLICT',
      zh: `该任务${name}已由 ${done?.actor ?? '他人'} 于 ${beijing(done?.time)} 办理`,
      en: `Task ${step.taskId} was completed by ${done?.actor ?? 'someone else'} at ${done?.time ?? ''}`,
    };
  }
  const at = history.findIndex((event) => event.type === 'task.cancelled' && event.data.taskId === step.taskId);
  const cancelled = history[at];
  const cause = causeOf(history, at);
  return {
    status: 409,
    code: 'TASK_CANCELLED',
    zh: `该任务${name}已于 ${beijing(cancelled?.time)} 取消：${cause.zh}`,
    en: `Task ${step.taskId} was cancelled at ${cancelled?.time ?? ''}: ${cause.en}`,
  };
}

/** What cancelled the task at `index`: the command of the same actor and instant that came before it. */
function causeOf(history: readonly CaseEvent[], index: number): { zh: string; en: string } {
  const cancelled = history[index];
  if (!cancelled) return { zh: '流程已不再需要该环节', en: 'the flow no longer needs the step' };
  const names = new Map<string, string>();
  for (const event of history.slice(0, index))
    if (event.type === 'task.created') names.set(event.data.taskId, event.data.name ?? event.data.elementId);
  for (let i = index - 1; i >= 0; i -= 1) {
    const event = history[i]!;
    if (event.time !== cancelled.time || event.actor !== cancelled.actor) break;
    if (event.type === 'task.completed') {
      const decision = event.data.opinion?.decision;
      const step = names.get(event.data.taskId) ?? event.data.taskId;
      return {
        zh: `${event.actor} 办理「${step}」${decision ? `（${decision}）` : ''}后，该环节不再需要办理`,
        en: `${event.actor} completed ${step}${decision ? ` (${decision})` : ''}`,
      };
    }
    if (event.type === 'instance.modified')
      return { zh: `${event.actor} 退回了办件`, en: `${event.actor} returned the case to an earlier step` };
    if (event.type === 'case.withdrawn')
      return { zh: '申请人撤回了申请', en: 'the applicant withdrew the application' };
    if (event.type === 'case.ended' || event.type === 'case.terminated')
      return { zh: '办件已终止', en: 'the case ended' };
  }
  // The case's flow was cancelled from outside (its 一件事 package stopped it): its reason follows.
  for (const event of history.slice(index + 1)) {
    if (event.time !== cancelled.time || event.actor !== cancelled.actor) break;
    if (event.type === 'case.cancelled')
      return { zh: event.data.reason, en: `the case was cancelled: ${event.data.reason}` };
  }
  return {
    zh: `${cancelled.actor === 'timer' ? '定时器' : cancelled.actor} 的操作使该环节不再需要办理`,
    en: `an operation of ${cancelled.actor} ended the step`,
  };
}

const BEIJING = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** An instant as officers read it: `2026-12-18 17:30`, Beijing time ('' for none). */
function beijing(iso: string | undefined): string {
  if (!iso || Number.isNaN(Date.parse(iso))) return iso ?? '';
  return BEIJING.format(new Date(iso)).replace(/\//g, '-');
}

/** ISO-8601 instants (as events store them) written into a message, in Beijing time: never UTC to a reader. */
const ISO_INSTANT = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})/g;
function inBeijingTime(text: string): string {
  return text.replace(ISO_INSTANT, (instant) => beijing(instant));
}
