import type { IsoDate } from '../model';
import { daysInMonth, isLeap } from '../dates';
import { FEN_PER_WAN, FEN_PER_YUAN, type Fen } from '../money';
import type { Actual, MeasureKind, QualBand } from '../actuals/types';
import type { TargetSpec } from '../targets/types';
import { bandAchievement, deadlineAchievement, deadlineOutcome, dueDateOf, positiveAchievement, rangeAchievement, reverseAchievement } from './achievement';

export { achievementOf } from './achievement';

/**
 * Mid-year monitoring (绩效运行监控, domain.md §3): time progress, warning lights (FASP2 perf_t_warnset
 * defaults, §3.3) and per-indicator achievement. Only cumulative measures (count, money) are time-scaled (§9);
 * rates, surveys and manual readings are compared with the annual target directly (§3.5: ≥90% at 86 → red).
 */

export type Light = 'red' | 'yellow' | 'green' | 'blue' | 'none';
export type Status = 'na' | 'noData' | 'met' | 'onTrack' | 'behind' | 'notMet' | 'over' | 'late' | 'done' | 'notDone';

export interface Assessment {
  /** actual ÷ annual target, unclamped; null when there is no numeric comparison */
  ratio: number | null;
  /** time progress used for this indicator: timeProgress for count/money, 1 otherwise */
  expected: number;
  light: Light;
  status: Status;
  /** positive targets: actual ≥ 120% of target (偏离度 flag, domain.md §4.2) */
  over: boolean;
  /** 0..1 scoring-style achievement (domain.md §4.2–4.7); null when not yet decidable */
  achievement: number | null;
}

export interface LightThresholds {
  red: number;
  yellow: number;
  blue: number;
}

/** FASP2 perf_t_warnset default: r < 60% red, < 80% yellow, < 120% green, ≥ 120% blue. */
export const DEFAULT_THRESHOLDS: LightThresholds = { red: 0.6, yellow: 0.8, blue: 1.2 };

export interface AssessOptions {
  thresholds?: LightThresholds;
  /** over-achievement flag ratio (domain.md §9: 120%) */
  overRatio?: number;
  /** replaces timeProgress, e.g. a per-plan milestone {6: 50%} (domain.md §9 "also offered") */
  progress?: number;
}

function parseIso(d: IsoDate): { y: number; m: number; day: number } {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(d);
  if (!m) throw new RangeError(`not an ISO date: ${d}`);
  return { y: Number(m[1]), m: Number(m[2]), day: Number(m[3]) };
}


/** timeProgress('2022-07-31', 2022) → 7/12; '2022-07-15' → 196/365; before the year 0, after it 1. */
export function timeProgress(asOf: IsoDate, year: number): number {
  // Asked for every row of every plan at the same few cut-offs: the last answer is kept (a pure function of its args).
  if (asOf === lastTp.asOf && year === lastTp.year) return lastTp.value;
  const value = timeProgressOf(asOf, year);
  lastTp = { asOf, year, value };
  return value;
}

let lastTp = { asOf: '', year: NaN, value: 0 };

function timeProgressOf(asOf: IsoDate, year: number): number {
  const { y, m, day } = parseIso(asOf);
  if (y < year) return 0;
  if (y > year) return 1;
  // domain.md §9: N/12 for a month-end cut-off (the 1–N月 period), day-of-year/days-in-year otherwise.
  if (day === daysInMonth(y, m)) return m / 12;
  const dayOfYear = (Date.UTC(y, m - 1, day) - Date.UTC(y, 0, 1)) / 86_400_000 + 1;
  return dayOfYear / (isLeap(y) ? 366 : 365);
}

// Round away float noise (560 / (800 × 7/12) = 1.2000000000000002) before comparing with a threshold.
const clean = (x: number) => Math.round(x * 1e9) / 1e9;

function positiveLight(r: number, th: LightThresholds): Light {
  const x = clean(r);
  if (x < th.red) return 'red';
  if (x < th.yellow) return 'yellow';
  if (x < th.blue) return 'green';
  return 'blue';
}

const CUMULATIVE: ReadonlySet<MeasureKind> = new Set(['count', 'money']);
const QUANTITATIVE: ReadonlySet<TargetSpec['op']> = new Set(['GE', 'GT', 'EQ', 'LT', 'LE', 'RANGE']);

/** Actual in the target's unit: money is summed in fen, the target may be in 万元 or 元. */
function actualValue(target: TargetSpec, actual: Actual): number | null {
  if (actual.measure === 'money' && actual.amountFen !== undefined) {
    return actual.amountFen / (target.unit === '元' ? FEN_PER_YUAN : FEN_PER_WAN);
  }
  return actual.value;
}

