/**
 * The statistics period: 本月 / 本季度 / 本年 (by the server's clock, in Beijing time) or a custom
 * range of dates. The choice lives in the page's address (?period=quarter, ?from=…&to=…) so a
 * reload or a shared link shows the same figures.
 */
import { useState } from 'preact/hooks';
import { DateInput } from '../shared/date-input.js';
import { parseDate } from '../shared/format.js';
import type { PeriodChoice } from './types.js';

const PRESETS = [
  { kind: 'month', label: '本月' },
  { kind: 'quarter', label: '本季度' },
  { kind: 'year', label: '本年' },
] as const;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The choice in an address's query (default 本月). */
export function choiceFrom(search: string): PeriodChoice {
  const params = new URLSearchParams(search);
  const from = params.get('from');
  const to = params.get('to');
  if (from && to && DATE.test(from) && DATE.test(to)) return { kind: 'custom', from, to };
  const period = params.get('period');
  return { kind: period === 'quarter' || period === 'year' ? period : 'month' };
}

/** The API query of a choice. */
export const periodQuery = (choice: PeriodChoice): Record<string, string> =>
  choice.kind === 'custom' ? { from: choice.from, to: choice.to } : { period: choice.kind };

export function PeriodPicker({
  choice,
  resolved,
  onChoose,
  onInvalid,
}: {
  choice: PeriodChoice;
  resolved: { from: string; to: string } | null;
  onChoose: (choice: PeriodChoice) => void;
  onInvalid: (message: string) => void;
}) {
  const [custom, setCustom] = useState(choice.kind === 'custom');
  const [from, setFrom] = useState(choice.kind === 'custom' ? choice.from : (resolved?.from ?? ''));
  const [to, setTo] = useState(choice.kind === 'custom' ? choice.to : (resolved?.to ?? ''));
  const apply = (event: Event) => {
    event.preventDefault();
    if (!from) return onInvalid('请填写开始日期');
    if (!to) return onInvalid('请填写结束日期');
    const [start, end] = [parseDate(from), parseDate(to)];
    if (!start || !end) return onInvalid('请按 年-月-日 填写日期，如 2026-11-02');
    if (start > end) return onInvalid('结束日期不能早于开始日期');
    onChoose({ kind: 'custom', from: start, to: end });
  };
  return (
    <div class="sv-period" role="group" aria-label="统计周期">
      <span>统计周期</span>
      {PRESETS.map((preset) => (
        <button
          type="button"
          key={preset.kind}
          class={!custom && choice.kind === preset.kind ? 'primary' : undefined}
          aria-pressed={!custom && choice.kind === preset.kind}
          onClick={() => {
            setCustom(false);
            onChoose({ kind: preset.kind });
          }}
        >
          {preset.label}
        </button>
      ))}
      <button
        type="button"
        class={custom ? 'primary' : undefined}
        aria-pressed={custom}
        onClick={() => {
          setCustom(true);
          if (resolved && !from) setFrom(resolved.from);
          if (resolved && !to) setTo(resolved.to);
        }}
      >
        自定义
      </button>
      {custom && (
        <form class="sv-custom" onSubmit={apply}>
          <label>
            开始日期 <DateInput value={from} required onValue={setFrom} />
          </label>
          <label>
            结束日期 <DateInput value={to} required onValue={setTo} />
          </label>
          <button type="submit">查询</button>
        </form>
      )}
      {resolved && (
        <span class="mf-muted">
          {resolved.from} 至 {resolved.to}（北京时间，含首尾两日）
        </span>
      )}
    </div>
  );
}
