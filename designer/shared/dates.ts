/** Dates as people type them in the workspace's date fields (no browser globals: Node tests use it). */

/**
 * A date as people type it — 2026-11-02, 2026/11/2, 2026.11.2, 2026年11月2日, 20261102 — as
 * `YYYY-MM-DD`, or null when it is not a real date. Date fields are text in 年-月-日 order (a
 * browser's own date input shows its own locale's order, mm/dd/yyyy in an English one).
 */
export function parseDate(text: string): string | null {
  const match =
    /^\s*(\d{4})\s*(?:[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?|(\d{2})(\d{2}))\s*$/u.exec(text) ?? null;
  if (!match) return null;
  const [year, month, day] = [match[1], match[2] ?? match[4], match[3] ?? match[5]].map(Number) as [
    number,
    number,
    number,
  ];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** `YYYY-MM-DD HH:mm` from what was typed (the date as parseDate reads it), or null. */
export function parseDateTime(text: string): string | null {
  const match = /^\s*(.+?)[\sT]+(\d{1,2})[:：时](\d{2})分?\s*$/u.exec(text);
  if (!match) return null;
  const date = parseDate(match[1] ?? '');
  const [hour, minute] = [Number(match[2]), Number(match[3])];
  if (!date || hour > 23 || minute > 59) return null;
  return `${date} ${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}
