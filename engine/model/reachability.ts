/**
 * For every node, the nodes it can reach by following `successors`. A node reaches itself only
 * when it lies on a cycle. Successors must stay within one scope (sequence flows never cross a
 * scope), and the callers pass activity -> boundary-event edges too, since a token in an
 * activity may leave through any of its boundary events.
 *
 * One depth-first search per node: quadratic, so scope sizes are capped (limits.ts).
 */
export function computeReachability(
  nodes: readonly string[],
  successors: (id: string) => readonly string[],
): Map<string, ReadonlySet<string>> {
  const result = new Map<string, ReadonlySet<string>>();
  for (const start of nodes) result.set(start, reachableFrom(start, successors));
  return result;
}

function reachableFrom(start: string, successors: (id: string) => readonly string[]): ReadonlySet<string> {
  const seen = new Set<string>();
  const stack = [...successors(start)];
  while (stack.length > 0) {
    const next = stack.pop() as string;
    if (seen.has(next)) continue;
    seen.add(next);
    for (const after of successors(next)) if (!seen.has(after)) stack.push(after);
  }
  return seen;
}
