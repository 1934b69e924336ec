import { scoreDateD1, scoreDateD2 } from './date';
import type { RuleOutcome } from './outcome';
import { scoreQualitative } from './qualitative';
import { scoreQuantitative } from './quantitative';
import { denoise, num, pts } from './rounding';
import { explain, ruleOf } from './rule-sets';
import type { IndicatorScore, IndicatorScoreInput, ProblemCode, RuleCode, RuleSet, ScoreProblem } from './types';

/**
 * How a problem weighs: 'invalid' voids the row's score (status invalid, no score); 'blocking' keeps the score but
 * stops the card from being finalised; 'info' only informs (a weighted 不适用 row is rescaled, domain.md §4.4).
 */
export const PROBLEM_CLASS: Readonly<Record<ProblemCode, 'invalid' | 'blocking' | 'info'>> = Object.freeze({
  noWeight: 'invalid',
  actualKind: 'invalid',
  badActual: 'invalid',
  badTarget: 'invalid',
  noDueDate: 'invalid',
  badDate: 'invalid',
  plannedDuration: 'invalid',
  bandRange: 'invalid',
  deductionInvalid: 'invalid',
  deductionTooLarge: 'invalid',
  deductionNotOver: 'invalid',
  deductionReason: 'invalid',
  adjustmentRange: 'invalid',
  adjustmentReason: 'invalid',
  missingActual: 'blocking',
  overReason: 'blocking',
  naWeighted: 'info',
});

const blank = (s: string | undefined) => (s ?? '').trim() === '';

type Head = Pick<IndicatorScore, 'id' | 'name' | 'level1' | 'level2' | 'weightCp'>;

/** A row's figures and problems with the bare formula: what scoreIndicator explains and rowFigures sums. */
export type RowFigures = Omit<IndicatorScore, keyof Head | 'explanation'> & { rule: Exclude<RuleCode, 'budget'>; formula: string };

function unscored(rule: Exclude<RuleCode, 'budget'>, status: IndicatorScore['status'], formula: string, problems: ScoreProblem[]): RowFigures {
  return { rule, status, ruleScoreCp: null, scoreCp: null, ratio: null, over: false, penaltyCp: 0, formula, problems };
}

function applyRule(rule: Exclude<RuleCode, 'na' | 'budget'>, input: IndicatorScoreInput, w: number, rules: RuleSet, year: number, ex: boolean): RuleOutcome {
  if (rule === 'qualitative') return scoreQualitative(input.actual, w, rules, ex);
  if (rule === 'dateD1') return scoreDateD1(input.target, input, w, rules, year, ex);
  if (rule === 'dateD2') return scoreDateD2(input.target, input, w, year, ex);
  return scoreQuantitative(rule, input.target, input.actual, w, ex);
}

/**
 * One row of the 自评表 (domain.md §4.2–4.7): the rule score rounded once, then the evaluator's deduction or reasoned
 * adjustment, the over-achievement flag (a/t ≥ 1.2: explanation required, no automatic deduction) and, in the
 * 一体化 profile, the −2 deviation penalty. ≥800 人次 with 720, w=4 → 3.60.
 */
export function scoreIndicator(input: IndicatorScoreInput, rules: RuleSet, ctx: { year: number }): IndicatorScore {
  const { rule, formula, ...f } = rowFigures(input, rules, ctx, true);
  return {
    id: input.id,
    name: input.name,
    level1: input.level1,
    level2: input.level2,
    weightCp: input.weightCp,
    status: f.status,
    ruleScoreCp: f.ruleScoreCp,
    scoreCp: f.scoreCp,
    ratio: f.ratio,
    over: f.over,
    penaltyCp: f.penaltyCp,
    explanation: explain(rule, formula),
    problems: f.problems,
  };
}

/**
 * The one body of a row's score (scoreIndicator is this plus its explanation). With `ex` false no formula text is
 * built (formula is '' or a fixed phrase): the district scores 1,000 plans with it and reads only the figures, which
 * come from the very same branches as the explained card's.
 */
