import { formatPoints } from '../points';

/**
 * Rounding of scores (domain.md §9: each indicator score rounded half-up to 0.01 once; totals are sums of rounded
 * scores). Scores are centi-points, so "to 0.01 分" is "to a whole centi-point".
 */

/**
 * Drops binary floating-point noise by keeping 12 significant digits, far more than any target, actual or weight
 * carries: 100.49999999999999 → 100.5, 244.99999999999997 → 245, 0.30000000000000004 → 0.3.
 */
export function denoise(x: number): number {
  return Number(x.toPrecision(12));
}

/**
 * 322.2 → 322; 1.005 × 100 (= 100.49999999999999 in floating point) → 101; −0.5 → −1.
 * Half-up in the sense of FASP2 round(x, 2) / BigDecimal HALF_UP: ties go away from zero. Never returns −0.
 */
export function roundHalfUpCp(x: number): number {
  const r = Math.floor(denoise(Math.abs(x)) + 0.5);
  return (x < 0 ? -r : r) + 0;
}

/**
 * mulDivHalfUp(7, 1, 2) → 4; (1_210_000_000, 1000, 1_273_520_000) → 950: exact half-up of a × b ÷ d for integers
 * a, b ≥ 0 and d > 0, in BigInt so neither the product nor the tie can be blurred by floating point (a stray
 * fraction is rounded away first rather than thrown on).
 */
export function mulDivHalfUp(a: number, b: number, d: number): number {
  const [ba, bb, bd] = [a, b, d].map((x) => BigInt(Math.round(x))) as [bigint, bigint, bigint];
  return Number((2n * ba * bb + bd) / (2n * bd));
}

/** A target or actual as a person would write it: 720 → '720', 18.6 → '18.6', 0.1 + 0.2 → '0.3'. */
export function num(x: number): string {
  return String(denoise(x));
}

/** Points with two decimals: 358 → '3.58' (weights and scores in formula texts). */
export const pts = formatPoints;

/** 0.950122 → '95.01%' (half-up to 0.01 %). */
export function percent(rate: number): string {
  return `${formatPoints(roundHalfUpCp(rate * 10000))}%`;
}
