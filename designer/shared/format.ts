/** Display formats of the workspace: Beijing time whatever the browser's zone, Chinese labels. */
import type { Role } from './session.js';

const DATE_TIME = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** `2026-11-02 09:30` in Beijing time; '—' for nothing. */
export function formatDateTime(value: string | Date | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return String(value);
  return DATE_TIME.format(date).replace(/\//g, '-');
}

export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  admin: '系统管理员',
  window: '窗口人员',
  department: '部门审批人员',
  auditor: '审计人员',
  supervisor: '监察人员',
  applicant: '申请人',
};

export { parseDate, parseDateTime } from './dates.js';

/** Who acted, in words: users by id, the system's own actors in Chinese. */
export function actorLabel(actor: string): string {
  if (actor === 'system') return '系统';
  if (actor === 'timer') return '定时器';
  if (actor.startsWith('job:')) return `自动任务（${actor.slice(4)}）`;
  if (actor.startsWith('case:')) return `办件 ${actor.slice(5)}`;
  return actor;
}
