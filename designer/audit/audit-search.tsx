/**
 * The audit search form, its results, and the JSON export of a case's history. Every parameter of
 * the contract (contract.ts: the API's query is the page's address) has a field, so a link from the
 * supervision board shows, and lets the user change, every filter it set.
 */
import { useEffect, useState } from 'preact/hooks';
import { api } from '../shared/api.js';
import { AUDIT_PARAMS, auditParams, queryFromSearch, type AuditQuery } from './contract.js';
import { DateInput } from '../shared/date-input.js';
import { Choice, plain } from './choice.js';
import { formatDateTime, parseDate } from '../shared/format.js';
import { FLOW_STATUS_LABELS } from '../replay/labels.js';
import type { CaseExport } from '../replay/types.js';
import { CASE_STATUSES } from '../../engine/domain/types.js';

interface Row {
  caseId: string;
  /** 办件编号 (null: received before numbers were given, or a bare process run). */
  number: string | null;
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

/** The form's values: one per parameter of the contract (designer/audit/contract.ts), as text ('' = not set). */
type Criteria = Record<(typeof AUDIT_PARAMS)[number], string>;

const EMPTY = Object.fromEntries(AUDIT_PARAMS.map((name) => [name, ''])) as Criteria;

function criteriaFromUrl(): Criteria {
  const query = queryFromSearch(location.search);
  const criteria = { ...EMPTY };
  for (const name of AUDIT_PARAMS) if (query[name] !== undefined) criteria[name] = String(query[name]);
  return criteria;
}

/** The criteria as the contract's query (the API's and the address's). */
function queryOf(criteria: Criteria): Record<string, string> {
  return auditParams({ ...criteria, officer: criteria.officer.trim() } as unknown as AuditQuery);
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Results a page shows. */
const PAGE = 100;
const LIMIT_KINDS = [
  ['case', '办件总时限'],
  ['step', '环节时限'],
] as const;
const LIMIT_UNITS = ['工作日', '自然日', '小时(工作日)', '小时(自然日)'] as const;
const SIGNALS = ['预警', '黄牌', '红牌'] as const;

export function AuditSearch({
  matters,
  departments,
  notify,
  showError,
}: {
  matters: ReadonlyArray<{ matterCode: string; name: string }>;
  departments: readonly string[];
  notify: (message: string, kind?: 'info' | 'success' | 'error') => void;
  showError: (error: unknown) => void;
}) {
  const [criteria, setCriteria] = useState<Criteria>(criteriaFromUrl);
  const [rows, setRows] = useState<Row[] | null>(null);
  /** Whether more rows follow the last shown (the page asked one more than it shows). */
  const [more, setMore] = useState(false);
  /** The query the rows shown answer (加载更多 continues it, whatever the form says now). */
  const [asked, setAsked] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const set = (name: keyof Criteria) => (event: Event) => {
    const target = event.target as HTMLInputElement;
    setCriteria((old) => ({
      ...old,
      [name]: target.type === 'checkbox' ? (target.checked ? 'true' : '') : target.value,
    }));
  };

  const setText = (name: keyof Criteria) => (value: string) => setCriteria((old) => ({ ...old, [name]: value }));

  const search = async (typed: Criteria) => {
    // Dates as typed (2026/11/6, 2026年11月6日) go out as the API's YYYY-MM-DD.
    const wanted = { ...typed };
    for (const name of ['receivedFrom', 'receivedTo', 'finishedFrom', 'finishedTo'] as const)
      wanted[name] = parseDate(typed[name]) ?? typed[name];
    setCriteria(wanted);
    if (DATE.test(wanted.receivedFrom) && DATE.test(wanted.receivedTo) && wanted.receivedTo < wanted.receivedFrom) {
      notify('收件日期：结束日期不能早于开始日期', 'error');
      return;
    }
    if (wanted.finishedFrom && wanted.finishedTo && wanted.finishedTo < wanted.finishedFrom) {
      notify('时限办结日期：结束日期不能早于开始日期', 'error');
      return;
    }
    // The address holds exactly the API's query, so the search can be linked (the board does).
    const query = queryOf(wanted);
    const address = new URLSearchParams(query).toString();
    history.replaceState(null, '', location.pathname + (address ? `?${address}` : ''));
    setAsked(query);
    await load(query);
  };

  /** A page of results: the first (replacing), or the one after `after` (appended). */
  const load = async (query: Record<string, string>, after?: string) => {
    setBusy(true);
    try {
      const found = await api<Row[]>('/api/audit/cases', { query: { ...query, limit: PAGE + 1, after } });
      setRows((before) => [...(after ? (before ?? []) : []), ...found.slice(0, PAGE)]);
      setMore(found.length > PAGE);
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
          <Choice
            label="事项"
            any="全部事项"
            value={criteria.matterCode}
            options={matters.map((matter) => [matter.matterCode, `${matter.name}（${matter.matterCode}）`] as const)}
            onChange={set('matterCode')}
          />
          <Choice
            label="部门"
            any="全部部门"
            value={criteria.department}
            options={plain(departments)}
            onChange={set('department')}
          />
          <label>
            办件编号
            <input
              type="search"
              value={criteria.number}
              onInput={set('number')}
              placeholder="如 20261205-0007，或收件日期 20261205"
            />
          </label>
          <label>
            经办人（用户名）
            <input type="text" value={criteria.officer} onInput={set('officer')} placeholder="办理过该件的人员" />
          </label>
          <Choice
            label="办件状态"
            any="全部状态"
            value={criteria.status}
            options={plain(CASE_STATUSES)}
            onChange={set('status')}
          />
          <label>
            收件日期自
            <DateInput value={criteria.receivedFrom} onValue={setText('receivedFrom')} />
          </label>
          <label>
            收件日期至
            <DateInput value={criteria.receivedTo} onValue={setText('receivedTo')} />
          </label>
          <label>
            超期
            <select value={criteria.overdue} onChange={set('overdue')}>
              <option value="">不限</option>
              <option value="true">超期（逾期办结、正在超时或亮过黄牌 / 红牌）</option>
              <option value="false">未超期</option>
            </select>
          </label>
        </div>
        <fieldset class="mf-audit-limit">
          <legend>
            办理时限（办件须有一个同时符合以下各项的时限；选了其中任一项时，上面的事项和部门指该时限的事项和部门）
          </legend>
          <div class="mf-audit-fields">
            <Choice
              label="时限类型"
              any="不限"
              value={criteria.limitKind}
              options={LIMIT_KINDS}
              onChange={set('limitKind')}
            />
            <Choice
              label="时限单位"
              any="不限"
              value={criteria.limitUnit}
              options={plain(LIMIT_UNITS)}
              onChange={set('limitUnit')}
            />
            <label>
              时限办结日期自
              <DateInput value={criteria.finishedFrom} onValue={setText('finishedFrom')} />
            </label>
            <label>
              时限办结日期至
              <DateInput value={criteria.finishedTo} onValue={setText('finishedTo')} />
            </label>
            <label>
              按时情况
              <select value={criteria.onTime} onChange={set('onTime')}>
                <option value="">不限</option>
                <option value="true">按时办结</option>
                <option value="false">超时办结</option>
              </select>
            </label>
            <Choice
              label="未解除的最高信号"
              any="不限"
              value={criteria.signal}
              options={plain(SIGNALS)}
              onChange={set('signal')}
            />
            <label class="mf-audit-check">
              <input type="checkbox" checked={criteria.noDepartment === 'true'} onChange={set('noDepartment')} />{' '}
              时限未指定部门
            </label>
            <label class="mf-audit-check">
              <input type="checkbox" checked={criteria.noMatter === 'true'} onChange={set('noMatter')} /> 时限未记录事项
            </label>
          </div>
        </fieldset>
        <div class="mf-toolbar">
          <button type="submit" class="primary" disabled={busy}>
            查询
          </button>
          <button
            type="button"
            onClick={() => {
              setCriteria(EMPTY);
              void search(EMPTY);
            }}
          >
            重置
          </button>
          <span class="mf-muted">日期按北京时间，含首尾两日；结果按收件时间从新到旧，每次显示 {PAGE} 件。</span>
        </div>
      </form>
      <section class="mf-card" aria-label="查询结果">
        {rows === null ? (
          <p class="mf-muted">正在查询…</p>
        ) : rows.length === 0 ? (
          <p data-testid="no-results">没有符合条件的办件。</p>
        ) : (
          <>
            <p class="mf-muted" data-testid="result-count">
              {more ? `已显示 ${rows.length} 件，还有更多` : `共 ${rows.length} 件`}
            </p>
            <table class="mf-audit-results">
              <thead>
                <tr>
                  <th>办件编号</th>
                  <th>事项</th>
                  <th>申请人</th>
                  <th>办件状态</th>
                  <th>收件时间</th>
                  <th>办结时间</th>
                  <th>事件数</th>
                  <th>上级办件</th>
                  <th>历史记录</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.caseId} data-case-id={row.caseId}>
                    <td>
                      <a href={`/audit/cases/${encodeURIComponent(row.caseId)}`} class="mf-case-number">
                        {row.number ?? '（无编号）'}
                      </a>
                      <div class="mf-muted mf-case-id" title="内部编号">
                        {row.caseId}
                      </div>
                    </td>
                    <td>{row.matterName ?? row.processName ?? row.processId}</td>
                    <td>{row.applicantName ?? '—'}</td>
                    <td>{row.domainStatus ?? FLOW_STATUS_LABELS[row.status] ?? row.status}</td>
                    <td>{formatDateTime(row.receivedAt)}</td>
                    <td>{formatDateTime(row.endedAt)}</td>
                    <td>{row.events}</td>
                    <td>
                      {row.parentCaseId ? (
                        <a href={`/audit/cases/${encodeURIComponent(row.parentCaseId)}`}>{row.parentCaseId}</a>
                      ) : (
                        '—'
                      )}
                    </td>
                    <td>
                      <span class="mf-audit-actions">
                        <a href={`/audit/cases/${encodeURIComponent(row.caseId)}`}>回放</a>
                        <button type="button" class="mf-link" onClick={() => void exportJson(row.caseId)}>
                          导出 JSON
                        </button>
                        <a
                          href={`/audit/cases/${encodeURIComponent(row.caseId)}?view=print`}
                          target="_blank"
                          rel="noopener"
                        >
                          打印版
                        </a>
                      </span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {more ? (
              <p class="mf-audit-more">
                <button type="button" disabled={busy} onClick={() => void load(asked, rows[rows.length - 1]?.caseId)}>
                  {busy ? '加载中…' : '加载更多'}
                </button>
              </p>
            ) : null}
          </>
        )}
      </section>
    </div>
  );
}
