/**
 * 推送失败: webhook deliveries whose attempts ran out (dead letters) — the event, the case, the
 * last answer or error — each sent again on request (the case's later events wait behind it).
 */
import { useEffect, useState } from 'preact/hooks';
import { api } from '../shared/api.js';
import { formatDateTime } from '../shared/format.js';
import type { Delivery } from './types.js';

interface Props {
  readonly notify: (message: string, kind?: 'info' | 'success' | 'error') => void;
  readonly showError: (error: unknown) => void;
}

export function FailedDeliveries({ notify, showError }: Props) {
  const [page, setPage] = useState<{ deliveries: readonly Delivery[]; total: number } | null>(null);
  const load = () =>
    api<{ deliveries: Delivery[]; total: number }>('/api/webhooks/deliveries', {
      query: { status: 'dead', limit: 50 },
    }).then(setPage, showError);
  useEffect(() => {
    void load();
  }, []);

  const resend = async (delivery: Delivery) => {
    try {
      await api(`/api/webhooks/deliveries/${encodeURIComponent(delivery.id)}/resend`, { method: 'POST' });
      notify('已重新推送，该办件此后的事件随后依次推送', 'success');
      await load();
    } catch (error) {
      showError(error);
    }
  };

  return (
    <section class="mf-card" aria-label="推送失败">
      <h2>推送失败（死信）</h2>
      {!page ? (
        <p class="mf-muted">正在加载…</p>
      ) : page.total === 0 ? (
        <p class="mf-muted">没有推送失败的事件。</p>
      ) : (
        <table class="in-table">
          <thead>
            <tr>
              <th>事件时间</th>
              <th>事件</th>
              <th>办件</th>
              <th>尝试次数</th>
              <th>最后结果</th>
              <th>操作</th>
            </tr>
          </thead>
          <tbody>
            {page.deliveries.map((delivery) => (
              <tr key={delivery.id}>
                <td>{formatDateTime(delivery.eventTime)}</td>
                <td>
                  <code>{delivery.kind}</code>（第 {delivery.seq} 条）
                </td>
                <td>
                  {delivery.caseId.startsWith('rating:') ? (
                    <>好差评 {delivery.caseId.slice('rating:'.length)}</>
                  ) : (
                    <a href={`/audit/cases/${encodeURIComponent(delivery.caseId)}`}>{delivery.caseId}</a>
                  )}
                </td>
                <td>{delivery.attempts}</td>
                <td>
                  {delivery.lastError ?? (delivery.lastStatus === null ? '—' : `HTTP ${delivery.lastStatus}`)}（
                  {formatDateTime(delivery.lastAttemptAt)}）
                </td>
                <td>
                  <button type="button" onClick={() => void resend(delivery)}>
                    重新推送
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
