import type { TargetSpec } from '../targets/types';
import { failed, type RuleOutcome } from './outcome';
import { denoise, num, pts, roundHalfUpCp } from './rounding';
import type { RuleCode, ScoreActual } from './types';

/**
 * Quantitative rules (定量指标, domain.md §4.2, §4.6). Every actual and target here is a finite number ≥ 0 (checked
 * first), so no formula below can divide by zero or leave [0, w]. Ties and float noise are settled by roundHalfUpCp.
 */

const full = (w: number, formula: string, ratio: number | null): RuleOutcome => ({ cp: w, ratio, formula, problems: [] });
const valid = (x: number | undefined): x is number => typeof x === 'number' && Number.isFinite(x) && x >= 0;

type Quantitative = Extract<RuleCode, 'positive' | 'equalZero' | 'reverseR1' | 'reverseR2' | 'reverseZero' | 'range'>;

/** Dispatches a quantitative rule after checking the actual is a number and the target usable. */
export function scoreQuantitative(rule: Quantitative, target: TargetSpec, actual: ScoreActual, w: number, ex = true): RuleOutcome {
  if (actual.kind !== 'number') return failed('actualKind', { expected: 'number' });
  const a = actual.value;
  if (!valid(a)) return failed('badActual');
  const t = target.value;
  if (!valid(t)) return failed('badTarget');
  switch (rule) {
    case 'positive':
      return positive(a, t, w, target.op === 'GT', ex);
    case 'equalZero':
      return zeroTarget(a, w, '=', '≠', ex);
    case 'reverseZero':
      return zeroTarget(a, w, '≤', '>', ex);
    case 'reverseR1':
      return reverseR1(a, t, w, ex);
    case 'reverseR2':
      return reverseR2(a, t, w, ex);
    default:
      return valid(target.max) && target.max >= t ? range(a, t, target.max, w, ex) : failed('badTarget');
  }
}

/**
 * 720 of ≥800, w=3.58 → 3.22 (财预〔2020〕10号 定量正向 / FASP2 selfpositiveindex: a ≥ t → w, else a/t × w).
 * GT is scored like GE (FASP2 maps signs 1 and 2 to the same rule), so a = t earns full marks. With t = 0 there is
 * no ratio: ≥0 is always met, >0 only by a > 0.
 */
export function positive(a: number, t: number, w: number, strict: boolean, ex = true): RuleOutcome {
  if (t === 0) {
    if (strict && a === 0) return { cp: 0, ratio: null, formula: ex ? `0 > 0 不成立 → ${pts(0)}` : '', problems: [] };
    return full(w, ex ? `${num(a)} ${strict ? '>' : '≥'} 0 → ${pts(w)}` : '', null);
  }
  const ratio = denoise(a / t);
  if (a >= t) return full(w, ex ? `${num(a)} ≥ ${num(t)} → ${pts(w)}` : '', ratio);
  const cp = roundHalfUpCp((a * w) / t);
  return { cp, ratio, formula: ex ? `${num(a)}/${num(t)}×${pts(w)} = ${pts(cp)}` : '', problems: [] };
}

/**
 * Zero targets: EQ 0 (FASP2 selfequalindex: a ≤ 0 ? w : 0) and ≤0 起 事故 (a = 0 → w, else 0; domain.md §4.2).
 * 1 of ≤0, w=4 → 0.
 */
export function zeroTarget(a: number, w: number, met: string, missed: string, ex = true): RuleOutcome {
  if (a === 0) return full(w, ex ? `0 ${met} 0 → ${pts(w)}` : '', null);
  return { cp: 0, ratio: null, formula: ex ? `${num(a)} ${missed} 0 → ${pts(0)}` : '', problems: [] };
}

/** 22 of ≤20, w=5 → 4.50; ≥ 40 → 0 (R1, FASP2 selfreverseindex: linear from w at t to 0 at 2t). LT is scored like LE. */
export function reverseR1(a: number, t: number, w: number, ex = true): RuleOutcome {
  const ratio = denoise(a / t);
  if (a <= t) return full(w, ex ? `${num(a)} ≤ ${num(t)} → ${pts(w)}` : '', ratio);
  if (a >= 2 * t) return { cp: 0, ratio, formula: ex ? `${num(a)} ≥ 2×${num(t)} → ${pts(0)}` : '', problems: [] };
  // (1 − (a − t)/t) × w written as (2t − a) × w / t: one division, so less noise for roundHalfUpCp to remove.
  const cp = roundHalfUpCp(((2 * t - a) * w) / t);
  return { cp, ratio, formula: ex ? `(1−(${num(a)}−${num(t)})/${num(t)})×${pts(w)} = ${pts(cp)}` : '', problems: [] };
}

/** 22 of ≤20, w=5 → 4.55 (R2, 填表说明 [V S3]: 年度指标值/全年实际值 × 分值; a ≤ t → w). */
export function reverseR2(a: number, t: number, w: number, ex = true): RuleOutcome {
  const ratio = denoise(a / t);
  if (a <= t) return full(w, ex ? `${num(a)} ≤ ${num(t)} → ${pts(w)}` : '', ratio);
  const cp = roundHalfUpCp((t * w) / a);
  return { cp, ratio, formula: ex ? `${num(t)}/${num(a)}×${pts(w)} = ${pts(cp)}` : '', problems: [] };
}

/**
 * 72 of 80–90, w=4 → 3.60; 95 → 90/95×4 = 3.79. RANGE is not in the FASP2 enum; "in range = met" [U], below
 * scores like positive against the lower bound, above like R2 against the upper bound (domain.md §2.2).
 */
export function range(a: number, min: number, max: number, w: number, ex = true): RuleOutcome {
  if (a < min) {
    const cp = roundHalfUpCp((a * w) / min);
    return { cp, ratio: null, formula: ex ? `${num(a)}/${num(min)}×${pts(w)} = ${pts(cp)}` : '', problems: [] };
  }
  if (a > max) {
    const cp = roundHalfUpCp((max * w) / a);
    return { cp, ratio: null, formula: ex ? `${num(max)}/${num(a)}×${pts(w)} = ${pts(cp)}` : '', problems: [] };
  }
  return full(w, ex ? `${num(min)} ≤ ${num(a)} ≤ ${num(max)} → ${pts(w)}` : '', null);
}
