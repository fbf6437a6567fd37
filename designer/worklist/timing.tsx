/** How the worklist and the task page show times: due dates with their limits, provisional ones marked, clock state and signal colour. */
import { formatDateTime } from '../shared/format.js';

export interface Timing {
  readonly dueAt: string;
  readonly provisional: boolean;
  readonly limit: { readonly amount: number; readonly unit: string };
  readonly clock: 'running' | 'stopped';
  readonly stoppedFor: string | null;
  readonly signal: '预警' | '黄牌' | '红牌' | null;
}

const SIGNAL_CLASS: Readonly<Record<string, string>> = { 预警: 'warning', 黄牌: 'yellow', 红牌: 'red' };

export function Due({ timing }: { timing: Timing | null | undefined }) {
  if (!timing) return <span class="mf-muted">—</span>;
  return (
    <span class="wl-due">
      {formatDateTime(timing.dueAt)}
      <small class="mf-muted">
        （{timing.limit.amount} {timing.limit.unit}）
      </small>
      {timing.provisional ? (
        <span class="wl-provisional" title="次年节假日安排尚未公布，按法定节假日暂算">
          暂定
        </span>
      ) : null}
    </span>
  );
}

/**
 * The clock state in words. Before 受理 the only clock is the window step's own limit, and a
 * 补正 notice does not stop it: the window's time runs while the applicant is asked — say so.
 * The case's promised limit starts at 受理.
 */
export function clockLabel(timing: Timing | null | undefined, caseStatus?: string | null): string {
  if (!timing) return caseStatus === '已收件' || caseStatus === '补正中' ? '受理后起算' : '未计时';
  if (timing.clock !== 'running') return `暂停：${timing.stoppedFor ?? '其他'}`;
  return caseStatus === '补正中' ? '窗口受理时限计时中（待申请人补正）' : '计时中';
}

export function Signal({ level }: { level: string | null | undefined }) {
  if (!level) return <span class="mf-muted">—</span>;
  return <span class={`mf-signal mf-signal-${SIGNAL_CLASS[level] ?? 'warning'}`}>{level}</span>;
}

/** The more severe of two signals. */
export function worst(a: string | null | undefined, b: string | null | undefined): string | null {
  const order = ['预警', '黄牌', '红牌'];
  return [a, b].filter((x): x is string => Boolean(x)).sort((x, y) => order.indexOf(y) - order.indexOf(x))[0] ?? null;
}
