import type { Id, IndicatorNode, IsoDate, IsoDateTime, PlanKind, Stamped } from '../model';
import type { FundsRow } from '../monitoring/round-types';
import type { BudgetScore, IndicatorScore, RuleSet, Scorecard, ScoreActual } from '../scoring/types';

/**
 * A year-end self-evaluation (绩效自评, 财预〔2020〕10号): the evaluator's inputs while a draft and — once finalised —
 * the whole 自评表 frozen with the rule set that scored it, so later edits to entries, targets or rules never change
 * it and both form layouts (项目支出 / 部门整体支出, domain.md §4.11) render from this one record.
 */

/** Where a row's 实际完成值 came from. */
export type ActualSource = 'log' | 'round' | 'override' | 'none';

export interface EvalRowInput {
  /** The evaluator's actual, replacing the computed one (which stays beside it); a note says why. */
  override?: { text: string; actual: ScoreActual; note: string } | null;
  /** A score inside the qualitative band chosen (定性/D1 rows), band-checked by the rules. */
  bandScoreCp?: number | null;
  /** 偏差原因分析及改进措施: required below full marks and for over-achieved rows. */
  explanation: string;
  /** Manual deduction of an over-achieved row (年初指标值设定明显偏低), with its reason. */
  deductionCp?: number | null;
  deductionReason?: string;
  /** The evaluator's adjustment of the rule's score (whole-point rounding, judgement), only with a reason. */
  adjustment?: { scoreCp: number; reason: string } | null;
}

export interface EvaluationInputs {
  rows: Record<Id, EvalRowInput>;
  /** 年度总体目标 → 实际完成情况 */
  goalActual: string;
  /** 预算执行情况说明 (some forms require it below 90%) */
  budgetNote: string;
  /** Free-text sections of the 自评报告 (edited before export, kept with the evaluation). */
  sections: Record<string, string>;
}

export interface EvalRow {
  /** The indicator with its weight and the target in force at the end of the year. */
  node: IndicatorNode;
  level1: string;
  level2: string;
  applicable: boolean;
  targetText: string;
  adjusted: { originalText: string; approvedOn: IsoDate; reason: string } | null;
  /** What the log (or the last submitted round) says, always kept. */
  computed: { actual: ScoreActual; text: string; source: ActualSource; detail: string };
  /** What is scored: the override when there is one, else the computed actual. */
  actual: ScoreActual;
  actualText: string;
  source: ActualSource;
  score: IndicatorScore;
  /** below full marks, or over-achieved: 偏差原因分析及改进措施 required */
  needsExplanation: boolean;
  input: EvalRowInput;
}

export type EvalProblemCode = 'missingActual' | 'invalid' | 'explanation' | 'overrideNote' | 'weightsTotal' | 'noBudget' | 'goalActual' | 'overReason';

export interface EvalProblem {
  /** indicator id, or '' for the plan as a whole */
  id: Id;
  name: string;
  code: EvalProblemCode;
}

export interface EvaluationForm {
  header: { planName: string; planKind: PlanKind; unitName: string; supervisor: string; implementer: string; year: number; asOf: IsoDate };
  /** The rule set as it was when scored: a later change of the rules never changes a finalised card. */
  ruleSet: RuleSet;
  funds: FundsRow[];
  budget: BudgetScore;
  goal: { text: string; actual: string };
  rows: EvalRow[];
  scorecard: Scorecard;
  /** Σ 三级 weights (不适用 rows included, as the finalise check counts them) + budget weight, centi-points */
  weightTotalCp: number;
  problems: EvalProblem[];
}

export type EvaluationStatus = 'draft' | 'final' | 'superseded';

export interface Evaluation extends Stamped {
  planId: Id;
  year: number;
  seriesId: Id;
  version: number;
  status: EvaluationStatus;
  /** The rule set the plan is scored with (domain.md §9: a plan records which rule set scored it). */
  ruleSetId: string;
  inputs: EvaluationInputs;
  createdBy: string;
  finalisedAt?: IsoDateTime;
  finalisedBy?: string;
  snapshot?: EvaluationForm;
  supersededBy?: Id;
  supersededAt?: IsoDateTime;
  supersedes?: Id;
}

export function emptyEvalRowInput(): EvalRowInput {
  return { explanation: '' };
}

export function emptyEvaluationInputs(): EvaluationInputs {
  return { rows: {}, goalActual: '', budgetNote: '', sections: {} };
}
