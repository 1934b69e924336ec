import type { BudgetLine, Id, IndicatorNode, IsoDate, Plan, PlanKind, Unit } from '../model';
import type { IndicatorRollup, SpendingEntry } from '../actuals/types';
import type { Light } from '../monitoring/progress';
import type { Grade } from '../scoring/types';
import { computedForecast } from '../monitoring/round';
import { defaultAsOf, progressRows } from '../monitoring/plan-progress';
import { budgetExecution, timeProgress, worstLight } from '../monitoring/progress';
import { executedBySource, planBudget } from '../budget';
import { withTargetInForce } from '../targets/adjustment';
import { isApplicable } from '../targets/tree';
import { whatIfOfRows, type PaceRow } from '../evaluation/what-if';
import { ruleSetById } from '../scoring/rule-sets';

/**
 * The district (全区) view of a year: every plan of every unit with its budget execution, monitoring light and
 * self-evaluation score, computed from data read in bulk (one read per table, not one per plan).
 */

/** What the district summary needs of one plan's last submitted round. */
export interface RoundDigest {
  planId: Id;
  cutoff: IsoDate;
  planLight: Light;
}

/** What it needs of one plan's final self-evaluation. */
export interface EvaluationDigest {
  planId: Id;
  totalCp: number;
  grade: Grade;
}

/** The small part of a year's district, read at once: its plans, the units' names, rounds' lights, finals' totals. */
export interface DistrictHeads {
  plans: readonly Plan[];
  units: readonly Pick<Unit, 'id' | 'name' | 'supervisor'>[];
  rounds: readonly RoundDigest[];
  evaluations: readonly EvaluationDigest[];
}

/** The bulky part, per plan: budget lines, indicators, rollups and spending (read a slice of plans at a time). */
export interface DistrictParts {
  lines: readonly BudgetLine[];
  nodes: readonly IndicatorNode[];
  rollups: readonly IndicatorRollup[];
  spending: readonly (Pick<SpendingEntry, 'planId' | 'date' | 'amountFen' | 'source'> & { updatedAt?: string })[];
}

export interface DistrictSources extends DistrictHeads, DistrictParts {}

export interface DistrictRow {
  planId: Id;
  year: number;
  unitName: string;
  planName: string;
  kind: PlanKind;
  key: boolean;
  /** 全年预算数 in force at the cut-off, and what was spent up to it (fen) */
  budgetFen: number;
  executedFen: number;
  /** executed ÷ 全年预算数; null without a budget, or while pending */
  executionRate: number | null;
  /** the last submitted round's plan light; without one, the live light at the cut-off ('none' while pending) */
  light: Light;
  lightFrom: 'round' | 'live' | 'pending';
  roundCutoff: IsoDate | null;
  /** the final self-evaluation's total; without one, the what-if score at the cut-off's pace (null while pending) */
  scoreCp: number | null;
  grade: Grade | null;
  scoreFrom: 'final' | 'whatIf' | 'pending';
  /** applicable 三级 indicators */
  indicators: number;
  /**
   * True until the plan's budget lines, indicators, rollups and spending have been read (a slice at a time): what the
   * heads give — names, the filed light, the final score — is shown at once; execution and live figures are not yet.
   */
  pending: boolean;
}

