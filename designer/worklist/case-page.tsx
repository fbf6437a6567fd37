/**
 * 办件详情 (/worklist/cases/:caseId): a case an officer handled, read-only — its status, matter,
 * applicant (masked), acceptance and result, its open steps (each opens the task page, where the
 * server says what this officer may do), its materials and its 办理记录, newest first. Opened from
 * 已办; the server decides who may read the case.
 */
import { useEffect, useState } from 'preact/hooks';
import { api, ApiFailure } from '../shared/api.js';
import type { Shell } from '../shared/shell.js';
import { History, type HistoryEntry } from './history.js';
import { CaseHeader, resultText } from './case-header.js';
import { MaterialsTable } from './materials-table.js';
import type { CaseView, Material } from './task-types.js';

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
      <CaseHeader c={c}>
        <dt>办结结果</dt>
        <dd>{c.result ? resultText(c.result) : '尚未办结'}</dd>
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
      </CaseHeader>
      <div class="wl-columns">
        <MaterialsTable materials={record.materials} />
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
