/**
 * 办件详情 (/worklist/cases/:caseId): a case an officer handled, read-only — its status, matter,
 * applicant (masked), acceptance and result, its open steps (each opens the task page, where the
 * server says what this officer may do), its materials and its 办理记录, newest first. Opened from
 * 已办; the server decides who may read the case.
 */
import { useEffect, useState } from 'preact/hooks';
import { api, ApiFailure } from '../shared/api.js';
import { formatDateTime } from '../shared/format.js';
import type { Shell } from '../shared/shell.js';
import { History, type HistoryEntry } from './history.js';
import { MATERIAL_STATE, NECESSITY, type CaseView, type Material } from './task-types.js';

interface CaseRecord {
  readonly materials: readonly Material[];
  readonly history: readonly HistoryEntry[];
}

export function CasePage({ shell, caseId }: { shell: Shell; caseId: string }) {
  const [theCase, setCase] = useState<CaseView | null>(null);
  const [record, setRecord] = useState<CaseRecord | null>(null);
  const [gone, setGone] = useState<string | null>(null);
  useEffect(() => {
    const path = `/api/cases/${encodeURIComponent(caseId)}`;
    Promise.all([api<CaseView>(path), api<CaseRecord>(`${path}/history`)]).then(
      ([view, history]) => {
        setCase(view);
        setRecord(history);
      },
      (error: unknown) => {
        if (error instanceof ApiFailure && (error.status === 403 || error.status === 404)) setGone(error.zh);
        else shell.showError(error);
      },
    );
  }, [caseId]);

  if (gone)
    return (
      <div class="mf-card">
        <p>{gone}</p>
        <a href="/worklist/handled">返回已办</a>
      </div>
    );
  if (!theCase || !record) return <p class="mf-muted">正在加载…</p>;
  const c = theCase;
  return (
    <div class="wl-task">
      <div class="wl-heading">
        <a href="/worklist/handled">← 已办</a>
        <h1>
          办件 {c.number ?? c.caseId}
          <small class="mf-muted"> · {c.matter?.name ?? ''}</small>
        </h1>
      </div>
      <section class="mf-card wl-case-header" aria-label="办件信息">
        <dl>
          <dt>办件编号</dt>
          <dd class="wl-case-number">
            {c.number ?? '（无编号）'} <span class="mf-muted wl-small">内部编号</span>{' '}
            <span class="wl-case-id">{c.caseId}</span>
          </dd>
          <dt>办件状态</dt>
          <dd>
            <strong class="wl-status">{c.status ?? '—'}</strong>
          </dd>
          <dt>事项</dt>
          <dd>{c.matter ? `${c.matter.name}（${c.matter.code}，第 ${c.matter.version} 版）` : '—'}</dd>
          <dt>申请人</dt>
          <dd>{c.applicant ? `${c.applicant.name}（${c.applicant.idType} ${c.applicant.idNumber}）` : '—'}</dd>
          <dt>受理</dt>
          <dd>
            {c.acceptance ? `${formatDateTime(c.acceptance.at)}，${c.acceptance.by}` : '未受理'}
            {c.responsibleOfficer ? `（首办负责：${c.responsibleOfficer}）` : ''}
          </dd>
          <dt>办结结果</dt>
          <dd>
            {c.result
              ? `${c.result.kind}${c.result.licence ? `：${c.result.licence.name} ${c.result.licence.number}` : ''}${c.result.reason ? `（${c.result.reason}）` : ''}`
              : '尚未办结'}
          </dd>
          <dt>当前环节</dt>
          <dd>
            {c.tasks.length === 0
              ? '无'
              : c.tasks.map((task) => (
                  <div key={task.taskId}>
                    <a href={`/worklist/tasks/${encodeURIComponent(task.taskId)}`}>{task.name ?? task.elementId}</a>
                    <span class="mf-muted">
                      （{task.department ?? '窗口'}
                      {task.assignee ? `，签收人 ${task.assignee}` : '，未签收'}）
                    </span>
                  </div>
                ))}
          </dd>
        </dl>
      </section>
      <div class="wl-columns">
        <section class="mf-card" aria-label="申请材料">
          <h2>申请材料</h2>
          <table>
            <thead>
              <tr>
                <th>材料</th>
                <th>必要性</th>
                <th>状态</th>
              </tr>
            </thead>
            <tbody>
              {record.materials.map((m) => (
                <tr key={m.id}>
                  <td>{m.name}</td>
                  <td>{NECESSITY[m.necessity] ?? m.necessity}</td>
                  <td class={`wl-material-${m.state ?? ''}`}>
                    {MATERIAL_STATE[m.state ?? ''] ?? '—'}
                    {m.deadline ? `（补交期限 ${formatDateTime(m.deadline)}）` : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section class="mf-card" aria-label="办理记录">
          <h2>
            办理记录 <small class="mf-muted">最新在前</small>
          </h2>
          <History entries={record.history} />
        </section>
      </div>
    </div>
  );
}
