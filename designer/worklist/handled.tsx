/**
 * 已办事项 (/worklist/handled): the cases this officer handled — received at the window, or acted
 * on at a step — whoever holds them now, newest action first (GET /api/handled-cases). Search by
 * 办件编号, matter or applicant (the server searches every page), filter by 办件状态, and load the
 * next page with 加载更多. Each case opens its read-only page (办件详情) with the 办理记录.
 */
import { useEffect, useState } from 'preact/hooks';
import { caseNumberTerm } from '../../engine/domain/case-number.js';
import { CASE_STATUSES } from '../../engine/domain/types.js';
import { api } from '../shared/api.js';
import { formatDateTime } from '../shared/format.js';
import type { Shell } from '../shared/shell.js';

export interface HandledCase {
  readonly caseId: string;
  readonly number: string | null;
  readonly matter: { readonly code: string; readonly name: string | null } | null;
  readonly applicant: { readonly name: string } | null;
  readonly status: string | null;
  readonly flowStatus: string;
  readonly receivedAt: string | null;
  readonly endedAt: string | null;
  readonly lastAction: { readonly type: string; readonly time: string; readonly text: string };
  readonly openSteps: ReadonlyArray<{
    readonly taskId: string;
    readonly name: string | null;
    readonly department: string | null;
    readonly assignee: string | null;
  }>;
}

interface HandledPage {
  readonly cases: readonly HandledCase[];
  readonly next: string | null;
}

const PAGE_SIZE = 50;

export function Handled({ shell }: { shell: Shell }) {
  const [rows, setRows] = useState<HandledCase[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState('');
  /** The search and filter the rows shown were asked with. */
  const [asked, setAsked] = useState<{ search: string; status: string }>({ search: '', status: '' });

  const load = async (cursor?: string, wanted = asked) => {
    setLoading(true);
    try {
      const term = wanted.search.trim();
      const number = term && caseNumberTerm(term) ? term : undefined;
      const page = await api<HandledPage>('/api/handled-cases', {
        query: {
          ...(number ? { caseNumber: number } : term ? { q: term } : {}),
          ...(wanted.status ? { status: wanted.status } : {}),
          limit: PAGE_SIZE,
          cursor,
        },
      });
      setRows((before) => (cursor ? [...(before ?? []), ...page.cases] : [...page.cases]));
      setNext(page.next);
      setAsked(wanted);
    } catch (error) {
      shell.showError(error);
    } finally {
      setLoading(false);
    }
  };
  useEffect(() => void load(), []);
  const find = (event?: Event) => {
    event?.preventDefault();
    void load(undefined, { search, status });
  };

  return (
    <section class="wl-worklist">
      <div class="wl-heading">
        <h1>已办事项</h1>
        <span class="mf-muted">本人收件或办理过的办件（最近办理的在前），无论现在由谁办理</span>
      </div>
      <form class="mf-toolbar" role="search" onSubmit={find}>
        <input
          type="search"
          placeholder="办件编号、事项或申请人"
          aria-label="搜索已办"
          value={search}
          onInput={(e) => setSearch(e.currentTarget.value)}
        />
        <label>
          状态{' '}
          <select
            value={status}
            aria-label="办件状态"
            onChange={(e) => {
              setStatus(e.currentTarget.value);
              void load(undefined, { search, status: e.currentTarget.value });
            }}
          >
            <option value="">全部状态</option>
            {CASE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={loading}>
          查询
        </button>
        <a href="/worklist">← 待办</a>
      </form>
      {rows === null ? (
        <p class="mf-muted">正在加载…</p>
      ) : (
        <div class="wl-table-wrap">
          <table class="wl-table" aria-label="已办事项">
            <thead>
              <tr>
                <th>办件编号</th>
                <th>事项</th>
                <th>申请人</th>
                <th>本人最近办理</th>
                <th>办理时间</th>
                <th>办件状态</th>
                <th>当前环节</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.caseId} data-case-id={row.caseId}>
                  <td>
                    <a
                      href={`/worklist/cases/${encodeURIComponent(row.caseId)}`}
                      class="wl-case-number"
                      title="办件详情"
                    >
                      {row.number ?? '（无编号）'}
                    </a>
                  </td>
                  <td>{row.matter?.name ?? '—'}</td>
                  <td>{row.applicant?.name ?? '—'}</td>
                  <td class="wl-wrap">{row.lastAction.text}</td>
                  <td>{formatDateTime(row.lastAction.time)}</td>
                  <td>{row.status ?? '—'}</td>
                  <td class="wl-wrap">
                    {row.openSteps.length === 0
                      ? row.endedAt
                        ? `已结束（${formatDateTime(row.endedAt)}）`
                        : '—'
                      : row.openSteps.map((step) => (
                          <div key={step.taskId}>
                            {step.name ?? '—'}
                            <span class="mf-muted wl-small">
                              {' '}
                              {step.department ?? '窗口'}
                              {step.assignee ? `，${step.assignee}` : '，未签收'}
                            </span>
                          </div>
                        ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {rows.length === 0 ? (
            <p class="mf-muted wl-empty">{asked.search || asked.status ? '没有符合条件的已办办件' : '暂无已办办件'}</p>
          ) : null}
          <p class="wl-more">
            {next ? (
              <button type="button" onClick={() => void load(next)} disabled={loading}>
                {loading ? '加载中…' : '加载更多'}
              </button>
            ) : null}
            <span class="mf-muted wl-small">
              已显示 {rows.length} 件{next ? '，还有更早办理的办件' : '，已全部显示'}
            </span>
          </p>
        </div>
      )}
    </section>
  );
}
