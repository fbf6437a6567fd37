/** Chinese names of the case events and states, for the replay, the print view and the audit search. */
import { CASE_OPERATIONS, CASE_OPERATION_TYPES } from '../../engine/operations/index.js';
import { parseDateTime } from '../shared/format.js';

/**
 * The events that record an operation read as the operation (engine/operations: `records` → its
 * label); an event more than one operation records reads as all of them, joined by ' / '.
 */
const RECORDED_LABELS: Readonly<Record<string, string>> = (() => {
  const labels: Record<string, string[]> = {};
  for (const operation of CASE_OPERATION_TYPES) {
    const { label, records = [] } = CASE_OPERATIONS[operation];
    for (const type of records) (labels[type] ??= []).push(label);
  }
  return Object.fromEntries(Object.entries(labels).map(([type, names]) => [type, [...new Set(names)].join(' / ')]));
})();

/** The events no operation records: the flow, timers, clocks, the system's own steps. */
const EVENT_LABELS: Readonly<Record<string, string>> = {
  'case.started': '流程启动',
  'case.received': '收件',
  'case.correctionCompleted': '补正完成',
  'material.filed': '材料文件',
  'case.ended': '终止办件',
  'case.reviewStarted': '开始审查',
  'commitment.verificationOverdue': '核查逾期',
  'applicant.commitmentBreached': '申请人违反承诺',
  'element.activated': '进入环节',
  'element.completed': '完成环节',
  'element.terminated': '终止环节',
  'flow.taken': '流转',
  'join.arrived': '汇聚等待',
  'multiInstance.started': '多实例开始',
  'multiInstance.outputCollected': '多实例结果汇总',
  'variables.set': '设置变量',
  'task.created': '生成待办',
  'task.assigned': '指派',
  'task.cancelled': '待办取消',
  'timer.scheduled': '定时器设定',
  'timer.fired': '定时器触发',
  'timer.cancelled': '定时器取消',
  'subscription.opened': '等待消息 / 信号',
  'subscription.closed': '停止等待',
  'event.triggered': '收到消息 / 信号',
  'signal.thrown': '发出信号',
  'message.thrown': '发出消息',
  'error.thrown': '抛出错误',
  'escalation.thrown': '升级',
  'job.created': '生成自动任务',
  'job.completed': '自动任务完成',
  'job.failed': '自动任务失败',
  'job.cancelled': '自动任务取消',
  'incident.raised': '发生故障',
  'incident.resolved': '故障解除',
  'call.started': '启动子办件',
  'clock.started': '开始计时',
  'clock.paused': '暂停计时',
  'clock.resumed': '恢复计时',
  'clock.dueChanged': '到期时间重算',
  'clock.finished': '计时结束',
  'alert.raised': '监察信号',
  'alert.cleared': '监察信号解除',
  'deadline.reached': '期限届满',
  'case.completed': '流程结束',
  'case.terminated': '流程终止',
  'case.failed': '流程失败',
  'case.cancelled': '流程取消',
  'package.partStarted': '子事项开始办理',
  'package.partConcluded': '子事项办结',
};

/**
 * The event's name in Chinese; `data` tells apart what one type records (a modification that
 * names whom it returns to is a 退回, one that does not a 撤回).
 */
export function eventLabel(type: string, data?: unknown): string {
  if (type === 'instance.modified' && data && typeof data === 'object')
    return 'returnedTo' in data && (data as { returnedTo?: unknown }).returnedTo ? '退回' : '撤回 / 退回';
  return RECORDED_LABELS[type] ?? EVENT_LABELS[type] ?? '其他事件';
}

export const FLOW_STATUS_LABELS: Readonly<Record<string, string>> = {
  active: '运行中',
  completed: '已完成',
  terminated: '已终止',
  failed: '失败',
  cancelled: '已取消',
};

/** 预警 / 黄牌 / 红牌 -> the class suffix of base.css (.mf-signal-warning …). */
export const LEVEL_CLASS: Readonly<Record<string, 'warning' | 'yellow' | 'red'>> = {
  预警: 'warning',
  黄牌: 'yellow',
  红牌: 'red',
};

export { actorLabel } from '../shared/format.js';

/** Beijing wall time of an instant as `YYYY-MM-DD HH:mm` (for the time fields). */
export function toBeijingInput(iso: string): string {
  const date = new Date(Date.parse(iso) + 8 * 3_600_000);
  return date.toISOString().slice(0, 16).replace('T', ' ');
}

/** A time field's value (年-月-日 时:分, as parseDateTime reads it) as Beijing time, an instant (ms); NaN when not a time. */
export function fromBeijingInput(value: string): number {
  const text = parseDateTime(value);
  return text ? Date.parse(`${text.replace(' ', 'T')}:00+08:00`) : Number.NaN;
}

/** Beijing wall time with seconds: `2026-11-02 09:30:05`. */
export function formatSeconds(iso: string): string {
  const date = new Date(Date.parse(iso) + 8 * 3_600_000);
  return Number.isNaN(date.getTime()) ? iso : date.toISOString().slice(0, 19).replace('T', ' ');
}
