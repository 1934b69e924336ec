import type { Id, IndicatorNode, IsoDate, IsoDateTime, PlanKind, Stamped } from '../model';
import type { Actual, MeasureKind } from '../actuals/types';
import type { FundAmounts } from '../budget';
import type { Assessment, Light } from './progress';

/**
 * A monitoring round (绩效运行监控, 财预〔2019〕136号): the manager's inputs while it is a draft, and — once submitted —
 * the whole 项目支出绩效目标执行监控表 frozen as it was submitted (domain.md §3.2), so the form is rendered from this
 * one record and later logging, spending or target edits never change it.
 */

/** 偏差原因分析 ticks (domain.md §3.2): 经费保障 / 制度保障 / 人员保障 / 硬件条件保障 / 其他. */
export type DeviationReason = 'funding' | 'institution' | 'staffing' | 'hardware' | 'other';
export const DEVIATION_REASONS: readonly DeviationReason[] = ['funding', 'institution', 'staffing', 'hardware', 'other'];

/** 完成目标可能性: 确定能 / 有可能 / 完全不可能 (coded 1/2/3 in the public implementations). */
export type Possibility = 'certain' | 'possible' | 'impossible';
export const POSSIBILITIES: readonly Possibility[] = ['certain', 'possible', 'impossible'];

/** What the manager records for one 三级 indicator. */
export interface RoundRowInput {
  /**
   * 全年预计完成值 typed by the manager, replacing the computed forecast: in the indicator's unit (money in fen,
   * rates in %); null/absent = use the computed one.
   */
  forecast?: number | null;
  reasons: DeviationReason[];
  /** 原因说明 */
  reasonText: string;
  /** null until chosen */
  possibility: Possibility | null;
  /** 纠偏措施 of this indicator */
  measures: string;
  /** 备注 */
  note: string;
}

/** The manager's inputs for the whole round. */
export interface RoundInputs {
  rows: Record<Id, RoundRowInput>;
  /** 年度总体目标 → 1–N月执行情况 */
  goalProgress: string;
  /** 年度总体目标 → 全年预计执行情况 */
  goalForecast: string;
  /** 纠偏措施 for the plan as a whole */
  corrective: string;
  /** 全年预计执行数 typed by the manager (fen, total row); null = linear from execution */
  budgetForecastFen: number | null;
  /** 是否需要整改 / 整改要求和建议 / 整改结果和结论 */
  rectify: { needed: boolean; advice: string; result: string };
}

export type ForecastMethod = 'linear' | 'current' | 'manual' | 'none';

export interface RoundRow {
  /** The indicator as it stood at the cut-off, with the target in force (for rendering and the dashboard). */
  node: IndicatorNode;
  level1: string;
  level2: string;
  applicable: boolean;
  measure: MeasureKind;
  /** 年度指标值 in force at the cut-off */
  targetText: string;
  /** The approved original when an adjustment is in force (both are shown). */
  adjusted: { originalText: string; approvedOn: IsoDate; reason: string } | null;
  actual: Actual;
  /** 1–N月实际完成值 in words and unit ("400人次", "86.0%", "2022-06-20 完成", "—") */
  actualText: string;
  /** where the actual came from: the measure and how many entries up to the cut-off */
  source: { measure: MeasureKind; entries: number; lastDate?: IsoDate };
  assessment: Assessment;
  /** The numbers behind the light, e.g. "400 ÷ (800 × 7/12) = 85.7%". */
  lightFormula: string;
  forecast: {
    /** in the indicator's unit (money in fen); null when there is no number to forecast (dates, bands) */
    value: number | null;
    text: string;
    method: ForecastMethod;
    /** the computed forecast, kept beside a manual one */
    computed: number | null;
    computedText: string;
    /** a cumulative forecast below what is already achieved: allowed, but flagged */
    belowActual: boolean;
  };
  /** 偏离度: forecast ÷ target − 1 for numeric targets (signed), null otherwise */
  deviation: number | null;
  input: RoundRowInput;
}

export interface FundsRow {
  source: keyof FundAmounts;
  initialFen: number;
  fullFen: number;
  executedFen: number;
  /** 1–N月执行率 = executed ÷ 全年预算数; null without a budget */
  rate: number | null;
  /** 全年预计执行数 (only the total row carries the manager's forecast) */
  forecastFen: number | null;
}

export interface RoundForm {
  header: {
    planName: string;
    planKind: PlanKind;
    unitName: string;
    /** 主管部门 */
    supervisor: string;
    /** 实施单位 */
    implementer: string;
    year: number;
    cutoff: IsoDate;
    /** the N of 1–N月 (the cut-off's month) and whether the cut-off is that month's last day */
    month: number;
    monthEnd: boolean;
    timeProgress: number;
    /** "7/12" at a month end, "196/365" otherwise */
    timeProgressText: string;
  };
  funds: FundsRow[];
  budget: { rate: number | null; q: number | null; light: Light; formula: string; forecastMethod: 'linear' | 'manual' | 'none'; computedForecastFen: number | null };
  goal: { text: string; progress: string; forecast: string };
  rows: RoundRow[];
  /** worst of the indicator lights and the budget light (目标执行预警) */
  planLight: Light;
  counts: Record<Light, number>;
  corrective: string;
  rectify: RoundInputs['rectify'];
}

export type RoundStatus = 'draft' | 'submitted' | 'superseded';

/** The stored record. */
export interface MonitoringRound extends Stamped {
  planId: Id;
  year: number;
  cutoff: IsoDate;
  /** Shared by every version of one round (a correction is a new version of the same series). */
  seriesId: Id;
  version: number;
  status: RoundStatus;
  inputs: RoundInputs;
  createdBy: string;
  submittedAt?: IsoDateTime;
  submittedBy?: string;
  /** The form frozen at submission. */
  snapshot?: RoundForm;
  /** On a superseded version: the version that replaced it, and when. */
  supersededBy?: Id;
  supersededAt?: IsoDateTime;
  /** On a correction: the version it corrects. */
  supersedes?: Id;
}

export function emptyRowInput(): RoundRowInput {
  return { reasons: [], reasonText: '', possibility: null, measures: '', note: '' };
}

export function emptyInputs(): RoundInputs {
  return { rows: {}, goalProgress: '', goalForecast: '', corrective: '', budgetForecastFen: null, rectify: { needed: false, advice: '', result: '' } };
}

/**
 * The last submitted round among these (the one the dashboard, the self-evaluation and the forms take): the latest
 * cut-off, and on the same cut-off the one submitted last. Superseded versions never count.
 */
export function latestSubmitted<R extends Pick<MonitoringRound, 'status' | 'cutoff' | 'submittedAt'>>(rounds: readonly R[]): R | undefined {
  return rounds
    .filter((r) => r.status === 'submitted')
    .sort((a, b) => a.cutoff.localeCompare(b.cutoff) || (a.submittedAt ?? '').localeCompare(b.submittedAt ?? ''))
    .at(-1);
}
