import type { TargetSpec } from '../targets/types';

/**
 * Types of the year-end self-evaluation scoring engine (绩效自评, domain.md §4 and the decided defaults of §9).
 * Points are integer centi-points (358 = 3.58 分), money is integer fen, every date is an ISO string argument.
 */

/** Which rule scored a row; each has a printable name (RULE_NAMES) so forms can say how a score came about. */
export type RuleCode =
  | 'positive'
  | 'equalZero'
  | 'reverseR1'
  | 'reverseR2'
  | 'reverseZero'
  | 'range'
  | 'dateD1'
  | 'dateD2'
  | 'qualitative'
  | 'na'
  | 'budget';

/** 优 良 中 差 */
export type Grade = 'excellent' | 'good' | 'fair' | 'poor';

/** Inclusive lower bounds in centi-points; default 9000/8000/6000 (domain.md §4.8). */
export interface GradeBands {
  excellentCp: number;
  goodCp: number;
  fairCp: number;
}

/** 三档 of a qualitative (or D1 date) actual (domain.md §4.3). */
export type ScoreBand = 'achieved' | 'partial' | 'notAchieved';

/** A named, versioned set of scoring knobs (domain.md §7, §9); a plan records the id and version it was scored with. */
export interface RuleSet {
  id: string;
  version: number;
  name: string;
  reverse: 'R1' | 'R2';
  date: 'D1' | 'D2';
  /** a/t at or above which a positive row is flagged as over-achieved (1.2). */
  overRatio: number;
  /** 一体化 platform profile: −pointsCp on the total per positive row whose a/t − 1 ≥ ratio. */
  deviationPenalty: null | { ratio: number; pointsCp: number };
  /** 一体化 platform profile: 执行率 < belowRate → total ≤ maxTotalCp (the strictest that applies wins). */
  budgetCaps: { belowRate: number; maxTotalCp: number }[];
  grades: GradeBands;
  /** Default score inside each band as a fraction of w (1, 0.7, 0.3). */
  qualDefaults: { achieved: number; partial: number; notAchieved: number };
}

export type ScoreActual =
  /** In the target's unit (万元 for money targets, % as 0–100). */
  | { kind: 'number'; value: number }
  /** ISO date the work was done, null = not done. */
  | { kind: 'date'; done: string | null }
  /** Qualitative (or D1 date) band; scoreCp = the evaluator's score inside the band, else the band default. */
  | { kind: 'band'; band: ScoreBand; scoreCp?: number }
  /** No actual yet: cannot be scored, blocks finalising. */
  | { kind: 'missing' };

export interface IndicatorScoreInput {
  id: string;
  name: string;
  level1: string;
  level2: string;
  target: TargetSpec;
  weightCp: number | null;
  actual: ScoreActual;
  /** D2 planned duration start, default `${year}-01-01`. */
  plannedStart?: string;
  /** Manual deduction for an over-achieved row (≤ rule score); needs deductionReason (domain.md §4.2). */
  deductionCp?: number;
  /** Why the deduction was made (年初指标值设定明显偏低 …). */
  deductionReason?: string;
  /** 偏差原因分析 (FASP2 deviationanaly); required when the row is over-achieved (domain.md §9). */
  deviationReason?: string;
  /** Evaluator's adjustment (whole-point rounding, judgement): counts only with a non-empty reason. */
  adjustment?: { scoreCp: number; reason: string };
}

/** text = `${ruleName}: ${formula}`, e.g. '财预〔2020〕10号 定量正向: 720/800×3.58 = 3.22'. */
export interface Explanation {
  rule: RuleCode;
  ruleName: string;
  formula: string;
  text: string;
}

/** Machine codes for the UI; see PROBLEM_CLASS in indicator.ts for which of them block or invalidate. */
export type ProblemCode =
  | 'noWeight'
  | 'missingActual'
  | 'actualKind'
  | 'badActual'
  | 'badTarget'
  | 'noDueDate'
  | 'badDate'
  | 'plannedDuration'
  | 'bandRange'
  | 'deductionInvalid'
  | 'deductionTooLarge'
  | 'deductionNotOver'
  | 'deductionReason'
  | 'adjustmentRange'
  | 'adjustmentReason'
  | 'overReason'
  | 'naWeighted';

export interface ScoreProblem {
  code: ProblemCode;
  params?: Record<string, string | number>;
}

export interface IndicatorScore {
  id: string;
  name: string;
  level1: string;
  level2: string;
  weightCp: number | null;
  /** invalid: band score outside its band, adjustment without reason, deduction > score, no weight … */
  status: 'scored' | 'na' | 'missing' | 'invalid';
  /** By the rule, rounded half-up once to 0.01. */
  ruleScoreCp: number | null;
  /** What counts: ruleScore − deduction, or the adjustment when reasoned; null unless status is 'scored'. */
  scoreCp: number | null;
  /** a/t for quantitative rows with t > 0 (RANGE, dates, qualitative: null). */
  ratio: number | null;
  /** a/t ≥ overRatio on a positive row → an explanation is required. */
  over: boolean;
  /** 一体化 deviation penalty charged to the total for this row (0 otherwise). */
  penaltyCp: number;
  explanation: Explanation;
  problems: ScoreProblem[];
}

export interface BudgetScoreInput {
  /** 年初预算数 (shown on the form, not scored). */
  initialFen: number;
  /** 全年预算数 (adjusted budget, domain.md §4.5). */
  fullFen: number;
  /** 全年执行数 */
  executedFen: number;
  weightCp: number;
}

export interface BudgetScore {
  rate: number | null;
  scoreCp: number;
  weightCp: number;
  explanation: Explanation;
}

export interface GroupScore {
  name: string;
  weightCp: number;
  scoreCp: number;
  rows: IndicatorScore[];
}

export interface Scorecard {
  ruleSetId: string;
  ruleSetVersion: number;
  rows: IndicatorScore[];
  groups: GroupScore[];
  budget: BudgetScore;
  /** §4.4: Σscore/(100−Σw_NA)×100 when NA rows carried weight. */
  naRescale: null | { naWeightCp: number; factor: number; explanation: string };
  penaltyCp: number;
  cap: null | { maxTotalCp: number; explanation: string };
  /** Σ rounded parts (+budget), before rescale/penalty/cap. */
  rawTotalCp: number;
  totalCp: number;
  grade: Grade;
  /** No blocking reason left. */
  complete: boolean;
  /** Why it cannot be finalised: one entry per blocking problem of a row, plus 'weightsTotal' and 'noBudget'. */
  blocking: { id: string; name: string; code: string }[];
}
