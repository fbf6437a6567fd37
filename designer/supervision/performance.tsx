/**
 * Handling over the chosen period: the on-time rate of each matter's cases (办件 clocks against the
 * promised limit) and the average and 90th-percentile handling time of each department's steps
 * (环节 clocks), as charts beside tables of the same figures. Times are in each limit's own unit,
 * 工作日 counted with the working calendar; a row never mixes units. Every bar and figure opens the
 * audit search for the same matter or department and period.
 */
import { useMemo } from 'preact/hooks';
import { Chart, cssColour, gridLeft, labelWidth, type ChartOption, type Pick } from './chart.js';
import { Count } from './count.js';
import { amount, escapeHtml, NO_DEPARTMENT, NO_MATTER, percent, UNIT_LABELS } from './format.js';
import { handlingLink } from './links.js';
import type { Performance, PerformanceRow, Unit } from './types.js';

/** What a step figure's link opens: the cases of the steps it counts. */
const STEP_CASES = '查看这些环节所属的办件（同一办件只列一次，故件数可少于环节数）';

const P90_NOTE = 'P90：最近秩法第 90 百分位，即把用时从短到长排列后第 ⌈0.9×时限数⌉ 个，至少 90% 的时限用时不超过它';

/** Category labels: the name, with the unit only when the same name appears in several units. */
function labelsOf(rows: readonly PerformanceRow[], fallback: string): string[] {
  const names = rows.map((row) => row.name ?? row.key ?? fallback);
  return rows.map((row, index) =>
    names.filter((name) => name === names[index]).length > 1
      ? `${names[index]}（${UNIT_LABELS[row.unit]}）`
      : names[index]!,
  );
}

