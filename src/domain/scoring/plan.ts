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
  const sums = emptySums();
  for (const r of rows) addRow(sums, r);
  const t = totalOf(sums, budget, rules);
  const { rawTotalCp, naWeightCp, penaltyCp, totalCp } = t;
  const naRescale = t.rescaledCp === null ? null : { naWeightCp, factor: TOTAL_POINTS_CP / (TOTAL_POINTS_CP - naWeightCp), explanation: rescaleText(rawTotalCp, naWeightCp, t.rescaledCp) };
  const cap = t.cap === null ? null : { maxTotalCp: t.cap.maxTotalCp, explanation: capText(budget.rate!, t.cap) };

  const blocking = blockingOf(rows, budget);
  return {
    ruleSetId: rules.id,
    ruleSetVersion: rules.version,
    rows,
    groups: groupsOf(rows),
    budget,
    naRescale,
    penaltyCp,
    cap,
    rawTotalCp,
    totalCp,
    grade: t.grade,
    complete: blocking.length === 0,
    blocking,
  };
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/** Running sums of a card's rows: what its total is made of. */
export interface RowSums {
  scoreCp: number;
  naWeightCp: number;
  penaltyCp: number;
}

export const emptySums = (): RowSums => ({ scoreCp: 0, naWeightCp: 0, penaltyCp: 0 });

/** Adds one row to the sums: its counted score, its weight when 不适用 and its 一体化 penalty. */
export function addRow(sums: RowSums, r: Pick<IndicatorScore, 'status' | 'scoreCp' | 'weightCp' | 'penaltyCp'>): void {
  sums.scoreCp += r.scoreCp ?? 0;
  if (r.status === 'na') sums.naWeightCp += r.weightCp ?? 0;
  sums.penaltyCp += r.penaltyCp;
}

/**
 * The total of a card from its row sums and budget score, in the order of scorePlan: Σ + budget, the 不适用 rescale, the
 * 一体化 penalty and cap, the grade. scorePlan and the lean district total both end here.
 */
export function totalOf(sums: RowSums, budget: { rate: number | null; scoreCp: number }, rules: RuleSet) {
  const rawTotalCp = sums.scoreCp + budget.scoreCp;
  const naWeightCp = sums.naWeightCp;
  const rescaledCp = rescaleOf(rawTotalCp, naWeightCp);
  const afterPenaltyCp = Math.max(0, (rescaledCp ?? rawTotalCp) - sums.penaltyCp);
  const cap = capOf(budget.rate, rules);
  const totalCp = cap === null ? afterPenaltyCp : Math.min(afterPenaltyCp, cap.maxTotalCp);
  return { rawTotalCp, naWeightCp, rescaledCp, penaltyCp: sums.penaltyCp, cap, totalCp, grade: gradeOf(totalCp, rules.grades) };
}

/**
 * §4.4 [V S3] "用适用指标得分汇总后按百分制折算": total = Σscore / (100 − Σw_NA) × 100, rounded half-up once.
 * 89.00 with 4.00 on 不适用 rows → 89.00/96.00×100 = 92.71. Nothing to rescale when no NA weight (or all of it is NA).
 */
function rescaleOf(rawCp: number, naCp: number): number | null {
  const applicableCp = TOTAL_POINTS_CP - naCp;
  if (naCp <= 0 || applicableCp <= 0) return null;
  return mulDivHalfUp(rawCp, TOTAL_POINTS_CP, applicableCp);
}

function rescaleText(rawCp: number, naCp: number, totalCp: number): string {
  return `不适用指标分值 ${pts(naCp)}：${pts(rawCp)}/(100.00−${pts(naCp)})×100 = ${pts(totalCp)}`;
}

/**
 * 一体化 platform profile (domain.md §9): the strictest cap whose threshold the 执行率 is below (exactly 80% is not
 * below 80%). 75% → total ≤ 89.00. No rate (no budget) → no cap.
 */
function capOf(rate: number | null, rules: RuleSet): { belowRate: number; maxTotalCp: number } | null {
  if (rate === null || rules.budgetCaps.length === 0) return null;
  const hits = rules.budgetCaps.filter((c) => rate < c.belowRate);
  if (hits.length === 0) return null;
  // The lowest threshold the rate is below and the lowest cap among those hit (the same row in every published set).
  return { belowRate: Math.min(...hits.map((c) => c.belowRate)), maxTotalCp: Math.min(...hits.map((c) => c.maxTotalCp)) };
}

function capText(rate: number, cap: { belowRate: number; maxTotalCp: number }): string {
  return `预算执行率 ${percent(rate)} < ${num(cap.belowRate * 100)}% → 总分不超过 ${pts(cap.maxTotalCp)}`;
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
