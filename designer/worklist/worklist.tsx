/**
 * 待办事项: the officer's open tasks (a window officer: theirs; a department officer: their
 * department's), with the step's and the case's due dates, the clock state and the 电子监察
 * signal; filtered by 事项, 信号, 状态 and a search, sorted by due date. The server answers a
 * page at a time (oldest first); 加载更多 appends the next page, 刷新 starts again. A 办件编号 (or a
 * 收件 date) in the search box, on Enter, asks the server for that case's tasks (caseNumber),
 * whatever pages are loaded; the number is shown beside the internal id.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { caseNumberTerm } from '../../engine/domain/case-number.js';
import { api } from '../shared/api.js';
import { hasRole } from '../shared/session.js';
import type { Shell } from '../shared/shell.js';
import { clockLabel, Due, Signal, worst, type Timing } from './timing.js';

export interface WorklistRow {
  readonly taskId: string;
  readonly caseId: string;
  /** 办件编号 (null: a case received before numbers were given). */
  readonly caseNumber: string | null;
  readonly instanceId: string;
  readonly elementId: string;
  readonly name: string | null;
  readonly assignee: string | null;
  readonly department: string | null;
  readonly createdAt: string;
  readonly caseStatus: string | null;
  readonly matter: { readonly code: string; readonly name: string } | null;
  readonly applicant: { readonly name: string; readonly idNumber: string } | null;
  readonly receivedAt: string | null;
  readonly step: Timing | null;
  readonly case: Timing | null;
}

/** What GET /api/tasks answers: one page, and the cursor of the next (null: none). */
interface WorklistPage {
  readonly tasks: readonly WorklistRow[];
  readonly next: string | null;
}

/** Tasks per request (the server's most). */
const PAGE_SIZE = 500;

type SortKey = 'step' | 'case' | 'received';

const dueOf = (row: WorklistRow, key: SortKey): string =>
  key === 'received'
    ? (row.receivedAt ?? row.createdAt)
    : ((key === 'step' ? row.step?.dueAt : row.case?.dueAt) ?? '9999');

