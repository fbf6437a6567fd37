/**
 * A one-line progress bar on a terminal, redrawn in place with \r: `verify --all` over many
 * cases. Silent when the stream is not a TTY (CI, pipes, files), so logs never fill with it.
 */

/** Where a progress bar draws: stderr in practice. */
export interface ProgressStream {
  readonly isTTY?: boolean;
  readonly columns?: number;
  write(text: string): unknown;
}

export interface Progress {
  /** `done` of the total are finished. */
  update(done: number): void;
  /** Clear the line (before the summary is printed). */
  stop(): void;
}

const SILENT: Progress = { update: () => undefined, stop: () => undefined };

/** A bar for `total` steps on `stream`, or a silent one when the stream is not a TTY. */
export function progressBar(stream: ProgressStream, total: number, label: string): Progress {
  if (!stream.isTTY || total <= 0) return SILENT;
  let last = '';
  return {
    update(done) {
      const width = Math.max(10, Math.min(40, (stream.columns ?? 80) - label.length - 30));
      const ratio = Math.min(1, done / total);
      const filled = Math.round(ratio * width);
      const line = `${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} ${Math.floor(ratio * 100)}%`;
      if (line === last) return;
      last = line;
      stream.write(`\r${line}`);
    },
    stop() {
      if (last !== '') stream.write(`\r${' '.repeat(last.length)}\r`);
    },
  };
}
