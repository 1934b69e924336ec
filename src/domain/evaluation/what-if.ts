import type { IsoDate } from '../model';
import { buildRoundForm, type RoundSources } from '../monitoring/round';
import { emptyInputs, type RoundRow } from '../monitoring/round-types';
import { scorePlan } from '../scoring/plan';
import type { Grade, RuleSet, ScoreActual } from '../scoring/types';
import { scoreActualFromRound } from './actuals';

/**
 * "If the year ended at today's pace": the score the plan would get with every indicator at its monitoring forecast
 * (linear for counts and money, the current value for rates and surveys, pending deadlines met on time) and the
 * budget at its linear execution forecast. Explanations are not asked for here: this is a preview, not a card.
 */
export function whatIfScore(src: Omit<RoundSources, 'cutoff' | 'inputs'>, asOf: IsoDate, ruleSet: RuleSet, budgetWeightCp: number): { totalCp: number; grade: Grade; scored: number; unscored: number } {
  const form = buildRoundForm({ ...src, cutoff: asOf, inputs: emptyInputs() });
  const inputs = form.rows.map((r) => ({
    id: r.node.id,
    name: r.node.name,
    level1: r.level1,
    level2: r.level2,
    target: r.node.target ?? { op: 'QUAL' as const, unit: '', text: r.targetText },
    weightCp: r.node.weightCp,
    actual: paceActual(r),
    deviationReason: 'what-if',
  }));
  const total = form.funds[0]!;
  const card = scorePlan(inputs, { initialFen: total.initialFen, fullFen: total.fullFen, executedFen: total.forecastFen ?? 0, weightCp: budgetWeightCp }, ruleSet, { year: src.plan.year });
  const scored = card.rows.filter((r) => r.status === 'scored').length;
  return { totalCp: card.totalCp, grade: card.grade, scored, unscored: card.rows.filter((r) => r.status === 'missing').length };
}

function paceActual(r: RoundRow): ScoreActual {
  if (r.measure === 'deadline') {
    // Done: as done. Not done and not yet due: on pace means on time. Missed: not done.
    if (r.actual.completedOn) return { kind: 'date', done: r.actual.completedOn };
    return r.assessment.status === 'notDone' ? { kind: 'date', done: null } : { kind: 'date', done: r.node.target?.date ?? null };
  }
  if (r.actual.band !== undefined && r.actual.value === null) return { kind: 'band', band: r.actual.band };
  return scoreActualFromRound(r);
}
