/** How the board writes its figures: rates in per cent, times with one decimal and their unit. */
import type { Unit } from './types.js';

export const UNIT_LABELS: Readonly<Record<Unit, string>> = {
  工作日: '工作日',
  自然日: '自然日',
  '小时(工作日)': '小时（工作日）',
  '小时(自然日)': '小时（自然日）',
};

/** 0.8 → "80.0%". */
export const percent = (rate: number): string => `${(rate * 100).toFixed(1)}%`;

/** 3.2 → "3.2"; 4.0714 → "4.1". */
export const amount = (value: number): string => value.toFixed(1);

export const NO_DEPARTMENT = '（未指定部门）';
/** The case's own promised limit when it names no department. */
export const CASE_LIMIT = '（办件总时限，未指定部门）';
export const NO_MATTER = '（未记录事项）';

/** Text for ECharts' HTML tooltips. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
