import type { BudgetLine, IndicatorNode, IsoDate, Plan, Unit } from '../model';
import type { Actual, IndicatorRollup, SpendingEntry } from '../actuals/types';
import { FEN_PER_WAN, FEN_PER_YUAN, formatMoney } from '../money';
import { executedBySource, planBudget } from '../budget';
import { daysInMonth, isLeap } from '../dates';
import { formatActualValue } from '../actuals/format';
import { INTEGER_UNITS } from '../actuals/measure';
import { formatNumber } from '../targets/numbers';
import { targetInForce } from '../targets/adjustment';
import { isApplicable } from '../targets/tree';
import { planProgress } from './plan-progress';
import { budgetExecution, timeProgress, worstLight, type Light } from './progress';
import { lightFormula, pct } from './round-explain';
import { emptyRowInput, type FundsRow, type RoundForm, type RoundInputs, type RoundRow } from './round-types';

/** Everything a round is computed from: the plan as stored and the manager's inputs. */
export interface RoundSources {
  plan: Pick<Plan, 'name' | 'kind' | 'year' | 'goal'>;
  unit: Pick<Unit, 'name' | 'supervisor'> | null;
  lines: readonly BudgetLine[];
  nodes: readonly IndicatorNode[];
  rollups: readonly IndicatorRollup[];
  spending: readonly Pick<SpendingEntry, 'date' | 'amountFen' | 'source'>[];
  cutoff: IsoDate;
  inputs: RoundInputs;
}

/** The default cut-off of a mid-year round: 30 June of the plan year (1–6月, domain.md §9). */
export const defaultCutoff = (year: number): IsoDate => `${year}-06-30`;

export type CutoffError = 'badDate' | 'outsideYear';

/** validateCutoff('2023-01-05', 2022) → 'outsideYear': a round measures one plan year. */
export function validateCutoff(cutoff: string, year: number): CutoffError | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(cutoff);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12 || Number(m[3]) < 1 || Number(m[3]) > daysInMonth(Number(m[1]), Number(m[2]))) return 'badDate';
  return Number(m[1]) === year ? null : 'outsideYear';
}

/** timeProgressText('2022-07-31') → '7/12'; '2022-07-15' → '196/365' (the fraction timeProgress uses). */
export function timeProgressText(cutoff: IsoDate): string {
  const [y, m, d] = cutoff.split('-').map(Number) as [number, number, number];
  if (d === daysInMonth(y, m)) return `${m}/12`;
  const dayOfYear = (Date.UTC(y, m - 1, d) - Date.UTC(y, 0, 1)) / 86_400_000 + 1;
  return `${dayOfYear}/${isLeap(y) ? 366 : 365}`;
}

const CUMULATIVE = new Set(['count', 'money']);
const BAND_TEXT = { achieved: '达成年度指标', partial: '部分达成年度指标并具有一定效果', notAchieved: '未达成年度指标且效果较差' } as const;

/** The actual as a number in the row's forecast unit: money in fen, everything else as measured. */
function actualNumber(actual: Actual): number | null {
  if (actual.measure === 'money') return actual.amountFen ?? (actual.entries === 0 ? 0 : null);
  if (actual.measure === 'count' && actual.value === null && actual.entries === 0) return 0;
  return actual.value;
}

/** A forecast value in the indicator's unit, as the form prints it. */
export function formatRowValue(value: number, node: Pick<IndicatorNode, 'target'>, measure: string): string {
  const unit = node.target?.unit ?? '';
  if (measure === 'money') return formatMoney(value, unit === '元' ? '元' : '万元');
  return `${formatNumber(Math.round(value * 100) / 100)}${unit}`;
}

export function actualText(actual: Actual, node: Pick<IndicatorNode, 'target'>): string {
  if (actual.measure === 'deadline') return actual.completedOn ? `${actual.completedOn} 完成` : '未完成';
  if (actual.band !== undefined && actual.value === null) return BAND_TEXT[actual.band];
  const n = actualNumber(actual);
  if (n === null) return '—';
  return actual.measure === 'money' ? formatRowValue(n, node, 'money') : (formatActualValue({ ...actual, value: n }, node.target) ?? '—');
}

/** Linear forecast of a cumulative actual (财预〔2019〕136号 目标比较法: pace so far × whole year). */
function linearForecast(value: number, tp: number, node: IndicatorNode, measure: string): number | null {
  if (tp <= 0) return null;
  const raw = value / tp;
  // Whole things stay whole (800人次, not 799.9994); money to the fen; other units to 0.01.
  if (measure === 'money' || INTEGER_UNITS.has(node.target?.unit ?? '')) return Math.round(raw);
  return Math.round(raw * 100) / 100;
}

/**
 * The computed 全年预计完成值 of a row (no manager's figure): linear for counts and money, the current value for the
 * rest, in the forecast unit (money in fen); null for a 不适用 row or when there is no number.
 */
export function computedForecast(actual: Actual, node: IndicatorNode, applicable: boolean, tp: number): number | null {
  const value = actualNumber(actual);
  if (!applicable || value === null) return null;
  return CUMULATIVE.has(actual.measure) ? linearForecast(value, tp, node, actual.measure) : value;
}

