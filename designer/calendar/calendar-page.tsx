/**
 * The years of the calendar and the import form. A missing year lists the cases whose due dates
 * are provisional because of it (by 办件编号, each opening its replay); an import answers with the
 * years imported and the cases whose due dates were recomputed.
 */
import { useEffect, useState } from 'preact/hooks';
import { api } from '../shared/api.js';
import { Attempt } from '../shared/attempt.js';
import { formatDateTime } from '../shared/format.js';
import type { CalendarYear } from '../shared/calendar-banner.js';

const STATUS_LABELS: Readonly<Record<CalendarYear['status'], string>> = {
  official: '已导入（国务院办公厅通知）',
  provisional: '暂定（仅本地调整）',
  missing: '缺失：按法定节假日暂定',
};

interface ImportResult {
  readonly layout: string;
  readonly years: readonly number[];
  readonly changedCases: readonly string[];
}

export function CalendarPage({
  canImport,
  notify,
  showError,
}: {
  canImport: boolean;
  notify: (message: string, kind?: 'info' | 'success' | 'error') => void;
  showError: (error: unknown) => void;
}) {
  const [years, setYears] = useState<CalendarYear[] | null>(null);
  const load = () =>
    api<CalendarYear[]>('/api/calendar/years')
      .then((answer) => {
        setYears(answer);
        if (!answer.some((year) => year.status === 'missing')) document.querySelector('.mf-calendar-banner')?.remove();
      })
      .catch(showError);
  useEffect(() => void load(), []);

  const missing = (years ?? []).filter((year) => year.status === 'missing');
  return (
    <section class="cal-page">
      <h1>工作日历</h1>
      {missing.map((year) => (
        <div class="mf-card cal-missing" key={year.year} data-year={year.year}>
          <h2>{year.year} 年节假日安排尚未导入</h2>
          <p>
            {year.caseCount
              ? `${year.caseCount} 件办件的到期日依赖该年，现按法定节假日暂定：`
              : '暂无办件的到期日依赖该年。'}
          </p>
          {year.cases?.length ? (
            <ul>
              {year.cases.map((c) => (
                <li key={c.caseId}>
                  <a href={`/audit/cases/${encodeURIComponent(c.caseId)}`} class="cal-case-number">
                    {c.number ?? c.caseId}
                  </a>{' '}
                  <span class="mf-muted">到期 {formatDateTime(c.dueAt)}（暂定）</span>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ))}
      <div class="mf-card">
        <h2>已有年份</h2>
        {years === null ? (
          <p class="mf-muted">正在加载…</p>
        ) : (
          <table class="cal-years">
            <thead>
              <tr>
                <th>年份</th>
                <th>状态</th>
              </tr>
            </thead>
            <tbody>
              {years.map((year) => (
                <tr key={year.year} data-year={year.year}>
                  <td>{year.year}</td>
                  <td>{STATUS_LABELS[year.status]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      {canImport ? <ImportForm onImported={load} notify={notify} showError={showError} /> : null}
    </section>
  );
}

function ImportForm({
  onImported,
  notify,
  showError,
}: {
  onImported: () => Promise<void>;
  notify: (message: string, kind?: 'info' | 'success' | 'error') => void;
  showError: (error: unknown) => void;
}) {
  const [layout, setLayout] = useState<'holiday-cn' | 'chinese-days'>('holiday-cn');
  const [text, setText] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  /** The same import sent again after no answer is a retry (its key kept); an answer frees the key. */
  const [attempt] = useState(() => new Attempt());

  const submit = async (event: Event) => {
    event.preventDefault();
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      setProblem('文件内容不是有效的 JSON');
      return;
    }
    setProblem(null);
    setBusy(true);
    try {
      const body = { layout, data, ...(reason.trim() ? { reason: reason.trim() } : {}) };
      const result = await api<ImportResult>('/api/calendar/imports', { body, idempotencyKey: attempt.keyFor(body) });
      attempt.answered();
      notify(
        `已导入 ${result.years.join('、')} 年节假日安排，${result.changedCases.length} 件办件的到期日已重新计算`,
        'success',
      );
      setText('');
      await onImported();
    } catch (error) {
      attempt.failed(error);
      showError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="mf-card cal-import" id="import" aria-label="导入节假日安排" onSubmit={(e) => void submit(e)}>
      <h2>导入节假日安排</h2>
      <label class="cal-field">
        格式{' '}
        <select value={layout} onChange={(e) => setLayout(e.currentTarget.value as typeof layout)} aria-label="格式">
          <option value="holiday-cn">holiday-cn（每年一个文件）</option>
          <option value="chinese-days">chinese-days</option>
        </select>
      </label>
      <label class="cal-field">
        文件{' '}
        <input
          type="file"
          accept="application/json,.json"
          aria-label="文件"
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            if (file) void file.text().then(setText);
          }}
        />
      </label>
      <label class="cal-field">
        内容（JSON）
        <textarea rows={8} value={text} onInput={(e) => setText(e.currentTarget.value)} aria-label="内容" />
      </label>
      <label class="cal-field">
        说明
        <input value={reason} onInput={(e) => setReason(e.currentTarget.value)} aria-label="说明" />
      </label>
      {problem ? (
        <p class="wl-refusal" role="alert">
          {problem}
        </p>
      ) : null}
      <button type="submit" class="primary" disabled={busy || !text.trim()}>
        {busy ? '导入中…' : '导入'}
      </button>
    </form>
  );
}
