import type { IsoDate } from '../model';
import type { RoundForm, RoundRow } from '../monitoring/round-types';
import type { RoundSources } from '../monitoring/round';
import { executedBySource, FUND_ROWS, planBudget } from '../budget';
import { actualAsOf } from '../actuals/aggregate';
import { measureOf } from '../actuals/measure';
import { targetInForce } from '../targets/adjustment';
import { buildTree, isApplicable, leaves } from '../targets/tree';
import { scorePlan } from '../scoring/plan';
import type { IndicatorScoreInput, RuleSet, ScoreActual } from '../scoring/types';
import { dateBand, scoreActualFromLog, scoreActualFromRound, scoreActualText } from './actuals';
import { emptyEvalRowInput, type EvalProblem, type EvalRow, type EvaluationForm, type EvaluationInputs } from './types';

export interface EvaluationSources extends Omit<RoundSources, 'cutoff' | 'inputs'> {
  inputs: EvaluationInputs;
  ruleSet: RuleSet;
  /** The day the year is evaluated as of: normally 31 December of the plan year. */
  asOf: IsoDate;
  /** The plan's last submitted monitoring round, for rows the log has nothing for. */
  lastRound?: RoundForm | null;
  /** 预算执行率 weight of the plan (centi-points). */
  budgetWeightCp: number;
}

export const yearEnd = (year: number): IsoDate => `${year}-12-31`;

/** Full marks (and not over-achieved) need no explanation; anything else does (财预〔2020〕10号 偏差原因分析). */
function needsExplanation(row: Pick<EvalRow, 'applicable' | 'score'>): boolean {
  if (!row.applicable) return false;
  const s = row.score;
  return s.over || (s.ruleScoreCp !== null && s.weightCp !== null && s.ruleScoreCp < s.weightCp);
}

/**
 * The 自评表 of a plan (domain.md §4.11): every 三级 indicator with its actual (from the log, else the last submitted
 * round's forecast, or the evaluator's override), its score by the rule set with the explanation, per-一级 subtotals,
 * the budget block and the total with its grade; plus what still stops it from being finalised.
 */
export function buildEvaluationForm(src: EvaluationSources): EvaluationForm {
  const { plan, asOf, inputs, ruleSet } = src;
  const days = new Map(src.rollups.map((r) => [r.indicatorId, r.days]));
  const roundRows = new Map<string, RoundRow>((src.lastRound?.rows ?? []).map((r) => [r.node.id, r]));
  const { roots } = buildTree(src.nodes);
  const prepared: { row: Omit<EvalRow, 'score' | 'needsExplanation'>; scoreInput: IndicatorScoreInput }[] = [];
  for (const root of roots) {
    for (const l2 of root.children) {
      for (const leaf of leaves([l2])) {
        const f = targetInForce(leaf, asOf);
        const node = f.adjustment ? { ...leaf, target: f.target, targetText: f.targetText } : leaf;
        const input = { ...emptyEvalRowInput(), ...inputs.rows[leaf.id] };
        const computed = computedActual(node, days.get(leaf.id) ?? {}, roundRows.get(leaf.id), asOf);
        const override = input.override ?? null;
        const given = override ? override.actual : computed.actual;
        const actual: ScoreActual = withBandScore(given, input.bandScoreCp, node, ruleSet);
        const row = {
          node,
          level1: root.node.name,
          level2: l2.node.name,
          applicable: isApplicable(node),
          targetText: node.targetText ?? '',
          adjusted: f.adjustment ? { originalText: f.original.targetText, approvedOn: f.adjustment.approvedOn, reason: f.adjustment.reason } : null,
          computed,
          actual,
          actualText: scoreActualText(given, node),
          source: override ? ('override' as const) : computed.source,
          input,
        };
        const scoreInput: IndicatorScoreInput = {
          id: leaf.id,
          name: leaf.name,
          level1: row.level1,
          level2: row.level2,
          target: node.target ?? { op: 'QUAL', unit: '', text: row.targetText },
          weightCp: leaf.weightCp,
          actual,
          deviationReason: input.explanation,
          ...(input.deductionCp ? { deductionCp: input.deductionCp, deductionReason: input.deductionReason ?? '' } : {}),
          ...(input.adjustment ? { adjustment: input.adjustment } : {}),
        };
        prepared.push({ row, scoreInput });
      }
    }
  }
  const lines = planBudget(src.lines, asOf);
  const executed = executedBySource(src.spending, asOf);
  const budgetInput = { initialFen: lines.initial.total, fullFen: lines.full.total, executedFen: executed.total, weightCp: src.budgetWeightCp };
  // One computation: the card scores the rows, and each row shows its own line of that card.
  const scorecard = scorePlan(prepared.map((p) => p.scoreInput), budgetInput, ruleSet, { year: plan.year });
  const rows: EvalRow[] = prepared.map(({ row }, i) => {
    const score = scorecard.rows[i]!;
    return { ...row, score, needsExplanation: needsExplanation({ applicable: row.applicable, score }) };
  });
  const funds = FUND_ROWS.map((source) => ({
    source,
    initialFen: lines.initial[source],
    fullFen: lines.full[source],
    executedFen: executed[source],
    rate: lines.full[source] > 0 ? executed[source] / lines.full[source] : null,
    forecastFen: null,
  }));
  // The same sum the scorecard checks before finalising (weighted 不适用 rows included: the §4.4 rescale takes them
  // back out of the 100), so the Σ shown and the rule applied never disagree.
  const weightTotalCp = rows.reduce((s, r) => s + (r.node.weightCp ?? 0), 0) + src.budgetWeightCp;
  return {
    header: { planName: plan.name, planKind: plan.kind, unitName: src.unit?.name ?? '', supervisor: src.unit?.supervisor ?? '', implementer: src.unit?.name ?? '', year: plan.year, asOf },
    ruleSet,
    funds,
    budget: scorecard.budget,
    goal: { text: plan.goal, actual: inputs.goalActual },
    rows,
    scorecard,
    weightTotalCp,
    problems: problemsOf(rows, scorecard, inputs),
  };
}

