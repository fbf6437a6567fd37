/** The audit search form, its results, and the JSON export of a case's history. */
import { useEffect, useState } from 'preact/hooks';
import { api } from '../shared/api.js';
import { formatDateTime } from '../shared/format.js';
import { FLOW_STATUS_LABELS } from '../replay/labels.js';
import type { CaseExport } from '../replay/types.js';

const STATUSES = ['已收件', '补正中', '已受理', '不予受理', '审查中', '特别程序中', '已办结', '已退件', '已撤回', '已终止', '已撤销'] as const;

interface Row {
  caseId: string;
  processId: string;
  processName: string | null;
  matterCode: string | null;
  matterName: string | null;
  applicantName: string | null;
  status: string;
  domainStatus: string | null;
  receivedAt: string;
  endedAt: string | null;
  parentCaseId: string | null;
  events: number;
}

interface Criteria {
  matterCode: string;
  department: string;
  officer: string;
  status: string;
  from: string;
  to: string;
  overdue: boolean;
}

const FIELDS = ['matterCode', 'department', 'officer', 'status', 'from', 'to'] as const;

function criteriaFromUrl(): Criteria {
  const params = new URLSearchParams(location.search);
  return {
    matterCode: params.get('matterCode') ?? '',
    department: params.get('department') ?? '',
    officer: params.get('officer') ?? '',
    status: params.get('status') ?? '',
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
    overdue: params.get('overdue') === 'true',
  };
}

/** A Beijing calendar day as the instant it starts (plus `days`). */
const beijingDay = (day: string, days = 0): string => new Date(Date.parse(`${day}T00:00:00+08:00`) + days * 86_400_000).toISOString();

