/** 我的办件 (/my-cases): the applicant's cases, newest first, with their status, due date and what is asked of them. */
import { useEffect, useState } from 'preact/hooks';
import { api } from '../shared/api.js';
import { formatDateTime } from '../shared/format.js';
import type { Shell } from '../shared/shell.js';
import type { CaseListItem } from './types.js';

export function MyCases({ shell }: { shell: Shell }) {
  const [cases, setCases] = useState<readonly CaseListItem[] | null>(null);
  useEffect(() => {
    api<CaseListItem[]>('/api/applicant/cases').then(setCases, (error: unknown) => shell.showError(error));
  }, []);
  if (!cases) return <p class="mf-muted">正在加载…</p>;
  return (
    <div class="ap-page">
      <h1>我的办件</h1>
      {cases.length === 0 ? (
        <p>
          您还没有办件。<a href="/apply">去网上申报</a>
        </p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>办件编号</th>
              <th>事项</th>
              <th>状态</th>
              <th>收件时间</th>
              <th>办结期限</th>
              <th>需要您办理</th>
            </tr>
          </thead>
          <tbody>
            {cases.map((item) => (
              <tr key={item.caseId}>
                <td>
                  <a href={`/my-cases/${encodeURIComponent(item.caseId)}`}>{item.number ?? item.caseId}</a>
                </td>
                <td>{item.matter.name}</td>
                <td>
                  <span class="ap-status">{item.status}</span>
                </td>
                <td>{formatDateTime(item.receivedAt)}</td>
                <td>
                  {item.limit
                    ? `${formatDateTime(item.limit.dueAt)}${item.limit.provisional ? '（暂定）' : ''}${item.limit.running ? '' : '（计时暂停）'}`
                    : item.answerBy
                      ? `窗口答复期限 ${formatDateTime(item.answerBy)}`
                      : '—'}
                </td>
                <td>
                  {item.asks.length === 0
                    ? '—'
                    : item.asks.map((ask) => (
                        <span key={ask.kind} class="ap-ask">
                          {ask.kind}
                        </span>
                      ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
