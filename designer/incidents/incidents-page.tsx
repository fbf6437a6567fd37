/**
 * 异常处理 (/incidents): the open incidents of every case — filtered by 流程, 环节, 类型, 错误信息
 * and 起始日期 — newest first, 50 a page; one opens beside the list with its error, failing task
 * and variables, and an administrator retries it there. Below: the workers waiting for tasks on
 * this server now, and the webhook deliveries that failed for good (administrators).
 */
import { useEffect, useState } from 'preact/hooks';
import { api } from '../shared/api.js';
import { formatDateTime } from '../shared/format.js';
import { FailedDeliveries } from './failed-deliveries.js';
import { IncidentDetail } from './incident-detail.js';
import { KIND_LABELS, type IncidentFilter, type IncidentPage, type WaitingWorker } from './types.js';

const PAGE = 50;
const EMPTY: IncidentFilter = { processId: '', elementId: '', kind: '', error: '', since: '' };

interface Props {
  readonly admin: boolean;
  readonly notify: (message: string, kind?: 'info' | 'success' | 'error') => void;
  readonly showError: (error: unknown) => void;
}

/** The API's query for a filter: a Beijing date becomes its midnight (+08:00). */
export function incidentQuery(filter: IncidentFilter, offset: number): Record<string, string | number> {
  const query: Record<string, string | number> = { limit: PAGE, offset };
  for (const name of ['processId', 'elementId', 'kind', 'error'] as const) {
    const value = filter[name].trim();
    if (value) query[name] = value;
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(filter.since)) query['since'] = `${filter.since}T00:00:00+08:00`;
  return query;
}

export function IncidentsPage({ admin, notify, showError }: Props) {
  const [filter, setFilter] = useState<IncidentFilter>(() => filterFrom(location.search));
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<IncidentPage | null>(null);
  const [open, setOpen] = useState<string | null>(null);

  const load = async (wanted = filter, at = offset) => {
    try {
      setPage(await api<IncidentPage>('/api/incidents', { query: incidentQuery(wanted, at) }));
      setOffset(at);
      const url = new URL(location.href);
      for (const [name, value] of Object.entries(wanted)) {
        if (value) url.searchParams.set(name, value);
        else url.searchParams.delete(name);
      }
      history.replaceState(null, '', url.pathname + url.search);
    } catch (error) {
      showError(error);
    }
  };
  useEffect(() => {
    void load();
  }, []);
  const field = (name: keyof IncidentFilter) => ({
    value: filter[name],
    onInput: (event: { currentTarget: { value: string } }) =>
      setFilter({ ...filter, [name]: event.currentTarget.value }),
  });

  return (
    <div class="in-page">
      <section class="mf-card">
        <h1>异常处理</h1>
        <form
          class="in-filter"
          role="search"
          aria-label="筛选异常"
          onSubmit={(event) => {
            event.preventDefault();
            void load(filter, 0);
          }}
        >
          <input aria-label="流程" placeholder="流程标识" {...field('processId')} />
          <input aria-label="环节" placeholder="环节标识" {...field('elementId')} />
          <select aria-label="类型" {...field('kind')}>
            <option value="">全部类型</option>
            {Object.entries(KIND_LABELS).map(([kind, label]) => (
              <option value={kind}>{label}</option>
            ))}
          </select>
          <input aria-label="错误信息" placeholder="错误信息包含…" {...field('error')} />
          <label>
            起始日期 <input type="date" aria-label="起始日期" {...field('since')} />
          </label>
          <button type="submit">查询</button>
          <button
            type="button"
            onClick={() => {
              setFilter(EMPTY);
              void load(EMPTY, 0);
            }}
          >
            清除
          </button>
        </form>
        {!page ? (
          <p class="mf-muted">正在加载…</p>
        ) : page.total === 0 ? (
          <p class="in-none">没有符合条件的异常。</p>
        ) : (
          <>
            <p class="mf-muted" aria-live="polite">
              共 {page.total} 件异常
            </p>
            <table class="in-table">
              <thead>
                <tr>
                  <th>发生时间</th>
                  <th>办件编号</th>
                  <th>流程 / 环节</th>
                  <th>类型</th>
                  <th>错误信息</th>
                  <th>操作</th>
                </tr>
              </thead>
              <tbody>
                {page.incidents.map((incident) => (
                  <tr key={incident.incidentId} class={open === incident.incidentId ? 'in-open' : ''}>
                    <td>{formatDateTime(incident.raisedAt)}</td>
                    <td>
                      <a href={`/audit/cases/${encodeURIComponent(incident.caseId)}`}>
                        {incident.caseNumber ?? incident.caseId}
                      </a>
                    </td>
                    <td>
                      {incident.processId} / <code>{incident.elementId}</code>
                    </td>
                    <td>{KIND_LABELS[incident.kind] ?? incident.kind}</td>
                    <td class="in-message" title={incident.message}>
                      {incident.message}
                    </td>
                    <td>
                      <button type="button" onClick={() => setOpen(incident.incidentId)}>
                        查看
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <div class="in-pager">
              <button
                type="button"
                disabled={offset === 0}
                onClick={() => void load(filter, Math.max(0, offset - PAGE))}
              >
                上一页
              </button>
              <span>
                第 {offset / PAGE + 1} 页，共 {Math.max(1, Math.ceil(page.total / PAGE))} 页
              </span>
              <button
                type="button"
                disabled={offset + PAGE >= page.total}
                onClick={() => void load(filter, offset + PAGE)}
              >
                下一页
              </button>
            </div>
          </>
        )}
      </section>
      {open && (
        <IncidentDetail
          incidentId={open}
          canRetry={admin}
          showError={showError}
          onClose={() => setOpen(null)}
          onRetried={() => {
            notify('已重试：办件从中断处继续', 'success');
            setOpen(null);
            void load();
          }}
        />
      )}
      {admin && <Workers showError={showError} />}
      {admin && <FailedDeliveries notify={notify} showError={showError} />}
    </div>
  );
}

/** 在线工作者: the workers long polling this server now, by topic. */
function Workers({ showError }: { showError: (error: unknown) => void }) {
  const [workers, setWorkers] = useState<readonly WaitingWorker[] | null>(null);
  useEffect(() => {
    api<WaitingWorker[]>('/api/external-tasks/workers').then(setWorkers, showError);
  }, []);
  return (
    <section class="mf-card" aria-label="在线工作者">
      <h2>在线工作者（本服务器进程）</h2>
      {!workers ? (
        <p class="mf-muted">正在加载…</p>
      ) : workers.length === 0 ? (
        <p class="mf-muted">现在没有工作者在等待任务：外部任务会一直等到有工作者领取。</p>
      ) : (
        <ul class="in-workers">
          {workers.map((worker) => (
            <li key={`${worker.worker}:${worker.workerId}:${worker.since}`}>
              {worker.worker} / <code>{worker.workerId}</code>：{worker.topics.join('、')}（自{' '}
              {formatDateTime(worker.since)}）
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function filterFrom(search: string): IncidentFilter {
  const params = new URLSearchParams(search);
  return {
    processId: params.get('processId') ?? '',
    elementId: params.get('elementId') ?? '',
    kind: params.get('kind') ?? '',
    error: params.get('error') ?? '',
    since: params.get('since') ?? '',
  };
}
