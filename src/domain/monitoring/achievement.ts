import type { IsoDate } from '../model';
import type { QualBand } from '../actuals/types';

/**
 * Scoring-style achievement 0..1 of one indicator (score ÷ weight), shared by the monitoring gauges and the
 * per-一级 summaries. Formulas are the decided defaults of domain.md §9 (positive, R1 reverse, D1 dates, 三档).
 */

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

/** positiveAchievement(720, 800) → 0.9 (财预〔2020〕10号 定量正向 / FASP2 selfpositiveindex; EQ scored like GE) */
export function positiveAchievement(a: number, t: number, strict = false): number {
  if (t <= 0) return (strict ? a > t : a >= t) ? 1 : 0;
  return clamp01(a / t);
}

/** reverseAchievement(22, 20) → 0.9 (R1, FASP2 selfreverseindex: linear to 0 at 2× target; ≤0 target: 0 → 1 else 0) */
export function reverseAchievement(a: number, t: number): number {
  if (t <= 0) return a <= 0 ? 1 : 0;
  if (a <= t) return 1;
  if (a >= 2 * t) return 0;
  return 1 - (a - t) / t;
}

/** rangeAchievement(72, 80, 90) → 0.9; inside → 1; above → max ÷ a (RANGE is not in the FASP2 enum, domain.md §2.2 [U]) */
export function rangeAchievement(a: number, min: number, max: number): number {
  if (a >= min && a <= max) return 1;
  if (a < min) return min > 0 ? clamp01(a / min) : 0;
  return a > 0 ? clamp01(max / a) : 0;
}

/**
 * deadlineAchievement('2022-12-31', '2023-01-20', '2023-02-01') → 0.7. Rule D1 (domain.md §4.7, §9): a deadline is
 * scored like a qualitative row — on time 达成 (1), late 部分达成 (0.7), not done by the cut-off 未达成 (0.3, the
 * band default of §4.3); not yet due and not done → null (not decidable yet).
 */
export function deadlineAchievement(due: IsoDate, done: IsoDate | undefined, asOf: IsoDate): number | null {
  const o = deadlineOutcome(due, done, asOf);
  return o === 'onTime' ? 1 : o === 'late' ? 0.7 : o === 'missed' ? 0.3 : null;
}

/**
 * The due day of a date target: its date, or for 按时完成 / 按期完成 (no date written) the last day of the plan year —
 * one reading for monitoring's lights and the self-evaluation's scores alike.
 */
export const dueDateOf = (target: { date?: IsoDate }, year: number): IsoDate => target.date ?? `${year}-12-31`;

export type DeadlineOutcome = 'onTime' | 'late' | 'missed' | 'pending';

/**
 * The one place that decides a deadline (时效指标 "2022年12月31日前"): done on or before the due day is on time — the
 * due day itself included, since "…前" in a target table means "by" — done after it is late, not done once the due
 * day has passed is missed, and not done before then is still pending.
 * deadlineOutcome('2022-12-31', '2022-12-31', '2023-01-10') → 'onTime'
 */
export function deadlineOutcome(due: IsoDate, done: IsoDate | undefined, asOf: IsoDate): DeadlineOutcome {
  if (done !== undefined) return done <= due ? 'onTime' : 'late';
  return asOf > due ? 'missed' : 'pending';
}

/** bandAchievement('partial') → 0.7 (domain.md §4.3 default suggestions w / 0.7w / 0.3w) */
export function bandAchievement(band: QualBand): number {
  return band === 'achieved' ? 1 : band === 'partial' ? 0.7 : 0.3;
}

/** achievementOf([{ weightCp: 300, achievement: 1 }, { weightCp: 100, achievement: 0.5 }]) → 0.875; null when nothing counts */
export function achievementOf(items: readonly { weightCp: number | null; achievement: number | null }[]): number | null {
  let sum = 0;
  let weight = 0;
  for (const it of items) {
    // Undecided rows (pending deadlines, no data yet) and unweighted rows neither help nor hurt the gauge.
    if (it.achievement === null || it.weightCp === null || !(it.weightCp > 0)) continue;
    sum += it.achievement * it.weightCp;
    weight += it.weightCp;
  }
  return weight > 0 ? sum / weight : null;
}