/**
 * The evaluator's score inside the band: on a band actual, and on a D1 date (whose band the date decides, domain.md
 * §4.7: 2023-01-10 for 2022-12-31前 → 部分达成, scored 3.00 inside [2.40, 3.20) instead of the default 2.80).
 */
function withBandScore(a: ScoreActual, bandScoreCp: number | null | undefined, node: EvalRow['node'], ruleSet: RuleSet): ScoreActual {
  if (bandScoreCp === undefined || bandScoreCp === null) return a;
  if (a.kind === 'band') return { ...a, scoreCp: bandScoreCp };
  const due = node.target?.op === 'DATE_BY' ? node.target.date : undefined;
  if (a.kind === 'date' && ruleSet.date === 'D1' && due) return { kind: 'band', band: dateBand(a.done, due), scoreCp: bandScoreCp };
  return a;
}

function computedActual(node: EvalRow['node'], days: Parameters<typeof actualAsOf>[1], round: RoundRow | undefined, asOf: IsoDate): EvalRow['computed'] {
  const measure = measureOf(node);
  const log = actualAsOf(measure, days, asOf);
  const fromLog = scoreActualFromLog(log, node, asOf);
  if (fromLog.kind !== 'missing' || measure === 'none') {
    return { actual: fromLog, text: scoreActualText(fromLog, node), source: fromLog.kind === 'missing' ? 'none' : 'log', detail: `${log.entries}` };
  }
  if (round && round.applicable) {
    const fromRound = scoreActualFromRound(round);
    if (fromRound.kind !== 'missing') return { actual: fromRound, text: scoreActualText(fromRound, node), source: 'round', detail: round.forecast.method };
  }
  return { actual: fromLog, text: '—', source: 'none', detail: '0' };
}

/** Everything that stops finalising, each naming its row. */
function problemsOf(rows: readonly EvalRow[], card: EvaluationForm['scorecard'], inputs: EvaluationInputs): EvalProblem[] {
  const out: EvalProblem[] = [];
  for (const r of rows) {
    if (!r.applicable) continue;
    const id = r.node.id;
    const name = r.node.name;
    if (r.score.status === 'missing') out.push({ id, name, code: 'missingActual' });
    else if (r.score.status === 'invalid') out.push({ id, name, code: 'invalid' });
    if (r.needsExplanation && !r.input.explanation.trim()) out.push({ id, name, code: r.score.over ? 'overReason' : 'explanation' });
    if (r.input.override && !r.input.override.note.trim()) out.push({ id, name, code: 'overrideNote' });
  }
  for (const b of card.blocking) {
    if (b.code === 'weightsTotal' || b.code === 'noBudget') out.push({ id: '', name: '', code: b.code });
  }
  if (!inputs.goalActual.trim()) out.push({ id: '', name: '', code: 'goalActual' });
  return out;
}
