/**
 * 进度查询: anyone with a case's 办件编号 and the verification code printed on its receipt sees
 * its status, dates, the steps under way and the milestones — nothing personal. The address may
 * carry both (`?number=…&code=…`, as the receipt prints it), which queries at once.
 */
import { useEffect, useState } from 'preact/hooks';
import { api } from '../shared/api.js';
import { formatDateTime } from '../shared/format.js';
import { messageOf, type Shell } from '../shared/shell.js';

interface ProgressView {
  readonly number: string;
  readonly matter: { readonly name: string };
  readonly status: string;
  readonly channel: string;
  readonly receivedAt: string;
  readonly acceptedAt: string | null;
  readonly promisedLimit: { readonly amount: number; readonly unit: string } | null;
  readonly dueAt: string | null;
  readonly provisional: boolean;
  readonly clock: 'running' | 'stopped' | null;
  readonly currentSteps: readonly string[];
  readonly result: { readonly kind: string; readonly at: string } | null;
  readonly milestones: ReadonlyArray<{ readonly kind: string; readonly at: string }>;
}

export function Progress({ shell: _shell }: { shell: Shell }) {
  const params = new URLSearchParams(location.search);
  const [number, setNumber] = useState(params.get('number') ?? '');
  const [code, setCode] = useState(params.get('code') ?? '');
  const [found, setFound] = useState<ProgressView | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const query = async () => {
    setProblem(null);
    setFound(null);
    setBusy(true);
    try {
      setFound(
        await api<ProgressView>('/api/public/progress', {
          anonymous: true,
          query: { number: number.trim(), code: code.trim() },
        }),
      );
    } catch (error) {
      setProblem(messageOf(error));
    } finally {
      setBusy(false);
    }
  };
  useEffect(() => {
    if (number && code) void query();
  }, []);

  return (
    <div class="pg-page">
      <h1>办件进度查询</h1>
      <form
        class="mf-card pg-form"
        onSubmit={(event) => {
          event.preventDefault();
          void query();
        }}
      >
        <label>
          办件编号{' '}
          <input
            value={number}
            onInput={(e) => setNumber(e.currentTarget.value)}
            placeholder="如 20261205-0007"
            required
          />
        </label>
        <label>
          查询码{' '}
          <input
            value={code}
            onInput={(e) => setCode(e.currentTarget.value)}
            placeholder="回执上的 8 位查询码"
            required
          />
        </label>
        <button type="submit" class="primary" disabled={busy}>
          查询
        </button>
        <p class="mf-muted">办件编号和查询码印在收件回执（受理回执）上，无需登录。</p>
        {problem ? (
          <p class="pg-problem" role="alert">
            {problem}
          </p>
        ) : null}
      </form>
      {found ? (
        <section class="mf-card" aria-label="办理进度">
          <h2>
            {found.matter.name} <small class="mf-muted">办件编号 {found.number}</small>
          </h2>
          <dl class="pg-facts">
            <dt>状态</dt>
            <dd data-testid="progress-status">{found.status}</dd>
            <dt>收件时间</dt>
            <dd>{formatDateTime(found.receivedAt)}</dd>
            <dt>受理时间</dt>
            <dd>{found.acceptedAt ? formatDateTime(found.acceptedAt) : '尚未受理'}</dd>
            <dt>承诺时限</dt>
            <dd>{found.promisedLimit ? `${found.promisedLimit.amount} 个${found.promisedLimit.unit}` : '即办'}</dd>
            {found.dueAt ? (
              <>
                <dt>办结期限</dt>
                <dd>
                  {formatDateTime(found.dueAt)}
                  {found.provisional ? '（暂定）' : ''}
                  {found.clock === 'stopped' ? '（计时暂停）' : ''}
                </dd>
              </>
            ) : null}
            {found.currentSteps.length > 0 ? (
              <>
                <dt>当前环节</dt>
                <dd>{found.currentSteps.join('、')}</dd>
              </>
            ) : null}
            {found.result ? (
              <>
                <dt>办理结果</dt>
                <dd>
                  {found.result.kind}（{formatDateTime(found.result.at)}）
                </dd>
              </>
            ) : null}
          </dl>
          <h3>办理过程</h3>
          <ol class="pg-milestones">
            {found.milestones.map((m, index) => (
              <li key={index}>
                <span class="pg-when">{formatDateTime(m.at)}</span> {m.kind}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </div>
  );
}