function groupBy<T>(rows: readonly T[], key: (r: T) => Id): Map<Id, T[]> {
  const out = new Map<Id, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

const NONE: readonly never[] = [];

/**
 * One plan's figures at a cut-off, exactly as its monitoring form and what-if score give them (buildRoundForm's light,
 * funds and forecasts; whatIfOfRows) but without the form's texts and formulas, which a district of 1,000 plans
 * would build only to throw away. A test holds it equal to buildRoundForm + whatIfScore on a generated district.
 */
export function planFigures(
  src: { plan: Pick<Plan, 'year' | 'ruleSetId' | 'budgetWeightCp'>; lines: readonly BudgetLine[]; nodes: readonly IndicatorNode[]; rollups: readonly IndicatorRollup[]; spending: DistrictSources['spending'] },
  asOf: IsoDate,
  withScore: boolean,
) {
  const year = src.plan.year;
  const tp = timeProgress(asOf, year);
  const nodes = src.nodes.map((n) => (n.level === 3 && n.targetAdjustments?.length ? withTargetInForce(n, asOf) : n));
  // The rows alone (planProgress without its gauges), read once: lights, the applicable count and the pace rows.
  const { byRoot } = progressRows(nodes, src.rollups, asOf, year);
  const budget = planBudget(src.lines, asOf);
  const executed = executedBySource(src.spending, asOf).total;
  const exec = budgetExecution(executed, budget.full.total, asOf, year);
  const lights: Light[] = [exec.light];
  const pace: PaceRow[] = [];
  for (const group of byRoot) {
    for (const r of group) {
      const applicable = isApplicable(r.node);
      if (applicable) lights.push(r.assessment.light);
      if (withScore) {
        const forecast = computedForecast(r.actual, r.node, applicable, tp);
        pace.push({ node: r.node, level1: r.level1, level2: r.level2, measure: r.actual.measure, actual: r.actual, assessment: r.assessment, forecast });
      }
    }
  }
  const score = withScore
    ? whatIfOfRows(pace, { initialFen: budget.initial.total, fullFen: budget.full.total, forecastFen: tp > 0 ? Math.round(executed / tp) : null }, year, ruleSetById(src.plan.ruleSetId), src.plan.budgetWeightCp)
    : null;
  return { budgetFen: budget.full.total, executedFen: executed, rate: budget.full.total > 0 ? executed / budget.full.total : null, light: worstLight(lights), indicators: lights.length - 1, score };
}

export type PlanFigures = ReturnType<typeof planFigures>;

/**
 * Figures already computed, by plan: reused while the plan's data revision (planRevision) and cut-off are the same,
 * so a re-read after another plan's edit re-scores only the plans that changed.
 */
export type FiguresMemo = Map<Id, { key: string; figures: PlanFigures }>;

/**
 * What a plan's figures depend on, as one comparable string: the plan's and every row's id and last change. Every
 * write stamps updatedAt (rollups too), and a deleted or added row changes the list, so an equal revision means equal
 * figures.
 */
export function planRevision(plan: Pick<Plan, 'id' | 'updatedAt' | 'rev'>, parts: { [K in keyof DistrictParts]: readonly { updatedAt?: string }[] }): string {
  let out = `${plan.id}@${plan.updatedAt}#${plan.rev}`;
  for (const list of [parts.lines, parts.nodes, parts.rollups, parts.spending]) {
    out += `|${list.length}`;
    for (const r of list) out += `,${r.updatedAt ?? ''}`;
  }
  return out;
}

/**
 * The rows of `plans` at `today` (each plan measured at its own year's cut-off: today inside the year, else the year's
 * end), by the same rules as the plan's own pages, so the district never disagrees with a plan's dashboard, monitoring
 * form or self-evaluation. `parts` must hold every row of these plans (it may hold other plans' rows too).
 */
export function districtRows(heads: DistrictHeads, parts: DistrictParts, plans: readonly Plan[], today: IsoDate, memo?: FiguresMemo): DistrictRow[] {
  const units = new Map(heads.units.map((u) => [u.id, u]));
  const lines = groupBy(parts.lines, (l) => l.planId);
  const nodes = groupBy(parts.nodes, (n) => n.planId);
  const rollups = groupBy(parts.rollups, (r) => r.planId);
  const spending = groupBy(parts.spending, (s) => s.planId);
  const rounds = new Map(heads.rounds.map((r) => [r.planId, r]));
  const finals = new Map(heads.evaluations.map((e) => [e.planId, e]));
  return plans.map((plan) => {
    const unit = units.get(plan.unitId) ?? null;
    const round = rounds.get(plan.id);
    const final = finals.get(plan.id);
    const own = { plan, lines: lines.get(plan.id) ?? NONE, nodes: nodes.get(plan.id) ?? NONE, rollups: rollups.get(plan.id) ?? NONE, spending: spending.get(plan.id) ?? NONE };
    const asOf = defaultAsOf(today, plan.year);
    let f: PlanFigures;
    if (memo) {
      const key = `${asOf}:${final ? 'final' : 'live'}:${planRevision(plan, own)}`;
      const hit = memo.get(plan.id);
      f = hit?.key === key ? hit.figures : planFigures(own, asOf, !final);
      if (hit?.key !== key) memo.set(plan.id, { key, figures: f });
    } else f = planFigures(own, asOf, !final);
    const score = final ?? f.score!;
    return {
      planId: plan.id,
      year: plan.year,
      unitName: unit?.name ?? '',
      planName: plan.name,
      kind: plan.kind,
      key: plan.key,
      budgetFen: f.budgetFen,
      executedFen: f.executedFen,
      executionRate: f.rate,
      light: round?.planLight ?? f.light,
      lightFrom: round ? 'round' : 'live',
      roundCutoff: round?.cutoff ?? null,
      scoreCp: score.totalCp,
      grade: score.grade,
      scoreFrom: final ? 'final' : 'whatIf',
      indicators: f.indicators,
      pending: false,
    };
  });
}

/**
 * The rows of `plans` from the heads alone, before their parts are read: names, the last submitted round's light and
 * the final self-evaluation's score where they exist (the district's figures of record); execution, live lights and
 * what-if scores pending. At district scale the heads come in one read, the parts in slices over a second or two.
 */
export function pendingRows(heads: DistrictHeads, plans: readonly Plan[]): DistrictRow[] {
  const units = new Map(heads.units.map((u) => [u.id, u]));
  const rounds = new Map(heads.rounds.map((r) => [r.planId, r]));
  const finals = new Map(heads.evaluations.map((e) => [e.planId, e]));
  return plans.map((plan) => {
    const round = rounds.get(plan.id);
    const final = finals.get(plan.id);
    return {
      planId: plan.id,
      year: plan.year,
      unitName: units.get(plan.unitId)?.name ?? '',
      planName: plan.name,
      kind: plan.kind,
      key: plan.key,
      budgetFen: 0,
      executedFen: 0,
      executionRate: null,
      light: round?.planLight ?? 'none',
      lightFrom: round ? 'round' : 'pending',
      roundCutoff: round?.cutoff ?? null,
      scoreCp: final?.totalCp ?? null,
      grade: final?.grade ?? null,
      scoreFrom: final ? 'final' : 'pending',
      indicators: 0,
      pending: true,
    };
  });
}

/** Every plan of the sources at `today` in one call (districtRows over all of them). */
export function districtSummary(src: DistrictSources, today: IsoDate): DistrictRow[] {
  return districtRows(src, src, src.plans, today);
}

/**
 * A row scored in an earlier pass, kept while a new pass reaches its plan again, with what the new heads say laid over
 * it (names, kind). Kept only while its filed basis is the same — the same round light and final score, or still none
 * — else null and the plan shows as pending: a newly filed light or total must not hide behind an old row.
 */
export function carryOver(prev: DistrictRow, pending: DistrictRow): DistrictRow | null {
  if (prev.pending) return null;
  const sameLight = pending.lightFrom === 'round' ? prev.lightFrom === 'round' && prev.light === pending.light && prev.roundCutoff === pending.roundCutoff : prev.lightFrom === 'live';
  const sameScore = pending.scoreFrom === 'final' ? prev.scoreFrom === 'final' && prev.scoreCp === pending.scoreCp && prev.grade === pending.grade : prev.scoreFrom === 'whatIf';
  if (!sameLight || !sameScore) return null;
  return { ...prev, unitName: pending.unitName, planName: pending.planName, kind: pending.kind, key: pending.key, year: pending.year };
}