/** assess(不少于800人次, { measure: 'count', value: 400, … }, '2022-07-31', 2022) → { light: 'green', ratio: 0.5, expected: 7/12, … } */
export function assess(target: TargetSpec, actual: Actual, asOf: IsoDate, year: number, opts: AssessOptions = {}): Assessment {
  const a = assessRaw(target, actual, asOf, year, opts);
  // Once the year is over nothing is "behind" any more: it either met its target or did not. The light keeps the
  // FASP2 thresholds (96% of a count is still green); the words say the target was not reached.
  return a.status === 'behind' && timeProgress(asOf, year) >= 1 ? { ...a, status: 'notMet' } : a;
}

function assessRaw(target: TargetSpec, actual: Actual, asOf: IsoDate, year: number, opts: AssessOptions): Assessment {
  const th = opts.thresholds ?? DEFAULT_THRESHOLDS;
  const overRatio = opts.overRatio ?? DEFAULT_THRESHOLDS.blue;
  const cumulative = CUMULATIVE.has(actual.measure);
  // domain.md §9: rates, surveys, manual readings and dates are compared with the annual target directly.
  const expected = cumulative ? (opts.progress ?? timeProgress(asOf, year)) : 1;
  const base = { ratio: null, expected, over: false, achievement: null };

  if (target.op === 'NA' || actual.measure === 'none') return { ...base, light: 'none', status: 'na' };
  if (actual.measure === 'deadline') return assessDeadline(target, actual, asOf, year, expected);

  if (QUANTITATIVE.has(target.op) && target.value !== undefined) {
    let a = actualValue(target, actual);
    // Nothing logged for a cumulative indicator although time has passed: the actual is 0, not unknown.
    if (a === null && cumulative && expected > 0 && actual.entries === 0) a = 0;
    if (a !== null) return assessQuantitative(target, a, expected, { th, overRatio, entries: actual.entries, cumulative });
  }
  if (actual.band !== undefined) return { ...base, ...bandResult(actual.band) };
  return { ...base, light: 'none', status: 'noData' };
}

/** 三档 qualitative bands (domain.md §3.3 lights, §4.3 default scores w / 0.7w / 0.3w). */
function bandResult(band: QualBand): Pick<Assessment, 'light' | 'status' | 'achievement'> {
  const light: Light = band === 'achieved' ? 'green' : band === 'partial' ? 'yellow' : 'red';
  return { light, status: band === 'achieved' ? 'met' : 'behind', achievement: bandAchievement(band) };
}

/** Date targets (domain.md §4.7 D1). 按时完成 without a date means by the end of the plan year. */
function assessDeadline(target: TargetSpec, actual: Actual, asOf: IsoDate, year: number, expected: number): Assessment {
  const due = dueDateOf(target, year);
  const outcome = deadlineOutcome(due, actual.completedOn, asOf);
  const base = { ratio: null, expected, over: false, achievement: deadlineAchievement(due, actual.completedOn, asOf) };
  // Late is 部分达成 under D1, which the qualitative light rule (FASP2 perf_t_warnset) shows yellow; missed is red.
  switch (outcome) {
    case 'onTime':
      return { ...base, light: 'green', status: 'done' };
    case 'late':
      return { ...base, light: 'yellow', status: 'late' };
    case 'missed':
      return { ...base, light: 'red', status: 'notDone' };
    case 'pending':
      return { ...base, light: 'green', status: 'onTrack' };
  }
}

