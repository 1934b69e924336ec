import { toHalfWidth } from './targets/numbers';

/**
 * Points (分值/得分) are kept in integer centi-points (1 分 = 100 cp) so that weights of a level sum exactly
 * (domain.md §9: 产出 50 over 14 indicators → 3.58 × 2 + 3.57 × 12).
 */
export type CentiPoints = number;

/** 358 → "3.58" */
export function formatPoints(cp: CentiPoints): string {
  const neg = cp < 0;
  const abs = Math.abs(Math.round(cp));
  return `${neg ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** "3.58" → 358; "10" → 1000; null for anything else (more than two decimals is refused, not rounded). */
export function parsePoints(text: string): CentiPoints | null {
  const m = /^\s*(\d{1,3})(?:\.(\d{1,2}))?\s*$/.exec(toHalfWidth(text));
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/**
 * Splits `total` centi-points evenly over `n` slots in 0.01 steps, the remainder going one 0.01 at a time to the
 * first slots (domain.md §9). 5000 over 14 → [358, 358, 357 × 12].
 */
export function splitEvenly(total: CentiPoints, n: number): CentiPoints[] {
  if (n <= 0) return [];
  const base = Math.floor(total / n);
  const rest = total - base * n;
  return Array.from({ length: n }, (_, i) => base + (i < rest ? 1 : 0));
}