export function AuditSearch({ matters, departments, notify, showError }: {
  matters: ReadonlyArray<{ matterCode: string; name: string }>;
  departments: readonly string[];
  notify: (message: string, kind?: 'info' | 'success' | 'error') => void;
  showError: (error: unknown) => void;
}) {
  const [criteria, setCriteria] = useState<Criteria>(criteriaFromUrl);
  const [rows, setRows] = useState<Row[] | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (name: keyof Criteria) => (event: Event) => {
    const target = event.target as HTMLInputElement;
    setCriteria((old) => ({ ...old, [name]: target.type === 'checkbox' ? target.checked : target.value }));
  };

  const search = async (wanted: Criteria) => {
    if (wanted.from && wanted.to && wanted.to < wanted.from) {
      notify('收件时间：结束日期不能早于开始日期', 'error');
      return;
    }
    const url = new URL(location.href);
    url.search = '';
    for (const field of FIELDS) if (wanted[field]) url.searchParams.set(field, wanted[field]);
    if (wanted.overdue) url.searchParams.set('overdue', 'true');
    history.replaceState(null, '', url.pathname + url.search);
    setBusy(true);
    try {
      const found = await api<Row[]>('/api/audit/cases', {
        query: {
          matterCode: wanted.matterCode || undefined,
          department: wanted.department || undefined,
          officer: wanted.officer.trim() || undefined,
          status: wanted.status || undefined,
          receivedFrom: wanted.from ? beijingDay(wanted.from) : undefined,
          receivedTo: wanted.to ? beijingDay(wanted.to, 1) : undefined,
          overdue: wanted.overdue ? true : undefined,
        },
      });
      setRows(found);
    } catch (error) {
      showError(error);
    } finally {
      setBusy(false);
    }
  };

  useEffect(() => {
    void search(criteria);
  }, []);

  const exportJson = async (caseId: string) => {
    try {
      const exported = await api<CaseExport>(`/api/audit/cases/${encodeURIComponent(caseId)}/export`);
      const blob = new Blob([JSON.stringify(exported, null, 2)], { type: 'application/json' });
      const link = document.createElement('a');
      link.href = URL.createObjectURL(blob);
      link.download = `办件历史-${caseId}.json`;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
      notify(`已导出办件 ${caseId} 的 ${exported.events.length} 条事件`, 'success');
    } catch (error) {
      showError(error);
    }
  };

  return (
    <div class="mf-audit">
      <form
        class="mf-card mf-audit-form"
        aria-label="查询条件"
        onSubmit={(event) => {
          event.preventDefault();
          void search(criteria);
        }}
      >
        <h1>审计查询</h1>
        <div class="mf-audit-fields">
          <label>事项
            <select value={criteria.matterCode} onChange={set('matterCode')}>
              <option value="">全部事项</option>
              {matters.map((matter) => <option key={matter.matterCode} value={matter.matterCode}>{matter.name}（{matter.matterCode}）</option>)}
            </select>
          </label>
          <label>部门
            <select value={criteria.department} onChange={set('department')}>
              <option value="">全部部门</option>
              {departments.map((name) => <option key={name} value={name}>{name}</option>)}
            </select>
          </label>
          <label>经办人（用户名）
            <input type="text" value={criteria.officer} onInput={set('officer')} placeholder="办理过该件的人员" />
          </label>
          <label>办件状态
            <select value={criteria.status} onChange={set('status')}>
              <option value="">全部状态</option>
              {STATUSES.map((status) => <option key={status} value={status}>{status}</option>)}
            </select>
          </label>
          <label>收件日期自
            <input type="date" value={criteria.from} onInput={set('from')} />
          </label>
          <label>收件日期至
            <input type="date" value={criteria.to} onInput={set('to')} />
          </label>
          <label class="mf-audit-check">
            <input type="checkbox" checked={criteria.overdue} onChange={set('overdue')} /> 只看超期（逾期办结或亮过黄牌 / 红牌）
          </label>
        </div>
        <div class="mf-toolbar">
          <button type="submit" class="primary" disabled={busy}>查询</button>
          <button
            type="button"
            onClick={() => {
              const empty = { matterCode: '', department: '', officer: '', status: '', from: '', to: '', overdue: false };
              setCriteria(empty);
              void search(empty);
            }}
          >
            重置
          </button>
          <span class="mf-muted">收件日期按北京时间；结果按收件时间从新到旧，最多 200 件。</span>
        </div>
      </form>
      <section class="mf-card" aria-label="查询结果">
        {rows === null ? (
          <p class="mf-muted">正在查询…</p>
        ) : rows.length === 0 ? (
          <p data-testid="no-results">没有符合条件的办件。</p>
        ) : (
          <>
            <p class="mf-muted" data-testid="result-count">共 {rows.length} 件</p>
            <table class="mf-audit-results">
              <thead>
                <tr><th>办件编号</th><th>事项</th><th>申请人</th><th>办件状态</th><th>收件时间</th><th>办结时间</th><th>事件数</th><th>上级办件</th><th>历史记录</th></tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.caseId} data-case-id={row.caseId}>
                    <td><a href={`/audit/cases/${encodeURIComponent(row.caseId)}`}>{row.caseId}</a></td>
                    <td>{row.matterName ?? row.processName ?? row.processId}</td>
                    <td>{row.applicantName ?? '—'}</td>
                    <td>{row.domainStatus ?? FLOW_STATUS_LABELS[row.status] ?? row.status}</td>
                    <td>{formatDateTime(row.receivedAt)}</td>
                    <td>{formatDateTime(row.endedAt)}</td>
                    <td>{row.events}</td>
                    <td>{row.parentCaseId ? <a href={`/audit/cases/${encodeURIComponent(row.parentCaseId)}`}>{row.parentCaseId}</a> : '—'}</td>
                    <td>
                      <span class="mf-audit-actions">
                      <a href={`/audit/cases/${encodeURIComponent(row.caseId)}`}>回放</a>
                      <button type="button" class="mf-link" onClick={() => void exportJson(row.caseId)}>导出 JSON</button>
                      <a href={`/audit/cases/${encodeURIComponent(row.caseId)}?view=print`} target="_blank" rel="noopener">打印版</a>
                      </span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </section>
    </div>
  );
}
