/** A 1-based position in an XML text. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

/**
 * The position named in a moddle-xml message (`line: 4 \n column: 2`, both 0-based), made
 * 1-based; null when the message names none.
 */
export function positionInMessage(message: string): Position | null {
  const match = /line: (\d+)\s+column: (\d+)/.exec(message);
  if (!match) return null;
  return { line: Number(match[1]) + 1, column: Number(match[2]) + 1 };
}

/**
 * Positions of every `id="…"` attribute in the text, first occurrence wins. Findings use it to
 * point at the element they name; one linear scan, run only when there are findings to place.
 */
export function idPositions(text: string): ReadonlyMap<string, Position> {
  const offsets = new Map<string, number>();
  const pattern = /\sid\s*=\s*(?:"([^"<]*)"|'([^'<]*)')/g;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const id = match[1] ?? match[2] ?? '';
    if (!offsets.has(id)) offsets.set(id, tagStart(text, match.index));
  }
  return linePositions(text, offsets);
}

function tagStart(text: string, offset: number): number {
  const start = text.lastIndexOf('<', offset);
  return start === -1 ? offset : start;
}

function linePositions(text: string, offsets: ReadonlyMap<string, number>): ReadonlyMap<string, Position> {
  const sorted = [...offsets].sort((a, b) => a[1] - b[1]);
  const result = new Map<string, Position>();
  let line = 1;
  let lineStart = 0;
  let cursor = 0;
  for (const [id, offset] of sorted) {
    for (let i = text.indexOf('\n', cursor); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
      line += 1;
      lineStart = i + 1;
    }
    cursor = lineStart;
    result.set(id, { line, column: offset - lineStart + 1 });
  }
  return result;
}
