/**
 * Row spans of merged 一级/二级 cells: the length of each run of equal keys on the run's first item, 0 on the rest.
 * runSpans(['产出', '产出', '效益'], (x) => x) → [2, 0, 1]
 */
export function runSpans<T>(items: readonly T[], key: (t: T) => string): number[] {
  const out = items.map(() => 0);
  let start = 0;
  for (let i = 1; i <= items.length; i++) {
    if (i === items.length || key(items[i]!) !== key(items[start]!)) {
      out[start] = i - start;
      start = i;
    }
  }
  return out;
}
