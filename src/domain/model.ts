import type { TargetSpec } from './targets/types';
import type { MeasureKind } from './actuals/types';

/** Stable UUID, created once on the device that made the record; never reused (ready for sync). */
export type Id = string;
/** YYYY-MM-DD */
export type IsoDate = string;
/** ISO 8601 instant, UTC */
export type IsoDateTime = string;

/** Every stored record: stable id, timestamps and a revision for optimistic concurrency across tabs. */
export interface Stamped {
  id: Id;
  createdAt: IsoDateTime;
  updatedAt: IsoDateTime;
  /** Incremented on every write; a writer holding an older rev is told instead of overwriting. */
  rev: number;
}

/** 单位 (the budget unit) */
export interface Unit extends Stamped {
  name: string;
  /** 主管部门 */
  supervisor: string;
  /** 部门职责, used in the self-evaluation report's 基本情况 */
  duties: string;
}

/** 整体支出 (unit-wide) or 项目支出 (project) target table */
export type PlanKind = 'unit' | 'project';

export interface Plan extends Stamped {
  unitId: Id;
  year: number;
  kind: PlanKind;
  name: string;
  /** 年度总体目标 (unit plan) or 绩效目标 (project plan) */
  goal: string;
  /** 重点项目 */
  key: boolean;
  /** Rule set the plan is scored with (domain.md §9). */
  ruleSetId: string;
  /** 预算执行率 weight in centi-points (1000 = 10 分). */
  budgetWeightCp: number;
  /** Plan this one was copied from (next year's plan), for lineage. */
  sourcePlanId?: Id;
  /** Set on plans loaded from the bundled sample, so "restore sample plan" only replaces those. */
  seedKey?: string;
}

/** The three sources a budget line is funded from (监控表/自评表 funds rows, domain.md §3.2, §4.5). */
export type FundSource = 'fiscal' | 'carryover' | 'other';
export const FUND_SOURCES: readonly FundSource[] = ['fiscal', 'carryover', 'other'];

/**
 * An approved change to a budget line during the year (预算调整/追加/调减). The 年初 amounts stay as approved;
 * 全年预算数 = 年初 + Σ adjustments up to the date asked for, so the original is always visible beside it.
 */
export interface BudgetAdjustment {
  id: Id;
  date: IsoDate;
  source: FundSource;
  /** Signed: + 追加, − 调减. */
  amountFen: number;
  reason: string;
}

/**
 * A budget line of a plan: 年度主要任务 of a unit plan, or the fund of a project. Amounts in integer fen.
 * fiscalFen / carryoverFen / otherFen are the 年初预算数 (as approved at the start of the year).
 */
export interface BudgetLine extends Stamped {
  planId: Id;
  name: string;
  content: string;
  /** 年初：本年财政拨款 */
  fiscalFen: number;
  /** 年初：上年结转资金 (v3; v2 rows upgrade with 0) */
  carryoverFen: number;
  /** 年初：其他资金 */
  otherFen: number;
  /** 预算调整, oldest first (v3; v2 rows upgrade with none). */
  adjustments: BudgetAdjustment[];
  order: number;
}

/**
 * 绩效目标调整: a target changed during the year with its approval. The approved original stays on the node;
 * monitoring and scoring use the target in force at their cut-off (domain.md §4.1: store both, score the adjusted).
 */
export interface TargetAdjustment {
  id: Id;
  targetText: string;
  target: TargetSpec;
  /** 批复日期: in force from this day on. */
  approvedOn: IsoDate;
  reason: string;
  recordedAt: IsoDateTime;
}

export type Level = 1 | 2 | 3;

/**
 * One node of the 一级 → 二级 → 三级 indicator tree, stored flat (parentId) so any level can be renamed,
 * reordered or moved, and so 成本 can be a 一级 (财预〔2021〕101号) without a schema change.
 */
export interface IndicatorNode extends Stamped {
  planId: Id;
  /** null for 一级 */
  parentId: Id | null;
  level: Level;
  name: string;
  /** Position among siblings, ascending. */
  order: number;
  /** 三级 only: the target as the official wrote it, and its parsed form. */
  targetText?: string;
  target?: TargetSpec;
  /**
   * 分值 in centi-points (358 = 3.58 分) so sums are exact. On 一级: the points of the group (产出 5000);
   * on 三级: the indicator's points; null = not assigned yet (targets are approved without weights).
   */
  weightCp: number | null;
  /** 三级 only: how the actual is fed, when the user chose it; otherwise derived (measureOf). */
  measure?: MeasureKind;
  /** 三级 only: approved target adjustments, oldest approval first (v3). */
  targetAdjustments?: TargetAdjustment[];
}

export const LEVEL1_DEFAULT_WEIGHT_CP: Readonly<Record<string, number>> = {
  产出: 5000,
  产出指标: 5000,
  效益: 3000,
  效益指标: 3000,
  满意度: 1000,
  满意度指标: 1000,
};
export const BUDGET_WEIGHT_CP_DEFAULT = 1000;
export const TOTAL_POINTS_CP = 10000;
export const DEFAULT_RULE_SET_ID = 'cn-2020-10';