export function Worklist({ shell }: { shell: Shell }) {
  const user = shell.session?.user ?? null;
  const windowOfficer = hasRole(user, 'window') && !hasRole(user, 'department', 'admin');
  const [rows, setRows] = useState<WorklistRow[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [matter, setMatter] = useState('');
  const [signal, setSignal] = useState('');
  const [status, setStatus] = useState('');
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState<SortKey>('step');
  /** The 办件编号 (or date) the server was asked for; null: the whole list. */
  const [byNumber, setByNumber] = useState<string | null>(null);

  /** The first page (refresh), or the page after `cursor` appended to the rows shown. */
  const load = async (cursor?: string, caseNumber: string | null = byNumber) => {
    setLoading(true);
    try {
      const page = await api<WorklistPage>('/api/tasks', {
        query: {
          ...(windowOfficer ? { mine: true } : {}),
          ...(caseNumber ? { caseNumber } : {}),
          limit: PAGE_SIZE,
          cursor,
        },
      });
      setRows((shownSoFar) => (cursor ? [...(shownSoFar ?? []), ...page.tasks] : [...page.tasks]));
      setNext(page.next);
    } catch (error) {
      shell.showError(error);
    } finally {
      setLoading(false);
    }
  };
  useEffect(() => void load(), []);
  /** Enter in the search box: a 办件编号 or a date is asked of the server; anything else filters what is loaded. */
  const findNumber = () => {
    const term = caseNumberTerm(search);
    if (!term) return;
    const wanted = search.trim();
    setByNumber(wanted);
    void load(undefined, wanted);
  };
  const showAll = () => {
    setByNumber(null);
    setSearch('');
    void load(undefined, null);
  };

  const matters = useMemo(
    () => [
      ...new Map((rows ?? []).flatMap((r) => (r.matter ? [[r.matter.code, r.matter.name] as const] : []))).entries(),
    ],
    [rows],
  );
  const statuses = useMemo(
    () => [...new Set((rows ?? []).flatMap((r) => (r.caseStatus ? [r.caseStatus] : [])))],
    [rows],
  );
  const shown = useMemo(() => {
    const needle = search.trim().toLowerCase();
    return (rows ?? [])
      .filter((r) => !matter || r.matter?.code === matter)
      .filter((r) => {
        const level = worst(r.step?.signal, r.case?.signal);
        return !signal || (signal === 'none' ? level === null : level === signal);
      })
      .filter((r) => !status || r.caseStatus === status)
      .filter(
        (r) =>
          !needle ||
          search.trim() === byNumber ||
          [r.caseNumber, r.caseId, r.matter?.name, r.applicant?.name, r.name, r.assignee].some((text) =>
            text?.toLowerCase().includes(needle),
          ),
      )
      .sort((a, b) => dueOf(a, sort).localeCompare(dueOf(b, sort)));
  }, [rows, matter, signal, status, search, sort, byNumber]);

  return (
    <section class="wl-worklist">
      <div class="wl-heading">
        <h1>待办事项</h1>
        <span class="mf-muted">
          {windowOfficer ? '本人收件及签收的办件' : user?.department ? `${user.department}的待办` : '全部待办'}
        </span>
      </div>
      <div class="mf-toolbar" role="search">
        <label>
          事项{' '}
          <select value={matter} onChange={(e) => setMatter(e.currentTarget.value)} aria-label="事项">
            <option value="">全部事项</option>
            {matters.map(([code, name]) => (
              <option value={code} key={code}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <label>
          信号{' '}
          <select value={signal} onChange={(e) => setSignal(e.currentTarget.value)} aria-label="信号">
            <option value="">全部</option>
            <option value="预警">预警</option>
            <option value="黄牌">黄牌</option>
            <option value="红牌">红牌</option>
            <option value="none">无信号</option>
          </select>
        </label>
        <label>
          状态{' '}
          <select value={status} onChange={(e) => setStatus(e.currentTarget.value)} aria-label="状态">
            <option value="">全部状态</option>
            {statuses.map((s) => (
              <option value={s} key={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label>
          排序{' '}
          <select value={sort} onChange={(e) => setSort(e.currentTarget.value as SortKey)} aria-label="排序">
            <option value="step">按环节时限</option>
            <option value="case">按办件时限</option>
            <option value="received">按收件时间</option>
          </select>
        </label>
        <input
          type="search"
          placeholder="搜索办件编号、申请人、事项、环节"
          aria-label="搜索"
          title="输入办件编号（如 20261205-0007）或收件日期（如 20261205）后按回车，查询全部待办"
          value={search}
          onInput={(e) => setSearch(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') findNumber();
          }}
        />
        <button type="button" onClick={() => void load()} disabled={loading}>
          {loading ? '刷新中…' : '刷新'}
        </button>
        {windowOfficer ? (
          <a class="wl-new" href="/reception">
            ＋ 窗口收件
          </a>
        ) : null}
      </div>
      {byNumber !== null ? (
        <p class="wl-by-number" role="status">
          按办件编号查询：<strong>{byNumber}</strong>{' '}
          <button type="button" class="mf-link" onClick={showAll}>
            显示全部待办
          </button>
        </p>
      ) : null}
      {rows === null ? (
        <p class="mf-muted">正在加载…</p>
      ) : (
        <div class="wl-table-wrap">
          <table class="wl-table">
            <thead>
              <tr>
                <th>办件编号</th>
                <th>事项</th>
                <th>申请人</th>
                <th>当前环节</th>
                <th>环节时限</th>
                <th>办件时限</th>
                <th>计时</th>
                <th>信号</th>
                <th>状态</th>
                <th>签收人</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((row) => {
                const level = worst(row.step?.signal, row.case?.signal);
                return (
                  <tr key={row.taskId} class={level ? `wl-row-${level}` : undefined} data-case-id={row.caseId}>
                    <td>
                      <a href={`/worklist/tasks/${encodeURIComponent(row.taskId)}`} class="wl-case-number" title="办理">
                        {row.caseNumber ?? '（无编号）'}
                      </a>
                      <div class="mf-muted wl-small wl-case-id" title="内部编号">
                        {row.caseId}
                      </div>
                    </td>
                    <td>{row.matter?.name ?? '—'}</td>
                    <td>{row.applicant?.name ?? '—'}</td>
                    <td>
                      {row.name ?? row.elementId}
                      <div class="mf-muted wl-small">{row.department ?? ''}</div>
                    </td>
                    <td>
                      <Due timing={row.step} />
                    </td>
                    <td>
                      <Due timing={row.case} />
                    </td>
                    <td>{clockLabel(row.case ?? row.step, row.caseStatus)}</td>
                    <td>
                      <Signal level={level} />
                    </td>
                    <td>{row.caseStatus ?? '—'}</td>
                    <td>{row.assignee ?? <span class="mf-muted">未签收</span>}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {shown.length === 0 ? (
            <p class="mf-muted wl-empty">{rows.length === 0 ? '暂无待办事项' : '没有符合筛选条件的待办'}</p>
          ) : null}
          {next ? (
            <p class="wl-more">
              <button type="button" onClick={() => void load(next)} disabled={loading}>
                {loading ? '加载中…' : '加载更多'}
              </button>{' '}
              <span class="mf-muted wl-small">
                已加载最早的 {rows.length} 件待办，筛选和排序只在已加载的待办中进行。
              </span>
            </p>
          ) : null}
          <p class="mf-muted wl-small">
            共 {shown.length} 件
            {shown.length !== rows.length ? `（${next ? '已加载' : '全部'} ${rows.length} 件）` : ''}
            。时限按工作日计算；标“暂定”的时限按法定节假日暂算，待次年节假日安排公布后重新计算。
          </p>
        </div>
      )}
    </section>
  );
}
