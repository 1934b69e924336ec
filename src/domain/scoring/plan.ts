import { TOTAL_POINTS_CP } from '../model';
import { scoreBudget } from './budget';
import { gradeOf } from './grade';
import { PROBLEM_CLASS, scoreIndicator } from './indicator';
import { mulDivHalfUp, num, percent, pts } from './rounding';
import type { BudgetScore, BudgetScoreInput, GroupScore, IndicatorScore, IndicatorScoreInput, RuleSet, Scorecard } from './types';

/**
 * The whole 自评表 (domain.md §4.8, §4.4, §9): total = Σ rounded row scores + budget score; then, in this order,
 * the 不适用 rescale to 100, the 一体化 deviation penalty and the 一体化 budget cap. Seed card of §4.10 → 97.00 优.
 */
export function scorePlan(
  inputs: readonly IndicatorScoreInput[],
  budgetInput: BudgetScoreInput,
  rules: RuleSet,
  ctx: { year: number },
): Scorecard {
  const rows = inputs.map((i) => scoreIndicator(i, rules, ctx));
  const budget = scoreBudget(budgetInput, rules);
  const rawTotalCp = sum(rows.map((r) => r.scoreCp ?? 0)) + budget.scoreCp;

  const naWeightCp = sum(rows.filter((r) => r.status === 'na').map((r) => r.weightCp ?? 0));
  const naRescale = rescaleOf(rawTotalCp, naWeightCp);
  const rescaledCp = naRescale === null ? rawTotalCp : naRescale.totalCp;

  const penaltyCp = sum(rows.map((r) => r.penaltyCp));
  const afterPenaltyCp = Math.max(0, rescaledCp - penaltyCp);
  const cap = capOf(budget.rate, rules);
  const totalCp = cap === null ? afterPenaltyCp : Math.min(afterPenaltyCp, cap.maxTotalCp);

  const blocking = blockingOf(rows, budget);
  return {
    ruleSetId: rules.id,
    ruleSetVersion: rules.version,
    rows,
    groups: groupsOf(rows),
    budget,
    naRescale: naRescale && { naWeightCp, factor: naRescale.factor, explanation: naRescale.explanation },
    penaltyCp,
    cap,
    rawTotalCp,
    totalCp,
    grade: gradeOf(totalCp, rules.grades),
    complete: blocking.length === 0,
    blocking,
  };
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/**
 * §4.4 [V S3] "用适用指标得分汇总后按百分制折算": total = Σscore / (100 − Σw_NA) × 100, rounded half-up once.
 * 89.00 with 4.00 on 不适用 rows → 89.00/96.00×100 = 92.71. Nothing to rescale when no NA weight (or all of it is NA).
 */
function rescaleOf(rawCp: number, naCp: number): null | { totalCp: number; factor: number; explanation: string } {
  const applicableCp = TOTAL_POINTS_CP - naCp;
  if (naCp <= 0 || applicableCp <= 0) return null;
  const totalCp = mulDivHalfUp(rawCp, TOTAL_POINTS_CP, applicableCp);
  const explanation = `不适用指标分值 ${pts(naCp)}：${pts(rawCp)}/(100.00−${pts(naCp)})×100 = ${pts(totalCp)}`;
  return { totalCp, factor: TOTAL_POINTS_CP / applicableCp, explanation };
}

/**
 * 一体化 platform profile (domain.md §9): the strictest cap whose threshold the 执行率 is below (exactly 80% is not
 * below 80%). 75% → total ≤ 89.00. No rate (no budget) → no cap.
 */
function capOf(rate: number | null, rules: RuleSet): Scorecard['cap'] {
  if (rate === null) return null;
  const hits = rules.budgetCaps.filter((c) => rate < c.belowRate);
  if (hits.length === 0) return null;
  // The lowest threshold the rate is below and the lowest cap among those hit (the same row in every published set).
  const belowRate = Math.min(...hits.map((c) => c.belowRate));
  const maxTotalCp = Math.min(...hits.map((c) => c.maxTotalCp));
  return { maxTotalCp, explanation: `预算执行率 ${percent(rate)} < ${num(belowRate * 100)}% → 总分不超过 ${pts(maxTotalCp)}` };
}

/** 一级 subtotals in first-seen order: 产出 48.06 of 50.00 on the §4.10 card. Unscored rows add 0. */
function groupsOf(rows: readonly IndicatorScore[]): GroupScore[] {
  const groups = new Map<string, GroupScore>();
  for (const r of rows) {
    const g = groups.get(r.level1) ?? { name: r.level1, weightCp: 0, scoreCp: 0, rows: [] };
    g.weightCp += r.weightCp ?? 0;
    g.scoreCp += r.scoreCp ?? 0;
    g.rows.push(r);
    groups.set(r.level1, g);
  }
  return [...groups.values()];
}

/** Every row problem that is not mere information, plus weights not adding to 100 and a weighted budget without one. */
function blockingOf(rows: readonly IndicatorScore[], budget: BudgetScore): Scorecard['blocking'] {
  const out: Scorecard['blocking'] = [];
  for (const r of rows) {
    for (const p of r.problems) if (PROBLEM_CLASS[p.code] !== 'info') out.push({ id: r.id, name: r.name, code: p.code });
  }
  // Weighted 不适用 rows count here: they are what the §4.4 rescale takes back out of the 100.
  const weightsCp = sum(rows.map((r) => r.weightCp ?? 0)) + budget.weightCp;
  if (weightsCp !== TOTAL_POINTS_CP) out.push({ id: 'weights', name: '分值合计', code: 'weightsTotal' });
  if (budget.rate === null && budget.weightCp > 0) out.push({ id: 'budget', name: '预算执行率', code: 'noBudget' });
  return out;
}
