/**
 * One incident: the error in full, the failing external task (topic, retries, last error), the
 * variables its element saw, and — for administrators — 重试: changed variables (a JSON object,
 * set on the case first) and the retries its task gets. The server runs both as commands in the
 * case's history.
 */
import { useEffect, useState } from 'preact/hooks';
import { api } from '../shared/api.js';
import { Attempt } from '../shared/attempt.js';
import { formatDateTime } from '../shared/format.js';
import { KIND_LABELS, type IncidentDetail as Detail } from './types.js';

interface Props {
  readonly incidentId: string;
  readonly canRetry: boolean;
  readonly onRetried: () => void;
  readonly onClose: () => void;
  readonly showError: (error: unknown) => void;
}

export function IncidentDetail({ incidentId, canRetry, onRetried, onClose, showError }: Props) {
  const [detail, setDetail] = useState<Detail | null>(null);
  const [variables, setVariables] = useState('{}');
  const [retries, setRetries] = useState(1);
  const [invalid, setInvalid] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [attempt] = useState(() => new Attempt());

  useEffect(() => {
    setDetail(null);
    api<Detail>(`/api/incidents/${encodeURIComponent(incidentId)}`).then(setDetail, showError);
  }, [incidentId]);

  const retry = async (event: Event) => {
    event.preventDefault();
    let changed: unknown;
    try {
      changed = JSON.parse(variables);
    } catch {
      changed = null;
    }
    if (changed === null || typeof changed !== 'object' || Array.isArray(changed)) {
      setInvalid('变量应为 JSON 对象，例如 {"信用平台地址": "https://…"}；不修改变量请保留 {}');
      return;
    }
    setInvalid(null);
    const body = { retries, ...(Object.keys(changed).length > 0 ? { variables: changed } : {}) };
    setBusy(true);
    try {
      await api(`/api/incidents/${encodeURIComponent(incidentId)}/retry`, {
        body,
        idempotencyKey: attempt.keyFor(body),
      });
      attempt.answered();
      onRetried();
    } catch (error) {
      attempt.failed(error);
      showError(error);
    } finally {
      setBusy(false);
    }
  };

  if (!detail)
    return (
      <section class="mf-card in-detail" aria-busy="true">
        正在加载异常…
      </section>
    );
  return (
    <section class="mf-card in-detail" aria-label="异常详情">
      <div class="in-detail-head">
        <h2>
          {detail.elementName ?? detail.elementId}
          <span class="mf-muted">（{KIND_LABELS[detail.kind] ?? detail.kind}）</span>
        </h2>
        <button type="button" onClick={onClose}>
          关闭
        </button>
      </div>
      <dl class="in-facts">
        <dt>办件</dt>
        <dd>
          <a href={`/audit/cases/${encodeURIComponent(detail.caseId)}`}>{detail.caseNumber ?? detail.caseId}</a>（流程{' '}
          {detail.processId}）
        </dd>
        <dt>发生时间</dt>
        <dd>{formatDateTime(detail.raisedAt)}</dd>
        {detail.job && (
          <>
            <dt>外部任务主题</dt>
            <dd>
              <code>{detail.job.topic}</code>，剩余重试 {detail.job.retries} 次
            </dd>
          </>
        )}
      </dl>
      <h3>错误信息</h3>
      <pre class="in-error">{detail.message}</pre>
      <h3>环节可见的变量</h3>
      <pre class="in-variables">{JSON.stringify(detail.variables, null, 2)}</pre>
      {canRetry ? (
        <form class="in-retry" onSubmit={(event) => void retry(event)}>
          <h3>重试</h3>
          <label>
            修改变量（JSON 对象，先写入办件，再重试）
            <textarea
              rows={4}
              value={variables}
              aria-invalid={invalid !== null}
              onInput={(event) => setVariables(event.currentTarget.value)}
            />
          </label>
          {invalid && (
            <p class="in-invalid" role="alert">
              {invalid}
            </p>
          )}
          {detail.job && (
            <label>
              重试次数
              <input
                type="number"
                min={1}
                max={100}
                value={retries}
                onInput={(event) => setRetries(Math.max(1, Number(event.currentTarget.value) || 1))}
              />
            </label>
          )}
          <button type="submit" class="primary" disabled={busy}>
            重试
          </button>
        </form>
      ) : (
        <p class="mf-muted">重试仅限系统管理员。</p>
      )}
    </section>
  );
}
