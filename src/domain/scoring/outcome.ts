import type { ScoreProblem } from './types';

/** Inclusive centi-point range a manual score must stay in. */
export interface CpRange {
  min: number;
  max: number;
}

/** What one rule says about one row, before deductions and adjustments. */
export interface RuleOutcome {
  /** Rule score in centi-points; null when the inputs do not allow one (see problems). */
  cp: number | null;
  /** a/t on quantitative rows with t > 0, else null. */
  ratio: number | null;
  formula: string;
  problems: ScoreProblem[];
  /** Banded rows (qualitative, D1 dates): the band an adjustment must stay in (FASP2 selfqualscorecheck). */
  band?: CpRange;
}

/** A rule could not score the row: 'badTarget' → { cp: null, formula: '无法计分', problems: [badTarget] } */
export function failed(code: ScoreProblem['code'], params?: ScoreProblem['params']): RuleOutcome {
  return { cp: null, ratio: null, formula: '无法计分', problems: [params ? { code, params } : { code }] };
}
