import { failed, type CpRange, type RuleOutcome } from './outcome';
import { num, pts, roundHalfUpCp } from './rounding';
import type { RuleSet, ScoreActual, ScoreBand } from './types';

/**
 * 定性三档 (domain.md §4.3; options and checks FASP2 selfqualscorecheck [C]): 达成 [0.8w, w], 部分达成 [0.6w, 0.8w),
 * 未达成 [0, 0.6w). Bounds are whole centi-points computed exactly on integers: the lowest score of a band is the
 * smallest centi-point not below 0.8w (or 0.6w).
 */

export const BAND_LABELS: Readonly<Record<ScoreBand, string>> = Object.freeze({
  achieved: '达成',
  partial: '部分达成',
  notAchieved: '未达成',
});

/** ⌈n/5⌉ for integers n ≥ 0 without floating point: ceilFifth(4 × 358) → 287. */
const ceilFifth = (n: number) => Math.floor((n + 4) / 5);

/** bandRange('partial', 400) → { min: 240, max: 319 }; ('achieved', 358) → { min: 287, max: 358 } */
export function bandRange(band: ScoreBand, w: number): CpRange {
  const eighty = ceilFifth(4 * w);
  const sixty = ceilFifth(3 * w);
  if (band === 'achieved') return { min: eighty, max: w };
  if (band === 'partial') return { min: sixty, max: eighty - 1 };
  return { min: 0, max: sixty - 1 };
}

/** bandText('partial', 400) → '[2.40, 3.20)': the band as FASP2 prints it (upper bound exclusive below 达成). */
export function bandText(band: ScoreBand, w: number): string {
  const r = bandRange(band, w);
  return band === 'achieved' ? `[${pts(r.min)}, ${pts(w)}]` : `[${pts(r.min)}, ${pts(r.max + 1)})`;
}

/**
 * partial, w=30 → 0.7×30.00 = 21.00 (the band default); partial with scoreCp 2250 → 22.50 if inside [18.00, 24.00),
 * else 'bandRange' {min, max} in centi-points and no score.
 */
export function scoreBand(band: ScoreBand, scoreCp: number | undefined, w: number, rules: RuleSet, prefix = '', ex = true): RuleOutcome {
  const range = bandRange(band, w);
  const label = ex ? `${prefix}${BAND_LABELS[band]}` : '';
  if (scoreCp === undefined) {
    const f = rules.qualDefaults[band];
    const cp = roundHalfUpCp(f * w);
    return { cp, ratio: null, formula: ex ? `${label} → ${num(f)}×${pts(w)} = ${pts(cp)}` : '', problems: [], band: range };
  }
  if (!Number.isInteger(scoreCp) || scoreCp < range.min || scoreCp > range.max) {
    return { ...failed('bandRange', { min: range.min, max: range.max }), band: range };
  }
  return { cp: scoreCp, ratio: null, formula: ex ? `${label} ${bandText(band, w)} → ${pts(scoreCp)}` : '', problems: [], band: range };
}

/** A QUAL row takes a band actual only. */
export function scoreQualitative(actual: ScoreActual, w: number, rules: RuleSet, ex = true): RuleOutcome {
  if (actual.kind !== 'band') return failed('actualKind', { expected: 'band' });
  return scoreBand(actual.band, actual.scoreCp, w, rules, '', ex);
}
