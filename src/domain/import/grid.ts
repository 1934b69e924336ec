import type { CellRange } from './types';

/**
 * A sheet with its merges spread out: every covered cell reads its master's text, and `origin` says which column the
 * text came from, so a 二级 cell merged across the 三级 column is not mistaken for a 三级 name.
 */
export interface FilledGrid {
  rows: string[][];
  /** origin[r][c] = column of the master cell covering (r, c); c itself when not covered. */
  origin: number[][];
  width: number;
}

/**
 * fillMerges([['产出', 'a'], ['', 'b']], [{ top: 0, left: 0, bottom: 1, right: 0 }]) → rows [['产出', 'a'], ['产出', 'b']].
 * Ranges are clipped to the grid (a merge reaching past the data covers nothing more) and a range overlapping an
 * earlier one is ignored where they overlap, as Excel refuses such files anyway.
 */
export function fillMerges(raw: readonly (readonly string[])[], merges: readonly CellRange[]): FilledGrid {
  const width = raw.reduce((w, r) => Math.max(w, r.length), 0);
  const rows = raw.map((r) => Array.from({ length: width }, (_, c) => r[c] ?? ''));
  const origin = rows.map((r) => r.map((_, c) => c));
  const covered = rows.map((r) => r.map(() => false));
  for (const m of merges) {
    const top = Math.max(0, m.top);
    const left = Math.max(0, m.left);
    if (top >= rows.length || left >= width) continue;
    const bottom = Math.min(rows.length - 1, m.bottom);
    const right = Math.min(width - 1, m.right);
    const text = rows[top]![left]!;
    for (let r = top; r <= bottom; r++) {
      for (let c = left; c <= right; c++) {
        if (r === top && c === left) continue;
        if (covered[r]![c]) continue;
        covered[r]![c] = true;
        rows[r]![c] = text;
        origin[r]![c] = left;
      }
    }
  }
  return { rows, origin, width };
}

/**
 * Text as a name is kept: trimmed, line breaks and PDF/Excel wrapping spaces dropped between Chinese characters, one
 * space kept between Latin words, Kangxi radicals folded (⽇ → 日). cleanName(' 开展职工\n活动 ') → '开展职工活动'.
 */
export function cleanName(raw: string): string {
  return raw
    .replace(/[\u2E80-\u2FDF]/g, (c) => c.normalize('NFKC'))
    .replace(/[\u3000\s]+/g, (m, at: number, all: string) =>
      /[A-Za-z0-9]/.test(all[at - 1] ?? '') && /[A-Za-z0-9]/.test(all[at + m.length] ?? '') ? ' ' : '',
    )
    .trim();
}

/** 0 → 'A', 25 → 'Z', 26 → 'AA'. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/**
 * A row's non-empty cells, each as `tidy` leaves it, a merged cell's repeats counted once (a title merged across the
 * row is one text): rowTexts(['标题', '标题', '', ' 注 ']) → ['标题', '注'].
 */
export function rowTexts(row: readonly string[], tidy: (s: string) => string = (s) => s.trim()): string[] {
  const out: string[] = [];
  for (const cell of row) {
    const t = tidy(cell);
    if (t !== '' && out[out.length - 1] !== t) out.push(t);
  }
  return out;
}

/** A row's text for a message, at most `max` characters. */
export function rowSnippet(row: readonly string[], max = 60): string {
  const s = rowTexts(row, (c) => c.replace(/\s+/g, ' ').trim()).join(' | ');
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}
