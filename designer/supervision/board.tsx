/**
 * The 电子监察 board: the cases open now (by 办件状态), open signals now, handling over a chosen period (on-time rate by matter,
 * average / p90 time by department) and the 差评 rectifications due. Charts and tables show the
 * same figures; every figure opens the audit search for its cases.
 */
import { render } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { caseNumberTerm } from '../../engine/domain/case-number.js';
import { auditLink } from '../audit/contract.js';
import { api } from '../shared/api.js';
import { formatDateTime } from '../shared/format.js';
import type { Shell } from '../shared/shell.js';
import { IncidentCount } from './incident-count.js';
import { OpenCasesCard, type OpenCases } from './open-cases.js';
import { HandlingByDepartmentCard, OnTimeByMatterCard } from './performance.js';
import { choiceFrom, PeriodPicker, periodQuery } from './period.js';
import { RectificationsCard } from './rectifications.js';
import { SignalsCard } from './signals.js';
import type { Performance, PeriodChoice, RectificationsDue, SignalSummary } from './types.js';

export function renderBoard(shell: Shell): void {
  render(<Board shell={shell} />, shell.main);
}

interface Now {
  readonly signals: SignalSummary;
  readonly rectifications: RectificationsDue;
  readonly open: OpenCases;
}

interface Handling {
  readonly byMatter: Performance;
  readonly byDepartment: Performance;
}

function Board({ shell }: { shell: Shell }) {
  const [choice, setChoice] = useState<PeriodChoice>(() => choiceFrom(location.search));
  const [now, setNow] = useState<Now | null>(null);
  const [handling, setHandling] = useState<Handling | null>(null);
  const [loading, setLoading] = useState(0);

  const loadNow = useCallback(async () => {
    const [signals, rectifications, open] = await Promise.all([
      api<SignalSummary>('/api/supervision/signals/summary'),
      api<RectificationsDue>('/api/supervision/rectifications'),
      api<OpenCases>('/api/supervision/open-cases'),
    ]);
    setNow({ signals, rectifications, open });
  }, []);

  const loadHandling = useCallback(async (period: PeriodChoice) => {
    const query = periodQuery(period);
    const [byMatter, byDepartment] = await Promise.all([
      api<Performance>('/api/supervision/performance', { query: { groupBy: 'matter', ...query } }),
      api<Performance>('/api/supervision/performance', { query: { groupBy: 'department', ...query } }),
    ]);
    setHandling({ byMatter, byDepartment });
  }, []);

  const run = useCallback(
    (work: Promise<void>) => {
      setLoading((n) => n + 1);
      work.catch((error: unknown) => shell.showError(error)).finally(() => setLoading((n) => n - 1));
    },
    [shell],
  );

  useEffect(() => run(loadNow()), [run, loadNow]);
  useEffect(() => {
    const url = new URL(location.href);
    for (const name of ['period', 'from', 'to']) url.searchParams.delete(name);
    for (const [name, value] of Object.entries(periodQuery(choice)))
      if (!(name === 'period' && value === 'month')) url.searchParams.set(name, value);
    history.replaceState(null, '', url.pathname + url.search);
    run(loadHandling(choice));
  }, [choice, run, loadHandling]);

  return (
    <div class="sv-board" aria-busy={loading > 0}>
      <div class="sv-head">
        <h1>电子监察</h1>
        <span class="mf-muted">
          数据截至 {formatDateTime(now?.signals.asOf ?? handling?.byMatter.asOf)}（北京时间）
        </span>
        <button
          type="button"
          onClick={() => {
            run(loadNow());
            run(loadHandling(choice));
          }}
        >
          刷新
        </button>
        <FindByNumber onInvalid={(message) => shell.notify(message, 'error')} />
        <IncidentCount />
      </div>
      {now ? <OpenCasesCard open={now.open} /> : null}
      {now ? <SignalsCard summary={now.signals} /> : <p class="mf-muted">正在加载监察信号…</p>}
      <div class="mf-card sv-toolbar">
        <PeriodPicker
          choice={choice}
          resolved={handling?.byMatter.period ?? null}
          onChoose={setChoice}
          onInvalid={(message) => shell.notify(message, 'error')}
        />
      </div>
      {handling ? (
        <div class="sv-grid">
          <OnTimeByMatterCard performance={handling.byMatter} />
          <HandlingByDepartmentCard performance={handling.byDepartment} />
        </div>
      ) : (
        <p class="mf-muted">正在加载办理统计…</p>
      )}
      {now && <RectificationsCard due={now.rectifications} />}
    </div>
  );
}

/** 按办件编号查找: a number (or a 收件 date) opens the audit search for it, where every case of the board is listed. */
function FindByNumber({ onInvalid }: { onInvalid: (message: string) => void }) {
  const [number, setNumber] = useState('');
  return (
    <form
      class="sv-find"
      role="search"
      aria-label="按办件编号查找"
      onSubmit={(event) => {
        event.preventDefault();
        if (!caseNumberTerm(number)) {
          onInvalid('办件编号应为 YYYYMMDD-NNNN（如 20261205-0007），或收件日期 YYYYMMDD');
          return;
        }
        location.assign(auditLink({ number: number.trim() }));
      }}
    >
      <input
        type="search"
        aria-label="办件编号"
        placeholder="办件编号或收件日期"
        value={number}
        onInput={(event) => setNumber(event.currentTarget.value)}
      />
      <button type="submit">查找</button>
    </form>
  );
}
