import type { Grade, GradeBands } from './types';

/** 优 ≥ 90, 良 ≥ 80, 中 ≥ 60, 差 < 60 with inclusive lower bounds (domain.md §4.8 [V S1], §9). */
export const DEFAULT_GRADE_BANDS: Readonly<GradeBands> = Object.freeze({ excellentCp: 9000, goodCp: 8000, fairCp: 6000 });

export const GRADE_LABELS: Readonly<Record<Grade, string>> = Object.freeze({
  excellent: '优',
  good: '良',
  fair: '中',
  poor: '差',
});

/** 9000 → 'excellent'; 8999 → 'good'; 5999 → 'poor' (inclusive lower bounds, never the vendor's strict > 90). */
export function gradeOf(totalCp: number, bands: GradeBands): Grade {
  if (totalCp >= bands.excellentCp) return 'excellent';
  if (totalCp >= bands.goodCp) return 'good';
  if (totalCp >= bands.fairCp) return 'fair';
  return 'poor';
}
