/**
 * 办理记录: a case's history as officers read it, newest first (the latest step is what they look
 * for), each entry numbered in the order it happened (1 is the 收件), the numbers never clipped.
 */
import { actorLabel, formatDateTime } from '../shared/format.js';

export interface HistoryEntry {
  readonly seq: number;
  readonly time: string;
  readonly actor: string;
  readonly text: string;
}

export function History({ entries }: { entries: readonly HistoryEntry[] }) {
  if (entries.length === 0) return <p class="mf-muted">暂无办理记录</p>;
  const numbered = entries.map((entry, index) => ({ ...entry, n: index + 1 })).reverse();
  return (
    <ol class="wl-history" aria-label="办理记录（最新在前）">
      {numbered.map((h) => (
        <li key={h.seq} value={h.n}>
          <span class="wl-history-n">{h.n}.</span>
          <span>
            <span class="mf-muted">
              {formatDateTime(h.time)} · {actorLabel(h.actor)}
            </span>{' '}
            {h.text}
          </span>
        </li>
      ))}
    </ol>
  );
}