export function rowFigures(input: IndicatorScoreInput, rules: RuleSet, ctx: { year: number }, ex: boolean): RowFigures {
  const rule = ruleOf(input.target, rules);
  const wIn = input.weightCp;
  if (rule === 'na') {
    // Not scored; a weight left on it is rescaled away at the card level (§4.4).
    const problems: ScoreProblem[] = Number(wIn) > 0 ? [{ code: 'naWeighted', params: { weightCp: Number(wIn) } }] : [];
    return unscored(rule, 'na', '不适用，不计分', problems);
  }
  const problems: ScoreProblem[] = [];
  // Every applicable weight must be a whole centi-point > 0 (FASP2 isCheckWeightGtZero, domain.md §2.5); null is not.
  const weightOk = Number.isInteger(wIn) && Number(wIn) > 0;
  if (!weightOk) problems.push({ code: 'noWeight' });
  if (input.actual.kind === 'missing') {
    problems.push({ code: 'missingActual' });
    return unscored(rule, statusOf(problems), '缺少实际完成值', problems);
  }
  if (!weightOk) return unscored(rule, 'invalid', '未设有效分值', problems);

  const w = Number(wIn);
  const out = applyRule(rule, input, w, rules, ctx.year, ex);
  for (const p of out.problems) problems.push(p);
  const ruleCp = out.cp;
  // No ratio (t = 0) reads as 0: never over.
  const over = rule === 'positive' && Number(out.ratio) >= rules.overRatio;
  let formula = out.formula;

  // 0 (or none) is no deduction; anything else must be whole centi-points, on an over-achieved row, with a reason.
  const d = input.deductionCp ?? 0;
  if (!Number.isInteger(d) || d < 0) problems.push({ code: 'deductionInvalid' });
  else if (d > 0) {
    if (ruleCp !== null && d > ruleCp) problems.push({ code: 'deductionTooLarge', params: { max: ruleCp } });
    if (!over) problems.push({ code: 'deductionNotOver' });
    if (blank(input.deductionReason)) problems.push({ code: 'deductionReason' });
  }
  const adj = input.adjustment;
  if (adj) {
    // Banded rows stay in their band even when adjusted, or the band check could be sidestepped.
    const allowed = out.band ?? { min: 0, max: w };
    if (!Number.isInteger(adj.scoreCp) || adj.scoreCp < allowed.min || adj.scoreCp > allowed.max) {
      problems.push({ code: 'adjustmentRange', params: { min: allowed.min, max: allowed.max } });
    }
    if (blank(adj.reason)) problems.push({ code: 'adjustmentReason' });
  }
  if (over && blank(input.deviationReason)) problems.push({ code: 'overReason', params: { ratio: out.ratio ?? 0 } });

  const status = statusOf(problems);
  let scoreCp: number | null = null;
  if (status === 'scored' && ruleCp !== null) {
    scoreCp = ruleCp - d;
    if (d !== 0 && ex) formula += `; 调减 ${pts(d)} → ${pts(scoreCp)}`;
    if (adj) {
      scoreCp = adj.scoreCp;
      if (ex) formula += `; 调整为 ${pts(scoreCp)}（${adj.reason.trim()}）`;
    }
  }
  const penalty = rules.deviationPenalty;
  let penaltyCp = 0;
  if (penalty !== null && deviates(rule, out.ratio, status, penalty.ratio)) {
    penaltyCp = penalty.pointsCp;
    if (ex) formula += `; 偏离度 ≥ ${num(penalty.ratio * 100)}% → 总分扣 ${pts(penaltyCp)}`;
  }
  return { rule, status, ruleScoreCp: ruleCp, scoreCp, ratio: out.ratio, over, penaltyCp, formula, problems };
}

/** Invalid if any problem voids the score; missing if the actual is missing; else scored. */
function statusOf(problems: readonly ScoreProblem[]): IndicatorScore['status'] {
  if (problems.length === 0) return 'scored';
  if (problems.some((p) => PROBLEM_CLASS[p.code] === 'invalid')) return 'invalid';
  return problems.some((p) => p.code === 'missingActual') ? 'missing' : 'scored';
}

/**
 * 一体化 platform profile (domain.md §9): a scored positive row deviates when a/t − 1 ≥ limit (650 of 300 → 116.67% ≥
 * 30% → −2 on the total). [U] Only over-achievement counts: a shortfall already loses points by the ratio.
 */
function deviates(rule: RuleCode, ratio: number | null, status: IndicatorScore['status'], limit: number): boolean {
  // No ratio (t = 0) reads as 0, a shortfall: never deviating.
  return rule === 'positive' && status === 'scored' && denoise(Number(ratio) - 1) >= limit;
}
