/** Benchmark figures: printed as a table, and collected for the README. */
export interface Figure {
  readonly section: string;
  readonly name: string;
  readonly value: number;
  readonly unit?: string;
}

export function report(section: string, figures: ReadonlyArray<Omit<Figure, 'section'>>): Figure[] {
  const rows = figures.map((f) => ({ section, ...f }));
  for (const row of rows)
    console.log(`${section.padEnd(36)} ${row.name.padEnd(34)} ${format(row.value)}${row.unit ? ` ${row.unit}` : ''}`);
  return rows;
}

export function format(value: number): string {
  return value >= 100 ? Math.round(value).toLocaleString('en-US') : value.toFixed(2);
}

/** Peak resident set size of this process so far, in MiB. */
export function peakRssMiB(): number {
  return process.resourceUsage().maxRSS / 1024;
}