function forecastOf(row: Omit<RoundRow, 'forecast' | 'deviation' | 'input' | 'lightFormula'>, input: RoundRow['input'], tp: number): RoundRow['forecast'] {
  const value = actualNumber(row.actual);
  const cumulative = CUMULATIVE.has(row.measure);
  const computed = computedForecast(row.actual, row.node, row.applicable, tp);
  let method: RoundRow['forecast']['method'] = 'none';
  if (row.applicable && value !== null) method = cumulative ? 'linear' : 'current';
  const fmt = (v: number | null) => (v === null ? (row.measure === 'deadline' || row.actual.band !== undefined ? row.actualText : '—') : formatRowValue(v, row.node, row.measure));
  const manual = input.forecast;
  if (manual !== undefined && manual !== null && row.applicable) {
    return { value: manual, text: fmt(manual), method: 'manual', computed, computedText: fmt(computed), belowActual: cumulative && value !== null && manual < value };
  }
  if (row.applicable && (row.measure === 'deadline' || row.actual.band !== undefined)) method = 'current';
  return { value: computed, text: fmt(computed), method, computed, computedText: fmt(computed), belowActual: false };
}

/** 偏离度 of the forecast from the annual target: 700 of ≥800 → −12.5%. */
function deviationOf(row: Pick<RoundRow, 'node' | 'measure' | 'applicable'>, forecast: number | null): number | null {
  const t = row.node.target;
  if (!row.applicable || forecast === null || !t || t.value === undefined || t.value <= 0 || !['GE', 'GT', 'EQ', 'LE', 'LT', 'RANGE'].includes(t.op)) return null;
  const target = row.measure === 'money' ? t.value * (t.unit === '元' ? FEN_PER_YUAN : FEN_PER_WAN) : t.value;
  return forecast / target - 1;
}

/**
 * The 项目支出绩效目标执行监控表 (domain.md §3.2) of a plan at a cut-off: header, funds, goal, every 三级 indicator with
 * its 1–N月 actual, forecast, deviation and light (FASP2 perf_t_warnset defaults), and the manager's inputs.
 */
export function buildRoundForm(src: RoundSources): RoundForm {
  const { plan, cutoff, inputs } = src;
  const year = plan.year;
  const tp = timeProgress(cutoff, year);
  const tpText = timeProgressText(cutoff);
  // Monitoring uses the target in force at the cut-off (绩效目标调整), the original shown beside it.
  const inForce = src.nodes.map((n) => (n.level === 3 ? { ...n, ...pickTarget(n, cutoff) } : n));
  const progress = planProgress(inForce, src.rollups as IndicatorRollup[], cutoff, year);
  const rows: RoundRow[] = progress.rows.map((p) => {
    const f = targetInForce(src.nodes.find((n) => n.id === p.node.id) ?? p.node, cutoff);
    const base = {
      node: p.node,
      level1: p.level1,
      level2: p.level2,
      applicable: isApplicable(p.node),
      measure: p.actual.measure,
      targetText: p.node.targetText ?? '',
      adjusted: f.adjustment ? { originalText: f.original.targetText, approvedOn: f.adjustment.approvedOn, reason: f.adjustment.reason } : null,
      actual: p.actual,
      actualText: actualText(p.actual, p.node),
      source: { measure: p.actual.measure, entries: p.actual.entries, ...(p.actual.lastDate ? { lastDate: p.actual.lastDate } : {}) },
      assessment: p.assessment,
    };
    const input = { ...emptyRowInput(), ...inputs.rows[p.node.id] };
    const forecast = forecastOf(base, input, tp);
    return { ...base, lightFormula: lightFormula(base, cutoff, tpText), forecast, deviation: deviationOf(base, forecast.value), input };
  });

  const budget = planBudget(src.lines, cutoff);
  const executed = executedBySource(src.spending, cutoff);
  const linear = (fen: number) => (tp > 0 ? Math.round(fen / tp) : null);
  const funds: FundsRow[] = (['total', 'fiscal', 'carryover', 'other'] as const).map((source) => ({
    source,
    initialFen: budget.initial[source],
    fullFen: budget.full[source],
    executedFen: executed[source],
    rate: budget.full[source] > 0 ? executed[source] / budget.full[source] : null,
    forecastFen: source === 'total' ? (inputs.budgetForecastFen ?? linear(executed.total)) : linear(executed[source]),
  }));
  const exec = budgetExecution(executed.total, budget.full.total, cutoff, year);
  const budgetFormula = exec.rate === null ? '全年预算数为 0' : `${pct(exec.rate)} ÷ ${tpText} = ${exec.q === null ? '—' : pct(exec.q)}`;

  const applicable = rows.filter((r) => r.applicable);
  const counts: Record<Light, number> = { red: 0, yellow: 0, green: 0, blue: 0, none: 0 };
  for (const r of applicable) counts[r.assessment.light] += 1;
  return {
    header: {
      planName: plan.name,
      planKind: plan.kind,
      unitName: src.unit?.name ?? '',
      supervisor: src.unit?.supervisor ?? '',
      implementer: src.unit?.name ?? '',
      year,
      cutoff,
      month: Number(cutoff.slice(5, 7)),
      monthEnd: !tpText.includes('/365') && !tpText.includes('/366'),
      timeProgress: tp,
      timeProgressText: tpText,
    },
    funds,
    budget: { ...exec, formula: budgetFormula, forecastMethod: inputs.budgetForecastFen !== null ? 'manual' : tp > 0 ? 'linear' : 'none', computedForecastFen: linear(executed.total) },
    goal: { text: plan.goal, progress: inputs.goalProgress, forecast: inputs.goalForecast },
    rows,
    planLight: worstLight([...applicable.map((r) => r.assessment.light), exec.light]),
    counts,
    corrective: inputs.corrective,
    rectify: { ...inputs.rectify },
  };
}

function pickTarget(n: IndicatorNode, cutoff: IsoDate): Partial<IndicatorNode> {
  const f = targetInForce(n, cutoff);
  return f.adjustment ? { target: f.target, targetText: f.targetText } : {};
}
