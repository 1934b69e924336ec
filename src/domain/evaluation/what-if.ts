import type { IndicatorNode, IsoDate } from '../model';
import type { Actual, MeasureKind } from '../actuals/types';
import { buildRoundForm, type RoundSources } from '../monitoring/round';
import { emptyInputs, type RoundForm } from '../monitoring/round-types';
import type { Assessment } from '../monitoring/progress';
import { addRow, emptySums, scorePlan, totalOf } from '../scoring/plan';
import { rowFigures } from '../scoring/indicator';
import { budgetFigures } from '../scoring/budget';
import type { BudgetScoreInput, Grade, IndicatorScoreInput, RuleSet, ScoreActual, Scorecard } from '../scoring/types';
import { scoreActualFromRound } from './actuals';

export interface WhatIf {
  totalCp: number;
  grade: Grade;
  scored: number;
  unscored: number;
}

/**
 * "If the year ended at today's pace": the score the plan would get with every indicator at its monitoring forecast
 * (linear for counts and money, the current value for rates and surveys, pending deadlines met on time) and the
 * budget at its linear execution forecast. Explanations are not asked for here: this is a preview, not a card.
 */
export function whatIfScore(src: Omit<RoundSources, 'cutoff' | 'inputs'>, asOf: IsoDate, ruleSet: RuleSet, budgetWeightCp: number): WhatIf {
  return whatIfOfForm(buildRoundForm({ ...src, cutoff: asOf, inputs: emptyInputs() }), src.plan.year, ruleSet, budgetWeightCp);
}

/** One 三级 row as the what-if score needs it: the indicator (target in force), its actual and assessment, its forecast. */
export interface PaceRow {
  node: IndicatorNode;
  level1: string;
  level2: string;
  measure: MeasureKind;
  actual: Actual;
  assessment: Pick<Assessment, 'status'>;
  /** the computed 全年预计完成值 (computedForecast), money in fen */
  forecast: number | null;
}

/** The same score from a live round form already built at the cut-off. */
export function whatIfOfForm(form: RoundForm, year: number, ruleSet: RuleSet, budgetWeightCp: number): WhatIf {
  const rows = form.rows.map((r) => ({ ...r, forecast: r.forecast.value }));
  const total = form.funds[0]!;
  return whatIfOfRows(rows, { initialFen: total.initialFen, fullFen: total.fullFen, forecastFen: total.forecastFen }, year, ruleSet, budgetWeightCp);
}

/**
 * The score from the rows and the budget's forecast alone: what the district summary calls for each of 1,000 plans
 * without building their whole monitoring forms (texts, formulas) first. whatIfOfForm is this over a form's rows.
 * Only figures are asked for, so no formula text is built (rowFigures without texts, budgetFigures, totalOf: the
 * same bodies scorePlan explains; a test holds the two equal).
 */
export function whatIfOfRows(
  rows: readonly PaceRow[],
  budget: { initialFen: number; fullFen: number; forecastFen: number | null },
  year: number,
  ruleSet: RuleSet,
  budgetWeightCp: number,
): WhatIf {
  const ctx = { year };
  const sums = emptySums();
  let scored = 0;
  let unscored = 0;
  for (const r of rows) {
    const f = rowFigures(paceInput(r), ruleSet, ctx, false);
    addRow(sums, { status: f.status, scoreCp: f.scoreCp, weightCp: r.node.weightCp, penaltyCp: f.penaltyCp });
    if (f.status === 'scored') scored += 1;
    else if (f.status === 'missing') unscored += 1;
  }
  const t = totalOf(sums, budgetFigures(paceBudget(budget, budgetWeightCp)), ruleSet);
  return { totalCp: t.totalCp, grade: t.grade, scored, unscored };
}

/** The scorecard a what-if score is the total of, with every explanation (whatIfOfRows gives its figures alone). */
export function whatIfCard(
  rows: readonly PaceRow[],
  budget: { initialFen: number; fullFen: number; forecastFen: number | null },
  year: number,
  ruleSet: RuleSet,
  budgetWeightCp: number,
): Scorecard {
  return scorePlan(rows.map(paceInput), paceBudget(budget, budgetWeightCp), ruleSet, { year });
}

function paceBudget(budget: { initialFen: number; fullFen: number; forecastFen: number | null }, weightCp: number): BudgetScoreInput {
  return { initialFen: budget.initialFen, fullFen: budget.fullFen, executedFen: budget.forecastFen ?? 0, weightCp };
}

/** One row as the scoring engine takes it: the target in force and the actual at the year's pace. */
function paceInput(r: PaceRow): IndicatorScoreInput {
  return {
    id: r.node.id,
    name: r.node.name,
    level1: r.level1,
    level2: r.level2,
    target: r.node.target ?? { op: 'QUAL' as const, unit: '', text: r.node.targetText ?? '' },
    weightCp: r.node.weightCp,
    actual: paceActual(r),
    deviationReason: 'what-if',
  };
}

function paceActual(r: PaceRow): ScoreActual {
  if (r.measure === 'deadline') {
    // Done: as done. Not done and not yet due: on pace means on time. Missed: not done.
    if (r.actual.completedOn) return { kind: 'date', done: r.actual.completedOn };
    return r.assessment.status === 'notDone' ? { kind: 'date', done: null } : { kind: 'date', done: r.node.target?.date ?? null };
  }
  if (r.actual.band !== undefined && r.actual.value === null) return { kind: 'band', band: r.actual.band };
  return scoreActualFromRound({ measure: r.measure, node: r.node, forecast: { value: r.forecast } });
}
