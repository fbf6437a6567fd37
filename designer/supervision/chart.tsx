/**
 * ECharts for the board, only the parts it uses (bar charts on a grid, tooltip, legend, aria,
 * canvas), readable in Chinese: the ZH locale, the workspace's CJK font stack, and an aria label
 * that reads every series and value out (ECharts' aria component), so a figure is accessible and
 * testable. A click on a bar calls `onPick` with the bar's series and category.
 */
import { BarChart, type BarSeriesOption } from 'echarts/charts';
import {
  AriaComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  type AriaComponentOption,
  type GridComponentOption,
  type LegendComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'preact/hooks';

echarts.use([BarChart, GridComponent, TooltipComponent, LegendComponent, AriaComponent, CanvasRenderer]);

export type ChartOption = echarts.ComposeOption<
  BarSeriesOption | GridComponentOption | TooltipComponentOption | LegendComponentOption | AriaComponentOption
>;

/** The element of a chart carries its instance (for tests: `convertToPixel`, then a real click). */
export type ChartElement = HTMLDivElement & { mfChart?: echarts.EChartsType };

export interface Pick {
  readonly seriesName: string;
  readonly seriesIndex: number;
  readonly dataIndex: number;
  /** The category (axis label) of the bar. */
  readonly name: string;
}

/** The font stack of designer/shared/base.css (Noto Sans CJK on Linux). */
const FONT =
  getComputedStyle(document.documentElement).getPropertyValue('--mf-font').trim() || '"Noto Sans CJK SC", sans-serif';

/** A colour of designer/shared/base.css (`--mf-red` …), so the board matches the rest of the workspace. */
export const cssColour = (name: string, fallback: string): string =>
  getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;

export function Chart({
  option,
  onPick,
  testId,
  height,
}: {
  option: ChartOption;
  onPick?: (pick: Pick) => void;
  testId: string;
  height: number;
}) {
  const element = useRef<ChartElement>(null);
  const chart = useRef<echarts.EChartsType | null>(null);

  useEffect(() => {
    const dom = element.current!;
    const instance = echarts.init(dom, null, { renderer: 'canvas', locale: 'ZH' });
    chart.current = instance;
    dom.mfChart = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(dom);
    return () => {
      observer.disconnect();
      delete dom.mfChart;
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const instance = chart.current;
    if (!instance) return;
    instance.setOption(
      {
        textStyle: { fontFamily: FONT },
        aria: { enabled: true, label: { enabled: true, data: { maxCount: 200 } } },
        ...option,
      },
      { notMerge: true },
    );
    instance.off('click');
    if (onPick) {
      instance.on('click', (params) => {
        if (params.componentType !== 'series') return;
        onPick({
          seriesName: String(params.seriesName ?? ''),
          seriesIndex: params.seriesIndex ?? 0,
          dataIndex: params.dataIndex,
          name: String(params.name),
        });
      });
    }
  }, [option, onPick]);

  return <div ref={element} class="sv-chart" data-testid={testId} style={{ height: `${height}px` }} />;
}

/** Room for category labels as long as `labels` (CJK characters are about one font size wide), capped. */
export function labelWidth(labels: readonly string[], fontSize = 12, max = 300): number {
  const longest = labels.reduce((width, label) => Math.max(width, [...label].length), 0);
  return Math.min(max, Math.max(60, longest * (fontSize + 0.5) + 4));
}

/** The grid's left margin for category labels of `width`. */
export const gridLeft = (width: number): number => width + 16;