function assessQuantitative(target: TargetSpec, a: number, expected: number, pc: PositiveCtx): Assessment {
  const { cumulative, overRatio } = pc;
  const t = target.value!;
  const ratio = t > 0 ? a / t : null;
  const r = { ratio, expected, over: false };

  switch (target.op) {
    case 'LE':
    case 'LT': {
      // Reverse (反向): FASP2 reverseindex / reverselessindex, a cap compared directly, never time-scaled.
      const ok = target.op === 'LE' ? a <= t : a < t;
      const status: Status = ok ? (cumulative && expected < 1 ? 'onTrack' : 'met') : 'behind';
      return { ...r, light: ok ? 'green' : 'red', status, achievement: reverseAchievement(a, t) };
    }
    case 'RANGE': {
      const min = t;
      const max = target.max ?? t;
      if (a > max) return { ...r, light: 'red', status: 'over', over: a >= max * overRatio, achievement: rangeAchievement(a, min, max) };
      if (a >= min) return { ...r, light: 'green', status: 'met', achievement: 1 };
      // Below the range: a cumulative count still on its way uses the positive time-scaled rule.
      if (cumulative) return { ...positiveResult(a, min, expected, false, pc), ratio, achievement: rangeAchievement(a, min, max) };
      return { ...r, light: 'red', status: 'behind', achievement: rangeAchievement(a, min, max) };
    }
    case 'EQ':
      if (t === 0) {
        // FASP2 selfequalindex: a target of 0 (事故 0 起) is met only by 0.
        const ok = a === 0;
        return { ...r, light: ok ? 'green' : 'red', status: ok ? 'met' : 'behind', achievement: ok ? 1 : 0 };
      }
      break;
    default:
      break;
  }
  // Positive GE / GT / EQ (EQ scored like GE, domain.md §2.2).
  const res = positiveResult(a, t, expected, target.op === 'GT', pc);
  res.over = ratio !== null && clean(ratio) >= overRatio;
  return res;
}

interface PositiveCtx {
  th: LightThresholds;
  overRatio: number;
  entries: number;
  cumulative: boolean;
}

function positiveResult(a: number, t: number, expected: number, strict: boolean, c: PositiveCtx): Assessment {
  const ratio = t > 0 ? a / t : null;
  const met = strict ? a > t : a >= t;
  const achievement = positiveAchievement(a, t, strict);
  const overTarget = met && ratio !== null && clean(ratio) >= c.overRatio;
  // Plain literals, not spreads: this runs for most rows of every plan of the district summary.
  const r = (light: Light, status: Status): Assessment => ({ ratio, expected, over: false, achievement, light, status });
  if (t <= 0) return r(met ? 'green' : 'red', met ? 'met' : 'behind');
  if (!c.cumulative) {
    // Rates, surveys and manual readings (Shanxi/quality rule, domain.md §3.5: ≥90% at 86 → red): below the
    // target is red, reaching it green, and ≥ 120% of it blue like the FASP2 "over" band.
    if (!met) return r('red', 'behind');
    return r(overTarget ? 'blue' : 'green', overTarget ? 'over' : 'met');
  }
  if (expected === 0) {
    // Before the plan year nothing is expected yet: no light.
    return r('none', c.entries === 0 ? 'noData' : 'onTrack');
  }
  // FASP2 perf_t_warnset: r = actual ÷ (target × time progress).
  const light = positiveLight(a / (t * expected), c.th);
  // Ahead of the time-scaled standard but short of the annual target is "on track" while time remains.
  const onTrack = (light === 'green' || light === 'blue') && expected < 1;
  const status: Status = met ? (overTarget ? 'over' : 'met') : onTrack ? 'onTrack' : 'behind';
  return r(light, status);
}

const PRECEDENCE: readonly Light[] = ['red', 'yellow', 'green', 'blue', 'none'];

/** worstLight(['green', 'red', 'blue']) → 'red' (project light = worst indicator, domain.md §3.3) */
export function worstLight(lights: readonly Light[]): Light {
  let best = PRECEDENCE.length - 1;
  for (const l of lights) best = Math.min(best, PRECEDENCE.indexOf(l));
  return PRECEDENCE[best]!;
}

export interface BudgetExecution {
  /** 执行率 = executed ÷ budget */
  rate: number | null;
  /** q = 执行率 ÷ time progress */
  q: number | null;
  light: Light;
}

/** budgetExecution(9 万元, 20 万元, '2022-07-31', 2022) → { rate: 0.45, q: 0.771…, light: 'yellow' } */
export function budgetExecution(executedFen: Fen, budgetFen: Fen, asOf: IsoDate, year: number, progress?: number): BudgetExecution {
  if (budgetFen <= 0) return { rate: null, q: null, light: 'none' };
  const rate = executedFen / budgetFen;
  const p = progress ?? timeProgress(asOf, year);
  if (p === 0) return { rate, q: null, light: 'none' };
  const q = rate / p;
  // FASP2 预算执行预警: q < 60% red, < 80% yellow, else green (no blue for spending).
  const x = clean(q);
  return { rate, q, light: x < 0.6 ? 'red' : x < 0.8 ? 'yellow' : 'green' };
}

/** budgetLight(9 万元, 20 万元, '2022-07-31', 2022) → 'yellow' (domain.md §3.5) */
export function budgetLight(executedFen: Fen, budgetFen: Fen, asOf: IsoDate, year: number): Light {
  return budgetExecution(executedFen, budgetFen, asOf, year).light;
}