export function OnTimeByMatterCard({ performance }: { performance: Performance }) {
  const { rows, period } = performance;
  const labels = useMemo(() => labelsOf(rows, NO_MATTER), [rows]);
  /** The cases whose 办件 limit (of this matter and unit) finished in the period: one limit per case, so the list has as many cases as the figure. */
  const cases = (row: PerformanceRow, onTime?: boolean) =>
    handlingLink('matter', performance.kind, row, period, onTime);
  const option = useMemo<ChartOption>(
    () => ({
      color: [cssColour('--mf-blue', '#1f5fbf')],
      grid: { left: gridLeft(labelWidth(labels)), right: 56, top: 12, bottom: 36 },
      tooltip: {
        trigger: 'item',
        formatter: (params: unknown) => {
          const row = rows[(params as { dataIndex: number }).dataIndex];
          if (!row) return '';
          return [
            `<strong>${escapeHtml(labels[rows.indexOf(row)]!)}</strong>`,
            `按时办结率：${percent(row.onTimeRate)}`,
            `办结 ${row.finished} 件，按时 ${row.onTime} 件，超时 ${row.late} 件`,
            '点击柱条查看办件',
          ].join('<br>');
        },
      },
      xAxis: { type: 'value', name: '按时办结率（%）', nameLocation: 'middle', nameGap: 22, min: 0, max: 100 },
      yAxis: {
        type: 'category',
        data: labels,
        inverse: true,
        axisLabel: { width: labelWidth(labels), overflow: 'truncate' },
      },
      series: [
        {
          name: '按时办结率',
          type: 'bar',
          barMaxWidth: 26,
          data: rows.map((row) => Number((row.onTimeRate * 100).toFixed(1))),
          label: { show: true, position: 'right', formatter: (p: { value: unknown }) => `${String(p.value)}%` },
        },
      ],
    }),
    [rows, labels],
  );
  const pick = useMemo(
    () => (picked: Pick) => {
      const row = rows[picked.dataIndex];
      if (row) location.assign(cases(row));
    },
    [rows, period],
  );

  return (
    <section class="mf-card sv-card" aria-labelledby="sv-ontime-title">
      <h2 id="sv-ontime-title">
        按时办结率（按事项） <span class="mf-muted sv-note">办件承诺时限，统计周期内办结的办件</span>
      </h2>
      {rows.length === 0 ? (
        <p class="sv-empty">统计周期内没有办结的办件。</p>
      ) : (
        <div class="sv-split">
          <Chart option={option} onPick={pick} testId="chart-ontime" height={Math.max(160, rows.length * 40 + 60)} />
          <table class="sv-table" aria-label="按时办结率（按事项）">
            <thead>
              <tr>
                <th scope="col">事项</th>
                <th scope="col" class="sv-num">
                  办结
                </th>
                <th scope="col" class="sv-num">
                  按时
                </th>
                <th scope="col" class="sv-num">
                  超时
                </th>
                <th scope="col" class="sv-num">
                  按时办结率
                </th>
                <th scope="col" class="sv-num">
                  平均用时
                </th>
                <th scope="col" class="sv-num" title={P90_NOTE}>
                  P90 用时
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row, index) => (
                <tr key={`${row.key ?? ''}|${row.unit}`}>
                  <th scope="row">{labels[index]}</th>
                  <td class="sv-num">
                    <Count value={row.finished} href={cases(row)} label={`${labels[index]} 办结 ${row.finished} 件`} />
                  </td>
                  <td class="sv-num">
                    <Count
                      value={row.onTime}
                      href={cases(row, true)}
                      label={`${labels[index]} 按时 ${row.onTime} 件`}
                    />
                  </td>
                  <td class="sv-num">
                    <Count value={row.late} href={cases(row, false)} label={`${labels[index]} 超时 ${row.late} 件`} />
                  </td>
                  <td class="sv-num">
                    <Count
                      value={row.finished}
                      text={percent(row.onTimeRate)}
                      href={cases(row)}
                      label={`${labels[index]} 按时办结率 ${percent(row.onTimeRate)}`}
                    />
                  </td>
                  <UsedCell
                    what="平均用时"
                    used={row.averageUsed}
                    row={row}
                    rowLabel={labels[index]!}
                    href={cases(row)}
                  />
                  <UsedCell what="P90 用时" used={row.p90Used} row={row} rowLabel={labels[index]!} href={cases(row)} />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** The unit most rows use (the chart shows those; the table shows every row). */
function mainUnit(rows: readonly PerformanceRow[]): Unit | null {
  const counts = new Map<Unit, number>();
  for (const row of rows) counts.set(row.unit, (counts.get(row.unit) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}

export function HandlingByDepartmentCard({ performance }: { performance: Performance }) {
  const { rows, period } = performance;
  const labels = useMemo(() => labelsOf(rows, NO_DEPARTMENT), [rows]);
  const unit = mainUnit(rows);
  const charted = useMemo(
    () => rows.map((row, index) => ({ row, label: labels[index]! })).filter(({ row }) => row.unit === unit),
    [rows, labels, unit],
  );
  /** The cases the department's 环节 limits (of this unit) finished in the period belong to: a case with two such steps is listed once. */
  const steps = (row: PerformanceRow, onTime?: boolean) =>
    handlingLink('department', performance.kind, row, period, onTime);
  const option = useMemo<ChartOption>(() => {
    const names = charted.map(({ label }) => label);
    return {
      color: [cssColour('--mf-blue', '#1f5fbf'), '#7f9fd4'],
      legend: { data: ['平均用时', 'P90 用时'], top: 0 },
      grid: { left: gridLeft(labelWidth(names)), right: 40, top: 32, bottom: 36 },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (params: unknown) => {
          const items = params as Array<{ dataIndex: number; seriesName: string; value: number; marker: string }>;
          const entry = charted[items[0]?.dataIndex ?? 0];
          if (!entry) return '';
          return [
            `<strong>${escapeHtml(entry.label)}</strong>`,
            ...items.map((item) => `${item.marker}${item.seriesName}：${item.value} ${unit ? UNIT_LABELS[unit] : ''}`),
            `办结环节 ${entry.row.finished} 个，按时率 ${percent(entry.row.onTimeRate)}`,
            '点击柱条查看这些环节所属的办件（同一办件只列一次）',
          ].join('<br>');
        },
      },
      xAxis: { type: 'value', name: `用时（${unit ? UNIT_LABELS[unit] : ''}）`, nameLocation: 'middle', nameGap: 22 },
      yAxis: {
        type: 'category',
        data: names,
        inverse: true,
        axisLabel: { width: labelWidth(names), overflow: 'truncate' },
      },
      series: [
        {
          name: '平均用时',
          type: 'bar',
          barMaxWidth: 16,
          data: charted.map(({ row }) => Number(amount(row.averageUsed))),
          label: { show: true, position: 'right', fontSize: 11 },
        },
        {
          name: 'P90 用时',
          type: 'bar',
          barMaxWidth: 16,
          data: charted.map(({ row }) => Number(amount(row.p90Used))),
          label: { show: true, position: 'right', fontSize: 11 },
        },
      ],
    };
  }, [charted, unit]);
  const pick = useMemo(
    () => (picked: Pick) => {
      const entry = charted[picked.dataIndex];
      if (entry) location.assign(steps(entry.row));
    },
    [charted, period],
  );

  return (
    <section class="mf-card sv-card" aria-labelledby="sv-handling-title">
      <h2 id="sv-handling-title">
        办理用时（按部门）{' '}
        <span class="mf-muted sv-note">
          环节时限，统计周期内办结的环节；工作日按工作日历计，不含停止计时的时间；数字为环节个数，点击查看这些环节所属的办件
        </span>
      </h2>
      {rows.length === 0 ? (
        <p class="sv-empty">统计周期内没有办结的环节。</p>
      ) : (
        <div class="sv-split">
          <div>
            <Chart
              option={option}
              onPick={pick}
              testId="chart-handling"
              height={Math.max(180, charted.length * 44 + 72)}
            />
            {charted.length < rows.length && (
              <p class="mf-muted sv-note">图中为以{unit ? UNIT_LABELS[unit] : ''}计的时限，其他单位见右表。</p>
            )}
          </div>
          <table class="sv-table" aria-label="办理用时（按部门）">
            <thead>
              <tr>
                <th scope="col">部门</th>
                <th scope="col" class="sv-num">
                  办结环节
                </th>
                <th scope="col" class="sv-num">
                  超时
                </th>
                <th scope="col" class="sv-num">
                  按时率
                </th>
                <th scope="col" class="sv-num">
                  平均用时
                </th>
                <th scope="col" class="sv-num" title={P90_NOTE}>
                  P90 用时
                </th>
                <th scope="col" class="sv-num">
                  最长
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row, index) => (
                <tr key={`${row.key ?? ''}|${row.unit}`}>
                  <th scope="row">{labels[index]}</th>
                  <td class="sv-num">
                    <Count
                      title={STEP_CASES}
                      value={row.finished}
                      href={steps(row)}
                      label={`${labels[index]} 办结环节 ${row.finished} 个`}
                    />
                  </td>
                  <td class="sv-num">
                    <Count
                      title={STEP_CASES}
                      value={row.late}
                      href={steps(row, false)}
                      label={`${labels[index]} 超时 ${row.late} 个`}
                    />
                  </td>
                  <td class="sv-num">
                    <Count
                      title={STEP_CASES}
                      value={row.finished}
                      text={percent(row.onTimeRate)}
                      href={steps(row)}
                      label={`${labels[index]} 按时率 ${percent(row.onTimeRate)}`}
                    />
                  </td>
                  <UsedCell
                    what="平均用时"
                    used={row.averageUsed}
                    row={row}
                    rowLabel={labels[index]!}
                    href={steps(row)}
                    title={STEP_CASES}
                  />
                  <UsedCell
                    what="P90 用时"
                    used={row.p90Used}
                    row={row}
                    rowLabel={labels[index]!}
                    href={steps(row)}
                    title={STEP_CASES}
                  />
                  <UsedCell
                    what="最长用时"
                    used={row.maxUsed}
                    row={row}
                    rowLabel={labels[index]!}
                    href={steps(row)}
                    title={STEP_CASES}
                  />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p class="mf-muted sv-note">{P90_NOTE}。</p>
    </section>
  );
}

/** A handling time of a row, in the row's unit, linking to the cases the row counts. */
function UsedCell({
  what,
  used,
  row,
  rowLabel,
  href,
  title,
}: {
  what: string;
  used: number;
  row: PerformanceRow;
  rowLabel: string;
  href: string;
  title?: string;
}) {
  const text = `${amount(used)} ${UNIT_LABELS[row.unit]}`;
  return (
    <td class="sv-num">
      <Count title={title} value={row.finished} text={text} href={href} label={`${rowLabel} ${what} ${text}`} />
    </td>
  );
}
