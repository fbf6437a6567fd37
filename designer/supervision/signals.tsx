/**
 * Open signals (now, whatever the period): a stacked bar of the time limits in trouble per
 * department and level (预警 / 黄牌 / 红牌 in the workspace's signal colours), beside a table of
 * the same figures per department and matter. Every bar and every count opens the audit search
 * filtered to the department (and matter) and the level.
 */
import { useMemo } from 'preact/hooks';
import { Chart, cssColour, gridLeft, labelWidth, type ChartOption, type Pick } from './chart.js';
import { Count } from './count.js';
import { CASE_LIMIT, escapeHtml, NO_DEPARTMENT, NO_MATTER } from './format.js';
import { signalLink } from './links.js';
import { LEVELS, type Level, type SignalGroup, type SignalSummary } from './types.js';

type Counts = Record<Level, number>;
const zero = (): Counts => ({ 预警: 0, 黄牌: 0, 红牌: 0 });
const total = (counts: Counts) => counts.预警 + counts.黄牌 + counts.红牌;

interface DepartmentRow {
  readonly department: string | null;
  /** For a row without a department: whose limits it holds (办件总时限 or 环节); null otherwise. */
  readonly kind: 'case' | 'step' | null;
  readonly label: string;
  readonly counts: Counts;
  readonly matters: ReadonlyArray<{ matterCode: string | null; matterName: string; counts: Counts }>;
}

/** Departments with their counts and their matters', the most serious first (红牌, then 黄牌, then 预警). */
function departmentRows(groups: readonly SignalGroup[]): DepartmentRow[] {
  const byDepartment = new Map<
    string,
    {
      department: string | null;
      kind: 'case' | 'step' | null;
      counts: Counts;
      matters: Map<string | null, { matterName: string; counts: Counts }>;
    }
  >();
  for (const group of groups) {
    const label = group.department ?? (group.kind === 'case' ? CASE_LIMIT : NO_DEPARTMENT);
    const entry = byDepartment.get(label) ?? {
      department: group.department,
      kind: group.department === null ? group.kind : null,
      counts: zero(),
      matters: new Map(),
    };
    entry.counts[group.level] += group.clocks;
    const matter = entry.matters.get(group.matterCode) ?? {
      matterName: group.matterName ?? group.matterCode ?? NO_MATTER,
      counts: zero(),
    };
    matter.counts[group.level] += group.clocks;
    entry.matters.set(group.matterCode, matter);
    byDepartment.set(label, entry);
  }
  const serious = (a: Counts, b: Counts) => b.红牌 - a.红牌 || b.黄牌 - a.黄牌 || b.预警 - a.预警;
  return [...byDepartment]
    .map(([label, { department, kind, counts, matters }]) => ({
      department,
      kind,
      label,
      counts,
      matters: [...matters]
        .map(([matterCode, matter]) => ({ matterCode, ...matter }))
        .sort((a, b) => serious(a.counts, b.counts) || a.matterName.localeCompare(b.matterName, 'zh-CN')),
    }))
    .sort((a, b) => serious(a.counts, b.counts) || a.label.localeCompare(b.label, 'zh-CN'));
}

const COLOURS: Readonly<Record<Level, [string, string]>> = {
  预警: ['--mf-warning', '#f2c200'],
  黄牌: ['--mf-yellow', '#f5a623'],
  红牌: ['--mf-red', '#d93025'],
};

export function SignalsCard({ summary }: { summary: SignalSummary }) {
  const rows = useMemo(() => departmentRows(summary.groups), [summary]);
  const all = rows.reduce((sum, row) => sum + total(row.counts), 0);
  const option = useMemo<ChartOption>(() => {
    const labels = rows.map((row) => row.label);
    return {
      color: LEVELS.map((level) => cssColour(...COLOURS[level])),
      legend: { data: [...LEVELS], top: 0 },
      grid: { left: gridLeft(labelWidth(labels)), right: 24, top: 32, bottom: 36 },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (params: unknown) => {
          const items = params as Array<{ dataIndex: number; seriesName: string; value: number; marker: string }>;
          const row = rows[items[0]?.dataIndex ?? 0];
          if (!row) return '';
          return [
            `<strong>${escapeHtml(row.label)}</strong>`,
            ...items.map((item) => `${item.marker}${item.seriesName}：${item.value} 个时限`),
            `合计：${total(row.counts)} 个时限`,
            '点击柱条查看这些时限所属的办件（同一办件只列一次）',
          ].join('<br>');
        },
      },
      xAxis: { type: 'value', name: '时限数', nameLocation: 'middle', nameGap: 22, minInterval: 1 },
      yAxis: {
        type: 'category',
        data: labels,
        inverse: true,
        axisLabel: { width: labelWidth(labels), overflow: 'truncate' },
      },
      series: LEVELS.map((level) => ({
        name: level,
        type: 'bar',
        stack: '信号',
        barMaxWidth: 28,
        data: rows.map((row) => row.counts[level]),
        label: { show: true, formatter: (p: { value: unknown }) => (Number(p.value) > 0 ? String(p.value) : '') },
      })),
    };
  }, [rows]);
  const pick = useMemo(
    () => (picked: Pick) => {
      const row = rows[picked.dataIndex];
      if (row) location.assign(signalLink(row, picked.seriesName as Level));
    },
    [rows],
  );

  return (
    <section class="mf-card sv-card" aria-labelledby="sv-signals-title">
      <h2 id="sv-signals-title">
        未解除的监察信号{' '}
        <span class="mf-muted sv-note">
          当前 {all} 个时限；每个环节或办件时限按其最高级别计一次，不受统计周期影响；点击数字查看这些时限所属的办件
        </span>
      </h2>
      {rows.length === 0 ? (
        <p class="sv-empty">当前没有未解除的预警、黄牌或红牌。</p>
      ) : (
        <div class="sv-split">
          <Chart option={option} onPick={pick} testId="chart-signals" height={Math.max(180, rows.length * 38 + 64)} />
          <table class="sv-table" aria-label="未解除的监察信号（按部门、事项、级别）">
            <thead>
              <tr>
                <th scope="col">部门</th>
                <th scope="col">事项</th>
                {LEVELS.map((level) => (
                  <th scope="col" class="sv-num" key={level}>
                    <span class={`mf-signal ${SIGNAL_CLASS[level]}`}>{level}</span>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.flatMap((row) =>
                row.matters.map((matter, index) => (
                  <tr key={`${row.label}|${matter.matterCode ?? ''}`}>
                    {index === 0 && (
                      <th scope="rowgroup" rowSpan={row.matters.length}>
                        {row.label}
                      </th>
                    )}
                    <td>{matter.matterName}</td>
                    {LEVELS.map((level) => (
                      <td class="sv-num" key={level}>
                        <Count
                          value={matter.counts[level]}
                          href={signalLink({ ...row, matterCode: matter.matterCode }, level)}
                          title="查看这些时限所属的办件（同一办件只列一次）"
                          label={`${row.label} ${matter.matterName} ${level} ${matter.counts[level]} 个时限`}
                        />
                      </td>
                    ))}
                  </tr>
                )),
              )}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

const SIGNAL_CLASS: Readonly<Record<Level, string>> = {
  预警: 'mf-signal-warning',
  黄牌: 'mf-signal-yellow',
  红牌: 'mf-signal-red',
};
